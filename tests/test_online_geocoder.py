"""The optional online backend against a fake Nominatim on 127.0.0.1 that misbehaves.

The server answers /search by the query's first word: ``ok`` → Nominatim JSON,
``ratelimit`` → 429, ``down`` → 503, ``slow`` → answers after the client's timeout,
``junk`` → malformed JSON, ``shape`` → JSON of the wrong shape, ``none`` → []. Every
failure must fall back to the gazetteer (or the container) and be recorded.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from geo.errors import GeocoderConfigError
from geo.gazetteer import OfflineGazetteer
from geo.geocoding.cache import AnswerCache
from geo.geocoding.chain import GeocoderChain
from geo.geocoding.online import make_online_backend
from geo.settings import GeocoderSettings
from tests.geofixture import build_small_gazetteer

TIMEOUT = 0.4

NOMINATIM_OK = [{
    "place_id": 1, "osm_type": "node", "osm_id": 42, "lat": "34.95", "lon": "36.95",
    "class": "place", "type": "village", "addresstype": "village", "place_rank": 19,
    "name": "Ok Village", "display_name": "Ok Village, Homs, Syria",
    "address": {"village": "Ok Village", "state": "Homs Governorate", "country": "Syria",
                "country_code": "sy"},
}]


class FakeNominatim(BaseHTTPRequestHandler):
    hits: list[str] = []

    def log_message(self, *args):  # keep test output clean
        pass

    def _send(self, status: int, body: str, ctype: str = "application/json") -> None:
        data = body.encode()
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            self.wfile.write(data)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _drip(self, headers_too: bool) -> None:
        """A byte every TIMEOUT / 2: each read is within the timeout, the whole is not."""
        body = json.dumps(NOMINATIM_OK).encode()
        head = (f"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                f"Content-Length: {len(body)}\r\n\r\n").encode()
        if not headers_too:
            self.wfile.write(head)
            self.wfile.flush()
            head = b""
        try:
            for i in range(len(head + body)):
                self.wfile.write((head + body)[i:i + 1])
                self.wfile.flush()
                time.sleep(TIMEOUT / 2)
        except (BrokenPipeError, ConnectionResetError):
            type(self).dropped.append(self.path)  # the client hung up: as it should

    def do_GET(self):  # noqa: N802 (http.server's name)
        query = parse_qs(urlsplit(self.path).query)
        q = query.get("q", [""])[0]
        type(self).hits.append(q)
        FakeNominatim.agents.append(self.headers.get("User-Agent", ""))
        word = q.replace(",", " ").split()[0].lower() if q.strip() else ""
        if word == "ok":
            self._send(200, json.dumps(NOMINATIM_OK))
        elif word == "ratelimit":
            self._send(429, '{"error": "too many requests"}')
        elif word == "down":
            self._send(503, "<html>Service Unavailable</html>", "text/html")
        elif word == "slow":
            time.sleep(TIMEOUT * 3)
            self._send(200, json.dumps(NOMINATIM_OK))
        elif word in ("drip", "dripheaders"):
            self._drip(word == "dripheaders")
        elif word == "junk":
            self._send(200, '[{"lat": "34.9", "lon": ')
        elif word == "shape":
            self._send(200, '[{"lat": "not a number", "lon": "x"}]')
        else:
            self._send(200, "[]")


FakeNominatim.agents = []
FakeNominatim.dropped = []


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), FakeNominatim)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def gaz_path(tmp_path_factory):
    return build_small_gazetteer(tmp_path_factory.mktemp("gaz") / "gazetteer.sqlite")


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy",
                 "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


def make_chain(gaz_path, server, tmp_path, **kwargs):
    cfg = GeocoderSettings(online="nominatim", url=server, user_agent="conflict-map-tests",
                           timeout=TIMEOUT, min_delay=0.0, cache_path=tmp_path / "cache.sqlite")
    return GeocoderChain(OfflineGazetteer(path=gaz_path), cache=AnswerCache(cfg.cache_path),
                         online=make_online_backend(cfg), **kwargs)


def test_a_good_answer_is_normalised_cached_and_served_from_the_cache(gaz_path, server, tmp_path):
    chain = make_chain(gaz_path, server, tmp_path)
    FakeNominatim.hits.clear()
    loc = chain.geocode("Ok Village, Homs Governorate")
    raw = loc.raw
    assert (raw["backend"], raw["country_code"], raw["admin1"], raw["precision"]) == (
        "nominatim", "SYR", "Homs Governorate", 1)
    assert (loc.latitude, loc.longitude) == (34.95, 36.95)
    assert "nominatim answer" in raw["reason"]
    assert FakeNominatim.agents[-1] == "conflict-map-tests"
    chain.close()
    again = make_chain(gaz_path, server, tmp_path)  # a new process, the same cache file
    loc2 = again.geocode("Ok Village, Homs Governorate")
    assert loc2.raw["backend"] == "cache" and (loc2.latitude, loc2.longitude) == (34.95, 36.95)
    assert len(FakeNominatim.hits) == 1
    again.close()


def test_the_gazetteer_answers_first_and_the_service_is_not_asked(gaz_path, server, tmp_path):
    chain = make_chain(gaz_path, server, tmp_path)
    FakeNominatim.hits.clear()
    assert chain.geocode("Idlib").raw["backend"] == "gazetteer"
    assert FakeNominatim.hits == []
    chain.close()


def test_a_miss_is_cached_too(gaz_path, server, tmp_path):
    chain = make_chain(gaz_path, server, tmp_path)
    FakeNominatim.hits.clear()
    assert chain.geocode("Nowhereville") is None
    chain._memo.cache_clear()
    assert chain.geocode("Nowhereville") is None
    assert len(FakeNominatim.hits) == 1
    chain.close()


@pytest.mark.parametrize("word, kind", [
    ("ratelimit", "rate-limited"), ("down", "server-error"), ("slow", "timeout"),
    ("junk", "malformed"), ("shape", "malformed"),
])
def test_failures_fall_back_to_the_gazetteer_and_are_recorded(gaz_path, server, tmp_path,
                                                              word, kind):
    chain = make_chain(gaz_path, server, tmp_path)
    t = time.perf_counter()
    loc = chain.geocode(f"{word} village, Ar Rastan district, Homs Governorate")
    assert time.perf_counter() - t < TIMEOUT * 2.5
    assert (loc.raw["backend"], loc.raw["name"], loc.raw["precision"]) == (
        "container-fallback", "Ar Rastan", 2)
    assert chain.geocode(f"{word} hamlet") is None  # no container: not placed, no crash
    assert [f.kind for f in chain.failures] == [kind, kind]
    assert chain.cache.failures()[0][2] == kind
    chain.close()


def test_after_failures_in_a_row_the_service_rests(gaz_path, server, tmp_path):
    chain = make_chain(gaz_path, server, tmp_path, failure_threshold=2, cooldown=30.0)
    now = [1000.0]
    chain._clock = lambda: now[0]
    FakeNominatim.hits.clear()
    for i in range(4):
        assert chain.geocode(f"down {i}") is None
    assert len(FakeNominatim.hits) == 2  # resting after two failures
    now[0] += 31
    chain.geocode("down 9")
    assert len(FakeNominatim.hits) == 3
    chain.close()


def test_misconfiguration_fails_at_construction(tmp_path):
    with pytest.raises(GeocoderConfigError):
        make_online_backend(GeocoderSettings(online="no-such-geocoder"))
    with pytest.raises(GeocoderConfigError):
        make_online_backend(GeocoderSettings(online="nominatim", url="http://"))
    assert make_online_backend(GeocoderSettings()) is None
    photon = make_online_backend(GeocoderSettings(online="photon", url="http://127.0.0.1:9"))
    assert photon.service == "photon"
    with pytest.raises(ValueError):
        GeocoderChain(object(), online=photon)  # every online answer must be cached


@pytest.mark.parametrize("word", ["drip", "dripheaders"])
def test_a_server_dripping_its_answer_is_cut_off_at_the_timeout(gaz_path, server, tmp_path,
                                                                word):
    """The timeout bounds the whole request, not each read: a byte every half timeout
    would otherwise hold the run for minutes (about 500 bytes here)."""
    chain = make_chain(gaz_path, server, tmp_path)
    t = time.perf_counter()
    loc = chain.geocode(f"{word} village, Ar Rastan district, Homs Governorate")
    assert time.perf_counter() - t < TIMEOUT * 10  # not the ~100 s the drip would take
    assert loc.raw["backend"] == "container-fallback"
    assert [f.kind for f in chain.failures] == ["timeout"]
    chain.close()
