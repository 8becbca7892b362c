"""Escaping for everything an article can put on a page.

Article text, titles, actors, evidence and URLs come from outside: each is
escaped with :func:`text` before it becomes HTML, and a URL becomes a link only
when :func:`safe_href` accepts it (http or https; never ``javascript:``,
``data:`` or ``vbscript:``).
"""

from __future__ import annotations

import html
import urllib.parse

SAFE_SCHEMES = ("http", "https")


def text(value: object) -> str:
    """HTML-escaped text ('' for None); quotes escaped too, so it is safe in attributes."""
    if value is None:
        return ""
    return html.escape(str(value), quote=True)


def safe_href(url: object) -> str | None:
    """The URL when it is an absolute http(s) URL with a host, else None.

    Browsers ignore control characters and whitespace inside a scheme
    ("java\\tscript:"), so a URL with any of them is refused outright.
    """
    if not isinstance(url, str):
        return None
    url = url.strip()
    if not url or any(ord(c) < 0x21 or c == "\x7f" for c in url):
        return None
    try:
        parts = urllib.parse.urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc:
        return None
    return url


def link(url: object, label: object) -> str:
    """An escaped link opening in a new tab, or just the escaped label for an unsafe URL."""
    href = safe_href(url)
    if href is None:
        return text(label)
    return (f'<a href="{text(href)}" target="_blank" rel="noopener noreferrer">'
            f"{text(label)}</a>")
