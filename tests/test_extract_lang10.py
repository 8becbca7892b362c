"""Session-10 classes of the non-English profiles (issue 16), on short invented articles:
Cyrillic names in an oblique case in a further country of the language's news
(countries.csv) and the Ukrainian "ї"/"є" alternation; month abbreviations after a day;
a dateline's date giving way to the sentence's own day; "днём ранее"; Arabic "nothing
recorded" negations and a settlement word after a joined "ل"; French rioters and venues."""

from __future__ import annotations

import datetime as dt

import pytest

from langtext import events_in, gaz  # noqa: F401  (gaz is a fixture)
from geo.extract.language import find_local_dates, match_text, profile_for
from geo.extract.language_places import PlaceFinder, _cyr_nominatives, in_dateline
from geo.extract.mentions import Mention
from geo.extract.triggers import find_triggers

def _types(lang, text):
    profile = profile_for(lang)
    return [h.event_type for h in find_triggers(match_text(lang, text), profile.lexicon)]


def test_further_countries_are_data_and_come_after_the_tables():
    ru = profile_for("ru")
    assert {"ARM", "KGZ", "TJK"} <= ru.wider
    assert not ru.wider & {c for _, c in ru.place_country}  # RUS/UKR stay first


@pytest.mark.gazetteer
@pytest.mark.parametrize("text,event_type,place", [
    ("В субботу сотни жителей Бишкека вышли на главную площадь.", "Protests", "Bishkek"),
    ("В Ереване в воскресенье участники акции подожгли покрышки.", "Riots", "Yerevan"),
])
def test_an_oblique_case_in_a_further_country(gaz, text, event_type, place):
    events = events_in(gaz, "ru", text)
    assert [(e.event_type, e.location) for e in events] == [(event_type, place)], events


@pytest.mark.parametrize("form,nominative", [
    ("Почаєві", "Почаїв"), ("Києва", "Київ"), ("Львова", "Львів")])
def test_ukrainian_i_alternation(form, nominative):
    assert nominative in _cyr_nominatives(form)


@pytest.mark.parametrize("lang,text,day", [
    ("ru", "ОДЕССА, 9 фев — взрыв", "2027-02-09"),
    ("uk", "ОДЕСА, 3 лют — вибух", "2027-02-03"),
    ("fr", "GAO, 8 févr. — une explosion", "2027-02-08"),
    ("fr", "le 20 déc, une explosion", "2026-12-20"),  # later than publication: the year before
])
def test_a_month_abbreviation_after_a_day(lang, text, day):
    dates = find_local_dates(text, dt.date(2027, 2, 10), profile_for(lang))
    assert [str(d.date) for d in dates] == [day]


@pytest.mark.parametrize("lang,text", [
    ("fr", "Sept personnes ont été blessées."),  # seven, not September
    ("ru", "Окт и дек тут не месяцы."),
])
def test_an_abbreviation_alone_is_no_month(lang, text):
    assert find_local_dates(text, dt.date(2027, 2, 10), profile_for(lang)) == []


def test_in_dateline():
    low = match_text("fr", "GAO, 8 février — Une embuscade près de Gao le 7 février.")
    assert in_dateline(low, 5, 15)
    assert not in_dateline(low, low.index("le 7") + 3, low.index("le 7") + 12)


@pytest.mark.gazetteer
def test_a_datelines_date_gives_way_to_the_sentences_day(gaz):
    text = "NIAMEY, 10 février — Des hommes armés ont tendu une embuscade près de Tillabéri samedi."
    assert [str(e.event_date) for e in events_in(gaz, "fr", text)] == ["2027-02-06"]


@pytest.mark.gazetteer
def test_a_datelines_date_still_dates_a_sentence_without_a_day(gaz):
    text = "NIAMEY, 9 février — Des hommes armés ont tendu une embuscade près de Tillabéri."
    assert [str(e.event_date) for e in events_in(gaz, "fr", text)] == ["2027-02-09"]


@pytest.mark.gazetteer
def test_dnyom_ranee_is_the_day_before_the_date_told_before(gaz):
    text = "В субботу в Курске прогремел взрыв. Днём ранее беспилотники атаковали Брянск."
    dates = sorted(str(e.event_date) for e in events_in(gaz, "ru", text))
    assert dates == ["2027-02-05", "2027-02-06"], dates


@pytest.mark.gazetteer
def test_arabic_nothing_recorded_negates_a_few_words_on(gaz):
    assert events_in(gaz, "ar", "لم تسجل حتى الآن أي اشتباكات في مدينة حلب يوم الاثنين.") == []
    # the same words without the negation: a clash
    assert [e.event_type for e in events_in(
        gaz, "ar", "وقعت حتى الآن عدة اشتباكات في مدينة حلب يوم الاثنين.")] == ["Battles"]


@pytest.mark.gazetteer
def test_arabic_settlement_word_after_a_joined_lam(gaz):
    events = events_in(gaz, "ar", "هاجم مسلحون نقطة تفتيش قرب السوق القديم لمدينة مأرب يوم السبت.")
    assert [(e.event_type, e.location) for e in events] == [("Battles", "Ma'rib")]


@pytest.mark.parametrize("text", [
    "des casseurs s'en sont pris aux forces de sécurité",
    "des jeunes ont brûlé des poubelles",
    "plusieurs vitrines brisées",
])
def test_french_rioting_wordings(text):
    assert "Riots" in _types("fr", text)


@pytest.mark.gazetteer
def test_french_bins_burnt_are_riots_not_an_attack(gaz):
    text = "Des manifestants ont défilé samedi à Rennes. Des casseurs ont incendié des poubelles."
    assert sorted(e.event_type for e in events_in(gaz, "fr", text)) == ["Protests", "Riots"]


def test_french_venue_before_de_makes_the_town_locative():
    finder = PlaceFinder(profile_for("fr"))
    text = "Des hommes ont attaqué la gendarmerie de Kantchari jeudi."
    s = text.index("Kantchari")
    m = Mention(s, s + 9, "Kantchari", "", "neutral", "named without a preposition")
    assert finder.speakers(text, [m])[0].role == "locative"
    # a word that names no venue leaves it as it was
    text2 = "Des hommes ont attaqué le chef de Kantchari jeudi."
    s2 = text2.index("Kantchari")
    m2 = Mention(s2, s2 + 9, "Kantchari", "", "neutral", "named without a preposition")
    assert finder.speakers(text2, [m2])[0].role == "neutral"
