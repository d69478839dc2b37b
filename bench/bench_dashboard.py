#!/usr/bin/env python3
"""The dashboard's speed: the first map in a browser, and a filter change at 10,000 incidents.

    python bench/bench_dashboard.py [--part first-map|steps|app ...] [--articles 5000]
                                    [--incidents 10000] [--repeat 5] [--workdir DIR]

Prints figures, asserts nothing. Three measures:

* ``first-map``: seconds from navigation to the first incident marker drawn, on a real
  ``streamlit run dashboard.py`` server driven by Debian's Chromium (Playwright, offline),
  on the seeds and on a synthetic corpus of ``--articles`` articles (``corpus_gen.py``,
  built once with ``python -m geo build`` into the per-article cache the dashboard reads,
  as the README says); cold (a fresh server: its first page imports the modules and
  loads every article's result from that cache) and warm (a new session on the running
  server: the target's case), with the page's milestones: Streamlit's page loaded
  (``page``), the map's frame started (after the script sent the map: server time),
  Leaflet drawn, first marker (the frame's own scripts and drawing: browser time); and
  warm with the browser's cache warm too (an analyst opening the dashboard again: a
  new session, Streamlit's ~2.5 MB of scripts and the map's assets from the cache;
  Playwright's request routing turns the cache off, so this one polls the map's frame
  and lists any request that left 127.0.0.1 instead of aborting it);
* ``steps``: the steps one filter change costs on the server: ``filter_layers`` (the CLI's filter),
  ``build_map``, the render that ``st_folium`` does, the incidents table and the
  timeline; and the bytes the map component sends to the browser;
* ``app``: the whole script (``dashboard.py``) re-run by Streamlit's AppTest after a widget
  change, on a synthetic pipeline result of that size (the pipeline itself is cached
  by the app and is not part of a filter change), and the bytes of every element it
  sends.

Targets (issue 14): the first map with markers within 2 s of navigation on a running
server on the seeds, within 4 s on 5,000 articles; at 10,000 incidents at most 200 ms
from a filter change to the map (server side) and at most 3 MB sent to the browser.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import itertools
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString, Point

ROOT = Path(__file__).resolve().parents[1]
for _path in (ROOT, ROOT / "bench"):  # corpus_gen beside this file
    if str(_path) not in sys.path:
        sys.path.insert(0, str(_path))

from geo.app import dashboard_data  # noqa: E402
from geo.app.dashboard_data import incidents_table, timeline  # noqa: E402
from geo.app.mapview import build_map  # noqa: E402
from geo.app.symbols import INCIDENT_STYLES  # noqa: E402
from geo.layers import COLUMNS, Layers, filter_layers  # noqa: E402
from geo.model import ArticleResult  # noqa: E402
from geo.pipeline import PipelineResult, build_report  # noqa: E402
from geo.read import Article  # noqa: E402

WORDS = ("قصفت القوات التركية قرى ريف تل تمر بالمدفعية الثقيلة وسيرت القوات الروسية دورية "
         "مشتركة في محيط الدرباسية وأفادت مصادر محلية بسقوط قتلى وجرحى بين المدنيين").split()
ACTORS = ["US forces", "Russian forces", "SDF", "Turkish forces", "Syrian regime forces",
          "SNA", "ISIS", "Iran-backed militias"]
PARTS = ("first-map", "steps", "app")
FILTER_TARGET_MS, SENT_TARGET_MB = 200, 3.0
OUTLETS = ["عنب بلدي", "نورث برس", "هاوار", "سانا", "تلفزيون سوريا", "الشرق الأوسط"]


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


_DTYPES = {"float": "float64", "bool": "bool", "count": "int64"}
#: What a column the generator does not set holds (review state, say): the pipeline's empty.
_EMPTY = {"str": "", "list": (), "count": 0, "int": None, "float": float("nan"), "bool": False}


def _frame(layer: str, rows: list[dict]) -> gpd.GeoDataFrame:
    """A layer as ``geo.layers.build_layers`` makes it (object columns, not Arrow strings)."""
    data = {c: pd.Series([r[c] if c in r else _empty(kind) for r in rows],
                         dtype=_DTYPES.get(kind, object))
            for c, kind in COLUMNS[layer].items()}
    return gpd.GeoDataFrame(data, geometry=[r["geometry"] for r in rows], crs="EPSG:4326")


def _empty(kind: str):
    value = _EMPTY.get(kind, "")
    return list(value) if isinstance(value, tuple) else value


def synthetic_result(n_incidents: int, *, seed: int = 7, n_articles: int = 2_000
                     ) -> PipelineResult:
    """A pipeline result with ``n_incidents`` incidents in the layer contract."""
    rng = random.Random(seed)
    start = dt.date(2019, 1, 1)
    places = [(f"p{i}", _words(rng, 2), f"Place {i}",
               Point(round(rng.uniform(38.0, 42.2), 4), round(rng.uniform(34.5, 37.2), 4)))
              for i in range(400)]
    articles: dict[str, Article] = {}
    for i in range(n_articles):
        day = start + dt.timedelta(days=rng.randrange(1_400))
        articles[f"a{i:05d}"] = Article(
            id=f"a{i:05d}", path=f"/bench/a{i:05d}.txt", title=_words(rng, 9),
            outlet=rng.choice(OUTLETS), url=f"https://news.example/{i}", published=day,
            published_at=None, published_precision="day", published_inferred=False,
            published_reason="metadata", body=_words(rng, 200), encoding="utf-8",
            sha256=f"{i:064d}")
    ids = list(articles)
    inc_rows = []
    for i in range(n_incidents):
        pid, ar, en, pt = rng.choice(places)
        precision = rng.choice(("day", "day", "day", "month", "year"))
        day = start + dt.timedelta(days=rng.randrange(1_400))
        first = {"day": day, "month": day.replace(day=1), "year": day.replace(month=1, day=1)
                 }[precision]
        last = {"day": day, "month": (first + dt.timedelta(days=32)).replace(day=1)
                - dt.timedelta(days=1), "year": first.replace(month=12, day=31)}[precision]
        srcs = []
        for aid in rng.sample(ids, rng.choice((1, 1, 1, 2, 3))):
            a = articles[aid]
            srcs.append({"article": aid, "title": a.title, "outlet": a.outlet,
                         "published": a.published.isoformat(), "url": a.url,
                         "evidence": _words(rng, rng.randint(12, 30))})
        geo = rng.choice((1, 1, 1, 2, 3))
        actors = rng.sample(ACTORS, rng.randint(1, 3))
        inc_rows.append({
            "id": f"i{i}", "type": rng.choice(list(INCIDENT_STYLES)[:15]),
            "acled_event_type": "", "acled_sub_event_type": "",
            "date": {"day": day.isoformat(), "month": day.isoformat()[:7],
                     "year": day.isoformat()[:4]}[precision],
            "date_first": first.isoformat(), "date_last": last.isoformat(),
            "date_precision": precision, "geo_precision": geo, "place_id": pid,
            "place_name_ar": ar, "place_name_en": en, "actors": actors,
            "attackers": actors[:1], "targets": actors[1:2],
            "fatalities": rng.choice((None, 0, 1, 3)), "injuries": rng.choice((None, 2)),
            "confidence": round(rng.random(), 2), "approximate": geo == 3,
            "location_note": "", "date_text": "", "disagreements": [],
            "n_sources": len(srcs), "sources": srcs, "geometry": pt, "review": "machine",
            "n_articles": len({s["article"] for s in srcs}),
            "n_outlets": len({s["outlet"] for s in srcs}),
        })
    place_rows = [{"id": p, "name_ar": ar, "name_en": en, "kind": "village",
                   "governorate": "hasakah", "n_mentions": rng.randint(1, 40),
                   "articles": rng.sample(ids, 3), "geometry": pt} for p, ar, en, pt in places]
    base_rows = [{"id": f"b{i}", "place_id": places[i][0], "place_name_ar": places[i][1],
                  "place_name_en": places[i][2], "kind": "base",
                  "operators": rng.sample(ACTORS, 1),
                  "sources": [{"article": ids[i], "title": "t", "outlet": "o",
                               "published": "2022-01-01", "url": "", "evidence": _words(rng, 12)}],
                  "geometry": places[i][3]} for i in range(50)]
    route_rows = [{"id": f"r{i}", "waypoints": [places[i][1], places[i + 1][1]],
                   "waypoint_ids": [places[i][0], places[i + 1][0]],
                   "actors": rng.sample(ACTORS, 2),
                   "sources": [{"article": ids[i], "title": "t", "outlet": "o",
                                "published": "2022-01-01", "url": "",
                                "evidence": _words(rng, 12)}],
                   "date": "", "geometry": LineString([places[i][3], places[i + 1][3]])}
                  for i in range(100)]
    art_rows = [{"id": a.id, "title": a.title, "outlet": a.outlet,
                 "published": a.published.isoformat(), "url": a.url, "excerpt": a.body[:300],
                 "places": [], "incident_types": [], "incident_ids": [],
                 "geometry": rng.choice(places)[3]} for a in articles.values()]
    layers = Layers(incidents=_frame("incidents", inc_rows), bases=_frame("bases", base_rows),
                    routes=_frame("routes", route_rows), places=_frame("places", place_rows),
                    articles=_frame("articles", art_rows))
    results = {aid: ArticleResult(article_id=aid) for aid in articles}
    report = build_report(Path("/bench"), articles, [], results, [], layers)
    return PipelineResult(corpus_dir=Path("/bench"), articles=articles, reports=[],
                          results=results, incidents=[], bases=[], routes=[], merges=[],
                          layers=layers, report=report)


def _st_folium_render(m) -> tuple[int, int]:
    """What ``st_folium(..., render=False)`` does with the map before sending it; the
    bytes of its text in UTF-8, and as sent (component arguments are JSON with
    ``ensure_ascii``: an Arabic letter is 6 bytes, ``\\u0627``)."""
    import streamlit_folium as sf

    m.render()
    html, header, script = sf._get_html(m), sf._get_header(m), sf._get_map_string(m)
    utf8 = sum(len(x.encode()) for x in (html, header, script))
    return utf8, len(json.dumps({"script": script, "header": header, "html": html}))


def _median_ms(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:.0f} ms"


def reference_ms(repeat: int = 5) -> float:
    """A fixed piece of Python work (JSON out and back of 20,000 small rows), timed now:
    figures are also printed as multiples of it, so runs on a busy or a slow machine
    can be compared (the machine this was written on ran 2 cores for 8 jobs)."""

    rows = [[i, i * 0.5, f"r{i}", [i, i + 1, i + 2]] for i in range(20_000)]
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        json.loads(json.dumps(rows))
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1000


def _x(ms: float, ref: float) -> str:
    return f"{ms:.0f} ms ({ms / ref:.1f}x ref)"


def news_sentences() -> list[str]:
    """Sentences of the development items' Arabic text (not the held-out 401+): the
    evidence a real map's popups carry. The synthetic text repeats 25 words and packs far
    better."""
    sentences = []
    for path in sorted((ROOT / "tests" / "data" / "news").glob("[0-9]*.json")):
        if path.stem.isdigit() and int(path.stem) < 400:
            text = json.loads(path.read_text(encoding="utf-8")).get("text", "")
            sentences += [t for t in re.split(r"(?<=[.!؟])\s+", text) if len(t) >= 20]
    return sentences


def with_news_text(frags: list[str], sentences: list[str]) -> list[str]:
    """``frags`` with the text of each ``<bdi>`` (evidence, places, titles) replaced by news
    text of the same length, so that only how well it deflates changes."""
    if not sentences:
        return frags
    source = itertools.cycle(sentences)

    def real(m: re.Match) -> str:
        text = ""
        while len(text) < len(m.group(1)):
            text += next(source) + " "
        return f"<bdi>{html.escape(text[:len(m.group(1))], quote=False)}</bdi>"

    return [_BDI_RE.sub(real, f) for f in frags]


_BDI_RE = re.compile(r"<bdi>([^<]+)</bdi>")


def _map(view, full, titles) -> object:
    """The map as the dashboard builds it (geo.app.linked's reader links included)."""
    from geo.app.linked import ReaderLinks, incident_articles

    m = build_map({"incidents": view.incidents, "bases": view.bases, "routes": view.routes,
                   "places": view.places}, full={"incidents": full.incidents})
    m.add_child(ReaderLinks(incident_articles(view.incidents, titles)))
    return m


def _text_bytes(m) -> tuple[int, int, int]:
    """UTF-8 bytes of the map's packed text once unpacked, as packed, and as packed with
    news text in its popups (:func:`with_news_text`; ``m`` not rendered before: a second
    render would repeat its scripts)."""
    from geo.app.packing import pack_json, unpack_json

    plain = packed = news = 0
    sentences = news_sentences()
    for blob in re.findall(r'"packed":\s*"([A-Za-z0-9+/=]+)"', m.get_root().render()):
        value = unpack_json(blob)
        packed += len(blob)
        plain += len(json.dumps(value, ensure_ascii=False).encode())
        if isinstance(value, dict) and "frags" in value:
            value = {**value, "frags": with_news_text(value["frags"], sentences)}
        news += len(pack_json(value))
    return plain, packed, news


def bench_steps(result: PipelineResult, repeat: int) -> None:
    layers = result.layers
    titles = {aid: a.title for aid, a in result.articles.items()}
    ref = reference_ms()
    print(f"  reference work: {ref:.1f} ms")
    build_map({})  # the basemap is cached once per process, as in a running app
    t0 = time.perf_counter()
    first = _map(layers, layers, titles)
    size, sent = _st_folium_render(first)
    cold = (time.perf_counter() - t0) * 1000
    print(f"  first map (builds every popup once): {_x(cold, ref)}; "
          f"{size / 1e6:.2f} MB in UTF-8, {sent / 1e6:.2f} MB as sent")
    plain, packed, news = _text_bytes(_map(layers, layers, titles))  # a fresh map: rendered once
    if plain:
        print(f"  its popup text: {plain / 1e6:.2f} MB, packed {packed / 1e6:.2f} MB "
              f"(deflated to {packed * 3 / 4 / plain:.2f}); with news sentences in place of its "
              f"synthetic words (the same lengths) packed {news / 1e6:.2f} MB: about "
              f"{(sent - packed + news) / 1e6:.2f} MB as sent")
    filters = {"all": {}, "2 types": {"types": ["raid", "airstrike"]},
               "2021 + conf 0.3": {"date_from": "2021-01-01", "date_to": "2021-12-31",
                                   "min_confidence": 0.3}}
    for name, kwargs in filters.items():
        times: dict[str, list[float]] = {k: [] for k in
                                         ("filter", "build_map", "render", "table", "timeline")}
        size = sent = 0
        cpu: list[float] = []  # this process's CPU time: less swayed by a busy machine
        for _ in range(repeat):
            c0, t0 = time.process_time(), time.perf_counter()
            view = filter_layers(layers, **kwargs)
            t1 = time.perf_counter()
            m = _map(view, layers, titles)
            t2 = time.perf_counter()
            size, sent = _st_folium_render(m)
            t3 = time.perf_counter()
            cpu.append(time.process_time() - c0)
            incidents_table(view)
            t4 = time.perf_counter()
            timeline(view)
            t5 = time.perf_counter()
            for key, a, b in (("filter", t0, t1), ("build_map", t1, t2), ("render", t2, t3),
                              ("table", t3, t4), ("timeline", t4, t5)):
                times[key].append(b - a)
        total = [sum(v[i] for k, v in times.items() if k in ("filter", "build_map", "render"))
                 for i in range(repeat)]
        print(f"  filter {name!r}: {len(view.incidents)} incidents; "
              + ", ".join(f"{k} {_median_ms(v)}" for k, v in times.items())
              + f"; filter->map sent {_x(statistics.median(total) * 1000, ref)}, CPU "
              f"{_median_ms(cpu)}; map {size / 1e6:.2f} MB in UTF-8, {sent / 1e6:.2f} MB as sent")


def _payload(at) -> dict[str, int]:
    """Bytes of the elements the script sent (protobuf): the map, the table, the rest."""
    sizes = {"map": 0, "table": 0, "other": 0}
    stack = [at._tree]
    while stack:
        node = stack.pop()
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "ByteSize"):
            kind = {"component_instance": "map", "dataframe": "table"}.get(
                getattr(node, "type", ""), "other")
            sizes[kind] += proto.ByteSize()
        children = getattr(node, "children", None)
        if isinstance(children, dict):
            stack.extend(children.values())
    return sizes


