"""The command line: ``python -m geo COMMAND``. Parsing only; the work is in
the modules each command names. Errors are reported once, here, as one line
naming the file (and line or row) and the reason, with exit code 1.
"""

from __future__ import annotations

import json
import os
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


def _echo_events(records, as_json: bool, tail: str) -> None:
    """Events as a JSON array, or one line each and a closing count."""
    if as_json:
        _print_json([e.to_dict() for e in records])
        return
    for e in records:
        click.echo(f"{str(e.event_date or '?'):<10}  {e.event_type:<26}  {e.location or '?':<20}  "
                   f"{e.country_code:<3}  {e.actor1} / {e.actor2}")
    click.echo(tail)


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


def _duration(text: str) -> float:
    """Seconds from "90", "30s", "15m", "2h"."""
    import re

    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([smh]?)\s*", text or "")
    if not m or float(m.group(1)) <= 0:
        raise click.BadParameter(f"{text!r} is not a duration such as 30s, 15m or 2h")
    return float(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600}[m.group(2)]


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--every", "every", default="15m", show_default=True,
              help="How often to check again (30s, 15m, 2h).")
@click.option("--once", is_flag=True, help="Check every source once and stop.")
@click.option("--timeout", default=10.0, show_default=True,
              help="Seconds one request may take in all (redirects and slow bodies included).")
@click.option("--min-interval", default=1.0, show_default=True,
              help="Seconds between two requests to the same host.")
@click.option("--json", "as_json", is_flag=True, help="Print each pass's report as JSON.")
@_reports_errors
def watch(sources, every, once, timeout, min_interval, as_json) -> None:
    """Watch RSS/Atom feeds (URLs) and drop folders; ingest each new item once."""
    import time

    from geo.feeds import PoliteFetcher, watch_once
    from geo.feeds.state import FeedState
    from geo.geocoding import open_geocoder
    from geo.store import Store

    interval = _duration(every)
    store = Store()
    state, geocoder = FeedState(store), open_geocoder()
    fetcher = PoliteFetcher(timeout=timeout, min_interval=min_interval)
    while True:
        report = watch_once(sources, store, geocoder, fetcher=fetcher, state=state)
        if as_json:
            _print_json(report.to_dict())
        else:
            for line in report.lines():
                click.echo(line)
            click.echo(report.summary())
        if once:
            sys.exit(0 if report.ok else 1)
        try:
            time.sleep(interval)
        except KeyboardInterrupt:
            return


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
    _echo_events(records, as_json, f"{len(records)} event(s)")


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
    from geo.geocoding.batch import geocode_one, geocode_rows, read_batch_csv, write_json_array

    if bool(name) == bool(batch):
        raise click.UsageError("give a NAME or --batch FILE.csv (not both)")
    rows = read_batch_csv(batch) if batch else None
    geocoder = open_geocoder()
    answers = geocode_rows(geocoder, rows, opener=open_geocoder) if rows is not None \
        else [geocode_one(geocoder, name, context_text)]
    if as_json and batch:
        write_json_array(answers, click.get_text_stream("stdout"))
        return
    if as_json:
        _print_json(answers[0].to_dict())
        return
    for a in answers:
        where = (f"{a.latitude:.5f}, {a.longitude:.5f}  {a.name}, {a.admin1 or '-'}, "
                 f"{a.country_code or '-'}  precision {a.precision}  [{a.backend}]"
                 if a.found else "not found")
        click.echo(f"{a.query}: {where}  — {a.reason}")


@cli.command()
@click.argument("path", required=False, type=click.Path())
@click.option("--batch", "batch", type=click.Path(),
              help="A JSONL file: one {doc_id, text, title?, published?} object a line.")
@click.option("--json", "as_json", is_flag=True,
              help="Print JSON: {doc_id, mentions} (an array in input order with --batch).")
