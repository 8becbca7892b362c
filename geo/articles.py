"""Read an article file into an :class:`Article`: text plus metadata.

Formats: ``.txt`` and ``.md`` (optional YAML front matter; first line as title;
a "City (Agency) -" dateline), ``.html`` (main text through trafilatura) and
``.json`` ({"title", "text", "published", ...}). Metadata also comes from a
sidecar file ``NAME.meta.yaml`` beside the article; front matter wins over the
sidecar, the sidecar over what is read from the text.

Footer blocks ("Read More:", "Related:" followed by headlines) are not body.
Bad input raises :class:`geo.errors.InputError` naming the file and the reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from geo.errors import InputError, UnsupportedFormatError
from geo.lang.detect import language_of

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm", ".json")
SIDECAR_SUFFIX = ".meta.yaml"
METADATA_KEYS = ("title", "source", "published", "url", "dateline")
# An article file (or pasted text) larger than this is refused with a clear error:
# news articles are a few tens of KB; extraction is linear, about 5 s per MB.
MAX_ARTICLE_BYTES = 2_000_000
MAX_SIDECAR_BYTES = 64 * 1024
# A web page whose main text is shorter than this many words is a menu, a banner or a
# "Loading…" shell, not an article: it is refused (a feed item is retried later).
MIN_PAGE_WORDS = 6
# A publication date outside this span is a typo or an attack (0001-01-01).
EARLIEST_PUBLISHED = dt.date(1900, 1, 1)
_TEXT_KEYS = ("title", "source", "url", "dateline")
_SURROGATE = re.compile("[\ud800-\udfff]")

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)
# "Tehran (IP) - ", "KYIV, Ukraine (Reuters) — ", "GOMA, Congo - ", "BAMAKO, 13 janvier (AFP) -"
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w'’.\- ]{1,40}?)(?:,\s*(?:[A-Z][\w.\- ]{1,30}|(?P<date>\d{1,2}(?:er|re|e|st|nd|rd|th)?\s+[^\W\d_]+\.?(?:\s+\d{4})?)))?\s*"
    r"(?:\((?P<agency>[^)]{1,40})\))?\s*[-–—]{1,2}\s+(?=\S)"
)
_FOOTER = re.compile(
    r"^\s*(read more|related|related articles|see also|more on this|also read)\s*:?\s*$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Article:
    """An article's body text and what is known about it.

    ``text`` is the body only (no front matter, no title line, no footer);
    character offsets of evidence sentences refer to it.
    """

    article_id: str
    path: str
    format: str
    title: str
    text: str
    source: str = ""
    url: str = ""
    published: dt.date | None = None
    dateline: str | None = None
    metadata: dict = field(default_factory=dict, compare=False, hash=False)
    language: str = "en"  # front matter's ``language``, else detected (geo.lang.detect)

    @property
    def date_uncertain(self) -> bool:
        """Relative dates ("on Saturday") cannot be resolved without a publication date."""
        return self.published is None


def read_article(path: str | Path, *, metadata: dict | None = None) -> Article:
    """Read one article file. ``metadata`` (e.g. from a seeds index) wins over all."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        raise UnsupportedFormatError(
            path, f"unsupported file type {suffix or '(none)'}; expected one of "
            + ", ".join(ARTICLE_SUFFIXES)
        )
    raw = _read_text(path)
    meta: dict = {}
    meta.update(_read_sidecar(path))
    if suffix in (".html", ".htm"):
        title, body, found = _from_html(path, raw)
    elif suffix == ".json":
        title, body, found = _from_json(path, raw)
    else:
        title, body, found = _from_plain(path, raw)
    meta.update({k: v for k, v in found.items() if v not in (None, "")})
    if metadata:
        meta.update(metadata)
    return article_from_text(body, title=meta.get("title") or title, path=path,
                             format=suffix.lstrip("."), metadata=meta)