def _sent(at, rows: int) -> str:
    """What a browser gets: AppTest has no runtime, so its table is eager; a server
    sends a lazy table's first 1,000 rows only (estimated pro rata)."""
    sizes = _payload(at)
    table = sizes["table"] * min(1.0, 1_000 / rows) if rows else sizes["table"]
    total = sizes["map"] + table + sizes["other"]
    return (f"sent {total / 1e6:.2f} MB (map {sizes['map'] / 1e6:.2f}, table "
            f"{table / 1e6:.2f}, other {sizes['other'] / 1e6:.2f})")


def bench_app(result: PipelineResult, repeat: int) -> None:
    from streamlit.testing.v1 import AppTest

    dashboard_data.run_folders = lambda folders, **kw: result  # the app's cached load
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=600)
    t0 = time.perf_counter()
    at.run()
    first = time.perf_counter() - t0
    if at.exception:
        print("  the app failed:", at.exception[0].message)
        return
    rows = at.session_state["map_layers"]["incidents"]
    print(f"  first run (data handed in, map and table built): {first * 1000:.0f} ms, "
          f"{_sent(at, rows)}")
    steps = [("types=[raid]", lambda: at.multiselect(key="types").set_value(["raid"])),
             ("types=[]", lambda: at.multiselect(key="types").set_value([])),
             ("conf=0.5", lambda: at.slider(key="conf").set_value(0.5)),
             ("conf=0", lambda: at.slider(key="conf").set_value(0.0))]
    for name, change in steps:
        samples = []
        for _ in range(repeat):
            # a new value each time, so the filter cache does not answer
            at.slider(key="conf").set_value(round(random.random() * 0.05, 3)).run()
            change()
            t0 = time.perf_counter()
            at.run()
            samples.append(time.perf_counter() - t0)
        rows = at.session_state["map_layers"]["incidents"]
        print(f"  rerun after {name}: {_median_ms(samples)} ({rows} incidents drawn), "
              f"{_sent(at, rows)}")


