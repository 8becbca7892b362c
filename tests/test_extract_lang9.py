"""Session-9 classes of the non-English profiles (issue 16), on short invented articles:
"накануне"/"напередодні" are the day before the date told before; a day of the month told
alone ("le 9", "9-го"); Arabic clitics on any event word ("للقصف", "والاشتباكات"); cue
phrases of several words ("قصد دارند"); the French conditional ("-rait"), the Russian
"бы"; calls and denials; wire-news wordings added per language."""

from __future__ import annotations

import datetime as dt

import pytest

from langtext import events_in, gaz  # noqa: F401  (gaz is a fixture)
from geo.extract.language import find_local_dates, match_text, profile_for
from geo.extract.triggers import find_triggers

def _types(lang, text):
    profile = profile_for(lang)
    return [h.sub_event_type for h in find_triggers(match_text(lang, text), profile.lexicon)]


@pytest.mark.gazetteer
@pytest.mark.parametrize("lang,text", [
    ("ru", "В воскресенье в Белгороде прогремел взрыв. Накануне беспилотники атаковали Курск."),
    ("uk", "У неділю в Херсоні пролунав вибух. Напередодні дрони атакували Одесу."),
])
def test_nakanune_is_the_day_before_the_date_told_before(gaz, lang, text):
    dates = sorted(str(e.event_date) for e in events_in(gaz, lang, text))
    assert dates == ["2027-02-06", "2027-02-07"], dates


@pytest.mark.parametrize("lang,text,day", [
    ("fr", "Le 9, des combats ont eu lieu.", "2027-02-09"),
    ("fr", "Le 25, une embuscade.", "2027-01-25"),  # later than publication: the month before
    ("ru", "9-го числа произошёл взрыв.", "2027-02-09"),
    ("uk", "Вибух стався 9-го.", "2027-02-09"),
])
def test_a_day_of_the_month_told_alone(lang, text, day):
    dates = find_local_dates(text, dt.date(2027, 2, 10), profile_for(lang))
    assert [str(d.date) for d in dates] == [day]


def test_a_day_with_its_month_is_read_once():
    dates = find_local_dates("Le 9 novembre, des combats.", dt.date(2027, 2, 10), profile_for("fr"))
    assert [(str(d.date), d.text) for d in dates] == [("2026-11-09", "9 novembre")]
    dates = find_local_dates("9-го ноября взрыв.", dt.date(2027, 2, 10), profile_for("ru"))
    assert [str(d.date) for d in dates] == ["2026-11-09"]


@pytest.mark.parametrize("text,sub", [
    ("تعرضت المدينة للقصف", "Shelling/artillery/missile attack"),
    ("تجددت والاشتباكات", "Armed clash"),
    ("قام بالاختطاف", "Abduction/forced disappearance"),
    ("وللاعتقال", "Arrests"),
    ("دعوا للاضراب", "Peaceful protest"),
])
def test_arabic_clitics_on_any_event_word(text, sub):
    assert sub in _types("ar", text)


def test_no_clitic_makes_a_word_of_another_word():
    assert _types("ar", "قالت المصادر") == []


@pytest.mark.gazetteer
@pytest.mark.parametrize("lang,text", [
    ("fa", "کارگران قصد دارند روز شنبه در شهر اراک تجمع کنند."),
    ("uk", "Профспілки мають намір провести протест у Рівному."),
    ("fr", "Selon des sources, les jihadistes attaqueraient Gao dans les prochains jours."),
    ("ru", "Без поддержки ВСУ могли бы атаковать Курск."),
    ("ru", "Губернатор призвал жителей Самары не выходить на митинг."),
    ("uk", "Мер закликав жителів Рівного не виходити на протест."),
    ("fr", "Le gouvernement a démenti toute frappe de drone à Gao."),
    ("ar", "دعت النقابة في مدينة الموصل إلى إضراب عام."),
    ("fa", "کارگران در شهر اراک فراخوان اعتصاب دادند."),
])
def test_plans_conditionals_calls_and_denials_make_no_event(gaz, lang, text):
    assert events_in(gaz, lang, text) == []


@pytest.mark.gazetteer
@pytest.mark.parametrize("lang,text,etype", [
    ("fa", "روز یکشنبه معترضان در شهر اراک مقابل فرمانداری شعار سر دادند.", "Protests"),
    ("ar", "وقعت مواجهات بين محتجين وقوات الأمن في مدينة الكوت يوم الأحد.", "Riots"),
    ("ar", "سقطت قذائف هاون على مدينة حلب يوم الأحد.", "Explosions/Remote violence"),
    ("ru", "В воскресенье в Курске произошла перестрелка между силовиками и боевиками.", "Battles"),
    ("ru", "В воскресенье миномётным огнём был обстрелян Белгород.", "Explosions/Remote violence"),
    ("uk", "У неділю в Херсоні сталася перестрілка з диверсантами.", "Battles"),
    ("uk", "У неділю працівники заводу в Рівному оголосили страйк.", "Protests"),
    ("fr", "Dimanche, deux infirmières ont été enlevées près de Gao.",
     "Violence against civilians"),
    ("fr", "Dimanche, des manifestantes se sont rassemblées à Dakar.", "Protests"),
    ("fr", "Dimanche, des tirs de mortier ont visé Gao.", "Explosions/Remote violence"),
])
def test_wire_news_wordings(gaz, lang, text, etype):
    events = events_in(gaz, lang, text)
    assert [e.event_type for e in events] == [etype], [e.triggers for e in events]
    assert str(events[0].event_date) == "2027-02-07"


@pytest.mark.gazetteer
def test_a_persian_protesters_arrest_stays_the_protest_with_intervention(gaz):
    events = events_in(gaz, "fa", "روز یکشنبه ماموران در شهر اراک ده معترض را بازداشت کردند.")
    assert [e.sub_event_type for e in events] == ["Protest with intervention"]


@pytest.mark.gazetteer
@pytest.mark.parametrize("lang,text", [
    ("ru", "В прошлом месяце в Курске прошли митинги."),
    ("fr", "Le mois dernier, des manifestations ont eu lieu à Dakar."),
    ("ar", "شهدت مدينة الكوت الشهر الماضي مظاهرات."),
])
def test_last_month_is_background(gaz, lang, text):
    assert events_in(gaz, lang, text) == []
