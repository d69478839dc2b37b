"""geo.app.mapview and geo.app.basemap: offline assets only, escaping, legend, counts, basemap."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import folium
import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point

from gazetteer.model import GOVERNORATES
from geo.app import mapview
from geo.app.basemap import DATA_DIR, load_basemap
from geo.app.mapview import COLUMNS, build_map, route_arrows
from geo.app.popups import (
    article_popup_html,
    base_popup_html,
    incident_popup_html,
    place_popup_html,
    route_popup_html,
)

EVIL = "<script>alert(1)</script>${alert(2)}"
JINJA = "{{ 'pwn' ~ 'ed' }}{% if true %}"
EVIDENCE = "سيّرت القوات الروسية والتركية دورية مشتركة في ريف الدرباسية الشرقي"
CDN_HOSTS = ("cdn.jsdelivr.net", "cdnjs.cloudflare.com", "code.jquery.com", "unpkg.com",
             "bootstrapcdn.com", "d3js.org", "fonts.googleapis.com", "fonts.gstatic.com")


def _source(article: str = "a1", title: str = EVIL, url: str = "https://example.org/a1") -> dict:
    return {"article": article, "title": title, "outlet": "Enab Baladi",
            "published": "2022-10-09", "url": url, "evidence": EVIDENCE}


def small_layers() -> dict[str, gpd.GeoDataFrame]:
    """Small frames with exactly the layer contract's columns (also used by tests/browser)."""
    incidents = gpd.GeoDataFrame(
        {
            "id": ["i1", "i2", "i3"],
            "type": ["patrol", "airstrike", "shelling"],
            "date": ["2022-10-08", "2020-01", "2020"],
            "date_first": ["2022-10-08", "2020-01-01", "2020-01-01"],
            "date_last": ["2022-10-08", "2020-01-31", "2020-12-31"],
            "date_precision": ["day", "month", "year"],
            "geo_precision": [1, 2, 3],
            "place_id": ["darbasiyah", "ain_issa", "gov_deir_ez_zor"],
            "place_name_ar": ["الدرباسية", "عين عيسى", "ريف دير الزور"],
            "place_name_en": ["Al-Darbasiyah", "Ain Issa", "Deir ez-Zor countryside"],
            "actors": [["Russia", "Turkey"], ["Turkey"], []],
            "fatalities": [None, 2, None],
            "injuries": [None, 3, None],
            "confidence": [0.9, 0.7, 0.4],
            "approximate": [False, False, True],
            "sources": [[_source()], [_source("a2", "Drone strike near Ain Issa",
                                              "javascript:alert(3)"), _source("a3", "Second")],
                        []],
        },
        geometry=[Point(40.72, 37.07), Point(38.85, 36.39), Point(40.4, 35.1)],
        crs="EPSG:4326",
    )
    bases = gpd.GeoDataFrame(
        {"id": ["b1"], "place_id": ["rmelan"], "place_name_ar": ["رميلان"],
         "place_name_en": ["Rmelan"], "kind": ["airbase"], "operators": [["US-led coalition"]],
         "sources": [[_source("a4", "Coalition at Rmelan")]]},
        geometry=[Point(41.93, 36.99)], crs="EPSG:4326")
    routes = gpd.GeoDataFrame(
        {"id": ["r1"], "waypoints": [["الدرباسية", "عامودا", "القامشلي"]],
         "waypoint_ids": [["darbasiyah", "amuda", "qamishli"]], "actors": [["Russia"]],
         "sources": [[_source("a5", "Joint patrol route")]]},
        geometry=[LineString([(40.72, 37.07), (40.93, 37.10), (41.23, 37.05)])],
        crs="EPSG:4326")
    places = gpd.GeoDataFrame(
        {"id": ["darbasiyah", "ain_issa"], "name_ar": ["الدرباسية", "عين عيسى"],
         "name_en": ["Al-Darbasiyah", "Ain Issa"], "kind": ["town", "town"],
         "governorate": ["hasakah", "raqqa"], "n_mentions": [5, 2],
         "articles": [["a1", "a5"], ["a2"]]},
        geometry=[Point(40.72, 37.07), Point(38.85, 36.39)], crs="EPSG:4326")
    articles = gpd.GeoDataFrame(
        {"id": ["a1", "a2"], "title": [EVIL, "Drone strike near Ain Issa"],
         "outlet": ["Enab Baladi", "North Press"], "published": ["2022-10-09", "2020-01-15"],
         "url": ["https://example.org/a1", "javascript:alert(4)"],
         "excerpt": [EVIDENCE, "قصفت طائرة مسيرة تركية محيط عين عيسى"],
         "places": [["الدرباسية"], ["عين عيسى"]], "incident_types": [["patrol"], ["airstrike"]]},
        geometry=[Point(40.72, 37.07), Point(38.85, 36.39)], crs="EPSG:4326")
    return {"incidents": incidents, "bases": bases, "routes": routes, "places": places,
            "articles": articles}


