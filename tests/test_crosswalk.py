"""The crosswalk onto the taxonomy: every target exists, and the codes land where the
issue says they should."""

import pandas as pd
import pytest

from geo import crosswalk as cw
from geo.taxonomy import is_valid


@pytest.mark.parametrize("row", cw.table_rows(), ids=lambda r: f"{r[0]}-{r[1]}")
def test_every_target_is_in_the_taxonomy(row):
    _source, _code, meaning, event_type, sub_type = row
    assert is_valid(event_type, sub_type) and sub_type and meaning


def test_every_cameo_root_is_mapped():
    assert sorted(cw.CAMEO_ROOTS) == [f"{n:02d}" for n in range(1, 21)]


def test_ucdp_types():
    got = cw.ucdp_types(pd.Series(["1", "2", "3", "4", ""]))
    assert got["event_type"].tolist()[:3] == ["Battles", "Battles", "Violence against civilians"]
    assert got["sub_event_type"].tolist()[:3] == ["Armed clash", "Armed clash", "Attack"]
    assert got["event_type"].isna().tolist()[3:] == [True, True]


@pytest.mark.parametrize("code, root, event_type, sub_type, decided_by", [
    ("010", "01", "Diplomacy", "Statement", "01"),
    ("0241", "02", "Diplomacy", "Appeal", "02"),
    ("036", "03", "Diplomacy", "Cooperation pledge", "03"),
    ("042", "04", "Diplomacy", "Meeting or call", "04"),
    ("057", "05", "Diplomacy", "Agreement", "057"),
    ("0871", "08", "Strategic developments", "Agreement", "087"),
    ("100", "10", "Diplomacy", "Demand", "10"),
    ("138", "13", "Diplomacy", "Threat", "13"),
    ("141", "14", "Protests", "Peaceful protest", "14"),
    ("145", "14", "Riots", "Violent demonstration", "145"),
    ("150", "15", "Strategic developments", "Other", "15"),
    ("161", "16", "Diplomacy", "Statement", "16"),
    ("172", "17", "Strategic developments", "Other", "17"),
    ("173", "17", "Strategic developments", "Arrests", "173"),
    ("180", "18", "Violence against civilians", "Attack", "18"),
    ("1823", "18", "Violence against civilians", "Sexual violence", "1823"),
    ("190", "19", "Battles", "Armed clash", "19"),
    ("193", "19", "Battles", "Armed clash", "19"),
    ("194", "19", "Explosions/Remote violence", "Shelling/artillery/missile attack", "194"),
    ("195", "19", "Explosions/Remote violence", "Air/drone strike", "195"),
    ("1951", "19", "Explosions/Remote violence", "Air/drone strike", "195"),
    ("200", "20", "Violence against civilians", "Attack", "20"),
    ("2041", "20", "Explosions/Remote violence", "Chemical weapon", "2041"),
    ("190", "", "Battles", "Armed clash", "19"),  # no root column: from the code
])
def test_cameo_codes(code, root, event_type, sub_type, decided_by):
    got = cw.cameo_types(pd.Series([code]), pd.Series([root])).iloc[0]
    assert (got["event_type"], got["sub_event_type"], got["decided_by"]) == \
        (event_type, sub_type, decided_by)


def test_unknown_cameo_code_maps_to_nothing():
    got = cw.cameo_types(pd.Series(["999", ""]), pd.Series(["99", ""]))
    assert got["event_type"].isna().all()


def test_precision_tables_follow_the_issue():
    assert {k: v[0] for k, v in cw.UCDP_WHERE_PREC.items()} == \
        {"1": 1, "2": 1, "3": 2, "4": 2, "5": 2, "6": 3, "7": 3}
    assert cw.UCDP_DATE_PREC["1"] == "day" and cw.UCDP_DATE_PREC["4"] == "month"
    assert cw.ACLED_TIME_PRECISION == {"1": "day", "2": "week", "3": "month"}
    assert cw.GDELT_GEO_TYPE == {"1": 3, "2": 2, "3": 1, "4": 1, "5": 2}


def test_valid_types_checks_the_sub_type_belongs_to_the_type():
    got = cw.valid_types(pd.Series(["Battles", "Battles", "Battles", "Cyber", "Diplomacy"]),
                         pd.Series(["Armed clash", "Peaceful protest", "", "", "Threat"]))
    assert got.tolist() == [True, False, True, False, True]
