"""Start the dashboard warm: ``python -m geo serve [streamlit options]``.

``streamlit run dashboard.py`` does nothing until the first browser connects; then the
first run imports pandas, folium and the pages' code (about 2 s) and loads the store's
snapshot (0.3–1 s at a million events) while the analyst waits. Here the same server is
started with a warm-up thread beside it that does both at once, while the browser is
still loading Streamlit's own scripts: the first map appears that much sooner. The
warm-up only reads; an empty store is left for the page's first start (the demo import,
with its spinner).
"""

from __future__ import annotations

import importlib
import logging
import threading
import time
from pathlib import Path

__all__ = ["WARM_MODULES", "serve", "warm_up"]

DASHBOARD = Path(__file__).resolve().parents[2] / "dashboard.py"

# what the map page's first run imports (dashboard.py and its map_page), except
# streamlit_folium: a component imported outside a script run serves an empty frame
WARM_MODULES = (
    "pandas", "pyarrow", "folium",
    "geo.filters", "geo.store_incidents", "geo.selection", "geo.snapshot", "geo.credits",
    "geo.ui.data", "geo.ui.notices", "geo.ui.permalink", "geo.ui.shared", "geo.ui.sidebar",
    "geo.ui.watchlists", "geo.ui.details", "geo.ui.playback",
    "geo.map.aggregate", "geo.map.builder", "geo.map.permalink_layer",
)

_log = logging.getLogger(__name__)


def warm_up(*, load_data: bool = True) -> list[str]:
    """Import what the first run needs and load the store's events into the process's
    cache (the one :func:`geo.ui.data.load_events` serves). Returns what was warmed;
    a failure is logged and left for the page to report."""
    done = []
    if not _runtime_started():
        _log.warning("warm-up: the Streamlit runtime did not start; nothing warmed")
        return done
    for name in WARM_MODULES:
        try:
            importlib.import_module(name)
            done.append(name)
        except Exception as exc:  # noqa: BLE001 - the page will say it properly
            _log.warning("warm-up: cannot import %s: %s", name, exc)
    if load_data:
        # outside a script run Streamlit warns that there is no ScriptRunContext; the
        # process-wide cache_resource it fills is the same
        quiet = logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context")
        level = quiet.level
        quiet.setLevel(logging.ERROR)
        try:
            from geo.ui import data

            if data.get_store().count_events() > 0:
                data.load_events()
                done.append("events")
        except Exception as exc:  # noqa: BLE001
            _log.warning("warm-up: cannot load the events: %s", exc)
        finally:
            quiet.setLevel(level)
    return done


def _runtime_started(timeout_s: float = 60.0) -> bool:
    """Wait until Streamlit's runtime exists (its caches and configuration are the
    ones the pages will use), before anything is imported or loaded."""
    from streamlit.runtime import Runtime

    deadline = time.monotonic() + timeout_s
    while not Runtime.exists():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def serve(streamlit_args: list[str]) -> None:
    """``streamlit run dashboard.py STREAMLIT_ARGS`` with :func:`warm_up` beside it."""
    from streamlit.web import cli as streamlit_cli

    threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    streamlit_cli.main.main(args=["run", str(DASHBOARD), *streamlit_args],
                            prog_name="streamlit")