@_reports_errors
def places(path, batch, as_json) -> None:
    """Print every place mention of an article (or of each document of a batch):
    character offsets, the place, its confidence and why.

    Bad batch lines are listed on stderr as "FILE, line N: reason" and keep their
    place in the answer (with "error"); the others are answered. Exit code 1 only
    when no line could be answered.
    """
    from geo.extract.places_batch import places_of_batch, places_of_file
    from geo.geocoding import open_geocoder

    if bool(path) == bool(batch):
        raise click.UsageError("give a PATH or --batch FILE.jsonl (not both)")
    geocoder = open_geocoder()
    answers = places_of_batch(batch, geocoder) if batch else [places_of_file(path, geocoder)]
    for a in answers:
        if a.error is not None:
            click.echo(f"error: {a.error}", err=True)
        elif a.warning:
            click.echo(f"warning: {a.warning}", err=True)
    if as_json:
        data = [a.to_dict() for a in answers]
        click.echo(json.dumps(data if batch else data[0], ensure_ascii=False,
                              indent=None if batch else 2, default=str))
    else:
        for a in answers:
            if a.error is not None:
                continue
            click.echo(f"{a.doc_id}: {len(a.mentions)} mention(s)")
            for m in a.mentions:
                where = (f"{m.name}, {m.admin1 or '-'}, {m.country_code or '-'} "
                         f"({m.latitude:.4f}, {m.longitude:.4f}) precision {m.precision}"
                         if m.placed else m.role)
                click.echo(f"  {m.start:>6}-{m.end:<6} {m.text!r:<24} {where}  — {m.reason}")
    if batch and answers and all(a.error is not None for a in answers):
        sys.exit(1)


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
@click.option("--own-tiles/--no-own-tiles", default=False, show_default=True,
              help="Your own tile file (CONFLICTMAP_TILES) as the base map of a PNG or PDF, "
                   "served from 127.0.0.1 while it is drawn (an HTML keeps the outlines).")
