"""Session-9 classes of the non-English profiles (issue 16), on short invented articles:
a Persian background phrase written with a ZWNJ ("سال‌های گذشته"), a Persian condition
("در صورت"), plans told in the past in Russian and Ukrainian, and the French market
("au marché de") that is no protest march."""

from __future__ import annotations

import pytest

from langtext import events_in, gaz  # noqa: F401  (gaz is a fixture)


@pytest.mark.gazetteer
@pytest.mark.parametrize("lang,text", [
    ("fa", "در سال‌های گذشته درگیری میان نیروهای امنیتی و شورشیان در زاهدان رخ داده است."),
    ("fa", "کارگران هشدار دادند که در صورت بی‌توجهی مسئولان، تجمع‌های خود را به تهران خواهند برد."),
    ("uk", "За даними слідства, затриманий планував коригувати ракетні удари по Харкову."),
])
def test_history_conditions_and_past_plans_are_no_events(gaz, lang, text):
    assert events_in(gaz, lang, text) == []


@pytest.mark.gazetteer
def test_a_market_is_no_march(gaz):
    text = "Trois paysans qui se rendaient au marché de Kaya ont été enlevés mardi par des hommes armés."
    events = events_in(gaz, "fr", text)
    assert [e.event_type for e in events] == ["Violence against civilians"], events
    assert events_in(gaz, "fr", "Mardi, une marche a réuni des centaines de personnes à Kaya.")[0].event_type == "Protests"
