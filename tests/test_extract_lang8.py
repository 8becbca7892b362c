"""Session-8 classes of the non-English profiles (issue 16), on short invented articles:
a dateline that carries its date ("МОСКВА, 13 января —") is where the reporter is, not an
event place; an arrest with a beating or torture is violence against civilians; a threat
or a condition ("تهدید کرده‌اند که اگر ...", "пригрозили ...", "إذا ...") and the Persian
future ("... خواهند زد") are no event; rioting words (set fire, broke windows, stones)
and executions in Arabic and Persian."""

from __future__ import annotations

import math

import pytest

from langtext import events_in, gaz  # noqa: F401  (gaz is a fixture)
from geo.articles import find_dateline
from geo.extract.language import profile_for
from geo.extract.language_places import dateline_follows, find_places
from geo.extract.language import match_text

def _km(a, b) -> float:
    (la1, lo1), (la2, lo2) = a, b
    x = math.radians(lo2 - lo1) * math.cos(math.radians((la1 + la2) / 2))
    return 6371 * math.hypot(x, math.radians(la2 - la1))


def _near(gaz, event, place) -> bool:
    wants = gaz.geocode(place, exactly_one=False) or []
    return event.latitude is not None and any(
        _km((event.latitude, event.longitude), (w.latitude, w.longitude)) < 20 for w in wants)


@pytest.mark.parametrize("lang,text,dated", [
    ("ru", "МОСКВА, 10 февраля — Удар по городу", True),
    ("ru", "САМАРА, 10 февраля. /ТАСС/. Удар по городу", True),
    ("uk", "ОДЕСА, 10 лютого (Укрінформ) — Удар по місту", True),
    ("ar", "دمشق، 10 شباط - قصف على المدينة", True),
    ("ru", "Москва, Тверская улица — вот где", False),  # no date phrase after the comma
    ("ru", "Самара. Удар по городу", False),  # a full stop alone after a name is no dateline
])
def test_a_dateline_may_carry_its_date_before_the_dash(lang, text, dated):
    profile = profile_for(lang)
    low = match_text(lang, text)
    end = len(text.split(",")[0].split(".")[0].split("،")[0])
    assert dateline_follows(low, end, profile) is dated


def test_the_dated_dateline_name_is_nonlocative():
    ru = find_places("МОСКВА, 10 февраля — В воскресенье Курск подвергся атаке.", profile_for("ru"))
    assert [(m.lookup, m.role) for m in ru][:1] == [("Moscow", "nonlocative")]
    assert "dateline" in ru[0].why


def test_a_latin_dateline_with_a_day_and_month_is_a_dateline():
    assert find_dateline("NIAMEY, 10 février (AFP) - Des combats ont eu lieu.") == "Niamey"
    assert find_dateline("DAKAR, 9 janvier 2027 — Des heurts ont éclaté.") == "Dakar"
    assert find_dateline("ABIDJAN, 1er mars (AFP) - Un convoi a été attaqué.") == "Abidjan"  # ordinal
    assert find_dateline("LONDON, 2nd March (Reuters) - Police said.") == "London"
    assert find_dateline("Hier, 12 soldats - un bilan lourd.") is None  # no capital place word


@pytest.mark.gazetteer
@pytest.mark.parametrize("lang,text,etype,place", [
    ("ru", "МОСКВА, 10 февраля — В воскресенье беспилотники атаковали Курск, повреждены "
           "два склада.", "Explosions/Remote violence", "Kursk"),
    ("uk", "КИЇВ, 10 лютого — У неділю ворог завдав ракетного удару по Полтаві, "
           "зруйновано склад.", "Explosions/Remote violence", "Poltava"),
    ("fr", "BAMAKO, 10 février (AFP) - De violents combats ont opposé dimanche l'armée à "
           "des jihadistes près de Ségou.", "Battles", "Ségou"),
])
def test_a_dated_dateline_makes_no_second_event(gaz, lang, text, etype, place):
    events = events_in(gaz, lang, text)
    assert [e.event_type for e in events] == [etype], [e.location for e in events]
    assert _near(gaz, events[0], place), events[0].location
    assert str(events[0].event_date) == "2027-02-07"