@pytest.fixture
def layers() -> dict[str, gpd.GeoDataFrame]:
    return small_layers()


@pytest.fixture
def page(layers) -> str:
    return build_map(layers, show_articles=True).get_root().render()


def specs(page: str, factory: str = "points") -> list[dict]:
    """The JSON specs of the OsintMap.<factory>(...) calls on a rendered page."""
    decoder = json.JSONDecoder()
    out = []
    for match in re.finditer(rf"OsintMap\.{factory}\(\s*", page):
        spec, _ = decoder.raw_decode(page, match.end())
        out.append(spec)
    return out


def spec_of(page: str, kind: str) -> dict:
    (spec,) = [s for s in specs(page) if s.get("kind") == kind]
    return spec


def popup_of(spec: dict, row: list) -> str:
    return "".join(spec["frags"][i] for i in row[3])


# ------------------------------------------------------------------ contract fixtures

def test_fixture_frames_have_exactly_the_contract_columns(layers):
    for name, frame in layers.items():
        assert tuple(c for c in frame.columns if c != "geometry") == COLUMNS[name]
        assert frame.crs.to_epsg() == 4326


# ------------------------------------------------------------------ offline assets

def _tags(page: str) -> list[str]:
    return re.findall(r"<(?:script|link)\b[^>]*>", page)


def test_no_cdn_url_in_rendered_map(page):
    tags = _tags(page)
    assert tags
    for tag in tags:
        for url in re.findall(r'(?:src|href)="([^"]*)"', tag):
            assert url.startswith("/app/static/vendor/"), tag
    assert not re.search(r"<(?:script|link)\b[^>]*https?://", page)
    for host in CDN_HOSTS:
        assert host not in page
    assert "L.tileLayer" not in page  # no tiles unless asked


def test_every_linked_asset_is_installed(page, tmp_path):
    from geo.app.assets import install_assets

    install_assets(tmp_path)
    for tag in _tags(page):
        for url in re.findall(r'(?:src|href)="/app/static/vendor/([^"]*)"', tag):
            assert (tmp_path / url).is_file(), url


def test_asset_base_is_used_for_every_link(layers):
    page = build_map(layers, asset_base="vendor/").get_root().render()
    urls = [u for t in _tags(page) for u in re.findall(r'(?:src|href)="([^"]*)"', t)]
    assert urls and all(u.startswith("vendor/") for u in urls)
    assert "vendor//" not in page


def test_clustered_map_links_markercluster_locally(layers):
    page = build_map(layers, cluster=True).get_root().render()
    assert '<script src="/app/static/vendor/markercluster/leaflet.markercluster.js">' in page
    assert "/app/static/vendor/markercluster/MarkerCluster.Default.css" in page
    assert spec_of(page, "incidents")["cluster"]


def test_online_tiles_only_when_asked(layers):
    page = build_map(layers, online_tiles=True).get_root().render()
    assert "tile.openstreetmap.org" in page
    for tag in _tags(page):  # still no remote script or stylesheet
        assert "://" not in tag


def test_st_folium_gets_only_local_links(layers, monkeypatch):
    """st_folium loads default_js/default_css itself inside its iframe: check what it sends."""
    import streamlit_folium

    sent = {}
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kw: sent.update(kw))
    streamlit_folium.st_folium(build_map(layers), key="map", returned_objects=[])
    links = sent["js_links"] + sent["css_links"]
    assert "/app/static/vendor/leaflet/leaflet.js" == sent["js_links"][0]
    assert all(link.startswith("/app/static/vendor/") for link in links), links
    assert "://" not in sent["header"]
    assert "OsintMap.points" in sent["script"]
    for host in CDN_HOSTS:
        assert host not in sent["script"]


# ------------------------------------------------------------------ escaping

def test_incident_popup_escapes_and_neutralises_template_syntax():
    row = {"type": "patrol", "date": "2022-10-08", "date_precision": "day",
           "place_name_en": EVIL, "place_name_ar": "`x` \\u0041 ${y}", "actors": [JINJA],
           "sources": [_source(title=EVIL, url="javascript:alert(1)")]}
    out = incident_popup_html(row)
    assert "<script" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    for raw in ("${", "`", "\\", "{{", "{%"):
        assert raw not in out
    assert "javascript:" not in out and "href" not in out


