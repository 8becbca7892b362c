"""Session-10 classes of the non-English profiles (issue 16), on short invented articles:
a weekday that is a dateline's city (Persian "دوشنبه": Dushanbe), things named after a
city ("processus de", "формат"), a capital's denial, a two-letter Russian stem ("Оша"),
adjectival town names in their case ("у Кропивницькому"), a region's adjective that is no
surname, the Arabic possessive "ه" ("منزله" is no "منزلة"), the Persian agent noun
("تجمع‌کنندگان"), "shot dead" words, a French claim retelling the event told and a town
taken without a fight."""

from __future__ import annotations

import datetime as dt

import pytest

from langtext import events_in, gaz  # noqa: F401  (gaz is a fixture)

MONDAY = dt.date(2027, 2, 8)


def where(events):
    return [(e.event_type, e.location, e.event_date) for e in events]


@pytest.mark.gazetteer
def test_a_weekday_in_the_dateline_slot_is_the_city(gaz):
    text = "دوشنبه (رادیو آسیا) - کارگران یک کارخانه نساجی در تهران تجمع کردند."
    events = events_in(gaz, "fa", text)
    assert [e.location for e in events] == ["Tehran"], where(events)
    assert events[0].event_date != MONDAY, where(events)  # no Monday in this article


@pytest.mark.gazetteer
def test_the_weekday_elsewhere_stays_a_day_and_no_city(gaz):
    events = events_in(gaz, "fa", "کارگران یک کارخانه نساجی روز دوشنبه در تهران تجمع کردند.")
    assert where(events) == [("Protests", "Tehran", MONDAY)]


@pytest.mark.gazetteer
@pytest.mark.parametrize("lang,text,place", [
    ("fr", "Des centaines de personnes ont manifesté samedi à Gao contre le processus de Niamey.",
     "Gao"),
    ("ru", "В субботу сотни жителей Курска вышли на митинг против формата Минск.", "Kursk"),
])
def test_a_thing_named_after_a_city_places_nothing(gaz, lang, text, place):
    events = events_in(gaz, lang, text)
    assert [e.location for e in events] == [place], where(events)


@pytest.mark.gazetteer
def test_a_capital_denying_accusations_is_a_statement(gaz):
    text = ("Во вторник в Курске полиция задержала двух студентов. "
            "Минск отвергает обвинения в давлении, тогда как Вильнюс назвал задержание провокацией.")
    events = events_in(gaz, "ru", text)
    assert [e.location for e in events] == ["Kursk"], where(events)


@pytest.mark.gazetteer
def test_a_two_letter_stem_in_its_case(gaz):
    events = events_in(gaz, "ru", "Сотни жителей Оша вышли в понедельник на митинг у здания мэрии.")
    assert where(events) == [("Protests", "Osh", MONDAY)]


@pytest.mark.gazetteer
@pytest.mark.parametrize("lang,text", [
    ("uk", "У понеділок у Кропивницькому поліція затримала двох чоловіків."),
    ("ru", "В понедельник в Кропивницком полиция задержала двух мужчин."),
])
def test_an_adjectival_town_in_its_case(gaz, lang, text):
    events = events_in(gaz, lang, text)
    assert [e.location for e in events] == ["Kropyvnytskyi"], where(events)


@pytest.mark.gazetteer
def test_a_region_adjective_after_a_town_is_no_surname(gaz):
    text = "У неділю дрони атакували склад у місті Новозибков Брянської області."
    events = events_in(gaz, "uk", text)
    assert [e.location for e in events] == ["Novozybkov"], where(events)


@pytest.mark.gazetteer
def test_a_noun_with_a_possessive_is_no_place(gaz):
    events = events_in(gaz, "ar", "اغتال مسلحون مجهولون يوم الأحد رجلا أمام منزله في حي الشعار.")
    assert [e.event_type for e in events] == ["Violence against civilians"], where(events)
    assert events[0].location != "Al Manzalah", where(events)


@pytest.mark.gazetteer
def test_the_persian_agent_noun_is_no_protest_of_its_own(gaz):
    text = "تجمع‌کنندگان هشدار دادند که اعتراض‌های خود را به تهران خواهند کشاند."
    assert events_in(gaz, "fa", text) == []


@pytest.mark.gazetteer
@pytest.mark.parametrize("lang,text,place", [
    ("ru", "В Махачкале в субботу неизвестные застрелили полицейского.", "Makhachkala"),
    ("ar", "قتل شاب برصاص مسلحين مجهولين في مدينة درعا يوم السبت.", "Dar‘ā"),
])
def test_shot_dead_is_an_attack(gaz, lang, text, place):
    events = events_in(gaz, lang, text)
    assert [(e.event_type, e.event_date) for e in events] == [
        ("Violence against civilians", dt.date(2027, 2, 6))], where(events)
    assert place.replace("‘", "") in events[0].location.replace("‘", "").replace("'", ""), \
        where(events)


@pytest.mark.gazetteer
def test_a_claim_retelling_the_event_told_is_no_second_event(gaz):
    text = ("Une frappe de drone a touché mardi un campement près de Kidal. "
            "L'armée affirme avoir « neutralisé des terroristes ».")
    events = events_in(gaz, "fr", text)
    assert [e.event_type for e in events] == ["Explosions/Remote violence"], where(events)


@pytest.mark.gazetteer
def test_a_town_taken_without_a_fight(gaz):
    text = "Les soldats maliens ont repris dimanche le contrôle de Kidal sans combat."
    events = events_in(gaz, "fr", text)
    assert [e.event_type for e in events] == ["Strategic developments"], where(events)


@pytest.mark.gazetteer
def test_a_persian_city_demonym_places_nothing(gaz):
    # as English demonyms of towns: "اصفهانی" (from Isfahan) describes people, not a place
    events = events_in(gaz, "fa", "کشاورزان اصفهانی روز یکشنبه در تهران تجمع کردند.")
    assert [e.location for e in events] == ["Tehran"], where(events)