@pytest.mark.gazetteer
@pytest.mark.parametrize("lang,text", [
    ("uk", "У понеділок у Херсоні окупанти затримали та побили двох волонтерів."),
    ("ru", "В понедельник в Курске силовики задержали и избили двух активистов."),
    ("fr", "Lundi, à Gao, des militaires ont arrêté et passé à tabac deux commerçants."),
    ("ar", "اعتقلت قوات الأمن يوم الاثنين شابين في مدينة حمص وتعرضا للتعذيب."),
    ("fa", "روز دوشنبه ماموران دو جوان را در شهر زاهدان بازداشت کردند و آنها را شکنجه کردند."),
])
def test_an_arrest_with_a_beating_or_torture_is_violence_against_civilians(gaz, lang, text):
    events = events_in(gaz, lang, text)
    assert [(e.event_type, e.sub_event_type) for e in events] == \
        [("Violence against civilians", "Attack")], [e.triggers for e in events]


@pytest.mark.gazetteer
@pytest.mark.parametrize("lang,text", [
    ("uk", "У понеділок у Херсоні окупанти затримали двох волонтерів."),
    ("ru", "В понедельник в Курске силовики задержали двух активистов."),
])
def test_an_arrest_alone_stays_an_arrest(gaz, lang, text):
    assert [e.sub_event_type for e in events_in(gaz, lang, text)] == ["Arrests"]


@pytest.mark.gazetteer
@pytest.mark.parametrize("lang,text", [
    ("fa", "کشاورزان اصفهان تهدید کرده‌اند که اگر حقابه آنها داده نشود، هفته بعد در برابر "
           "استانداری تجمع خواهند کرد."),
    ("fa", "رانندگان کامیون در شهر تبریز از شنبه آینده دست به اعتصاب خواهند زد."),
    ("ar", "هددت نقابة المعلمين في مدينة الموصل بأنها ستنظم اعتصاما مفتوحا إذا لم تصرف الرواتب."),
    ("ru", "Жители Самары пригрозили, что выйдут на митинг, если тарифы не снизят."),
    ("uk", "Мешканці Рівного погрожують, що вийдуть на протест, якщо місто не відремонтує дорогу."),
    ("fr", "Les syndicats de Niamey ont menacé de lancer une grève et des manifestations la "
           "semaine prochaine."),
])
def test_a_threat_or_a_condition_makes_no_event(gaz, lang, text):
    assert events_in(gaz, lang, text) == []


@pytest.mark.gazetteer
def test_the_riot_before_a_threat_is_kept_and_the_threat_dropped(gaz):
    events = events_in(gaz, "fa", "معترضان در شهر اراک روز یکشنبه شیشه‌های یک بانک را شکستند. "
                                "کارگران نیز تهدید کرده‌اند که اگر حقوقشان پرداخت نشود، "
                                "دست به اعتصاب خواهند زد.")
    assert [(e.event_type, str(e.event_date)) for e in events] == [("Riots", "2027-02-07")]
    assert _near(gaz, events[0], "Arak")


@pytest.mark.gazetteer
@pytest.mark.parametrize("lang,text,etype,place", [
    ("ar", "أضرم محتجون غاضبون النار في مبنى البلدية بمدينة الكوت يوم الأحد.", "Riots", "Kut"),
    ("ar", "رشق شبان عناصر قوات الأمن بالحجارة في مدينة العمارة يوم الأحد.", "Riots", "Amarah"),
    ("fa", "روز یکشنبه معترضان در شهر اراک سطل‌های زباله را به آتش کشیدند.", "Riots", "Arak"),
    ("fa", "روز یکشنبه اغتشاش در شهر ایذه ادامه داشت.", "Riots", "Izeh"),
    ("ar", "أعدم مسلحون مجهولون يوم الأحد ثلاثة رعاة في ريف مدينة حماة.",
     "Violence against civilians", "Hama"),
])
def test_rioting_and_execution_words(gaz, lang, text, etype, place):
    events = events_in(gaz, lang, text)
    assert [e.event_type for e in events] == [etype], [e.triggers for e in events]
    assert _near(gaz, events[0], place), events[0].location


def test_a_trigger_pattern_with_an_upper_case_escape_is_refused(tmp_path):
    # the trigger alternation is matched lower-cased: "\S" would silently become "\s"
    from geo.errors import InputError
    from geo.extract.lexicon import load_triggers
    path = tmp_path / "triggers.csv"
    path.write_text("pattern,event_type,sub_event_type,weight,notes\n"
                    "broke\\S* windows,Riots,Violent demonstration,8,\n", encoding="utf-8")
    with pytest.raises(InputError, match="upper-case escape"):
        load_triggers(path)
    path.write_text("pattern,event_type,sub_event_type,weight,notes\n"
                    "broke[^\\s]* windows,Riots,Violent demonstration,8,\n", encoding="utf-8")
    assert [t.pattern for t in load_triggers(path)] == ["broke[^\\s]* windows"]


