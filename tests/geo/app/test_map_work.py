"""Issue 13 phase 1 in Python: clustering at any count, tooltips, labels, search, time."""

from __future__ import annotations

import datetime as dt
import json
import re

from gazetteer import Place
from geo.app.assets import ASSETS, offline_urls
from geo.app.labels import TIERS, label_spec, label_tier
from geo.app.mapview import CLUSTER_OPTIONS, build_map
from geo.app.popups import base_tooltip, incident_tooltip, route_tooltip
from geo.app.search import fly_script, resolve_place
from geo.app.timeplay import playback_periods
from tests.geo.app.samples import small_layers


def _specs(html: str, factory: str) -> list[dict]:
    return [json.loads(m) for m in re.findall(
        rf"OsintMap\.{factory}\(\s*(\{{.*?\}}), map_", html, flags=re.S)]


def test_small_layers_cluster_in_one_shared_group_with_tooltips():
    html = build_map(small_layers()).get_root().render()
    points = {s["kind"]: s for s in _specs(html, "points")}
    assert points["incidents"]["cluster"] == CLUSTER_OPTIONS
    assert points["bases"]["cluster"] == CLUSTER_OPTIONS
    assert "disableClusteringAtZoom" not in CLUSTER_OPTIONS  # one point stays a cluster
    for kind in ("incidents", "bases"):
        spec = points[kind]
        assert len(spec["tooltips"]) == len(spec["rows"])
    route = _specs(html, "routes")[0]
    assert len(route["tooltips"]) == len(route["rows"])


def test_cluster_false_still_draws_every_marker_alone():
    html = build_map(small_layers(), cluster=False).get_root().render()
    assert all(s["cluster"] is False for s in _specs(html, "points") if "cluster" in s)


def test_tooltips_are_escaped():
    tip = incident_tooltip("raid", "2022-10-08", "<img src=x onerror=alert(1)>", "${x}")
    assert "<img" not in tip and "${" not in tip and "2022-10-08" in tip
    assert "<script" not in base_tooltip({"kind": "base", "operators": ["<script>"]})
    assert "&lt;b&gt;" in route_tooltip({"waypoints": ["<b>", "c"]})


def test_town_labels_by_tier_and_escaped():
    assert dict(TIERS)["town-label"] == 7 and dict(TIERS)["village-label"] == 10
    assert label_tier(Place("c", "", "C", "city", 36, 40)) == 0
    assert label_tier(Place("v", "", "V", "village", 36, 40)) == 3
    assert label_tier(Place("r", "", "R", "region", 36, 40)) is None
    evil = Place("e", "<b>قرية</b>", "<script>", "village", 36, 40)
    spec = label_spec([evil])
    assert "<script>" not in spec["frags"][0] and "&lt;script&gt;" in spec["frags"][0]
    big = label_spec()
    names = " ".join(big["frags"])
    assert "Qamishli" in names and "القامشلي" in names and "Amuda" in names


def test_basemap_has_named_rivers_and_town_labels():
    html = build_map(small_layers()).get_root().render()
    borders = _specs(html, "basemap")[0]
    names = {f["properties"]["name_en"] for f in borders["rivers"]["features"]}
    assert {"Euphrates", "Khabur", "Jaghjagh", "Tigris"} <= names
    assert any(s.get("tiers") for s in _specs(html, "labels"))


def test_search_resolves_arabic_english_kurdish():
    for query in ("القحطانية", "Qahtaniyah", "Tirbespî"):
        target = resolve_place(query)
        assert target is not None and target.place["id"] == "qahtaniyah_hasakah"
    assert resolve_place("") is None and resolve_place("x" * 600) is None
    assert resolve_place("Zzyzxqw") is None
    target = resolve_place("Qamishli")
    assert fly_script(target) == f"OsintMap.flyTo({target.lat}, {target.lon}, 11);"


def test_playback_periods_fit_the_span():
    assert playback_periods([dt.date(2022, 1, 1)]) == (dt.date(2022, 1, 1), 1, 1)
    start, length, n = playback_periods([dt.date(2000, 1, 1), dt.date(2024, 1, 1)])
    assert n * length >= (dt.date(2024, 1, 1) - start).days and n <= 120


def test_playback_and_heat_use_local_assets_only():
    html = build_map(small_layers(), playback=True).get_root().render()
    links = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert links and all(u.startswith("/app/static/vendor/") for u in links)
    urls = offline_urls()
    for name in ("leaflet_heat", "timeline_js", "moment_js"):
        assert urls[name] in links
    assert "L.timeline(" in html and "OsintMap.heat(" in html
    # the heat map reads the incident markers: their points are not sent a second time
    (heat,) = _specs(html, "heat")
    assert heat["of"] == "incidents" and "rows" not in heat
    assert "d3" not in " ".join(links)


def test_playback_rings_sit_above_the_markers_and_fold_the_legend():
    """The period's incidents are rings above clusters that let clicks through; the
    legend starts folded so it does not cover the playback bar."""
    plain = build_map(small_layers()).get_root().render()
    played = build_map(small_layers(), playback=True).get_root().render()
    assert "<details open>" in plain and "<details open>" not in played
    assert "<details>" in played
    assert "playback-marker" in played and "interactive: false" in played
    assert "circleMarker" not in played.split("L.timeline(", 1)[1].split("</script>", 1)[0]


def test_folium_offline_assets_are_pinned_and_hashed():
    pinned = [a for a in ASSETS if a.folder == "resource"]
    assert pinned and all(a.requirement == "folium-offline==0.20.0.2" and len(a.sha256) == 64
                          for a in pinned)
