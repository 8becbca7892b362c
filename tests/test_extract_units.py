"""Unit tests of the extraction steps, on the fake gazetteer (fast, no files)."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from fakes import FakeGazetteer
from geo.articles import article_from_text
from geo.errors import InputError
from geo.extract import extract_events
from geo.extract.actors import find_actors
from geo.extract.dates import find_dates
from geo.extract.fatalities import find_fatalities
from geo.extract.lexicon import ACTORS_FILE, default_lexicon, load_lexicon
from geo.extract.mentions import find_mentions
from geo.extract.places import fold_function
from geo.extract.sentences import normalise, split_clauses, split_sentences

SAT = dt.date(2020, 2, 29)  # a Saturday
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def gaz():
    return FakeGazetteer()


def article(text: str, published=SAT, **meta):
    return article_from_text(text, metadata={"published": published, **meta})


def one_date(text, published=SAT):
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


# -- dates ---------------------------------------------------------------------------
@pytest.mark.parametrize("phrase, date, precision", [
    ("on Saturday", dt.date(2020, 2, 29), "day"),        # the publication day itself
    ("on Friday", dt.date(2020, 2, 28), "day"),
    ("last Saturday", dt.date(2020, 2, 22), "day"),
    ("in December", dt.date(2019, 12, 1), "month"),      # the latest December before
    ("In recent days", SAT, "week"),
    ("overnight", dt.date(2020, 2, 28), "day"),          # the night before the report
    ("yesterday", dt.date(2020, 2, 28), "day"),
    ("last month", dt.date(2020, 1, 1), "month"),
    ("three days ago", dt.date(2020, 2, 26), "day"),
    ("on 3 July", dt.date(2019, 7, 3), "day"),            # never after publication
    ("on March 12, 2019", dt.date(2019, 3, 12), "day"),
    ("in 2018", dt.date(2018, 1, 1), "year"),
])
def test_dates_resolve_against_publication(phrase, date, precision):
    d = one_date(f"It happened {phrase}, officials said.")
    assert (d.date, d.precision) == (date, precision)
    assert d.reason


def test_a_year_as_modifier_is_no_date():
    assert find_dates("the offensive violates a 2018 deal with Russia", SAT) == []


def test_dates_after_publication_are_dropped():
    assert find_dates("on 5 May 2020", SAT) == []


def test_without_publication_relative_dates_stay_uncertain():
    d = one_date("on Friday", None)
    assert d.date is None and d.uncertain
    assert one_date("on 3 March 2019", None).date == dt.date(2019, 3, 3)


# -- fatalities ------------------------------------------------------------------------
@pytest.mark.parametrize("text, count", [
    ("The strike hit a factory, killing three workers.", 3),
    ("At least twelve people were killed in the raid.", 12),
    ("The blast killed 5 civilians and wounded 20 others.", 5),
    ("killing five soldiers and two civilians, police said", 7),
    ("The death toll rose to 31 on Monday.", 31),
])
def test_fatalities_stated(text, count):
    assert find_fatalities(text).count == count


@pytest.mark.parametrize("text", [
    "Two soldiers were wounded.", "wounding four people", "three people were injured",
    "fighting over the past three days",
])
def test_wounded_are_not_fatalities(text):
    assert find_fatalities(text) is None


# -- sentences -------------------------------------------------------------------------
def test_sentences_keep_offsets_quotes_and_abbreviations():
    text = ('Officials in the U.S. said so. “We will act,” he said.\n\nA heading line\n\n'
            'Gen. Haftar spoke.')
    sents = split_sentences(text)
    assert [s.text for s in sents if not s.heading] == [
        "Officials in the U.S. said so.", "“We will act,” he said.", "Gen. Haftar spoke."]
    assert all(text[s.start:s.end] == s.text for s in sents)
    quoted = sents[1]
    assert quoted.in_quote(quoted.start + 3) and not quoted.in_quote(quoted.end - 3)
    assert [s.heading for s in sents] == [False, False, True, False]


def test_clauses_split_on_a_new_subject_not_on_a_list():
    s = split_sentences("Turkey has sent thousands of troops into Syria and Erdogan has warned "
                        "of an offensive.")[0]
    assert len(split_clauses(s)) == 2
    s = split_sentences("Rouhani stressed cooperation of Iran, Turkey, and Russia to resolve "
                        "the crisis.")[0]
    assert len(split_clauses(s)) == 1


def test_normalise_keeps_length():
    text = "Recep\xa0Tayyip Erdoğan’s Türkiye"
    assert len(normalise(text)) == len(text)
    assert normalise(text) == "Recep Tayyip Erdogan's Turkiye"


# -- place mentions ---------------------------------------------------------------------
def mentions(text, gaz):
    lex = default_lexicon()
    return {m.text: m for m in find_mentions(
        text, is_known=gaz.is_known_name, fold=fold_function(), masked=[],
        is_country=lambda s: s.lower() in lex.country_by_alias)}


@pytest.mark.parametrize("text, name, role", [
    ("Iran wants to strengthen the Astana process.", "Astana", "nonlocative"),
    ("They met in Astana on Monday.", "Astana", "locative"),
    ("It violated the Sochi agreement.", "Sochi", "nonlocative"),
    ("Fighting raged in Syria's Idlib province.", "Syria", "container"),
    ("Fighting raged in Syria's Idlib province.", "Idlib", "locative"),
    ("Rebels seized Sake, 25 kilometres west of Goma.", "Goma", "nonlocative"),
    ("Moscow said the strike was a response.", "Moscow", "nonlocative"),
    ("Turkey has sent troops into Syria.", "Turkey", "nonlocative"),
    ("Turkey has sent troops into Syria.", "Syria", "locative"),
    ("The crisis in Syria must end.", "Syria", "topic"),
    ("Shells landed in Goma on Tuesday.", "Goma", "locative"),
])
def test_mention_roles(gaz, text, name, role):
    found = mentions(text, gaz)
    assert found[name].role == role, found[name].why


def test_admin_hint_from_type_word(gaz):
    assert mentions("Clashes in Idlib province.", gaz)["Idlib"].hint == "admin"
    assert mentions("in the town of Saraqeb", gaz)["Saraqeb"].hint == "settlement"


# -- actors ------------------------------------------------------------------------------
def actors_of(text):
    return [(a.text, a.actor, a.country) for a in find_actors(normalise(text), default_lexicon())
            if a.kind not in ("country", "demonym")]


def test_surname_resolves_to_the_full_name_seen_in_the_article():
    found = actors_of("Iranian President Rouhani called. Later Hassan Rouhani said more.")
    assert {a for _, a, _ in found} == {"Hassan Rouhani (Iran)"}


def test_titled_person_not_in_the_list_gets_the_country_of_the_title():
    found = actors_of("Libyan spokesman Ahmed Mismari said. Mismari added more.")
    assert ("Ahmed Mismari", "Ahmed Mismari (Libya)", "LBY") in found
    assert ("Mismari", "Ahmed Mismari (Libya)", "LBY") in found


def test_role_resolves_to_the_person_of_that_country():
    found = actors_of("Vladimir Putin spoke. Russia's president then left.")
    assert found[-1][1] == "Vladimir Putin (Russia)"
    assert actors_of("The Syrian government denied it.")[0][1] == "Government of Syria"


@pytest.mark.parametrize("text, actor", [
    ("the Syrian army advanced", "Military Forces of Syria"),
    ("Syrian forces advanced", "Military Forces of Syria"),
    ("Russian missiles struck", "Military Forces of Russia"),
    ("Houthi rebels fired", "Houthi Movement (Ansar Allah)"),
    ("M23 rebels seized the town", "M23: March 23 Movement"),
])
def test_forces_and_groups(text, actor):
    assert actor in {a for _, a, _ in actors_of(text)}


def test_actor_list_is_data_an_analyst_can_extend(tmp_path):
    extra = tmp_path / "actors.csv"
    extra.write_text(ACTORS_FILE.read_text() + "group,Desert Hawks,SYR,Desert Hawks,,\n")
    lex = load_lexicon(actors=extra)
    assert [a.actor for a in find_actors("The Desert Hawks attacked.", lex)] == ["Desert Hawks"]


def test_bad_trigger_file_names_file_and_line(tmp_path):
    bad = tmp_path / "triggers.csv"
    bad.write_text("pattern,event_type,sub_event_type,weight,notes\nshell,Battles,Nonsense,5,\n")
    with pytest.raises(InputError, match=r"triggers.csv, line 2"):
        load_lexicon(triggers=bad)


def test_importing_loads_no_data():
    code = ("import geo.extract, geo.extract.lexicon as L; "
            "print(L.default_lexicon.cache_info().currsize)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "0"


# -- the pipeline ------------------------------------------------------------------------
def test_threat_of_violence_is_diplomacy_not_battle(gaz):
    events = extract_events(article(
        "Erdogan warned that Turkey would launch an offensive in Idlib unless Syrian forces "
        "withdrew."), gaz)
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Diplomacy", "Threat")]


def test_quoted_demands_are_not_events(gaz):
    events = extract_events(article(
        '“Terrorists must be eradicated and their bases shelled,” the minister said.'), gaz)
    assert events == []


def test_dateline_locates_a_call_but_never_overrides_a_named_place(gaz):
    events = extract_events(article(
        "Tehran (IP) - Rouhani held a phone call with Putin on Saturday.\n\n"
        "Syrian forces shelled Saraqeb on Friday, killing two civilians."), gaz)
    call, shelling = events
    assert call.location == "Tehran" and "dateline" in call.geo_reason
    assert shelling.location == "Saraqib" and shelling.fatalities == 2
    assert shelling.event_date == dt.date(2020, 2, 28)


def test_ambiguous_names_follow_the_document(gaz):
    lebanon = extract_events(article(
        "BEIRUT (Cedar) - Lebanese troops clashed with gunmen in Tripoli on Friday."), gaz)
    libya = extract_events(article(
        "Libyan militias clashed in Tripoli on Friday, killing 4 fighters."), gaz)
    assert lebanon[0].country_code == "LBN" and libya[0].country_code == "LBY"


def test_undated_article_still_extracts_with_uncertain_dates(gaz):
    events = extract_events(article("Russian drones struck Odesa on Tuesday.", published=None),
                            gaz)
    assert len(events) == 1
    e = events[0]
    assert e.event_date is None and e.date_uncertain and e.date_text == "on Tuesday"


def test_descriptive_location_resolves_to_its_region(gaz):
    events = extract_events(article(
        "Clashes continued in Idlib province. Turkish troops were deployed to observation posts "
        "in the region on Friday."), gaz)
    deploy = [e for e in events if e.event_type == "Strategic developments"][0]
    assert deploy.location == "Idlib" and deploy.geo_precision == 2
    assert "region" in deploy.geo_reason


def test_ids_are_stable(gaz):
    a = article("Syrian forces shelled Saraqeb on Friday.")
    assert [e.event_id for e in extract_events(a, gaz)] == \
        [e.event_id for e in extract_events(a, gaz)]


# --- generalisation pass (articles 28-33): general rules, each on a fresh sentence ---

def test_background_since_clause_is_not_news(gaz):
    events = extract_events(article(
        "Aid workers returned to Kadugli, which rebels have held since they captured it "
        "in 2019."), gaz)
    assert not [e for e in events if e.event_type == "Battles"]


def test_fled_towards_is_not_where_the_fighting_was(gaz):
    events = extract_events(article(
        "Fighting raged near Rutshuru on Friday, sending families fleeing towards Goma."), gaz)
    assert {e.location for e in events if e.event_type == "Battles"} == {"Rutshuru"}


def test_city_coordinated_with_speakers_is_an_actor(gaz):
    events = extract_events(article(
        "Rebels, who Kinshasa and aid groups say are backed abroad, shelled Beni on Friday."),
        gaz)
    assert {e.location for e in events} == {"Beni"}


def test_adjective_capital_is_the_capital_and_an_agreement_is_one_event(gaz):
    events = extract_events(article(
        "The two sides signed a truce in the Omani capital on Friday covering the city of Taiz."),
        gaz)
    agreements = [e for e in events if e.sub_event_type == "Agreement"]
    assert [(e.location, e.country_code) for e in agreements] == [("Muscat", "OMN")]


def test_protester_shot_dead_is_excessive_force(gaz):
    events = extract_events(article(
        "One protester was shot dead near parliament in Nairobi on Friday."), gaz)
    assert any(e.sub_event_type == "Excessive force against protesters" for e in events)
    assert not [e for e in events if e.event_type == "Violence against civilians"]


def test_met_the_visiting_president_is_a_meeting(gaz):
    events = extract_events(article(
        "The prime minister met the visiting Kenyan president in Kyiv on Friday."), gaz)
    assert [(e.event_type, e.location) for e in events] == [("Diplomacy", "Kyiv")]
