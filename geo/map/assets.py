"""The map's JavaScript/CSS assets, served from ``static/`` instead of CDNs.

folium writes CDN links into every map page (Leaflet, jQuery, Bootstrap,
Font Awesome, awesome-markers, glyphicons, and each plugin's own). This module
holds the table from those CDN URLs to the files vendored under ``static/``
(see ``static/README.md``) and points a map's links at them:

- ``mode="served"``: ``<static_base>/<file>`` — Streamlit serves ``static/`` at
  ``/app/static`` (``server.enableStaticServing``); streamlit-folium reads each
  element's ``default_js``/``default_css`` and loads them in its iframe.
- ``mode="inline"``: the file contents go into the page itself (``url()``
  references in CSS become ``data:`` URLs), for a standalone HTML export that
  opens offline on another machine.

Links are changed on the *instances* (``element.default_js = [...]``), never on
folium's classes, so one map's choice does not leak into another's.
"""

from __future__ import annotations

import base64
import functools
import json
import mimetypes
import posixpath
import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

from branca.element import Element, Figure
from folium.elements import JSCSSMixin
from folium.template import Template

from geo.errors import ConflictMapError

AssetMode = Literal["served", "inline"]
MODES: tuple[str, ...] = ("served", "inline")
DEFAULT_STATIC_BASE = "/app/static"
COUNTRIES_GEOJSON = "countries-50m.geojson"
#: the same outlines simplified (static/simplify_outlines.py), drawn by a served map up
#: to :data:`LIGHT_OUTLINES_MAX_ZOOM`, the full ones once zoomed in further
COUNTRIES_LIGHT_GEOJSON = "countries-50m-light.geojson"
LIGHT_OUTLINES_MAX_ZOOM = 4

#: The vendored file under static/ for each asset folium 0.20.0 (or a plugin we use)
#: links into a page, by the name folium gives the link in ``default_js`` /
#: ``default_css``. Keyed by name, not URL, so no CDN address appears in our code;
#: tests check every link of the pinned folium is covered.
FOLIUM_VERSION = "0.20.0"
LOCAL_FILES: dict[str, str] = {
    # folium.Map
    "leaflet": "leaflet/leaflet.js",
    "jquery": "jquery/jquery.min.js",
    "bootstrap": "bootstrap/js/bootstrap.bundle.min.js",
    "awesome_markers": "awesome-markers/leaflet.awesome-markers.js",
    "leaflet_css": "leaflet/leaflet.css",
    "bootstrap_css": "bootstrap/css/bootstrap.min.css",
    "glyphicons_css": "glyphicons/css/bootstrap-glyphicons.css",
    "awesome_markers_font_css": "fontawesome/css/all.min.css",
    "awesome_markers_css": "awesome-markers/leaflet.awesome-markers.css",
    "awesome_rotate_css": "folium/leaflet.awesome.rotate.min.css",
    # folium.plugins.MarkerCluster / FastMarkerCluster
    "markerclusterjs": "markercluster/leaflet.markercluster.js",
    "markerclustercss": "markercluster/MarkerCluster.css",
    "markerclusterdefaultcss": "markercluster/MarkerCluster.Default.css",
    # folium.plugins.HeatMap
    "leaflet-heat.js": "leaflet-heat/leaflet_heat.min.js",
}

_LEAFLET_IMAGES = "leaflet/images"


class UnvendoredAssetError(ConflictMapError, LookupError):
    """A map element links a remote asset that is not vendored under static/."""

    def __init__(self, url: str, element: object):
        self.url = url
        owner = "a map element" if element is None else type(element).__name__
        super().__init__(
            f"{owner} links {url}, which is not vendored: add it to "
            "static/vendor.sh and geo.map.assets.LOCAL_FILES"
        )


def static_dir() -> Path:
    """The ``static/`` folder beside ``dashboard.py``."""
    return Path(__file__).resolve().parents[2] / "static"


def local_file(name: str, url: str, element: object = None) -> str:
    """The vendored file (relative to static/) standing in for folium's link ``name``."""
    try:
        return LOCAL_FILES[name]
    except KeyError:
        raise UnvendoredAssetError(url, element) from None