# -- after fresh13's blind run ------------------------------------------------------------------
@pytest.mark.gazetteer
def test_a_speakers_country_does_not_pick_a_namesake_abroad(gaz):
    # "Лиман" is a town in Ukraine and one in Russia; Moscow only speaks here
    events = events_in(gaz, "uk", "У неділю ворог обстріляв Лиман з артилерії, зруйновано "
                                "школу. Москва заявила про успіхи своїх військ.")
    assert [e.event_type for e in events] == ["Explosions/Remote violence"]
    assert _near(gaz, events[0], "Lyman") and events[0].country == "Ukraine", events[0].location


def test_french_masks_no_function_word_inside_a_hyphenated_name():
    from geo.extract.language_places import PlaceFinder
    text = "Dimanche, à Port-au-Prince et au Cap."
    spans = [text[a:b] for a, b in PlaceFinder(profile_for("fr")).masked(text)]
    assert "Dimanche" in spans and spans.count("au") == 1  # "au Cap", not "Port-au-Prince"


@pytest.mark.gazetteer
def test_a_french_name_with_a_lower_case_part_is_found(gaz):
    events = events_in(gaz, "fr", "Jeudi, des affrontements ont opposé la police à des gangs "
                                "à Port-au-Prince.")
    assert [e.event_type for e in events] == ["Battles"]
    assert _near(gaz, events[0], "Port-au-Prince"), events[0].location


@pytest.mark.gazetteer
def test_la_veille_is_the_day_before_the_date_told_before(gaz):
    events = events_in(gaz, "fr", "Mardi, des hommes armés ont attaqué un convoi près de Gao. "
                                "La veille, des jihadistes avaient enlevé deux commerçants "
                                "à Ansongo.")
    assert [(e.event_type, str(e.event_date)) for e in events] == [
        ("Battles", "2027-02-09"), ("Violence against civilians", "2027-02-08")]


def test_a_day_after_with_no_date_told_before_counts_from_publication():
    import datetime as dt
    from geo.extract.dates import after_previous
    from geo.extract.language import find_local_dates
    pub = dt.date(2027, 2, 10)
    (veille,) = find_local_dates("La veille, des jihadistes ont attaqué", pub, profile_for("fr"))
    assert veille.date is None and veille.after_days == -1
    assert after_previous(veille, [veille], pub).date is None  # English keeps it unresolved
    assert after_previous(veille, [veille], pub, else_published=True).date == dt.date(2027, 2, 9)


@pytest.mark.gazetteer
@pytest.mark.parametrize("lang,text", [
    ("ar", "نفى الجيش في بيان رسمي صحة الأنباء المتداولة عن وقوع اشتباكات في مدينة درعا يوم الأحد."),
    ("ru", "Власти Курска опровергли появившиеся в соцсетях сообщения о взрывах на окраине города."),
    ("uk", "Влада Сум спростувала поширені в мережі повідомлення про вибухи на околиці міста."),
    ("fr", "Les syndicats ont appelé à une grève générale à Dakar."),
    ("fr", "Les enseignants organiseront une marche à Thiès vendredi prochain."),
])
def test_a_denial_a_call_or_a_future_date_makes_no_event(gaz, lang, text):
    assert events_in(gaz, lang, text) == []


@pytest.mark.gazetteer
@pytest.mark.parametrize("lang,text,etype", [
    ("ru", "В субботу в Хасавюрте боевики открыли огонь по полицейским, ранен один сотрудник.",
     "Battles"),
    ("ru", "В субботу в Хасавюрте неизвестный открыл огонь по прохожим на рынке.",
     "Violence against civilians"),
    ("uk", "У суботу окупанти відкрили вогонь по цивільних автомобілях у Херсоні.",
     "Violence against civilians"),
    ("uk", "У суботу диверсанти відкрили вогонь по блокпосту поблизу Сум.", "Battles"),
    ("fr", "Samedi, des centaines de partisans de l'opposition avaient défilé à Kaolack.",
     "Protests"),
])
def test_opened_fire_and_had_marched(gaz, lang, text, etype):
    assert [e.event_type for e in events_in(gaz, lang, text)] == [etype]
