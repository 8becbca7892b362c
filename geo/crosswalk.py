"""The one crosswalk: other datasets' codes onto the taxonomy of :mod:`geo.taxonomy`.

Every table here is data, and a test checks each target against the taxonomy.

UCDP GED ``type_of_violence``
    1 state-based conflict → Battles / Armed clash
    2 non-state conflict   → Battles / Armed clash
    3 one-sided violence   → Violence against civilians / Attack

ACLED ``event_type`` / ``sub_event_type``
    Passed through: the taxonomy *is* ACLED's six types. A type or sub-type the
    taxonomy does not know is a row error, never a guess.

CAMEO (GDELT ``EventCode``, falling back to ``EventRootCode``)
    The most specific code listed wins: the full code (``1823``), then its first
    three digits (``195``), then the root (``19``).

    ====  ================================  ==============================================
    root  CAMEO                             taxonomy (specific codes indented)
    ====  ================================  ==============================================
    01    make public statement             Diplomacy / Statement
    02    appeal                            Diplomacy / Appeal
    03    express intent to cooperate       Diplomacy / Cooperation pledge
    04    consult                           Diplomacy / Meeting or call
    05    engage in diplomatic cooperation  Diplomacy / Cooperation pledge
          057 sign formal agreement           Diplomacy / Agreement
    06    engage in material cooperation    Diplomacy / Cooperation pledge
    07    provide aid                       Diplomacy / Cooperation pledge
    08    yield                             Diplomacy / Agreement
          084 return, release persons         Strategic developments / Agreement
          087 de-escalate (truce, ceasefire)  Strategic developments / Agreement
    09    investigate                       Strategic developments / Other
    10    demand                            Diplomacy / Demand
    11    disapprove                        Diplomacy / Statement
    12    reject                            Diplomacy / Statement
    13    threaten                          Diplomacy / Threat
    14    protest                           Protests / Peaceful protest
          145 protest violently, riot         Riots / Violent demonstration
    15    exhibit force posture             Strategic developments / Other
    16    reduce relations                  Diplomacy / Statement
    17    coerce                            Strategic developments / Other
          171 seize or damage property        Strategic developments / Looting/property
                                              destruction
          173 arrest, detain                  Strategic developments / Arrests
    18    assault                           Violence against civilians / Attack
          181 abduct, take hostage            Violence against civilians / Abduction/forced
                                              disappearance
          1823 sexually assault               Violence against civilians / Sexual violence
          183 suicide, car or other bombing   Explosions/Remote violence / Suicide bomb
          1832 vehicular bombing              Explosions/Remote violence / Remote explosive/…
          1833 roadside bombing               Explosions/Remote violence / Remote explosive/…
    19    fight                             Battles / Armed clash
          194 fight with artillery and tanks  Explosions/Remote violence / Shelling/artillery/…
          195 employ aerial weapons           Explosions/Remote violence / Air/drone strike
    20    use unconventional mass violence  Violence against civilians / Attack
          2041 chemical, biological weapons   Explosions/Remote violence / Chemical weapon
    ====  ================================  ==============================================

    The taxonomy has no "reduce relations", "disapprove" or "reject": they are the
    verbal side of diplomacy, so they go to Diplomacy / Statement. Aid (07) is
    material cooperation, the nearest Diplomacy sub-type is Cooperation pledge.

Precision
    UCDP ``where_prec`` 1–2 → 1 (settlement or point), 3–5 → 2 (admin region or
    area), 6–7 → 3 (country or international waters); ``date_prec`` 1 → day,
    2–3 → week, 4 → month, 5 → year. ACLED ``geo_precision`` 1/2/3 as is;
    ``time_precision`` 1 → day, 2 → week, 3 → month. GDELT ``ActionGeo_Type``
    1 country → 3, 2 US state / 5 world state → 2, 3 US city / 4 world city → 1.
"""

from __future__ import annotations

import pandas as pd

from geo.taxonomy import BY_NAME

__all__ = [
    "ACLED_TIME_PRECISION", "CAMEO_CODES", "CAMEO_ROOTS", "GDELT_GEO_TYPE", "UCDP_CLARITY",
    "UCDP_DATE_PREC", "UCDP_VIOLENCE", "UCDP_WHERE_PREC", "Target",
    "cameo_types", "table_rows", "ucdp_types", "valid_types",
]

Target = tuple[str, str, str]  # (event_type, sub_event_type, what the source code means)

UCDP_VIOLENCE: dict[str, Target] = {
    "1": ("Battles", "Armed clash", "state-based conflict"),
    "2": ("Battles", "Armed clash", "non-state conflict"),
    "3": ("Violence against civilians", "Attack", "one-sided violence"),
}

# where_prec → (geo_precision, what UCDP says the coordinates are)
UCDP_WHERE_PREC: dict[str, tuple[int, str]] = {
    "1": (1, "the exact place"),
    "2": (1, "within about 25 km of a known place"),
    "3": (2, "a second-order administrative division"),
    "4": (2, "a first-order administrative division"),
    "5": (2, "a linear feature or wider area"),
    "6": (3, "the country"),
    "7": (3, "international waters or airspace"),
}
UCDP_DATE_PREC: dict[str, str] = {"1": "day", "2": "week", "3": "week", "4": "month", "5": "year"}
UCDP_CLARITY: dict[str, float] = {"1": 0.9, "2": 0.6}  # event_clarity → confidence
UCDP_DEFAULT_CONFIDENCE = 0.75

ACLED_GEO_PRECISION: dict[str, int] = {"1": 1, "2": 2, "3": 3}
ACLED_TIME_PRECISION: dict[str, str] = {"1": "day", "2": "week", "3": "month"}