def served_url(relpath: str, static_base: str = DEFAULT_STATIC_BASE) -> str:
    return f"{static_base.rstrip('/')}/{relpath}"


# -- reading vendored files (cached; nothing is read at import) ---------------

@functools.lru_cache(maxsize=64)
def read_text(relpath: str) -> str:
    return (static_dir() / relpath).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=64)
def data_url(relpath: str) -> str:
    """A ``data:`` URL holding one vendored file."""
    mime = {".woff2": "font/woff2", ".woff": "font/woff"}.get(
        Path(relpath).suffix, mimetypes.guess_type(relpath)[0] or "application/octet-stream"
    )
    payload = base64.b64encode((static_dir() / relpath).read_bytes()).decode("ascii")
    return f"data:{mime};base64,{payload}"


_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


@functools.lru_cache(maxsize=32)
def inline_css(relpath: str) -> str:
    """A vendored stylesheet with its relative ``url()``s (fonts, images) embedded."""
    folder = posixpath.dirname(relpath)

    def embed(match: re.Match[str]) -> str:
        target = match.group(2).split("?")[0].split("#")[0]
        if not target or match.group(2).startswith(("data:", "#")) or "//" in target:
            return match.group(0)
        return f'url("{data_url(posixpath.normpath(posixpath.join(folder, target)))}")'

    css = _CSS_URL.sub(embed, read_text(relpath))
    if "</style" in css.lower():
        raise ValueError(f"{relpath} cannot be inlined in a <style> element")
    return css


@functools.lru_cache(maxsize=32)
def inline_js(relpath: str) -> str:
    """A vendored script, safe to put inside a ``<script>`` element."""
    return re.sub(r"</(script)", r"<\\/\1", read_text(relpath), flags=re.IGNORECASE)


def default_icon_script() -> str:
    """Give ``L.Icon.Default`` embedded images: with inlined CSS Leaflet cannot
    derive its image path from leaflet.css."""
    return (
        'L.Icon.Default.imagePath = "";\n'
        "L.Icon.Default.mergeOptions({"
        f'iconUrl: "{data_url(f"{_LEAFLET_IMAGES}/marker-icon.png")}", '
        f'iconRetinaUrl: "{data_url(f"{_LEAFLET_IMAGES}/marker-icon-2x.png")}", '
        f'shadowUrl: "{data_url(f"{_LEAFLET_IMAGES}/marker-shadow.png")}"}});'
    )


class InlineAsset(Element):
    """A ``<script>`` or ``<style>`` element holding an asset's contents."""

    _template = Template(
        "{% if this.kind == 'js' %}<script>{{ this.code }}</script>"
        "{% else %}<style>{{ this.code }}</style>{% endif %}"
    )

    def __init__(self, code: str, *, kind: Literal["js", "css"]):
        if kind not in ("js", "css"):
            raise ValueError(f"kind must be 'js' or 'css', not {kind!r}")
        super().__init__()
        self._name = "InlineAsset"
        self.code = code
        self.kind = kind


# -- starting the big downloads first (served pages) ---------------------------

#: what a served page's first script starts fetching, by the promise each one becomes
#: (the light country outlines' ``window.cmCountriesLight``, the names'
#: ``window.cmPlaceNames``; the full outlines ``window.cmCountries``, for pages that
#: open zoomed in)
PREFETCH_GLOBALS = ("cmCountriesLight", "cmCountries", "cmPlaceNames")


def prefetch_script(urls: dict[str, str]) -> str:
    """A ``data:`` script that starts fetching ``urls`` (global name -> URL) at once
    and leaves each parsed JSON as a promise in ``window[name]``.

    streamlit-folium loads a map's scripts one after the other and runs the map's
    own code last: put first, this lets the big JSON files (outlines and names)
    download while Leaflet and the plugins load, instead of after them."""
    unknown = set(urls) - set(PREFETCH_GLOBALS)
    if unknown:
        raise ValueError(f"no prefetch for {sorted(unknown)}")
    body = "".join(
        f"window.{name}=window.{name}||fetch({json.dumps(url)}).then(function(r){{"
        f"if(!r.ok){{throw new Error('HTTP '+r.status);}}return r.json();}});"
        f"window.{name}.catch(function(){{}});"
        for name, url in urls.items())
    return "data:text/javascript;charset=utf-8," + urllib.parse.quote(body, safe="")


