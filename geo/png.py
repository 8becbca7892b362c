"""PNG export: a page screenshotted by headless Chromium (Playwright, Debian's
``/usr/bin/chromium``, or ``CONFLICTMAP_CHROMIUM`` — never a downloaded browser).

:func:`render_png` opens the HTML as a ``file://`` page in a viewport of
``width`` × ``height`` CSS pixels at ``scale`` device pixels each, lets no
request leave the machine (except to ``allow_hosts``, e.g. a tile server the
briefing was asked to use), waits until the map has finished drawing (the
``window.cmMapReady`` flag set by :class:`geo.briefing.MapReady`) and takes
the shot: a PNG of ``width*scale`` × ``height*scale`` pixels.

:class:`BrowserPool` keeps one browser for many exports (the warm path). The
Playwright sync API must be driven from the thread that started it, so a pool
owns one worker thread and every call is handed to it: a pool can be shared by
Streamlit's script threads (``st.cache_resource``).
"""

from __future__ import annotations

import concurrent.futures
import os
import tempfile
import threading
import urllib.parse
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geo.errors import ExportError

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ("--headless", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking")
INSTALL_HINT = "install Debian's chromium: apt-get install chromium fonts-dejavu-core"
LOCAL_SCHEMES = ("file", "data", "blob", "about")
DEFAULT_TIMEOUT_S = 30.0
MIN_SIDE, MAX_SIDE = 100, 7680
MAX_SCALE = 4


def _close_at_exit(pool: BrowserPool) -> None:
    """Close ``pool`` when the interpreter exits, *before* concurrent.futures stops
    accepting work (its hook runs after ours: threading runs them last-registered
    first); a plain ``atexit`` hook runs too late and fails with "cannot schedule
    new futures after shutdown"."""
    ref = weakref.ref(pool)

    def close() -> None:
        alive = ref()
        if alive is not None:
            alive.close()

    register = getattr(threading, "_register_atexit", None)
    if register is None:  # not CPython ≥ 3.9
        import atexit

        atexit.register(close)
    else:
        register(close)


def chromium_path() -> str:
    """Debian's Chromium, or ``CONFLICTMAP_CHROMIUM`` when set."""
    return os.environ.get("CONFLICTMAP_CHROMIUM", "").strip() or CHROMIUM


def chromium_problem(executable_path: str | None = None) -> str | None:
    """Why a PNG cannot be made here (None when it can): for pages to say
    before anyone clicks."""
    executable_path = executable_path or chromium_path()
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "PNG export needs the playwright package (pip install -r requirements.txt)"
    if not Path(executable_path).exists():
        return f"PNG export needs Chromium at {executable_path}: {INSTALL_HINT}"
    return None


def _check_size(width: int, height: int, scale: int) -> None:
    for name, value in (("width", width), ("height", height)):
        if not isinstance(value, int) or not MIN_SIDE <= value <= MAX_SIDE:
            raise ValueError(f"{name} must be a whole number of pixels from {MIN_SIDE} to "
                             f"{MAX_SIDE}, not {value!r}")
    if not isinstance(scale, int) or not 1 <= scale <= MAX_SCALE:
        raise ValueError(f"scale must be a whole number from 1 to {MAX_SCALE}, not {scale!r}")


def _allowed(url: str, hosts: Sequence[str]) -> bool:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    host = (parts.hostname or "").lower()
    return parts.scheme in ("http", "https") and any(
        host == h or host.endswith("." + h) for h in hosts)


class BrowserPool:
    """One headless Chromium, launched on first use and reused until :meth:`close`.

    Use it as a context manager, or keep one for the life of a process. Calls
    from any thread are run one at a time on the pool's own thread.
    """

    def __init__(self, *, executable_path: str | None = None,
                 args: Sequence[str] = CHROMIUM_ARGS) -> None:
        self.executable_path = executable_path or chromium_path()
        self.args = list(args)
        self.launches = 0  # how many browsers this pool started (1 while warm)
        self._executor = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="png-browser")
        self._playwright: Any = None
        self._browser: Any = None
        self._closed = False
        self._lock = threading.Lock()
        _close_at_exit(self)

    # -- the public verbs (any thread) ----------------------------------------

    def render(self, html: str, *, width: int, height: int, scale: int = 1,
               allow_hosts: Sequence[str] = (), timeout: float = DEFAULT_TIMEOUT_S,
               kind: str = "png") -> bytes:
        """A PNG (or, ``kind="pdf"``, a one-page PDF) of ``html``; see :func:`render_png`."""
        _check_size(width, height, scale)
        if kind not in ("png", "pdf"):
            raise ValueError(f"kind must be png or pdf, not {kind!r}")
        with self._lock:
            if self._closed:
                raise ExportError("this browser pool is closed")
            future = self._executor.submit(self._render, html, width, height, scale,
                                           tuple(allow_hosts), timeout, kind)
        return future.result()

    def start(self) -> BrowserPool:
        """Launch the browser now (else the first render does)."""
        with self._lock:
            if self._closed:
                raise ExportError("this browser pool is closed")
            future = self._executor.submit(self._ensure_browser)
        future.result()
        return self

    def close(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            try:
                future = self._executor.submit(self._shutdown)
            except RuntimeError:
                # the interpreter is already shutting its executors down: the worker
                # is gone with its browser connection; nothing left to schedule
                self._executor.shutdown(wait=False)
                return
        try:
            future.result(timeout=30)
        finally:
            self._executor.shutdown(wait=True)

    def __enter__(self) -> BrowserPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- on the pool's thread --------------------------------------------------

    def _ensure_browser(self) -> Any:
        if self._browser is not None and self._browser.is_connected():
            return self._browser
        problem = chromium_problem(self.executable_path)
        if problem:
            raise ExportError(problem)
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright

        self._shutdown()
        try:
            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=self.executable_path, args=self.args, headless=True)
        except PlaywrightError as exc:
            self._shutdown()
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise ExportError(f"Chromium at {self.executable_path} did not start ({first}); "
                              f"{INSTALL_HINT}") from None
        self.launches += 1
        return self._browser

    def _shutdown(self) -> None:
        browser, pw = self._browser, self._playwright
        self._browser = self._playwright = None
        for closer in (getattr(browser, "close", None), getattr(pw, "stop", None)):
            if closer is not None:
                try:
                    closer()
                except Exception:  # noqa: BLE001 - already going away; nothing to report
                    pass

    def _render(self, html: str, width: int, height: int, scale: int,
                allow_hosts: tuple[str, ...], timeout: float, kind: str = "png") -> bytes:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        browser = self._ensure_browser()
        ms = timeout * 1000
        with tempfile.TemporaryDirectory(prefix="cm-png-") as tmp:
            path = Path(tmp) / "briefing.html"
            path.write_text(html, encoding="utf-8")
            context = browser.new_context(viewport={"width": width, "height": height},
                                          device_scale_factor=scale)
            try:
                page = context.new_page()
                page.route("**/*", lambda route: route.continue_()
                           if _allowed(route.request.url, allow_hosts) else route.abort())
                page.goto(path.as_uri(), wait_until="load", timeout=ms)
                page.wait_for_selector(".leaflet-container", timeout=ms)
                page.wait_for_selector(".cm-countries-ready", state="attached", timeout=ms)
                page.wait_for_function("window.cmMapReady === true", timeout=ms)
                if kind == "pdf":
                    # Chromium's print of the same frame: one page the frame's size, vector
                    # text; the screen styles (the map is laid out for the screen)
                    page.emulate_media(media="screen")
                    return page.pdf(width=f"{width}px", height=f"{height}px",
                                    print_background=True, page_ranges="1",
                                    margin={"top": "0", "right": "0", "bottom": "0", "left": "0"})
                return page.screenshot(type="png", animations="disabled", timeout=ms)
            except PlaywrightTimeout:
                raise ExportError(f"the map did not finish drawing within {timeout:g} s; "
                                  "nothing was exported") from None
            except PlaywrightError as exc:
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else "error"
                raise ExportError(f"Chromium could not render the page: {first}") from None
            finally:
                try:
                    context.close()
                except PlaywrightError:
                    pass