@pytest.mark.parametrize("url, linked", [
    ("https://example.org/a?b=1&c=2", True),
    ("http://example.org/", True),
    ("javascript:alert(1)", False),
    ("data:text/html,<b>x</b>", False),
    ("//example.org/no-scheme", False),
    ("https://example.org/\"onmouseover=\"alert(1)", False),
    ("", False),
    (None, False),
])
def test_links_only_for_http_urls(url, linked):
    out = article_popup_html({"title": "t", "url": url})
    assert ("href=" in out) is linked
    if linked:
        assert f'href="{html.escape(url)}"' in out


def test_rendered_page_keeps_article_text_inert(layers):
    layers["incidents"].at[0, "sources"] = [_source(title=EVIL + JINJA)]
    m = build_map(layers, show_articles=True)
    # also through folium's own Popup, which embeds HTML in a JS template literal
    folium.Marker([36.0, 40.0], popup=folium.Popup(
        incident_popup_html(layers["incidents"].iloc[0].to_dict()))).add_to(m)
    page = m.get_root().render()
    assert EVIL not in page
    assert "<script>alert(1)" not in page
    assert "${alert(2)}" not in page
    assert "pwned" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&#36;&#123;alert(2)&#125;" in page


def test_popup_html_survives_json_embedding(page):
    """No '</script>' can close the page's script early."""
    scripts = page.split("<script>")[1:]
    for body in scripts:
        assert body.count("</script>") == 1


RLO = "\u202e"


def test_untrusted_popup_fields_are_each_a_bidi_isolate():
    """An unterminated U+202E in a title or outlet reorders nothing outside its field."""
    src = {"article": "a" + RLO, "title": "عنوان " + RLO + "<b>", "outlet": "وكالة" + RLO,
           "published": "2022-10-09", "url": "", "evidence": "نص " + RLO}
    incident = incident_popup_html({"type": "patrol", "sources": [src]})
    assert f"<b><bdi>عنوان {RLO}&lt;b&gt;</bdi></b>" in incident
    assert f"<bdi>وكالة{RLO}</bdi> · <bdi>2022-10-09</bdi>" in incident
    article = article_popup_html({"title": src["title"], "outlet": src["outlet"],
                                  "published": "2022-10-09", "excerpt": src["evidence"]})
    assert f"<h4><bdi>عنوان {RLO}&lt;b&gt;</bdi></h4>" in article
    assert f"<bdi>وكالة{RLO}</bdi> · <bdi>2022-10-09</bdi>" in article
    place = place_popup_html({"name_en": "X", "articles": [src["article"], "b"]})
    assert f"<bdi>a{RLO}</bdi>, <bdi>b</bdi>" in place
    # every RLO sits inside a <bdi> or a block of its own with dir=
    for out in (incident, article, place):
        for before in out.split(RLO)[:-1]:
            assert before.rfind("<bdi>") > before.rfind("</bdi>") or \
                before.rfind('dir="rtl"') > before.rfind("</div>"), out


# ------------------------------------------------------------------ popup contents

def test_incident_popup_has_every_field_and_source(layers):
    row = layers["incidents"].iloc[1].to_dict()
    out = incident_popup_html(row)
    for text in ("Air / drone strike", "2020-01", "precision: month", "2020-01-01 – 2020-01-31",
                 "Ain Issa", "عين عيسى", "geo precision 2", "Turkey", "2 killed, 3 injured",
                 "Sources (2)", "Drone strike near Ain Issa", "Second", "Enab Baladi",
                 "2022-10-09", EVIDENCE, 'href="https://example.org/a1"'):
        assert text in out, text
    assert out.count('<div dir="rtl" style="text-align:right"') == 2
    assert "javascript" not in out


def test_incident_popup_states_unknowns():
    out = incident_popup_html({"type": "mystery_type"})
    assert "Mystery type" in out and "date" in out.lower() and "not stated" in out


def test_lean_popup_keeps_first_sources_and_cuts_evidence():
    row = {"type": "raid", "sources": [dict(_source(), evidence="ك" * 400)] * 4}
    out = incident_popup_html(row, lean=True)
    assert "Sources (4)" in out and "+2 more sources" in out
    assert "ك" * 400 not in out and "…" in out
    assert out.count('dir="rtl"') <= 2


def test_article_popup(layers):
    out = article_popup_html(layers["articles"].iloc[0].to_dict())
    for text in ("&lt;script&gt;", "Enab Baladi", "2022-10-09", 'href="https://example.org/a1"',
                 EVIDENCE, "الدرباسية", "Patrol"):
        assert text in out, text


