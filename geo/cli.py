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
        click.echo(f"{e.event_date or '?':<10}  {e.event_type:<26}  {e.location or '?':<20}  "
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
        click.echo(f"{e.event_date or '?':<10}  {e.event_type:<26}  {e.location or '?':<20}  "
                   f"{e.country_code:<3}  {e.actor1} / {e.actor2}")
    click.echo(f"{len(records)} event(s)")


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


def main() -> None:
    cli(prog_name="python -m geo")
