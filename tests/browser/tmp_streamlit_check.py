import pytest
from pathlib import Path

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"

@pytest.mark.browser
def test_dashboard_map(page, streamlit_app, tmp_path):
    import os; script = os.environ.get("CHECK_SCRIPT", "dashboard.py")
    base = streamlit_app(env={"DATABASE_URL": f"sqlite:///{tmp_path}/ev.sqlite"}, script=script)
    page.goto(base)
    frame = page.frame_locator('iframe[title*="st_folium"], iframe[title*="streamlit_folium"]').first
    try:
        frame.locator(".leaflet-container").wait_for(timeout=60_000)
        frame.locator(".cm-countries-ready").wait_for(state="attached", timeout=30_000)
        print("markers", frame.locator("path.leaflet-interactive").count())
        print("countries", frame.locator(".leaflet-cmcountries-pane path").count())
    finally:
        page.screenshot(path=str(SHOTS / "tmp_dashboard.png"), full_page=True)
        print("blocked", [(b.url, b.resource_type) for b in page.blocked][:20])
        print("errors", page.unexpected_errors())
        print("iframes", [f.url for f in page.frames])