def test_base_route_and_place_popups(layers):
    base = base_popup_html(layers["bases"].iloc[0].to_dict())
    assert "Rmelan" in base and "US-led coalition" in base and "Coalition at Rmelan" in base
    route = route_popup_html(layers["routes"].iloc[0].to_dict())
    assert "الدرباسية ← عامودا ← القامشلي" in route and 'dir="rtl"' in route
    assert "Russia" in route
    place = place_popup_html(layers["places"].iloc[0].to_dict())
    assert "Al-Darbasiyah" in place and GOVERNORATES["hasakah"][1] in place and "a5" in place


def test_popups_accept_series_with_nan():
    row = small_layers()["incidents"].iloc[0].copy()
    row["fatalities"] = float("nan")
    row["confidence"] = float("nan")
    assert "not stated" in incident_popup_html(row)


# ------------------------------------------------------------------ the map

def test_marker_counts_equal_layer_sizes(page, layers):
    for kind in ("incidents", "bases", "places", "articles"):
        assert len(spec_of(page, kind)["rows"]) == len(layers[kind]), kind
    (routes,) = specs(page, "routes")
    assert len(routes["rows"]) == len(layers["routes"])


def test_incident_markers_carry_stable_classes(page):
    spec = spec_of(page, "incidents")
    classes = [spec["styles"][row[2]]["cls"] for row in spec["rows"]]
    assert classes == ["incident-marker incident-patrol", "incident-marker incident-airstrike",
                       "incident-marker incident-shelling"]
    assert spec_of(page, "bases")["styles"][0]["cls"] == "base-marker"
    assert spec_of(page, "articles")["styles"][0]["cls"] == "article-marker"


def test_popup_fragments_reassemble_to_the_popup(page, layers):
    spec = spec_of(page, "incidents")
    for row, (_, rec) in zip(spec["rows"], layers["incidents"].iterrows(), strict=True):
        assert popup_of(spec, row) == incident_popup_html(rec.to_dict())


def test_approximate_incidents_get_a_dashed_area(page):
    rows = spec_of(page, "incidents")["rows"]
    precise, near, region = rows
    assert precise[4] == 0 and precise[5] == 0
    assert near[4] == mapview.APPROX_RADIUS_M[2] and near[5] == 0
    assert region[4] == mapview.APPROX_RADIUS_M[3] and region[5] == 1
    assert "Approximate location" in popup_of(spec_of(page, "incidents"), region)
    assert "Approximate location" in legend_of(page)


def test_approximate_flag_alone_marks_incident(layers):
    frame = layers["incidents"].iloc[[0]].copy()
    frame["approximate"] = True
    (row,) = spec_of(build_map({"incidents": frame}).get_root().render(), "incidents")["rows"]
    assert row[5] == 1 and row[4] == mapview.APPROX_DEFAULT_RADIUS_M


def test_routes_are_drawn_in_lat_lon_with_arrows(page):
    (spec,) = specs(page, "routes")
    (line,) = spec["rows"]
    assert line[0][0] == [37.07, 40.72]  # lat, lon
    assert len(spec["arrows"]) == 2
    assert all(60 < a[2] < 120 for a in spec["arrows"])  # heading east


@pytest.mark.parametrize("end, bearing", [((40.0, 37.0), 0.0), ((41.0, 36.0), 90.0),
                                          ((40.0, 35.0), 180.0), ((39.0, 36.0), 270.0)])
def test_route_arrow_bearing(end, bearing):
    ((lat, lon, got),) = route_arrows([(40.0, 36.0), end])
    assert got == bearing
    assert (lat, lon) == ((36.0 + end[1]) / 2, (40.0 + end[0]) / 2)


def legend_of(page: str) -> str:
    match = re.search(r"OsintMap\.legend\(\s*\w+,\s*", page)
    return json.JSONDecoder().raw_decode(page, match.end())[0]


def test_legend_lists_the_types_shown(page):
    legend = legend_of(page)
    for label in ("Patrol", "Air / drone strike", "Shelling / missiles", "Base", "Route",
                  "Approximate location", "Place mentioned", "Article"):
        assert label in legend
    assert "Protest" not in legend
    js = (Path(mapview.__file__).parent / "static" / "osint-map.js").read_text()
    assert '"map-legend leaflet-control"' in js
    # it folds while a popup is open (controls stand above popups)
    assert 'map.on("popupopen"' in js and 'map.on("popupclose"' in js


