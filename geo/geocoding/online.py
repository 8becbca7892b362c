"""The optional online backend: any geopy geocoder by name, behind geopy's RateLimiter.

:func:`make_online_backend` builds it from :class:`geo.settings.GeocoderSettings`
(misuse fails here, at construction: an unknown service, a URL without a host, a
service that needs an API key). :meth:`OnlineBackend.lookup` is the one choke point
where foreign errors are translated: a timeout, HTTP 429/5xx, a refused connection
or a malformed answer raise :class:`OnlineFailure` with its ``kind``; a good answer
is normalised to the gazetteer's raw keys (alpha-3 country code, admin1, precision).
"""

from __future__ import annotations

import contextlib
import http.client
import inspect
import re
import socket
import threading
import urllib.request
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from geopy import exc as geopy_exc
from geopy.adapters import URLLibAdapter, _normalize_proxies
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import get_geocoder_for_service

from geo.errors import GeocoderConfigError, GeocoderError
from geo.settings import GeocoderSettings

__all__ = ["OnlineBackend", "OnlineFailure", "make_online_backend", "classify_error"]

_STATUS = re.compile(r"\b(5\d\d)\b")


class OnlineFailure(GeocoderError):
    """The online backend did not answer usefully; ``kind`` says how."""

    def __init__(self, backend: str, query: str, kind: str, message: str):
        self.backend, self.query, self.kind, self.message = backend, query, kind, message
        super().__init__(f"{backend}: {kind} for {query!r}: {message}")


def classify_error(err: BaseException) -> str:
    """timeout, rate-limited, server-error, unavailable, malformed or error."""
    if isinstance(err, geopy_exc.GeocoderRateLimited):
        return "rate-limited"
    if isinstance(err, geopy_exc.GeocoderParseError) or isinstance(
        err, (KeyError, ValueError, TypeError, AttributeError, IndexError)
    ):
        return "malformed"
    if isinstance(err, geopy_exc.GeocoderServiceError) and _STATUS.search(str(err)):
        return "server-error"
    if isinstance(err, geopy_exc.GeocoderTimedOut):
        return "timeout"
    if isinstance(err, geopy_exc.GeocoderUnavailable):
        return "unavailable"
    if isinstance(err, geopy_exc.GeocoderServiceError):
        return "server-error"
    return "error"


def _alpha3(alpha2: str | None) -> str | None:
    if not alpha2:
        return None
    import pycountry

    found = pycountry.countries.get(alpha_2=alpha2.upper())
    return found.alpha_3 if found else None


def _alpha2(alpha3: str) -> str | None:
    import pycountry

    found = pycountry.countries.get(alpha_3=alpha3.upper())
    return found.alpha_2.lower() if found else None


def _precision_nominatim(raw: dict) -> int:
    rank = raw.get("place_rank")
    kind = str(raw.get("addresstype") or raw.get("type") or "")
    if kind == "country" or (isinstance(rank, int) and rank <= 4):
        return 3
    if kind in ("state", "region", "province", "county", "state_district") or (
        isinstance(rank, int) and rank <= 12
    ):
        return 2
    return 1


def normalise(service: str, location: Any, query: str) -> dict:
    """The gazetteer's raw keys for a geopy Location of any service (raises on junk)."""
    raw = location.raw if isinstance(location.raw, dict) else {}
    lat, lon = float(location.latitude), float(location.longitude)
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"coordinates out of range: {lat}, {lon}")
    out: dict[str, Any] = {"name": str(location.address).split(",")[0].strip() or query,
                           "latitude": lat, "longitude": lon, "precision": 1,
                           "country_code": None, "country": None, "admin1": None,
                           "feature_class": "", "feature_code": "", "population": 0}
    if service == "nominatim":
        address = raw.get("address") or {}
        out.update(name=raw.get("name") or out["name"],
                   country_code=_alpha3(address.get("country_code")),
                   country=address.get("country"), admin1=address.get("state"),
                   precision=_precision_nominatim(raw),
                   feature_class=str(raw.get("class") or raw.get("category") or ""),
                   feature_code=str(raw.get("type") or ""))
    elif service == "photon":
        props = raw.get("properties") or {}
        out.update(name=props.get("name") or out["name"],
                   country_code=_alpha3(props.get("countrycode")),
                   country=props.get("country"), admin1=props.get("state"),
                   precision={"country": 3, "state": 2}.get(props.get("type"), 1),
                   feature_class=str(props.get("osm_key") or ""),
                   feature_code=str(props.get("osm_value") or ""))
    out.update(score=None, confidence=0.7, source=service, match="online", matched_name=query,
               geonameid=None, admin2=None, country_code2=None)
    return out


