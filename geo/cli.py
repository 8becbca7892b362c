"""The command line: ``python -m geo COMMAND``. Parsing only; the work is in
the modules each command names. Errors are reported once, here, as one line
naming the file (and line or row) and the reason, with exit code 1.
"""

from __future__ import annotations

import json
import sys
from functools import wraps

import click

from geo.errors import ConflictMapError


def _reports_errors(fn):
    @wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except ConflictMapError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)
    return wrapper


def _print_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


@click.group()
@click.version_option(package_name=None, version=__import__("geo").__version__)
def cli() -> None:
    """Conflict Map: conflict events from articles and datasets, on a map."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--scheduler", metavar="tcp://HOST:PORT", default=None,
              help="Run reading, extraction and geocoding as tasks on this Dask scheduler.")
@_reports_errors
def ingest(paths, scheduler) -> None:
    """Read articles (files or folders), extract their events and store them."""
    from tqdm import tqdm

    from geo.articles import iter_article_paths
    from geo.store import Store

    store = Store()
    many = len(iter_article_paths(paths)) > 3
    progress = (lambda it: tqdm(it, desc="ingest", unit="article", file=sys.stderr)) \
        if many else None
    if scheduler:
        from geo.ingest_dask import ingest_paths_distributed

        report = ingest_paths_distributed(paths, store, scheduler=scheduler, progress=progress)
    else:
        from geo.geocoding import open_geocoder
        from geo.ingest import ingest_paths

        report = ingest_paths(paths, store, open_geocoder(), progress=progress)
    for failed in report.failed:
        click.echo(f"error: {failed.error}", err=True)
    click.echo(report.summary())
    if report.failed:
        sys.exit(1)


@cli.command()
@click.argument("path", type=click.Path())
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of event records.")
@_reports_errors
def extract(path, as_json) -> None:
    """Print the events an article reports, without storing anything."""
    from geo.articles import read_article
    from geo.geocoding import open_geocoder
    from geo.ingest import extract_article

    article = read_article(path)
    found = extract_article(article, open_geocoder())
    if as_json:
        _print_json([e.to_dict() for e in found])
        return
    for e in found:
        click.echo(f"{str(e.event_date or '?'):<10}  {e.event_type:<26}  {e.location or '?':<20}  "
                   f"{e.actor1} / {e.actor2}")


def _filter_options(fn):
    options = [
        click.option("--country", "countries", multiple=True,
                     help="ISO alpha-3 code or country name (repeatable)."),
        click.option("--type", "event_types", multiple=True, help="Event type (repeatable)."),
        click.option("--actor", "actors", multiple=True, help="Actor name (repeatable)."),
        click.option("--since", help="First date, YYYY-MM-DD."),
        click.option("--until", help="Last date, YYYY-MM-DD."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def filter_from_options(countries, event_types, actors, since, until):
    from geo.filters import EventFilter, parse_date

    return EventFilter(countries=tuple(countries), event_types=tuple(event_types),
                       actors=tuple(actors), since=parse_date(since, what="--since"),
                       until=parse_date(until, what="--until"))


@cli.command()
@_filter_options
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of event records.")
@_reports_errors
def events(countries, event_types, actors, since, until, as_json) -> None:
    """Print the stored events that match the filters."""
    from geo.filters import filter_events
    from geo.record import Event
    from geo.store import Store

    flt = filter_from_options(countries, event_types, actors, since, until)
    frame = filter_events(Store().load_frame(), flt)
    records = [Event.from_dict(row) for row in frame.to_dict("records")]
    if as_json:
        _print_json([e.to_dict() for e in records])
        return
    for e in records:
        click.echo(f"{str(e.event_date or '?'):<10}  {e.event_type:<26}  {e.location or '?':<20}  "
                   f"{e.country_code:<3}  {e.actor1} / {e.actor2}")
    click.echo(f"{len(records)} event(s)")


@cli.command()
@click.argument("name", required=False)
@click.option("--context", "context_text", default="",
              help='Free text naming the story\'s countries or regions ("Lebanon").')
@click.option("--batch", "batch", type=click.Path(),
              help="A CSV with columns name and context; answers in the same order.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (an array with --batch).")
@_reports_errors
def geocode(name, context_text, batch, as_json) -> None:
    """Geocode a place name (or a CSV of them) through the geocoder chain."""
    from geo.geocoding import open_geocoder
    from geo.geocoding.batch import geocode_one, geocode_rows, read_batch_csv

    if bool(name) == bool(batch):
        raise click.UsageError("give a NAME or --batch FILE.csv (not both)")
    rows = read_batch_csv(batch) if batch else None
    geocoder = open_geocoder()
    answers = geocode_rows(geocoder, rows) if rows is not None \
        else [geocode_one(geocoder, name, context_text)]
    if as_json:
        data = [a.to_dict() for a in answers]
        _print_json(data if batch else data[0])
        return
    for a in answers:
        where = (f"{a.latitude:.5f}, {a.longitude:.5f}  {a.name}, {a.admin1 or '-'}, "
                 f"{a.country_code or '-'}  precision {a.precision}  [{a.backend}]"
                 if a.found else "not found")
        click.echo(f"{a.query}: {where}  — {a.reason}")


@cli.group()
def corrections() -> None:
    """Analyst corrections of geocoding (they win over every backend)."""


@corrections.command("import")
@click.argument("path", type=click.Path(exists=True), default="data/corrections.csv")
@click.option("--no-apply", is_flag=True, help="Store only; leave stored events as they are.")
@_reports_errors
def corrections_import(path, no_apply) -> None:
    """Import corrections from a CSV (default data/corrections.csv)."""
    from geo import settings
    from geo.geocoding.corrections import import_corrections_csv, learn_corrections
    from geo.store import Store

    stored = import_corrections_csv(Store(), path, apply=not no_apply)
    click.echo(f"{path}: {len(stored)} correction(s) stored")
    if stored and settings.gazetteer_path().is_file():
        click.echo(f"gazetteer: {learn_corrections(settings.gazetteer_path(), stored)}")


@corrections.command("list")
@click.option("--json", "as_json", is_flag=True)
@_reports_errors
def corrections_list(as_json) -> None:
    """List stored corrections, newest first."""
    import dataclasses

    from geo.geocoding.corrections import list_corrections
    from geo.store import Store

    found = list_corrections(Store())
    if as_json:
        _print_json([dataclasses.asdict(c) for c in found])
        return
    for c in found:
        click.echo(f"{c.name} → {c.latitude:.5f}, {c.longitude:.5f} {c.location} "
                   f"({c.country_code or '-'}, precision {c.precision}) {c.reason()}")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["png", "pdf", "html", "csv", "geojson"]),
              default=None, help="What to write (default: from the --out file's suffix).")
@click.option("--out", required=True, type=click.Path(dir_okay=False),
              help="The file to write.")
@click.option("--width", type=click.IntRange(320, 7680), default=1920, show_default=True,
              help="Briefing width in CSS pixels (png, html).")
@click.option("--height", type=click.IntRange(320, 7680), default=1080, show_default=True,
              help="Briefing height in CSS pixels (png, html).")
@click.option("--scale", type=click.Choice(["1", "2", "3"]), default="1", show_default=True,
              help="Device scale of a PNG: it is width*scale x height*scale pixels.")
@click.option("--dpi", type=click.Choice(["96", "192", "288"]), default=None,
              help="Print resolution of a PNG (sets --scale: 96 dpi per unit).")
@click.option("--title", default=None, help="The briefing's title (png, html).")
@click.option("--tiles/--no-tiles", default=False, show_default=True,
              help="OpenStreetMap tiles under the country outlines (needs the internet).")
@_filter_options
@_reports_errors
def export(fmt, out, width, height, scale, dpi, title, tiles,
           countries, event_types, actors, since, until) -> None:
    """Export the stored events that match the filters (all, without filters):
    a briefing as PNG, PDF or standalone HTML, or the events as CSV or GeoJSON."""
    import datetime as dt
    from pathlib import Path

    from geo.briefing import FORMATS, export_bytes, make_spec
    from geo.errors import ExportError
    from geo.filters import filter_events
    from geo.store import Store

    target = Path(out)
    fmt = fmt or target.suffix.lstrip(".").lower()
    if fmt not in FORMATS:
        raise click.UsageError(f"--format is needed: {target.name} does not end in "
                               f".{', .'.join(FORMATS)}")
    if dpi is not None:
        scale = str(int(dpi) // 96)
    flt = filter_from_options(countries, event_types, actors, since, until)
    frame = filter_events(Store().load_frame(), flt)
    spec = make_spec(frame, flt, made_at=dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
                     title=title, width=width, height=height, scale=int(scale), tiles=tiles)
    data = export_bytes(fmt, frame, spec)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".part")
        partial.write_bytes(data)
        partial.replace(target)
    except OSError as exc:
        raise ExportError(f"{target}: cannot write ({exc.strerror or exc})") from None
    click.echo(f"{target}: {fmt}, {len(frame):,} event(s), {len(data):,} bytes")


@cli.command("import")
@click.argument("kind", type=click.Choice(["ucdp", "acled", "gdelt"]))
@click.argument("path", type=click.Path())
@click.option("--no-learn", is_flag=True,
              help="Do not teach the gazetteer the places the file names.")
@_reports_errors
def import_(kind, path, no_learn) -> None:
    """Import a UCDP GED, ACLED or GDELT 2.0 file (plain, .gz or .zip) into the store.

    Rows that cannot be read are listed on stderr as "FILE, row N: reason" (the
    header is row 1) and the rest are stored; importing a file again adds nothing.
    """
    from pathlib import Path

    from tqdm import tqdm

    from geo import settings
    from geo.importers import import_file
    from geo.store import Store

    store = Store()
    gazetteer = None if no_learn else settings.gazetteer_path()
    size = Path(path).stat().st_size if Path(path).is_file() else 0
    with tqdm(total=size, unit="B", unit_scale=True, desc=f"import {kind}", file=sys.stderr,
              leave=False) as bar:
        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        report = import_file(path, kind, store, learn_to=gazetteer, progress=progress)
    for line in report.error_lines():
        click.echo(line, err=True)
    if report.failure:
        click.echo(f"error: {report.failure}", err=True)
    if report.learned:
        click.echo(f"gazetteer: {report.learned}", err=True)
    click.echo(report.summary())
    if report.failure or report.stored == 0:
        sys.exit(1)


@cli.group()
def gazetteer() -> None:
    """Build or extend the offline gazetteer."""


@gazetteer.command("build")
@click.option("--out", type=click.Path(), default=None, help="Where to write it.")
@click.option("--if-stale", is_flag=True, help="Only when missing or built by older code.")
@_reports_errors
def gazetteer_build(out, if_stale) -> None:
    """Build the gazetteer from the installed registry packages (GeoNames data)."""
    from pathlib import Path

    from geo import settings
    from geo.gazetteer.build import build_gazetteer, is_current

    target = Path(out) if out else settings.gazetteer_path()
    if if_stale and is_current(target):
        click.echo(f"{target}: up to date")
        return
    click.echo(f"building the offline gazetteer at {target} (about 30 s)…", err=True)
    click.echo(str(build_gazetteer(target)))


@gazetteer.command("add")
@click.argument("path", type=click.Path(exists=True))
@_reports_errors
def gazetteer_add(path) -> None:
    """Add a GeoNames dump (a country file such as SY.zip, or allCountries.zip)."""
    from geo import settings
    from geo.gazetteer.build import add_geonames_dump

    report = add_geonames_dump(settings.gazetteer_path(), path)
    click.echo(f"{path}: {report}")


@cli.group()
def basemap() -> None:
    """Build the offline base map's names (from the gazetteer)."""


@basemap.command("build")
@click.option("--out", type=click.Path(), default=None,
              help="Where to write the names (default: static/place-names.json).")
@click.option("--if-stale", is_flag=True, help="Only when missing or older than its inputs.")
@_reports_errors
def basemap_build(out, if_stale) -> None:
    """Country, capital, city, region and sea names for the offline base map."""
    from pathlib import Path

    from geo import settings
    from geo.map.assets import COUNTRIES_GEOJSON, static_dir
    from geo.map.name_layer import place_names_file
    from geo.map.place_names import build_place_names, is_current

    target = Path(out) if out else place_names_file()
    inputs = (settings.gazetteer_path(), static_dir() / COUNTRIES_GEOJSON,
              settings.DATA_DIR / "seas.csv")
    if if_stale and is_current(target, *inputs):
        click.echo(f"{target}: up to date")
        return
    count = build_place_names(*inputs, target)
    click.echo(f"{target}: {count:,} names")


def main() -> None:
    cli(prog_name="python -m geo")