@_filter_options
@_reports_errors
def export(fmt, out, width, height, scale, dpi, title, tiles, own_tiles,
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
    own = None
    if own_tiles:
        from geo.map.tile_server import configured_tiles

        own = configured_tiles()  # a TileFileError names the file and why
        if own is None:
            raise click.UsageError("--own-tiles needs CONFLICTMAP_TILES to name a tile file")
    flt = filter_from_options(countries, event_types, actors, since, until)
    frame = filter_events(Store().load_frame(), flt)
    spec = make_spec(frame, flt, made_at=dt.datetime.now(dt.timezone.utc).replace(microsecond=0),
                     title=title, width=width, height=height, scale=int(scale), tiles=tiles,
                     own_tiles=own)
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
def import_(kind, path, no_learn) -> None:
    """Import a UCDP GED, ACLED or GDELT 2.0 file (plain, .gz or .zip) into the store.

    Rows that cannot be read are listed on stderr as "FILE, row N: reason" (the
    header is row 1) and the rest are stored; importing a file again adds nothing.
    """
    code = 1
    try:
        code = _import(kind, path, no_learn)
    except ConflictMapError as exc:
        click.echo(f"error: {exc}", err=True)
    finally:
        # pyarrow's CSV read-ahead thread can outlive a reader stopped by a broken file;
        # at interpreter shutdown it then aborts the process ("terminate called without
        # an active exception", seen under load). The work is stored and reported: leave
        # without the shutdown.
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _import(kind, path, no_learn) -> int:
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

        def rejected(error) -> None:  # every one, as it is found
            tqdm.write(error.message(path), file=sys.stderr)

        report = import_file(path, kind, store, learn_to=gazetteer, progress=progress,
                             on_rejected=rejected, read_ahead=True)
    store.dispose()
    if report.failure:
        click.echo(f"error: {report.failure}", err=True)
    if report.learned:
        click.echo(f"gazetteer: {report.learned}", err=True)
    click.echo(report.summary())
    return 1 if report.failure or report.stored == 0 else 0


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


@cli.command()
@click.option("--week", required=True, metavar="YYYY-MM-DD",
              help="The first day of the week (the 7 days from it).")
@click.option("--country", "countries", multiple=True,
              help="ISO alpha-3 code or country name (repeatable).")
@click.option("--level", type=click.Choice(["country", "admin1"]), default="country",
              show_default=True, help="Per country, or per first-level region.")
@click.option("--type", "event_types", multiple=True, help="Event type (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array, one record per area.")
@_reports_errors
def trends(week, countries, level, event_types, as_json) -> None:
    """This week against the 4 and 52 weeks before, per country or region."""
    from geo.filters import EventFilter, filter_events, parse_date
    from geo.store import Store
    from geo.trends import weekly_trends

    flt = EventFilter(countries=tuple(countries), event_types=tuple(event_types))
    rows = weekly_trends(filter_events(Store().load_frame(), flt),
                         parse_date(week, what="--week"), level=level)
    if as_json:
        _print_json([r.to_json() for r in rows])
        return
    for r in rows:
        change = "n/a" if r.change_4w is None else f"{r.change_4w:+.0%}"
        click.echo(f"{r.area[:34]:<34}  {r.this_week:>5}  {r.mean_4w:>7.2f}  {r.mean_52w:>7.2f}  "
                   f"{change:>6}  {r.category:<17}  {'SURGE' if r.surge else '':<5}  "
                   f"{'; '.join(r.emerging_actors)}")
    click.echo(f"{len(rows)} area(s)")


@cli.group()
def watchlist() -> None:
    """Named, saved filters and the events new to them."""


@watchlist.command("add")
@click.argument("name")
@_filter_options
@_reports_errors
def watchlist_add(name, countries, event_types, actors, since, until) -> None:
    """Save the filter flags (those of `events`) as watchlist NAME (again: a new filter)."""
    from geo.store import Store
    from geo.watchlists import save_watchlist

    flt = filter_from_options(countries, event_types, actors, since, until)
    saved, new = save_watchlist(Store(), name, flt)
    click.echo(f"watchlist {saved.name!r} {'saved' if new else 'updated'}: {saved.description}")


@watchlist.command("list")
@click.option("--json", "as_json", is_flag=True)
@_reports_errors
def watchlist_list(as_json) -> None:
    """The watchlists, with how many events are new since each was last looked at."""
    from geo.filters import to_query_params
    from geo.store import Store
    from geo.watchlists import count_new, list_watchlists

    store = Store()
    found = [(w, count_new(store, w)) for w in list_watchlists(store)]
    if as_json:
        _print_json([{"name": w.name, "filter": to_query_params(w.filter),
                      "description": w.description, "last_seen_at": w.last_seen_at,
                      "new": n} for w, n in found])
        return
    for w, n in found:
        click.echo(f"{w.name}: {n:,} new since {w.last_seen_at:%Y-%m-%d %H:%M} UTC — "
                   f"{w.description}")


@watchlist.command("report")
@click.argument("name")
@click.option("--since", help="Events stored from this date (YYYY-MM-DD) or time (ISO); "
                              "default: the last look.")
@click.option("--mark-seen", is_flag=True, help="Then count them as looked at.")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array of event records.")
@_reports_errors
def watchlist_report(name, since, mark_seen, as_json) -> None:
    """Print the events new to watchlist NAME (for a mail or chat hook)."""
    import datetime as dt

    from geo.errors import WatchlistError
    from geo.record import Event
    from geo.store import Store
    from geo.watchlists import get_watchlist, mark_seen as mark, new_events

    moment = None
    if since:
        try:
            moment = dt.datetime.fromisoformat(since)
        except ValueError:
            raise WatchlistError(f"--since {since!r} is not a date (YYYY-MM-DD) "
                                 "or time (YYYY-MM-DDTHH:MM)") from None
    store = Store()
    wl = get_watchlist(store, name)
    frame = new_events(store, wl, since=moment)
    records = [Event.from_dict(row) for row in frame.to_dict("records")]
    if mark_seen:
        mark(store, wl.name)
    _echo_events(records, as_json, f"{len(records)} new event(s) for {wl.name!r}")


@watchlist.command("remove")
@click.argument("name")
@_reports_errors
def watchlist_remove(name) -> None:
    """Delete watchlist NAME."""
    from geo.store import Store
    from geo.watchlists import delete_watchlist

    delete_watchlist(Store(), name)
    click.echo(f"watchlist {name!r} removed")


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


@cli.command(context_settings={"ignore_unknown_options": True, "allow_extra_args": True},
             add_help_option=False)
@click.argument("streamlit_args", nargs=-1, type=click.UNPROCESSED)
def serve(streamlit_args) -> None:
    """Start the dashboard, warm (``streamlit run dashboard.py`` with the code and the
    store's events loaded before the first browser asks; options go to streamlit)."""
    from geo.ui.serve import serve as serve_dashboard

    serve_dashboard(list(streamlit_args))


def main() -> None:
    cli(prog_name="python -m geo")