@dataclass
class OnlineBackend:
    """A geopy geocoder wrapped in RateLimiter; ``lookup`` returns normalised raw or None."""

    service: str
    geocoder: Any
    rate_limited: Any
    timeout: float

    def lookup(self, query: str, country_codes: tuple[str, ...] = ()) -> dict | None:
        kwargs: dict[str, Any] = {"exactly_one": True, "timeout": self.timeout}
        if self.service == "nominatim":
            kwargs["addressdetails"] = True
            codes = [c for c in (_alpha2(cc) for cc in country_codes) if c]
            if codes:
                kwargs["country_codes"] = codes
        try:
            location = self.rate_limited(query, **kwargs)
            return None if location is None else normalise(self.service, location, query)
        except (geopy_exc.GeopyError, KeyError, ValueError, TypeError, AttributeError,
                IndexError) as err:
            raise OnlineFailure(self.service, query, classify_error(err),
                                f"{type(err).__name__}: {err}") from err


class TotalTimeoutAdapter(URLLibAdapter):
    """geopy's urllib adapter with ``timeout`` bounding the whole request: urllib's
    timeout covers each socket read, so a server dripping its answer a byte at a
    time would hold a run for as long as it likes. The request runs in a helper
    thread; past the timeout its connection is shut (the thread then ends) and
    GeocoderTimedOut is raised, as for any timeout."""

    def __init__(self, *, proxies, ssl_context):
        super().__init__(proxies=proxies, ssl_context=ssl_context)
        self._local = threading.local()
        tracked = self._local

        class _Connection(http.client.HTTPConnection):
            def connect(self):
                super().connect()
                getattr(tracked, "sockets", []).append(self.sock)

        class _TlsConnection(http.client.HTTPSConnection):
            def connect(self):
                super().connect()
                getattr(tracked, "sockets", []).append(self.sock)

        class _Http(urllib.request.HTTPHandler):
            def http_open(self, req):
                return self.do_open(_Connection, req)

        class _Https(urllib.request.HTTPSHandler):
            def https_open(self, req):
                return self.do_open(_TlsConnection, req, context=ssl_context)

        # as URLLibAdapter does: an explicit ProxyHandler, so {} means no system proxy
        proxy = urllib.request.ProxyHandler(_normalize_proxies(proxies))
        self.urlopen = urllib.request.build_opener(_Http(), _Https(context=ssl_context),
                                                   proxy).open

    def get_text(self, url, *, timeout, headers):
        answer: dict[str, Any] = {}
        sockets: list = []

        def fetch() -> None:
            self._local.sockets = sockets
            try:
                answer["text"] = URLLibAdapter.get_text(self, url, timeout=timeout,
                                                        headers=headers)
            except BaseException as exc:  # noqa: BLE001 - handed to the caller below
                answer["error"] = exc

        worker = threading.Thread(target=fetch, daemon=True, name="geocoder-request")
        worker.start()
        worker.join(timeout)
        if worker.is_alive():
            for sock in list(sockets):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                with contextlib.suppress(OSError):
                    sock.close()
            raise geopy_exc.GeocoderTimedOut(f"Service timed out: no whole answer in {timeout} s")
        if "error" in answer:
            raise answer["error"]
        return answer["text"]


def make_online_backend(config: GeocoderSettings) -> OnlineBackend | None:
    """The configured online backend, or None when it is off (the default)."""
    if not config.online:
        return None
    try:
        cls = get_geocoder_for_service(config.online)
    except geopy_exc.GeocoderNotFound:
        raise GeocoderConfigError(
            f"CONFLICTMAP_GEOCODER={config.online!r}: not a geopy geocoder "
            "(try nominatim or photon)") from None
    params = inspect.signature(cls.__init__).parameters
    kwargs: dict[str, Any] = {"user_agent": config.user_agent, "timeout": config.timeout}
    if config.url:
        parts = urlsplit(config.url if "://" in config.url else "https://" + config.url)
        if not parts.netloc:
            raise GeocoderConfigError(f"CONFLICTMAP_GEOCODER_URL={config.url!r}: no host")
        if "domain" not in params:
            raise GeocoderConfigError(f"{config.online} does not take a URL (domain)")
        kwargs["domain"] = parts.netloc + parts.path.rstrip("/")
        if "scheme" in params:
            kwargs["scheme"] = parts.scheme
    # urllib: no hidden retries (requests' adapter retries a read timeout twice), so a
    # timeout costs one timeout and is reported as one; the timeout bounds the request.
    kwargs["adapter_factory"] = TotalTimeoutAdapter
    kwargs = {k: v for k, v in kwargs.items() if k in params}
    try:
        geocoder = cls(**kwargs)
    except (TypeError, geopy_exc.ConfigurationError) as err:
        raise GeocoderConfigError(f"cannot set up {config.online}: {err}") from None
    limited = RateLimiter(geocoder.geocode, min_delay_seconds=config.min_delay, max_retries=0,
                          swallow_exceptions=False)
    service = config.online if config.online in ("nominatim", "photon") else cls.__name__.lower()
    return OnlineBackend(service=service, geocoder=geocoder, rate_limited=limited,
                         timeout=config.timeout)