# -- pointing a map at the vendored files --------------------------------------

def _walk(element: Element) -> Iterator[Element]:
    yield element
    for child in list(getattr(element, "_children", {}).values()):
        yield from _walk(child)


def _is_remote(url: str) -> bool:
    return url.startswith(("http://", "https://", "//"))


def _local_links(
    element: JSCSSMixin, links: list[tuple[str, str]], static_base: str
) -> list[tuple[str, str]]:
    out = []
    for name, url in links:
        if _is_remote(url):
            url = served_url(local_file(name, url, element), static_base)
        out.append((name, url))
    return out


def localise_assets(
    root: Element,
    *,
    mode: AssetMode = "served",
    static_base: str = DEFAULT_STATIC_BASE,
) -> Element:
    """Point every folium element under ``root`` (a Map, usually) at vendored assets.

    Call it after the last element is added. Raises :class:`UnvendoredAssetError`
    when an element links a remote file that is not vendored.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, not {mode!r}")
    elements = [e for e in _walk(root) if isinstance(e, JSCSSMixin)]
    if mode == "served":
        for element in elements:
            element.default_js = _local_links(element, list(element.default_js), static_base)
            element.default_css = _local_links(element, list(element.default_css), static_base)
        return root

    figure = root.get_root()
    if not isinstance(figure, Figure):
        raise ValueError("inline assets need the map to be inside a folium Figure")
    for element in elements:
        for name, url in element.default_js:
            _inline(figure, name, url, element, kind="js")
            if name == "leaflet":
                _inline_code(figure, "leaflet_default_icon", default_icon_script(), "js")
        for name, url in element.default_css:
            _inline(figure, name, url, element, kind="css")
        element.default_js = []
        element.default_css = []
    return root


def _inline(figure: Figure, name: str, url: str, element: object, *, kind: str) -> None:
    if not _is_remote(url):
        raise ValueError(f"{name}: only CDN links can be inlined, not {url!r}")
    relpath = local_file(name, url, element)
    code = inline_js(relpath) if kind == "js" else inline_css(relpath)
    _inline_code(figure, name, code, kind)


def _inline_code(figure: Figure, name: str, code: str, kind: str) -> None:
    if name not in figure.header._children:
        figure.header.add_child(InlineAsset(code, kind=kind), name=name)  # type: ignore[arg-type]


# -- checking rendered pages ---------------------------------------------------

_REMOTE = r"(?:https?:)?//[^\s\"'()<>]+"
_ASSET_PATTERNS = (
    re.compile(
        rf"""<(?:script|img|iframe|source|embed|audio|video)\b[^>]*?\bsrc\s*=\s*["']?({_REMOTE})""",
        re.I,
    ),
    re.compile(rf"""<link\b[^>]*?\bhref\s*=\s*["']?({_REMOTE})""", re.I),
    re.compile(rf"""url\(\s*["']?({_REMOTE})""", re.I),
    re.compile(rf"""@import\s+["']({_REMOTE})""", re.I),
    re.compile(
        rf"""["'`]({_REMOTE}\.(?:m?js|css|woff2?|ttf|otf|eot|json|geojson|png|jpe?g|gif|svg|webp)"""
        r"""(?:\?[^"'`\s]*)?)["'`]""",
        re.I,
    ),
)


def _is_tile_template(url: str) -> bool:
    return any(key in url for key in ("{z}", "{x}", "{y}", "{s}"))


def find_remote_assets(html: str) -> list[str]:
    """Every http(s) script, stylesheet, font, image or data URL a rendered page
    would fetch (tile URL templates of the optional online base layer excepted).

    Links (``<a href>``) are not assets and are not reported.
    """
    found: dict[str, None] = {}
    for pattern in _ASSET_PATTERNS:
        for match in pattern.finditer(html):
            url = match.group(1)
            if not _is_tile_template(url):
                found.setdefault(url, None)
    return list(found)