def test_popups_are_bounded_and_wrap_long_words():
    """A 20,000-letter line makes a popup scroll, not grow past the map."""
    static = Path(mapview.__file__).parent / "static"
    js, css = (static / "osint-map.js").read_text(), (static / "osint-map.css").read_text()
    assert re.search(r"POPUP_MAX_HEIGHT = \d+", js) and "maxHeight: POPUP_MAX_HEIGHT" in js
    assert "overflow-wrap: anywhere" in css


@pytest.mark.parametrize("given", [{}, None, "empty", "none-values"])
def test_empty_layers_give_a_valid_map(given):
    if given == "empty":
        given = {k: gpd.GeoDataFrame(columns=[*v, "geometry"], geometry="geometry",
                                     crs="EPSG:4326") for k, v in COLUMNS.items()}
    elif given == "none-values":
        given = dict.fromkeys(COLUMNS)
    page = build_map(given or {}).get_root().render()
    assert "OsintMap.basemap(" in page and "OsintMap.legend(" in page
    assert "Nothing to show" in page
    assert specs(page) == []
    assert "fitBounds" not in page


def test_large_layers_are_one_clustered_layer_with_lean_popups(layers):
    big = layers["incidents"].sample(n=mapview.LEAN_ABOVE + 100, replace=True, random_state=1)
    m = build_map({"incidents": big})
    assert not any(isinstance(c, folium.Marker) for c in m._children.values())
    page = m.get_root().render()
    (spec,) = specs(page)
    assert len(spec["rows"]) == len(big) and spec["cluster"]
    assert len(spec["frags"]) < 40  # repeated fragments stored once
    assert "markercluster" in page


def test_rows_without_geometry_are_skipped_and_crs_is_converted(layers):
    frame = layers["incidents"].to_crs(3857)
    frame.loc[frame.index[0], "geometry"] = None
    (spec,) = specs(build_map({"incidents": frame}).get_root().render())
    assert len(spec["rows"]) == 2
    assert spec["rows"][0][:2] == [36.39, 38.85]


def test_view_fits_the_data_unless_a_view_is_given(layers):
    assert "fitBounds" in build_map(layers).get_root().render()
    page = build_map(layers, center=(36.0, 40.0), zoom=9).get_root().render()
    assert "fitBounds" not in page and '"zoom": 9' in page


def test_controls_are_present(page):
    assert "L.control.fullscreen(" in page and "new L.Control.Measure(" in page
    assert "L.control.layers(" in page and "L.control.scale(" in page
    assert '"preferCanvas": true' in page
    assert '"maxZoom": 16' in page  # markercluster refuses a map without maxZoom


# ------------------------------------------------------------------ basemap

def test_basemap_files_are_small_rfc7946():
    for name in ("basemap_countries.geojson", "basemap_governorates.geojson"):
        path = DATA_DIR / name
        assert path.stat().st_size < 300_000
        data = json.loads(path.read_text(encoding="utf-8"))
        assert data["type"] == "FeatureCollection" and "crs" not in data
    assert (DATA_DIR / "BASEMAP.md").is_file()


def test_basemap_has_syria_governorates_and_neighbours():
    layers = load_basemap()
    gov = layers["governorates"]
    assert gov.crs.to_epsg() == 4326 and gov.is_valid.all()
    real = gov[gov["kind"] == "governorate"]
    assert sorted(real["id"]) == sorted(GOVERNORATES)
    for rec in real.itertuples():
        assert (rec.name_en, rec.name_ar) == GOVERNORATES[rec.id]
    countries = layers["countries"]
    assert {"SYR", "TUR", "IRQ", "JOR", "LBN", "ISR"} <= set(countries["id"])
    syria = countries[countries["id"] == "SYR"].geometry.iloc[0]
    west, south, east, north = syria.bounds
    assert 35.5 < west < 36 and 32 < south < 32.5 and 42 < east < 42.5 and 37 < north < 37.5
    hasakah = real[real["id"] == "hasakah"].geometry.iloc[0]
    assert hasakah.contains(Point(40.75, 36.5))  # al-Hasakah city: lon, lat


def test_load_basemap_returns_copies():
    first = load_basemap()
    first["governorates"]["id"] = "changed"
    assert "changed" not in set(load_basemap()["governorates"]["id"])


def test_governorate_labels_are_on_the_map(page):
    (gov,) = [s for s in specs(page, "labels") if s["cls"] == "gov-label"]
    assert len(gov["rows"]) == 14
    assert any("الحسكة" in f and "Al-Hasakah" in f for f in gov["frags"])
