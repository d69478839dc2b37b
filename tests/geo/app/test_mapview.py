"""geo.app.mapview: offline assets only, counts, classes, areas, routes, legend, controls."""

from __future__ import annotations

import json
import re
from pathlib import Path

import folium
import geopandas as gpd
import pytest

from geo.app import mapview
from geo.app.mapview import COLUMNS, build_map, route_arrows
from geo.app.packing import unpack_json
from geo.app.popups import incident_popup_html
from tests.geo.app.samples import specs

CDN_HOSTS = ("cdn.jsdelivr.net", "cdnjs.cloudflare.com", "code.jquery.com", "unpkg.com",
             "bootstrapcdn.com", "d3js.org", "fonts.googleapis.com", "fonts.gstatic.com")


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
    text = unpack_json(spec["packed"])  # a large layer's text is packed
    assert "frags" not in spec and spec["tooltips"] is True
    assert len(text["frags"]) < 40  # repeated fragments stored once
    assert len(text["refs"]) == len(text["tooltips"]) == len(big)
    assert all(row[3] == 0 for row in spec["rows"])  # the refs are in the packed text
    assert "markercluster" in page


def test_packed_text_is_the_plain_text_and_ascii(layers):
    """Packed or not, a popup is the same fragments; packed, the page carries no
    Arabic letter (st_folium would send each as six bytes) and nothing to escape."""
    (plain,) = specs(build_map({"incidents": layers["incidents"]}).get_root().render())
    page = build_map({"incidents": layers["incidents"]}, pack=True).get_root().render()
    (packed,) = specs(page)
    text = unpack_json(packed["packed"])
    for row, refs in zip(plain["rows"], text["refs"], strict=True):
        assert [plain["frags"][i] for i in row[3]] == [text["frags"][i] for i in refs]
    assert [plain["frags"][i] for i in plain["tooltips"]] == [
        text["frags"][i] for i in text["tooltips"]]
    assert packed["packed"].isascii()
    assert not any("\u0600" <= ch <= "\u06ff" for ch in json.dumps(packed, ensure_ascii=False))


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


def _popups(spec: dict) -> tuple[list[str], list[str], list[tuple]]:
    """Each row's popup HTML and tooltip, and its point and style, from a spec (plain,
    packed with refs per row, or packed with one flat list of refs)."""
    text = unpack_json(spec["packed"]) if "packed" in spec else {
        "frags": spec["frags"], "refs": [row[3] for row in spec["rows"]],
        "tooltips": spec["tooltips"]}
    frags = text["frags"]
    if "flat" in text:
        starts = [0, *text["ends"][:-1]]
        refs = [text["flat"][a:b] for a, b in zip(starts, text["ends"], strict=True)]
    else:
        refs = text["refs"]
    popups = ["".join(frags[i] for i in r) for r in refs]
    tips = [frags[i] for i in text["tooltips"]]
    points = [(row[0], row[1], spec["styles"][row[2]]["cls"], row[4], row[5])
              for row in spec["rows"]]
    return popups, tips, points


def test_a_view_picked_from_its_full_layer_is_the_same_map(layers):
    """build_map(view, full=...) reuses the full layer's rows built once; what the page
    shows is what build_map(view) shows: same points, styles, popups and tooltips."""
    full = layers["incidents"].sample(n=3 * mapview.LEAN_ABOVE, replace=True,
                                      random_state=3).reset_index(drop=True)
    full["id"] = [f"i{n}" for n in range(len(full))]
    full.loc[full.index[::7], "type"] = "raid"
    view = full[full["type"] != "raid"].iloc[::-1]  # a filtered subset, in another order
    assert len(view) > mapview.LEAN_ABOVE
    (alone,) = specs(build_map({"incidents": view}).get_root().render())
    for _ in range(2):  # built once, then picked from what was built
        (picked,) = specs(build_map({"incidents": view}, full={"incidents": full})
                          .get_root().render())
        assert "flat" in unpack_json(picked["packed"])
        assert _popups(picked) == _popups(alone)
        assert picked["cluster"] == alone["cluster"]
    # a frame that is not a subset of the full layer is built on its own
    other = view.copy()
    other.index = other.index + 10_000
    (spec,) = specs(build_map({"incidents": other}, full={"incidents": full}).get_root().render())
    assert "flat" not in unpack_json(spec["packed"]) and _popups(spec) == _popups(alone)


# ------------------------------------------------------------------ built once per frame

def test_layers_besides_incidents_are_built_once_per_frame(layers, monkeypatch):
    """Issue 14: a pan or a new session builds the map again from the same (cached) view;
    routes, places, bases and articles are then not built again, and draw the same."""
    fresh = {name: frame.copy() for name, frame in layers.items()}  # frames no map has seen
    built = []
    for name in ("_route_layer", "_simple_point_layer"):
        real = getattr(mapview, name)
        monkeypatch.setattr(mapview, name, lambda *a, real=real, **k: built.append(1) or real(*a, **k))
    first = build_map(fresh, show_articles=True).get_root().render()
    n = len(built)
    assert n == 4  # routes, places, articles, bases
    again = build_map(fresh, show_articles=True).get_root().render()
    assert len(built) == n
    for kind in ("routes", "places", "articles", "bases"):
        assert [s for s in specs(again) if s.get("kind") == kind] == \
            [s for s in specs(first) if s.get("kind") == kind], kind
    build_map(fresh, show_articles=False)  # another argument: built again (articles only)
    assert len(built) == n + 1
    build_map({**fresh, "bases": fresh["bases"].copy()}, show_articles=True)  # another frame
    assert len(built) == n + 2
