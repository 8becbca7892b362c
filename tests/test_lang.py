"""Language detection and Arabic-script normalisation (geo.lang), on short texts
written for these tests."""

import pytest

from geo.articles import article_from_text
from geo.lang.detect import detect_language, language_of
from geo.lang.normalise import compact, normalise, strip_article

SAMPLES = {
    "ar": ["قال مسؤولون إن غارة جوية استهدفت سوقا في مدينة حلب يوم الأحد.",
           "وأعلنت الشرطة أن ثلاثة أشخاص قتلوا في انفجار عبوة ناسفة على طريق المطار.",
           "تظاهر المئات في ساحة المدينة بعد صلاة الجمعة للمطالبة بالإفراج عن المعتقلين."],
    "fa": ["به گزارش خبرگزاری، یک انفجار در شهر زاهدان رخ داد و دو نفر کشته شدند.",
           "معترضان روز شنبه در خیابان‌های مشهد تجمع کردند و پلیس آنها را پراکنده کرد.",
           "این حمله دیروز در نزدیکی مرز انجام شد که سه سرباز را زخمی کرد."],
    "ru": ["В воскресенье в Харькове в результате обстрела погибли два человека, сообщили власти.",
           "Беспилотник атаковал нефтебазу в Белгородской области, пожар был потушен.",
           "Сотни людей вышли на митинг в центре города, полиция задержала несколько человек."],
    "uk": ["У неділю внаслідок обстрілу Херсона загинули двоє людей, повідомила обласна влада.",
           "Ворожий дрон атакував енергетичний об'єкт у Дніпрі, пожежу вже ліквідовано.",
           "Сотні людей вийшли на акцію протесту в центрі міста та вимагали відставки мера."],
    "fr": ["Dimanche, une attaque contre un poste de l'armée a fait cinq morts près de Gao.",
           "Les manifestants se sont rassemblés devant la mairie pour dénoncer la hausse des prix.",
           "Un engin explosif a visé un convoi militaire sur la route de Ménaka, selon une source locale."],
    "en": ["Two people were killed on Sunday when a drone struck a market in the north of the city.",
           "Protesters gathered outside the ministry to demand the release of the detained students.",
           "The army said it had repelled an attack on a checkpoint near the border town."],
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_each_sample_is_detected_as_its_language(lang):
    for text in SAMPLES[lang]:
        assert detect_language(text) == lang, text


def test_front_matter_wins_over_detection_and_regional_tags_are_reduced():
    assert language_of({"language": "uk"}, SAMPLES["ru"][0]) == ("uk", "front matter")
    assert language_of({"language": "fr-FR"}, "x") == ("fr", "front matter")
    assert language_of({"language": "xx"}, SAMPLES["fa"][0]) == ("fa", "detected")


def test_article_carries_its_language():
    assert article_from_text(SAMPLES["ar"][0]).language == "ar"
    assert article_from_text(SAMPLES["ru"][0], metadata={"language": "uk"}).language == "uk"
    assert article_from_text(SAMPLES["en"][0]).language == "en"


def test_persian_with_few_distinctive_letters_still_goes_by_stopwords():
    assert detect_language("این خبر از تهران است") == "fa"
    assert detect_language("هذا الخبر من دمشق") == "ar"


def test_normalise_keeps_length_and_merges_variants():
    for text in ["إدلب", "الرَّقَّة", "كـــرج", "یک روز", "مؤسسة ٣ و ۴"]:
        assert len(normalise(text)) == len(text)
    assert normalise("إدلب") == normalise("ادلب")
    assert normalise("کرج") == normalise("كرج")
    assert normalise("ایران") == normalise("ايران")
    assert compact("الرَّقَّة") == compact("الرقة") == "الرقه"
    assert normalise("٣ و ۴") == "3 و 4"


def test_strip_article_only_takes_a_prefix_before_a_real_word():
    assert strip_article(compact("الرقة")) == "رقه"
    assert strip_article(compact("والرقة")) == "رقه"
    assert strip_article(compact("للرقة")) == "رقه"
    assert strip_article("الي") == "الي"  # too short to be article + name
    assert strip_article(compact("حلب")) == "حلب"


def test_cyrillic_text_without_ukrainian_letters_is_russian():
    # no ы/э/ё/ъ either, and "у" (a Ukrainian function word) in it: still Russian
    text = "Российская авиация нанесла удар по складу у границы в пятницу, сообщило министерство."
    assert detect_language(text) == "ru"
    # a short Ukrainian phrase without і/ї/є is left to the function words
    assert detect_language("Вчора у Харкові та Сумах") == "uk"


@pytest.mark.parametrize("solar,gregorian", [
    ((1403, 1, 1), (2024, 3, 20)),  # Nowruz of a year after a leap year
    ((1404, 1, 1), (2025, 3, 21)),
    ((1399, 12, 30), (2021, 3, 20)),  # the leap day of 1399
    ((1405, 6, 31), (2026, 9, 22)),  # the last 31-day month
    ((1405, 7, 1), (2026, 9, 23)),
])
def test_solar_hijri_days_to_gregorian(solar, gregorian):
    import datetime as dt

    from geo.lang.calendar import solar_to_gregorian, solar_year_of
    assert solar_to_gregorian(*solar) == dt.date(*gregorian)
    assert solar_year_of(dt.date(*gregorian)) == solar[0]


def test_no_day_31_in_the_autumn_months():
    from geo.lang.calendar import solar_to_gregorian
    with pytest.raises(ValueError):
        solar_to_gregorian(1405, 8, 31)
