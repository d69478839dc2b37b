"""The optional online geocoder, against a local stand-in for Nominatim's JSON API.

Every request goes through geopy's real Nominatim class and HTTP adapter to a
ThreadingHTTPServer on 127.0.0.1; nothing leaves the machine.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from gazetteer.errors import ConfigurationError, GeocoderUnavailable
from gazetteer.online import (
    OnlineGeocoder,
    geocoder_from_env,
    online_enabled,
    osm_kind,
    server_from_env,
)

AGENT = "nes-osint-map-tests/0.1 (tests@example.invalid)"

QAMISHLI = {
    "place_id": 123456, "licence": "Data © OpenStreetMap contributors, ODbL 1.0.",
    "osm_type": "relation", "osm_id": 1234567, "lat": "37.0521500", "lon": "41.2314200",
    "class": "place", "type": "city", "place_rank": 16, "importance": 0.56,
    "addresstype": "city", "name": "القامشلي",
    "display_name": "القامشلي, ناحية القامشلي, منطقة القامشلي, محافظة الحسكة, سوريا",
    "address": {"city": "القامشلي", "state": "محافظة الحسكة", "country": "سوريا",
                "country_code": "sy"},
    "namedetails": {"name": "القامشلي", "name:ar": "القامشلي", "name:en": "Qamishli",
                    "name:ku": "Qamişlo", "alt_name": "Qamishly;Kamishli"},
    "boundingbox": ["36.98", "37.10", "41.16", "41.29"],
}
AIRPORT = {
    "place_id": 99, "osm_type": "way", "osm_id": 4242, "lat": "37.0206", "lon": "41.1914",
    "class": "aeroway", "type": "aerodrome", "display_name": "مطار القامشلي, القامشلي, سوريا",
    "address": {"country_code": "sy"},
    "namedetails": {"name": "مطار القامشلي", "name:en": "Qamishli Airport", "iata": "KAC"},
}
KILIS = {
    "place_id": 7, "osm_type": "node", "osm_id": 77, "lat": "36.7184", "lon": "37.1212",
    "class": "place", "type": "town", "display_name": "Kilis, Türkiye",
    "address": {"country_code": "tr"}, "namedetails": {"name": "Kilis"},
}


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self):  # noqa: N802 (http.server's naming)
        srv = self.server
        url = urlsplit(self.path)
        query = parse_qs(url.query, keep_blank_values=True)
        with srv.lock:
            srv.seen.append({"at": time.monotonic(), "path": url.path, "query": query,
                             "headers": dict(self.headers.items())})
        mode = srv.mode
        if mode == "slow":
            srv.release.wait(5)
            mode = "ok"
        if mode in ("500", "429", "503"):
            self._send(int(mode), b'{"error": "busy"}')
        elif mode == "malformed":
            self._send(200, b'[{"lat": "37.0", "lon": ')
        elif mode == "html":  # several lines, as an error page has
            self._send(200, b"<html>\n<body>\nmaintenance\n</body>\n</html>\n", "text/html")
        elif mode == "trickle":  # one byte every 0.2 s: 12 s for the whole reply
            body = json.dumps([QAMISHLI]).encode()[:60]
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                for i in range(len(body)):
                    self.wfile.write(body[i:i + 1])
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass
        elif mode == "redirect-other":
            self.send_response(302)
            self.send_header("Location", f"http://{srv.elsewhere}/search?{url.query}")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif mode == "redirect-same" and url.path == "/search":
            self.send_response(307)
            self.send_header("Location", f"/v2/search?{url.query}")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif mode == "no-latlon":
            self._send(200, json.dumps([{**QAMISHLI, "lat": None}]).encode())
        elif mode == "not-a-list":
            self._send(200, b'"surprise"')
        else:
            q = query.get("q", [""])[0]
            answer = {"airport": [AIRPORT], "kilis": [KILIS], "nothing": []}.get(q, [QAMISHLI])
            self._send(200, json.dumps(answer, ensure_ascii=False).encode(),
                       cookie="session=tracking-you; Path=/")

    def _send(self, status, body, ctype="application/json", cookie=None):
        self.send_response(status)
        self.send_header("Content-Type", f"{ctype}; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        if cookie:
            self.send_header("Set-Cookie", cookie)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.seen: list[dict] = []
        self.mode = "ok"
        self.elsewhere = ""  # host:port a redirect points to
        self.release = threading.Event()

    @property
    def domain(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"


def _serve():
    srv = _Server()
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    yield srv
    srv.release.set()
    srv.shutdown()
    srv.server_close()
    thread.join(5)


@pytest.fixture
def server(monkeypatch):
    for var in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY",
                "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    yield from _serve()


@pytest.fixture
def other_host():
    """A second server: where a hostile redirect points."""
    yield from _serve()


def make(srv: _Server, **kw) -> OnlineGeocoder:
    kw.setdefault("min_delay_seconds", 0.0)
    kw.setdefault("timeout", 2.0)
    return OnlineGeocoder(user_agent=AGENT, domain=srv.domain, scheme="http", **kw)


# --- answers -------------------------------------------------------------------------------

def test_normal_answer(server, tmp_path):
    (p,) = make(server, cache_dir=tmp_path).geocode("القامشلي")
    assert (p.lat, p.lon) == (37.05215, 41.23142)
    assert (p.id, p.kind, p.name_ar, p.name_en) == (
        "osm:relation:1234567", "city", "القامشلي", "Qamishli")
    assert {"Qamişlo", "Qamishly", "Kamishli"} <= set(p.alt_names)
    assert p.in_area and p.governorate == ""
    assert p.source == f"Nominatim/OSM (online, {date.today().isoformat()})"
    assert "online" in p.source and "imported" not in p.source


def test_airport_and_foreign_answers(server):
    geo = make(server)
    (airport,) = geo.geocode("airport")
    assert (airport.kind, airport.name_en, airport.name_ar) == (
        "airport", "Qamishli Airport", "مطار القامشلي")
    assert airport.id == "osm:way:4242"
    assert "KAC" not in airport.alt_names  # codes in namedetails are not names
    (kilis,) = geo.geocode("kilis")
    assert (kilis.in_area, kilis.kind, kilis.name_en, kilis.name_ar) == (
        False, "town", "Kilis", "")
    assert geo.geocode("nothing") == []


@pytest.mark.parametrize(("osm_class", "osm_type", "kind"), [
    ("place", "city", "city"), ("place", "town", "town"), ("place", "village", "village"),
    ("place", "hamlet", "village"), ("place", "suburb", "neighbourhood"),
    ("aeroway", "aerodrome", "airport"), ("military", "barracks", "base"),
    ("landuse", "military", "base"), ("boundary", "administrative", "region"),
    ("place", "state", "region"), ("waterway", "dam", "dam"),
    ("barrier", "border_control", "border_crossing"), ("amenity", "school", "village"),
])
def test_osm_kind(osm_class, osm_type, kind):
    assert osm_kind(osm_class, osm_type) == kind


# --- what is sent ------------------------------------------------------------------------------

def test_request_carries_query_countries_and_user_agent_only(server):
    make(server, language="ar,en").geocode("  تل   تمر ", limit=3)
    (req,) = server.seen
    assert req["path"] == "/search"
    q = {k: v[0] for k, v in req["query"].items()}
    assert q == {"q": "تل تمر", "format": "json", "limit": "3", "countrycodes": "sy",
                 "addressdetails": "1", "namedetails": "1", "accept-language": "ar,en"}
    headers = {k.lower(): v for k, v in req["headers"].items()}
    assert headers["user-agent"] == AGENT
    assert set(headers) <= {"host", "user-agent", "accept", "accept-encoding", "connection"}


def test_no_cookie_is_sent_back(server):
    geo = make(server)
    geo.geocode("first")
    geo.geocode("second")
    assert len(server.seen) == 2
    assert all("cookie" not in {k.lower() for k in r["headers"]} for r in server.seen)


def test_worldwide_search_sends_no_countrycodes(server):
    make(server, country_codes=()).geocode("kilis")
    assert "countrycodes" not in server.seen[0]["query"]


# --- cache ---------------------------------------------------------------------------------

def test_cache_hit_makes_no_request(server, tmp_path):
    geo = make(server, cache_dir=tmp_path)
    first = geo.geocode("القامشلي")
    assert geo.geocode("  القامشلي ") == first  # same normalised query
    assert len(server.seen) == 1
    again = make(server, cache_dir=tmp_path).geocode("القامشلي")  # a new process, same cache
    assert again == first and len(server.seen) == 1
    files = list(tmp_path.glob("*.json"))
    assert len(files) == 1
    assert json.loads(files[0].read_text(encoding="utf-8"))["params"]["q"] == "القامشلي"


def test_cache_key_includes_options(server, tmp_path):
    make(server, cache_dir=tmp_path).geocode("القامشلي", limit=1)
    make(server, cache_dir=tmp_path).geocode("القامشلي", limit=2)
    make(server, cache_dir=tmp_path, country_codes=("sy", "tr")).geocode("القامشلي", limit=1)
    assert len(server.seen) == 3


def test_without_cache_dir_every_call_asks(server):
    geo = make(server)
    geo.geocode("x")
    geo.geocode("x")
    assert len(server.seen) == 2


def test_empty_answer_is_cached(server, tmp_path):
    geo = make(server, cache_dir=tmp_path)
    assert geo.geocode("nothing") == [] and geo.geocode("nothing") == []
    assert len(server.seen) == 1


def test_failures_are_not_cached(server, tmp_path):
    geo = make(server, cache_dir=tmp_path)
    server.mode = "500"
    with pytest.raises(GeocoderUnavailable):
        geo.geocode("القامشلي")
    assert list(tmp_path.glob("*.json")) == []
    server.mode = "ok"
    assert geo.geocode("القامشلي")[0].name_en == "Qamishli"
    assert len(server.seen) == 2


def test_corrupt_cache_entry_is_a_miss(server, tmp_path):
    geo = make(server, cache_dir=tmp_path)
    geo.geocode("القامشلي")
    (entry,) = tmp_path.glob("*.json")
    entry.write_text("{not json", encoding="utf-8")
    assert geo.geocode("القامشلي")[0].name_en == "Qamishli"
    assert len(server.seen) == 2
    assert json.loads(entry.read_text(encoding="utf-8"))["version"] == 1  # rewritten


# --- failures -------------------------------------------------------------------------------

def test_timeout_is_unavailable_quickly(server):
    server.mode = "slow"
    geo = make(server, timeout=0.3)
    start = time.monotonic()
    with pytest.raises(GeocoderUnavailable, match="GeocoderTimedOut") as info:
        geo.geocode("القامشلي")
    assert time.monotonic() - start < 2.0
    assert isinstance(info.value, ConnectionError)
    assert len(server.seen) == 1  # no retry


@pytest.mark.parametrize(("mode", "what"), [
    ("500", "GeocoderServiceError"),
    ("503", "GeocoderTimedOut"),  # geopy's mapping of 503
    ("429", "GeocoderRateLimited"),
    ("malformed", "GeocoderParseError"),
    ("html", "GeocoderParseError"),
    ("no-latlon", "without a usable lat/lon"),
    ("not-a-list", "malformed"),
])
def test_bad_answers_are_unavailable(server, tmp_path, mode, what):
    server.mode = mode
    with pytest.raises(GeocoderUnavailable, match=what):
        make(server, cache_dir=tmp_path).geocode("القامشلي")
    assert len(server.seen) == 1  # no retry
    assert list(tmp_path.glob("*.json")) == []


def test_trickled_reply_fails_when_the_timeout_ends(server):
    server.mode = "trickle"
    start = time.monotonic()
    with pytest.raises(GeocoderUnavailable, match="GeocoderTimedOut: no complete reply within 1 s"):
        make(server, timeout=1.0).geocode("القامشلي")
    assert 0.95 <= time.monotonic() - start < 1.5  # the reply would take 12 s


def test_redirect_to_another_host_is_refused(server, other_host):
    server.mode, server.elsewhere = "redirect-other", other_host.domain
    with pytest.raises(GeocoderUnavailable) as info:
        make(server).geocode("القامشلي")
    message = str(info.value)
    assert "\n" not in message
    assert f"redirected to another host (http://{other_host.domain})" in message
    assert "not followed" in message and "leak" not in message
    assert other_host.seen == []  # not even the query reached it


def test_redirect_on_the_same_host_is_followed(server):
    server.mode = "redirect-same"
    (p,) = make(server).geocode("القامشلي")
    assert p.name_en == "Qamishli"
    assert [r["path"] for r in server.seen] == ["/search", "/v2/search"]


def test_refused_connection_is_unavailable():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    geo = OnlineGeocoder(user_agent=AGENT, domain=f"127.0.0.1:{port}", scheme="http",
                         timeout=1.0, min_delay_seconds=0)
    with pytest.raises(GeocoderUnavailable, match="127.0.0.1"):
        geo.geocode("القامشلي")


# --- rate limit ------------------------------------------------------------------------------

def test_requests_are_spaced(server):
    geo = make(server, min_delay_seconds=0.3)
    for q in ("one", "two", "three"):
        geo.geocode(q)
    times = [r["at"] for r in server.seen]
    assert len(times) == 3
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert all(gap >= 0.25 for gap in gaps), gaps  # 0.3 s, less a little clock jitter


def test_cache_hits_do_not_wait(server, tmp_path):
    geo = make(server, min_delay_seconds=1.0, cache_dir=tmp_path)
    geo.geocode("one")
    start = time.monotonic()
    for _ in range(5):
        geo.geocode("one")
    assert time.monotonic() - start < 0.5


# --- arguments and configuration -------------------------------------------------------------

@pytest.mark.parametrize(("query", "exc"), [
    (None, TypeError), (b"bytes", TypeError), ("", ValueError), ("   ", ValueError),
    ("x" * 501, ValueError),
])
def test_bad_queries(server, query, exc):
    with pytest.raises(exc):
        make(server).geocode(query)
    assert server.seen == []


@pytest.mark.parametrize("limit", [0, 41, -1, 2.5, True])
def test_bad_limit(server, limit):
    with pytest.raises(ValueError, match="limit"):
        make(server).geocode("x", limit=limit)


def test_keyword_only(server):
    with pytest.raises(TypeError):
        OnlineGeocoder(AGENT)  # type: ignore[misc]
    with pytest.raises(TypeError):
        make(server).geocode("x", 3)  # type: ignore[misc]


@pytest.mark.parametrize("agent", ["", "   ", "my-application"])
def test_user_agent_required(agent):
    with pytest.raises(ConfigurationError, match="GAZETTEER_USER_AGENT"):
        OnlineGeocoder(user_agent=agent)


def test_disabled_by_default(monkeypatch):
    monkeypatch.delenv("GAZETTEER_ONLINE", raising=False)
    assert online_enabled() is False
    assert geocoder_from_env() is None


@pytest.mark.parametrize(("value", "on"), [
    ("1", True), ("true", True), ("YES", True), (" yes ", True),
    ("0", False), ("false", False), ("", False), ("on", False),
])
def test_online_switch(monkeypatch, value, on):
    monkeypatch.setenv("GAZETTEER_ONLINE", value)
    assert online_enabled() is on


def test_from_env_without_user_agent(monkeypatch):
    monkeypatch.setenv("GAZETTEER_ONLINE", "1")
    monkeypatch.delenv("GAZETTEER_USER_AGENT", raising=False)
    with pytest.raises(ValueError, match="set GAZETTEER_USER_AGENT|GAZETTEER_USER_AGENT is not"):
        geocoder_from_env()


def test_from_env(monkeypatch, tmp_path):
    monkeypatch.setenv("GAZETTEER_ONLINE", "yes")
    monkeypatch.setenv("GAZETTEER_USER_AGENT", AGENT)
    monkeypatch.setenv("GAZETTEER_HOME", str(tmp_path))
    geo = geocoder_from_env()
    assert isinstance(geo, OnlineGeocoder)
    assert geo.cache_dir == tmp_path / "cache"
    assert geo.domain == "nominatim.openstreetmap.org" and geo.country_codes == ("sy",)


# --- the configured server ------------------------------------------------------------------

@pytest.mark.parametrize(("url", "scheme", "domain"), [
    ("", "https", "nominatim.openstreetmap.org"),
    ("http://127.0.0.1:8080", "http", "127.0.0.1:8080"),
    ("https://maps.example.org/nominatim/", "https", "maps.example.org/nominatim"),
])
def test_server_from_env(monkeypatch, url, scheme, domain):
    monkeypatch.setenv("GAZETTEER_ONLINE_URL", url)
    assert server_from_env() == (scheme, domain)


@pytest.mark.parametrize("url", ["ftp://x.org", "127.0.0.1:8080", "http://", "https://x.org/?q=1",
                                 "https://user:secret@x.org"])
def test_bad_server_address(monkeypatch, url):
    monkeypatch.setenv("GAZETTEER_ONLINE_URL", url)
    with pytest.raises(ConfigurationError, match="GAZETTEER_ONLINE_URL"):
        server_from_env()


# --- the command line falls back to the offline answer ------------------------------------

UNKNOWN = "Xyzzyville"  # no offline answer, so `lookup --online` asks the server


@pytest.fixture
def online_env(server, monkeypatch, tmp_path):
    monkeypatch.setenv("GAZETTEER_ONLINE", "1")
    monkeypatch.setenv("GAZETTEER_USER_AGENT", AGENT)
    monkeypatch.setenv("GAZETTEER_ONLINE_URL", f"http://{server.domain}")
    monkeypatch.setenv("GAZETTEER_HOME", str(tmp_path))
    return server


def _cli(capsys, *args):
    from gazetteer.__main__ import main

    code = main(["lookup", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_cli_uses_the_online_answer(online_env, capsys):
    code, out, err = _cli(capsys, UNKNOWN, "--online", "--json")
    assert code == 0 and err == ""
    answer = json.loads(out)
    assert answer["method"] == "online" and answer["best"]["name_en"] == "Qamishli"
    assert answer["best"]["source"].startswith("Nominatim/OSM (online")
    assert online_env.seen[0]["query"]["q"] == [UNKNOWN]


def test_cli_never_asks_when_offline_data_answers(online_env, capsys):
    code, out, _ = _cli(capsys, "القامشلي", "--online", "--json")
    assert code == 0 and json.loads(out)["method"] == "exact"
    assert online_env.seen == []


@pytest.mark.parametrize(("mode", "why"), [
    ("500", "GeocoderServiceError"), ("malformed", "GeocoderParseError"),
    ("no-latlon", "without a usable lat/lon"), ("not-a-list", "malformed"),
    ("429", "GeocoderRateLimited"),
])
def test_cli_failure_keeps_the_offline_answer(online_env, capsys, mode, why):
    online_env.mode = mode
    offline_code, offline_out, _ = _cli(capsys, UNKNOWN, "--json")  # without --online
    code, out, err = _cli(capsys, UNKNOWN, "--online", "--json")
    assert code == offline_code == 0
    assert json.loads(out) == json.loads(offline_out)  # the offline answer, unchanged
    assert "online geocoder failed" in err and why in err and "offline answer kept" in err


@pytest.mark.parametrize("mode", ["500", "503", "429", "malformed", "html", "no-latlon",
                                  "not-a-list", "trickle", "redirect-other"])
def test_cli_every_online_failure_is_exactly_one_line(online_env, other_host, capsys,
                                                      monkeypatch, mode):
    import gazetteer.online as online

    real = online.OnlineGeocoder.__init__
    monkeypatch.setattr(online.OnlineGeocoder, "__init__",
                        lambda self, **kw: real(self, **{**kw, "timeout": 1.0}))
    online_env.mode, online_env.elsewhere = mode, other_host.domain
    code, out, err = _cli(capsys, UNKNOWN, "--online")
    assert code == 0 and "not resolved" in out
    assert err.count("\n") == 1 and err.endswith("offline answer kept\n"), err
    assert err.startswith("gazetteer: online geocoder failed (")


def test_cli_timeout_keeps_the_offline_answer(online_env, capsys, monkeypatch):
    import gazetteer.online as online

    online_env.mode = "slow"
    real = online.OnlineGeocoder.__init__

    def quick(self, **kw):
        real(self, **{**kw, "timeout": 0.3})

    monkeypatch.setattr(online.OnlineGeocoder, "__init__", quick)
    start = time.monotonic()
    code, out, err = _cli(capsys, UNKNOWN, "--online")
    assert time.monotonic() - start < 5
    assert code == 0 and "not resolved" in out
    assert "GeocoderTimedOut" in err and "offline answer kept" in err


def test_cli_refused_connection_keeps_the_offline_answer(monkeypatch, capsys, tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    monkeypatch.setenv("GAZETTEER_ONLINE", "1")
    monkeypatch.setenv("GAZETTEER_USER_AGENT", AGENT)
    monkeypatch.setenv("GAZETTEER_ONLINE_URL", f"http://127.0.0.1:{port}")
    monkeypatch.setenv("GAZETTEER_HOME", str(tmp_path))
    code, out, err = _cli(capsys, UNKNOWN, "--online")
    assert code == 0 and "not resolved" in out and "offline answer kept" in err


def test_cli_online_switched_off_says_how_to_switch_it_on(monkeypatch, capsys):
    monkeypatch.delenv("GAZETTEER_ONLINE", raising=False)
    code, out, err = _cli(capsys, UNKNOWN, "--online")
    assert code == 0 and "not resolved" in out and "GAZETTEER_ONLINE=1" in err


def test_rate_limit_holds_across_threads(server):
    geo = make(server, min_delay_seconds=0.25)
    threads = [threading.Thread(target=geo.geocode, args=(f"q{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    times = sorted(r["at"] for r in server.seen)
    assert len(times) == 4
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert all(gap >= 0.2 for gap in gaps), gaps