# --- the first map in a browser (a real server, Debian's Chromium) ----------------------

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
FIRST_MAP_TARGET_S = {"seeds": 2.0, "articles": 4.0}
#: The map frame's first script: the wall-clock time (ms since the epoch,
#: the clock Python's ``time.time`` reads too) at which Leaflet's container and then the
#: first incident marker or cluster appear in this frame.
MARKER_WATCH = """(() => {
  // per document: a frame's first about:blank window is kept for the page it loads
  if (document.__osintWatch) { return; }
  document.__osintWatch = true;
  const look = () => {
    if (!window.__osintLeaflet && document.querySelector('.leaflet-container')) {
      window.__osintLeaflet = Date.now();
    }
    if (document.querySelector('.incident-marker, .osint-cluster')) {
      window.__osintMarker = Date.now();
      return true;
    }
    return false;
  };
  if (!look()) {
    new MutationObserver((_, obs) => { if (look()) { obs.disconnect(); } })
      .observe(document, {childList: true, subtree: true});
  }
})();"""
MARKS_JS = ("() => [performance.timeOrigin, window.__osintLeaflet || 0, "
            "window.__osintMarker || 0]")


class Server:
    """``streamlit run dashboard.py -- --corpus DIR`` on a free port of 127.0.0.1, with its
    own data folder and the per-article cache ``cache`` (as ``python -m geo build`` filled
    it); the page a Playwright browser opens."""

    def __init__(self, corpus: Path, cache: Path, data: Path, log: Path) -> None:
        import socket

        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        env = {**os.environ, "NES_OSINT_CACHE": str(cache), "NES_OSINT_DATA": str(data),
               "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
               "PYTHONPATH": str(ROOT)}
        cmd = [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
               "--server.address=127.0.0.1", f"--server.port={self.port}",
               "--server.headless=true", "--server.fileWatcherType=none",
               "--global.developmentMode=false", "--", "--corpus", str(corpus)]
        with log.open("wb") as out:
            self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out,
                                         stderr=subprocess.STDOUT, start_new_session=True)

    def wait_healthy(self, timeout: float = 120.0) -> float:
        """Seconds until the server answers its health check."""
        import urllib.request

        t0 = time.perf_counter()
        while time.perf_counter() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"streamlit exited:\n{self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2):
                    return time.perf_counter() - t0
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"streamlit did not start:\n{self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)