def article_from_text(text: str, *, title: str = "", path: str | Path = "<text>",
                      format: str = "txt", metadata: dict | None = None) -> Article:
    """Build an Article from body text (pasted text, or what a reader found)."""
    meta = _checked_metadata(path, dict(metadata or {}))
    if len(text) > MAX_ARTICLE_BYTES:  # pasted text; files are checked before reading
        raise InputError(path, f"article of {len(text):,} characters is over the limit "
                               f"of {MAX_ARTICLE_BYTES:,}")
    body = strip_footer(_no_surrogates(text)).strip("\n")
    title = _no_surrogates(str(title)) if title not in (None, "") else ""  # "title: 1984"
    if not body.strip():
        raise InputError(path, "no article text found")
    dateline = meta.get("dateline") or find_dateline(body)
    published = _parse_published(path, meta.get("published"))
    url = str(meta.get("url") or "")
    key = url or hashlib.sha256(body.encode("utf-8")).hexdigest()
    article_id = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return Article(
        article_id=article_id, path=str(path), format=format,
        title=str(meta.get("title") or title or "").strip(), text=body,
        source=str(meta.get("source") or ""), url=url, published=published,
        dateline=dateline, metadata=meta, language=language_of(meta, body)[0],
    )


def _no_surrogates(text: str) -> str:
    """Lone surrogates (JSON's "\\ud800") cannot be stored as UTF-8: each becomes
    U+FFFD, as an undecodable byte does."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _checked_metadata(path, meta: dict) -> dict:
    """Text fields as text (a number is written out, a list or mapping is refused),
    surrogates replaced; InputError naming the field otherwise."""
    for key in _TEXT_KEYS:
        value = meta.get(key)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise InputError(path, f"metadata {key!r} must be text, not "
                                   f"{type(value).__name__}")
        meta[key] = _no_surrogates(str(value))
    return meta


def find_dateline(body: str) -> str | None:
    """The place of a "City (Agency) -" dateline at the start of the body, if any."""
    first = body.lstrip().split("\n", 1)[0]
    m = _DATELINE.match(first)
    if not m:
        return None
    place = m.group("place").strip()
    # A dash after a capitalised phrase is a dateline only with an agency, a
    # ", Country" part or an upper-case place ("GOMA -"); else it is prose.
    if not (m.group("agency") or "," in m.group(0) or place.isupper()):
        return None
    if m.group("date") and not (m.group("agency") or place.isupper()):
        return None  # "Hier, 12 soldats - ...": a day and a month follow a dateline's capitals
    return place.title() if place.isupper() else place


def strip_footer(text: str) -> str:
    """Cut a footer block: a "Read More:" line and everything after it."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if i > 0 and _FOOTER.match(line):
            return "\n".join(lines[:i]).rstrip() + "\n"
    return text


def _read_text(path: Path, *, limit: int = MAX_ARTICLE_BYTES) -> str:
    try:
        size = path.stat().st_size
        if size > limit:
            raise InputError(path, f"file of {size:,} bytes is over the limit of {limit:,}")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    if not data.strip():
        raise InputError(path, "empty file")
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            path, f"not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be decoded); "
            "save it as UTF-8", line=line,
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _read_sidecar(path: Path) -> dict:
    sidecar = path.with_name(path.stem + SIDECAR_SUFFIX)
    if not sidecar.exists():
        return {}
    meta = _yaml_mapping(sidecar, _read_text(sidecar, limit=MAX_SIDECAR_BYTES), line_offset=0)
    _parse_published(sidecar, meta.get("published"))  # a bad value names the sidecar
    return _checked_metadata(sidecar, meta)


class _TextDatesLoader(yaml.SafeLoader):
    """safe_load, but a date stays the text it was written as: "2020-02-30" is then
    reported by :func:`_parse_published` with its value, not as a YAML crash."""


_TextDatesLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _yaml_mapping(path: Path, text: str, *, line_offset: int) -> dict:
    try:
        data = yaml.load(text, Loader=_TextDatesLoader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 + line_offset if mark else None
        raise InputError(path, f"malformed YAML metadata: {getattr(exc, 'problem', exc)}",
                         line=line) from None
    except (ValueError, TypeError, OverflowError) as exc:  # "published: 2020-02-30"
        raise InputError(path, f"malformed YAML metadata: {exc}") from None
    except RecursionError:
        raise InputError(path, "malformed YAML metadata: nested too deep") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise InputError(path, "metadata must be a YAML mapping (key: value lines)")
    return {str(k).lower(): v for k, v in data.items()}


def _from_plain(path: Path, raw: str) -> tuple[str, str, dict]:
    meta: dict = {}
    m = _FRONT_MATTER.match(raw)
    if m:
        meta = _yaml_mapping(path, m.group(1), line_offset=1)
        raw = raw[m.end():]
    lines = raw.lstrip("\n").split("\n")
    title = ""
    if _is_title_line(lines, has_title=bool(meta.get("title"))):
        title = lines[0].strip().lstrip("#").strip()
        lines = lines[2:]
    return title, "\n".join(lines), meta


def _is_title_line(lines: list[str], *, has_title: bool) -> bool:
    """The first line is a title when it is short, followed by a blank line, and
    not the lede: a Markdown heading always is; a plain line only when no title
    came from the metadata and it carries no dateline."""
    if len(lines) < 3 or not lines[0].strip() or lines[1].strip() or len(lines[0]) >= 200:
        return False
    if lines[0].lstrip().startswith("#"):
        return True
    return not has_title and not _DATELINE.match(lines[0])


def _from_json(path: Path, raw: str) -> tuple[str, str, dict]:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"malformed JSON: {exc.msg}", line=exc.lineno) from None
    except RecursionError:
        raise InputError(path, "malformed JSON: nested too deep") from None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        raise InputError(path, 'JSON article must be an object with a "text" string')
    meta = {k: data[k] for k in METADATA_KEYS if k in data}
    return str(data.get("title") or ""), data["text"], meta


def _from_html(path: Path, raw: str) -> tuple[str, str, dict]:
    import trafilatura  # imported here: heavy, and only HTML needs it

    doc = trafilatura.bare_extraction(raw, with_metadata=True, include_comments=False)
    if doc is None or not (doc.text or "").strip():
        raise InputError(path, "no article text found in the HTML")
    words = len(doc.text.split())
    if words < MIN_PAGE_WORDS:  # a menu, a cookie banner, "Loading…": not an article
        raise InputError(path, f"no article text found in the HTML (its main text is "
                               f"{words} word{'s' if words != 1 else ''}: {_shown(doc.text)}; "
                               f"an article has at least {MIN_PAGE_WORDS})")
    meta = {"title": doc.title, "published": doc.date, "url": doc.url,
            "source": doc.sitename}
    return doc.title or "", doc.text, meta


def article_from_html(html: str, *, path: str | Path, metadata: dict | None = None) -> Article:
    """An article from a web page's HTML (main text through trafilatura); ``metadata``
    (e.g. a feed item's link, title and date) wins over what the page says."""
    title, body, found = _from_html(path, html)
    meta = {k: v for k, v in found.items() if v not in (None, "")}
    meta.update({k: v for k, v in (metadata or {}).items() if v not in (None, "")})
    return article_from_text(body, title=meta.get("title") or title, path=path, format="html",
                             metadata=meta)


def _parse_published(path, value) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        day = value.date()
    elif isinstance(value, dt.date):
        day = value
    elif isinstance(value, (str, int)) and not isinstance(value, bool):
        try:
            day = dt.date.fromisoformat(str(value).strip()[:10])
        except ValueError:
            raise InputError(path, f"published date {_shown(value)} is not an ISO date "
                                   "(YYYY-MM-DD)") from None
    else:
        raise InputError(path, f"published date must be a date, not {type(value).__name__}")
    latest = dt.date.today() + dt.timedelta(days=366)
    if not EARLIEST_PUBLISHED <= day <= latest:
        raise InputError(path, f"published date {day.isoformat()} is outside "
                               f"{EARLIEST_PUBLISHED.isoformat()} to {latest.isoformat()}")
    return day


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:60] + "…"


def iter_article_paths(paths) -> list[Path]:
    """Expand files and folders into article files, sorted, sidecars excluded."""
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            found.extend(
                q for q in sorted(p.rglob("*"))
                if q.is_file() and q.suffix.lower() in ARTICLE_SUFFIXES
                and not q.name.startswith(".")
            )
        else:
            found.append(p)
    return found
