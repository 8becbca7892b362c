"""Session-12 classes of the non-English profiles (issue 16), on short invented articles:
"none recorded" after the event noun (ru/uk "не зафиксировано"), a diplomatic protest note,
stones thrown and a crowd beating or smashing (riots, not protests or attacks), a riot's
target or responder named after the act, ..."""

from __future__ import annotations

import datetime as dt

import pytest

from langtext import events_in, gaz  # noqa: F401  (gaz is a fixture)

WEDNESDAY = dt.date(2027, 2, 10)


def where(events):
    return [(e.event_type, e.location, e.event_date) for e in events]


@pytest.mark.gazetteer
@pytest.mark.parametrize("lang,text", [
    ("ru", "В Курске, по словам губернатора, обстрелов за сутки не зафиксировано."),
    ("ru", "В Белгороде, по данным властей, взрывов за ночь не поступало."),
    ("uk", "У Сумах, за словами мера, обстрілів за добу не зафіксовано."),
])
def test_none_recorded_after_the_event_noun(gaz, lang, text):
    assert where(events_in(gaz, lang, text)) == []


@pytest.mark.gazetteer
@pytest.mark.parametrize("lang,text,place", [
    ("ru", "В среду в Курске полиция задержала двух мужчин. Минск вручил ноту протеста послу.",
     "Kursk"),
    ("uk", "У середу в Сумах поліція затримала двох чоловіків. Київ вручив ноту протесту послу.",
     "Sumy"),
    ("fr", "Mercredi à Gao, la police a arrêté deux hommes. Bamako a adressé une note de "
     "protestation à Paris.", "Gao"),
])
def test_a_protest_note_is_no_protest(gaz, lang, text, place):
    events = events_in(gaz, lang, text)
    assert [(e.event_type, e.location) for e in events] == [
        ("Strategic developments", place)], where(events)


@pytest.mark.gazetteer
@pytest.mark.parametrize("lang,text,place", [
    ("fa", "روز چهارشنبه در شیراز گروهی از جوانان معترض با پرتاب سنگ به سوی ماموران خیابان را "
     "بستند.", "Shiraz"),
    ("uk", "У середу в Сумах натовп чоловіків оточив автобус, розбив вікна та побив водія.",
     "Sumy"),
    ("ru", "В среду в Курске толпа местных жителей окружила машину, разбила стекла и избила "
     "двух полицейских.", "Kursk"),
    ("fr", "Mercredi à Gao, une foule en colère a lynché un homme accusé de vol.", "Gao"),
])
def test_stones_and_a_crowd_beating_are_a_riot(gaz, lang, text, place):
    events = events_in(gaz, lang, text)
    assert [(e.event_type, e.location) for e in events] == [("Riots", place)], where(events)


@pytest.mark.gazetteer
def test_the_police_named_after_the_stoning_do_not_make_it_property_destruction(gaz):
    text = ("В среду в Курске десятки человек забросали камнями здание отдела полиции, "
            "полицейские применили слезоточивый газ.")
    events = events_in(gaz, "ru", text)
    assert where(events) == [("Riots", "Kursk", WEDNESDAY)]