def _local_only(route) -> None:
    """Requests leaving 127.0.0.1 abort; the map component's page gets the marker watch
    as its first script (Playwright's init scripts do not reach Streamlit's component
    frames)."""
    url = route.request.url
    if not url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
        route.abort()
    elif "/component/streamlit_folium" in url and url.split("?")[0].endswith(".html"):
        response = route.fetch()
        body = response.text().replace("<head>", f"<head><script>{MARKER_WATCH}</script>", 1)
        route.fulfill(response=response, body=body)
    else:
        route.continue_()


def first_marker(browser, url: str, *, timeout: float = 300.0) -> dict[str, float]:
    """One navigation in a new browser context (a new Streamlit session): seconds from
    ``goto`` to the page's DOMContentLoaded, to the map frame's start, to Leaflet's
    container and to the first incident marker drawn. Requests leaving 127.0.0.1 abort."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB",
                                  service_workers="block")
    context.route("**/*", _local_only)
    page = context.new_page()
    try:
        t0 = time.time() * 1000
        page.goto(url, wait_until="commit")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for frame in page.frames:
                if "st_folium" not in frame.url:
                    continue
                try:
                    origin, leaflet, marker = frame.evaluate(MARKS_JS)
                except Exception:  # noqa: BLE001 - the frame is loading or went away
                    continue
                if marker:
                    dom = page.evaluate("performance.timing.domContentLoadedEventEnd")
                    return {"dom": (dom - t0) / 1000, "frame": (origin - t0) / 1000,
                            "leaflet": (leaflet - t0) / 1000, "marker": (marker - t0) / 1000}
            page.wait_for_timeout(50)
        raise RuntimeError(f"no incident marker within {timeout:.0f} s at {url}")
    finally:
        context.close()


#: True once the map's frame (same origin as the page) has drawn an incident marker.
FRAME_MARKER_JS = """() => [...document.querySelectorAll('iframe')].some(f => {
  try { return !!f.contentDocument.querySelector('.incident-marker, .osint-cluster'); }
  catch (e) { return false; } })"""


def first_marker_cached(browser, url: str, repeat: int, *,
                        timeout: float = 300.0) -> tuple[list[float], list[str]]:
    """Seconds from ``goto`` to the first incident marker for ``repeat`` navigations in one
    browser context after a first one that fills its HTTP cache: each a new Streamlit
    session. Polled every 10 ms (Playwright's routing would turn the cache off), so a
    figure may be late by that much. Returns the figures and every URL requested outside
    127.0.0.1 (none expected: the map is offline)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB",
                                  service_workers="block")
    outside: list[str] = []
    context.on("request", lambda request: outside.append(request.url) if not request.url
               .startswith(("http://127.0.0.1", "data:", "blob:", "about:")) else None)
    page = context.new_page()
    figures: list[float] = []
    try:
        for i in range(repeat + 1):
            t0 = time.perf_counter()
            page.goto(url, wait_until="commit")
            while not page.evaluate(FRAME_MARKER_JS):
                if time.perf_counter() - t0 > timeout:
                    raise RuntimeError(f"no incident marker within {timeout:.0f} s at {url}")
                page.wait_for_timeout(10)
            if i:  # the first navigation only fills the cache
                figures.append(time.perf_counter() - t0)
            page.wait_for_timeout(1500)  # the session settles before the next navigation
    finally:
        context.close()
    return figures, outside