def render_pdf(html: str, *, width: int, height: int, browser: BrowserPool | None = None,
               allow_hosts: Sequence[str] = (), timeout: float = DEFAULT_TIMEOUT_S) -> bytes:
    """A one-page PDF of ``html`` (``width`` × ``height`` CSS pixels) printed by
    Chromium once the map has finished drawing; errors as :func:`render_png`."""
    return _render_with(html, width=width, height=height, scale=1, browser=browser,
                        allow_hosts=allow_hosts, timeout=timeout, kind="pdf")


def _render_with(html: str, *, width: int, height: int, scale: int,
                 browser: BrowserPool | None, allow_hosts: Sequence[str], timeout: float,
                 kind: str) -> bytes:
    _check_size(width, height, scale)
    if browser is not None:
        return browser.render(html, width=width, height=height, scale=scale,
                              allow_hosts=allow_hosts, timeout=timeout, kind=kind)
    problem = chromium_problem()
    if problem:
        raise ExportError(problem)
    with BrowserPool() as pool:
        return pool.render(html, width=width, height=height, scale=scale,
                           allow_hosts=allow_hosts, timeout=timeout, kind=kind)


def with_dpi(png: bytes, dpi: int) -> bytes:
    """The PNG with a ``pHYs`` chunk saying ``dpi`` (print software sizes it by that)."""
    import struct
    import zlib

    if png[:8] != b"\x89PNG\r\n\x1a\n" or png[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    if not 72 <= dpi <= 1200:
        raise ValueError(f"dpi must be from 72 to 1200, not {dpi!r}")
    ppm = round(dpi / 0.0254)
    body = b"pHYs" + struct.pack(">IIB", ppm, ppm, 1)
    chunk = struct.pack(">I", 9) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    end_of_ihdr = 8 + 4 + 4 + 13 + 4
    rest = png[end_of_ihdr:]
    # drop an existing pHYs (Chromium writes none today)
    out, i = b"", 0
    while i < len(rest):
        n = struct.unpack(">I", rest[i:i + 4])[0]
        if rest[i + 4:i + 8] != b"pHYs":
            out += rest[i:i + 12 + n]
        i += 12 + n
    return png[:end_of_ihdr] + chunk + out


def render_png(html: str, *, width: int, height: int, scale: int = 1,
               browser: BrowserPool | None = None, allow_hosts: Sequence[str] = (),
               timeout: float = DEFAULT_TIMEOUT_S) -> bytes:
    """A ``width*scale`` × ``height*scale`` PNG of ``html`` as Chromium draws it.

    ``browser``: a :class:`BrowserPool` to reuse (warm); without one a browser
    is started and closed for this shot (cold). Raises :class:`ExportError` when
    Chromium is missing, does not start, or the map does not finish drawing
    within ``timeout`` seconds.
    """
    _check_size(width, height, scale)
    if browser is not None:
        return browser.render(html, width=width, height=height, scale=scale,
                              allow_hosts=allow_hosts, timeout=timeout)
    problem = chromium_problem()
    if problem:
        raise ExportError(problem)
    with BrowserPool() as pool:
        return pool.render(html, width=width, height=height, scale=scale,
                           allow_hosts=allow_hosts, timeout=timeout)
