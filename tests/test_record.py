import dataclasses
import datetime as dt
import json

import pytest

from geo.record import FIELDS, Event, make_event_id
from tests.conftest import make_event

DESIGN_FIELDS = [
    "event_id", "event_date", "date_precision", "date_text", "event_type", "sub_event_type",
    "actor1", "actor2", "actor1_country", "actor2_country", "location", "latitude",
    "longitude", "geo_precision", "admin1", "country", "country_code", "fatalities",
    "evidence", "source", "source_url", "article_id", "published", "origin", "confidence",
]


def test_record_has_every_field_named_in_the_design():
    assert set(DESIGN_FIELDS) <= set(FIELDS)


def test_record_is_frozen():
    e = make_event()
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.location = "Aleppo"


def test_to_dict_is_json_ready_and_round_trips():
    e = make_event(published=dt.date(2020, 2, 29), fatalities=3)
    d = json.loads(json.dumps(e.to_dict()))
    assert d["event_date"] == "2020-02-29"
    assert d["fatalities"] == 3
    assert Event.from_dict(d) == e


def test_from_dict_reads_blank_csv_cells_as_empty():
    d = {k: ("" if v is None else v) for k, v in make_event(fatalities=None).to_dict().items()}
    e = Event.from_dict(d)
    assert e.fatalities is None and e.event_date == dt.date(2020, 2, 29)


@pytest.mark.parametrize("bad", [
    dict(origin="rumour"), dict(date_precision="fortnight"), dict(geo_precision=4),
    dict(confidence=1.5), dict(latitude=None), dict(latitude=95.0), dict(fatalities=-1),
])
def test_invalid_records_fail_at_construction(bad):
    with pytest.raises(ValueError):
        make_event(**bad)


def test_event_id_is_stable_and_depends_on_the_span():
    assert make_event_id("art", 10, 20) == make_event_id("art", 10, 20)
    assert make_event_id("art", 10, 20) != make_event_id("art", 10, 21)
    assert make_event_id("art", 10, 20) != make_event_id("other", 10, 20)