def _corpus(kind: str, n: int, work: Path) -> tuple[Path, Path, float | None]:
    """(corpus folder, cache folder, seconds ``geo build`` took or None when reused): the
    seeds, or ``n`` synthetic articles written once into ``work``. ``python -m geo build``
    fills the per-article cache the dashboard then reads, as the README says."""
    if kind == "seeds":
        corpus = ROOT / "seeds"
    else:
        corpus = work / f"corpus-{n}"
        if not (corpus / ".complete").exists():
            from corpus_gen import write_corpus

            corpus.mkdir(parents=True, exist_ok=True)
            write_corpus(corpus, n)
            (corpus / ".complete").write_text("")
    cache = work / f"cache-{corpus.name}"
    if (cache / ".built").exists():
        return corpus, cache, None
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-m", "geo", "build", str(corpus), "--out",
                    str(work / f"out-{corpus.name}"), "--no-review"], check=True, cwd=ROOT,
                   env={**os.environ, "NES_OSINT_CACHE": str(cache),
                        "NES_OSINT_DATA": str(work / "data-build")},
                   stdout=subprocess.DEVNULL)
    (cache / ".built").write_text("")
    return corpus, cache, time.perf_counter() - t0


def _marks(m: dict[str, float]) -> str:
    return (f"{m['marker']:.2f} s (page {m['dom']:.2f}, map frame {m['frame']:.2f}, "
            f"Leaflet {m['leaflet']:.2f})")


