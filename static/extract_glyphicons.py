"""Cut the Bootstrap 3 glyphicons rules out of bootstrap@3.4.1's bootstrap.css.

Usage: python extract_glyphicons.py bootstrap.css bootstrap-glyphicons.css

folium links netdna's bootstrap 3.0.0 ``bootstrap-glyphicons.css`` (a file npm
does not have); the same rules ship inside bootstrap 3.4.1's full stylesheet:
the ``@font-face`` block, ``.glyphicon`` and every ``.glyphicon-*:before``.
The font is referenced as woff2 only (every current browser reads it).
"""

from __future__ import annotations

import re
import sys

HEADER = (
    "/*! Glyphicons Halflings rules from Bootstrap v3.4.1 (https://getbootstrap.com/)\n"
    " * Copyright 2011-2019 Twitter, Inc. Licensed under MIT (see LICENSE beside this file).\n"
    " * Extracted by static/extract_glyphicons.py; font referenced as woff2 only. */\n"
)
FONT_FACE = (
    '@font-face{font-family:"Glyphicons Halflings";'
    'src:url("../fonts/glyphicons-halflings-regular.woff2") format("woff2")}\n'
)


def extract(css: str) -> str:
    start = css.index(".glyphicon {")
    end = css.index("}", css.index(".glyphicon-menu-up:before")) + 1
    rules = css[start:end]
    if "@font-face" in rules or not re.search(r"\.glyphicon-home:before", rules):
        raise SystemExit("unexpected bootstrap.css layout")
    return HEADER + FONT_FACE + rules + "\n"


def main(argv: list[str]) -> None:
    source, target = argv
    with open(source, encoding="utf-8") as f:
        css = f.read()
    with open(target, "w", encoding="utf-8") as f:
        f.write(extract(css))


if __name__ == "__main__":
    main(sys.argv[1:])