GDELT_GEO_TYPE: dict[str, int] = {"1": 3, "2": 2, "3": 1, "4": 1, "5": 2}

CAMEO_ROOTS: dict[str, Target] = {
    "01": ("Diplomacy", "Statement", "make public statement"),
    "02": ("Diplomacy", "Appeal", "appeal"),
    "03": ("Diplomacy", "Cooperation pledge", "express intent to cooperate"),
    "04": ("Diplomacy", "Meeting or call", "consult"),
    "05": ("Diplomacy", "Cooperation pledge", "engage in diplomatic cooperation"),
    "06": ("Diplomacy", "Cooperation pledge", "engage in material cooperation"),
    "07": ("Diplomacy", "Cooperation pledge", "provide aid"),
    "08": ("Diplomacy", "Agreement", "yield"),
    "09": ("Strategic developments", "Other", "investigate"),
    "10": ("Diplomacy", "Demand", "demand"),
    "11": ("Diplomacy", "Statement", "disapprove"),
    "12": ("Diplomacy", "Statement", "reject"),
    "13": ("Diplomacy", "Threat", "threaten"),
    "14": ("Protests", "Peaceful protest", "protest"),
    "15": ("Strategic developments", "Other", "exhibit force posture"),
    "16": ("Diplomacy", "Statement", "reduce relations"),
    "17": ("Strategic developments", "Other", "coerce"),
    "18": ("Violence against civilians", "Attack", "assault"),
    "19": ("Battles", "Armed clash", "fight"),
    "20": ("Violence against civilians", "Attack", "use unconventional mass violence"),
}

CAMEO_CODES: dict[str, Target] = {
    "057": ("Diplomacy", "Agreement", "sign formal agreement"),
    "084": ("Strategic developments", "Agreement", "return, release persons"),
    "087": ("Strategic developments", "Agreement", "de-escalate military engagement"),
    "145": ("Riots", "Violent demonstration", "protest violently, riot"),
    "171": ("Strategic developments", "Looting/property destruction",
            "seize or damage property"),
    "173": ("Strategic developments", "Arrests", "arrest, detain"),
    "181": ("Violence against civilians", "Abduction/forced disappearance",
            "abduct, hijack, take hostage"),
    "1823": ("Violence against civilians", "Sexual violence", "sexually assault"),
    "183": ("Explosions/Remote violence", "Suicide bomb", "suicide, car or other bombing"),
    "1832": ("Explosions/Remote violence", "Remote explosive/landmine/IED", "vehicular bombing"),
    "1833": ("Explosions/Remote violence", "Remote explosive/landmine/IED", "roadside bombing"),
    "194": ("Explosions/Remote violence", "Shelling/artillery/missile attack",
            "fight with artillery and tanks"),
    "195": ("Explosions/Remote violence", "Air/drone strike", "employ aerial weapons"),
    "2041": ("Explosions/Remote violence", "Chemical weapon",
             "use chemical, biological or radiological weapons"),
}


def table_rows() -> list[tuple[str, str, str, str, str]]:
    """Every mapping as (source, code, meaning, event_type, sub_event_type)."""
    rows = [("UCDP type_of_violence", code, t[2], t[0], t[1]) for code, t in UCDP_VIOLENCE.items()]
    rows += [("CAMEO", code, t[2], t[0], t[1]) for code, t in CAMEO_ROOTS.items()]
    rows += [("CAMEO", code, t[2], t[0], t[1]) for code, t in CAMEO_CODES.items()]
    return rows


def _frame_of(keys: pd.Series, table: dict[str, Target]) -> pd.DataFrame:
    looked = keys.map({k: v[0] for k, v in table.items()})
    return pd.DataFrame({
        "event_type": looked,
        "sub_event_type": keys.map({k: v[1] for k, v in table.items()}),
        "meaning": keys.map({k: v[2] for k, v in table.items()}),
    }, index=keys.index)


def ucdp_types(type_of_violence: pd.Series) -> pd.DataFrame:
    """event_type, sub_event_type and meaning per row; NaN where the code is unknown."""
    return _frame_of(type_of_violence.astype(str).str.strip(), UCDP_VIOLENCE)


def cameo_types(event_code: pd.Series, root_code: pd.Series) -> pd.DataFrame:
    """event_type, sub_event_type, meaning and the CAMEO code that decided, per row.

    The most specific listed code wins: 4 digits, then 3, then the root (the
    ``EventRootCode`` column, or the first two digits of ``EventCode``).
    """
    code = event_code.astype(str).str.strip()
    root = root_code.astype(str).str.strip().str.zfill(2)
    root = root.where(root.isin(set(CAMEO_ROOTS)), code.str[:2])
    out = _frame_of(root, CAMEO_ROOTS)
    out["decided_by"] = root
    for width in (3, 4):
        prefix = code.str[:width]
        specific = _frame_of(prefix, CAMEO_CODES)
        hit = specific["event_type"].notna() & (code.str.len() >= width)
        out.loc[hit, ["event_type", "sub_event_type", "meaning"]] = specific.loc[hit]
        out.loc[hit, "decided_by"] = prefix[hit]
    return out


def valid_types(event_type: pd.Series, sub_event_type: pd.Series) -> pd.Series:
    """True where the type is in the taxonomy and the sub-type (if any) belongs to it."""
    pairs = {f"{t.name}\x1f{s}" for t in BY_NAME.values() for s in t.sub_types}
    et = event_type.fillna("").astype(str)
    st = sub_event_type.fillna("").astype(str)
    return et.isin(set(BY_NAME)) & ((st == "") | (et + "\x1f" + st).isin(pairs))