def bench_first_map(kinds: list[tuple[str, int]], work: Path, warm_repeat: int) -> None:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.is_file():
        print(f"  {CHROMIUM} is missing: no browser figures (apt-get install chromium)")
        return
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for kind, n in kinds:
                corpus, cache, built = _corpus(kind, n, work)
                name = "the seeds" if kind == "seeds" else f"{n:,} synthetic articles"
                target = FIRST_MAP_TARGET_S[kind]
                if built is not None:
                    print(f"  {name}: `python -m geo build` filled the cache in {built:.1f} s")
                data = work / f"data-{corpus.name}"
                server = Server(corpus, cache, data, work / f"streamlit-{corpus.name}.log")
                try:
                    up = server.wait_healthy()
                    cold = first_marker(browser, server.url)
                    warm = [first_marker(browser, server.url) for _ in range(warm_repeat)]
                    cached, outside = first_marker_cached(browser, server.url, warm_repeat)
                finally:
                    server.stop()
                best = min(warm, key=lambda m: m["marker"])
                median = statistics.median(m["marker"] for m in warm)
                print(f"  {name} (server up in {up:.1f} s), first incident marker after "
                      f"navigation (target {target:.0f} s on a running server):")
                print(f"    cold (fresh server, first page): {_marks(cold)}")
                print(f"    warm (new session, median of {warm_repeat}): {median:.2f} s; "
                      f"best {_marks(best)}; {'within' if median <= target else 'OVER'} "
                      "target")
                cached_median = statistics.median(cached)
                print(f"    warm, the browser's cache warm too (the dashboard opened again, "
                      f"median of {warm_repeat}): {cached_median:.2f} s; best {min(cached):.2f} s; "
                      f"{'within' if cached_median <= target else 'OVER'} target"
                      + (f"; requests outside 127.0.0.1: {outside}" if outside else ""))
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--part", action="append", choices=PARTS,
                        help="what to measure (repeat; default: all)")
    parser.add_argument("--no-app", action="store_true", help="leave out the AppTest part")
    parser.add_argument("--articles", type=int, default=5_000,
                        help="synthetic articles for the first map (0: the seeds only)")
    parser.add_argument("--workdir", type=Path,
                        help="keep the synthetic corpus and its cache here for the next run")
    args = parser.parse_args(argv)
    parts = [p for p in (args.part or PARTS) if not (args.no_app and p == "app")]
    if "first-map" in parts:
        kinds = [("seeds", 0)] + ([("articles", args.articles)] if args.articles else [])
        print("First map in Chromium on a real `streamlit run dashboard.py` server:")
        if args.workdir:
            args.workdir.mkdir(parents=True, exist_ok=True)
            bench_first_map(kinds, args.workdir.resolve(), args.repeat)
        else:
            with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as tmp:
                bench_first_map(kinds, Path(tmp), args.repeat)
    if "steps" in parts or "app" in parts:
        t0 = time.perf_counter()
        result = synthetic_result(args.incidents)
        print(f"{args.incidents} synthetic incidents, {len(result.articles)} articles "
              f"(generated in {time.perf_counter() - t0:.1f} s)")
        if "steps" in parts:
            print(f"Steps of one filter change (median of {args.repeat}; targets "
                  f"{FILTER_TARGET_MS} ms server side, {SENT_TARGET_MB} MB sent):")
            bench_steps(result, args.repeat)
        if "app" in parts:
            print(f"The whole dashboard script in AppTest (median of {args.repeat}):")
            bench_app(result, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
