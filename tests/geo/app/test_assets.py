"""geo.app.assets: the map's files come from installed packages and are served locally."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import folium
import pytest
from folium.plugins import Draw, Fullscreen, MarkerCluster, MeasureControl

from geo.app import assets
from geo.app.assets import (
    ASSETS,
    BUNDLE,
    BUNDLED,
    Asset,
    MissingAssetPackageError,
    UnknownAssetError,
    bundle_installed,
    bundle_scripts,
    install_assets,
    localise,
    missing_assets,
    offline_urls,
)

PROJECT = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def vendor(tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("static") / "vendor"
    install_assets(dest)
    return dest


def test_install_copies_every_asset(vendor):
    for asset in ASSETS:
        target = vendor / asset.target
        assert target.exists(), asset.target
        assert target.is_dir() or target.stat().st_size > 0
    assert (vendor / "leaflet" / "images" / "marker-icon.png").is_file()
    assert (vendor / "fontawesome" / "webfonts" / "fa-solid-900.woff2").is_file()
    assert (vendor / "ASSETS.json").is_file()


def test_install_returns_the_files_written(tmp_path):
    written = install_assets(tmp_path)
    assert all(p.is_file() and tmp_path in p.parents for p in written)
    assert tmp_path / "leaflet" / "leaflet.js" in written


def test_install_joins_the_bundled_scripts_in_their_order(vendor, tmp_path):
    bundle = (vendor / BUNDLE[1]).read_text(encoding="utf-8")
    starts = []
    for name in BUNDLED:
        text = (vendor / offline_urls("")[name].lstrip("/")).read_text(encoding="utf-8")
        body = text.split("//# sourceMappingURL=")[0]
        assert body in bundle, name
        starts.append(bundle.index(body))
    assert starts == sorted(starts)
    assert "sourceMappingURL" not in bundle  # the maps it named are not installed
    assert bundle_installed(vendor) and not bundle_installed(tmp_path)


def test_bundle_scripts_replaces_the_bundled_links_only():
    m = folium.Map(tiles=None)
    m.default_js = assets.asset_links(["leaflet", "jquery", "osint_js"])
    cluster = MarkerCluster().add_to(m)
    cluster.default_js = assets.asset_links(["markerclusterjs"])
    timeline = localise(folium.Element(""))
    timeline.default_js = assets.asset_links(["timeline_js", "moment_js"])
    m.add_child(timeline)
    assert bundle_scripts(m) is m
    urls = offline_urls()
    assert m.default_js == [(BUNDLE[0], urls[BUNDLE[0]])]
    assert cluster.default_js == []
    assert [u for _, u in timeline.default_js] == [urls["timeline_js"], urls["moment_js"]]
    page = m.get_root().render()
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert scripts[0] == urls[BUNDLE[0]]
    assert not {urls[name] for name in BUNDLED} & set(scripts)


def test_stylesheets_only_reference_local_files(vendor):
    for css in vendor.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        assert "@import" not in text, css
        for url in re.findall(r"url\(([^)]+)\)", text):
            url = url.strip("'\"")
            if url.startswith("data:"):
                continue
            assert "://" not in url and not url.startswith("//"), (css, url)
            assert (css.parent / url.split("?")[0].split("#")[0]).exists(), (css, url)


def test_installed_versions_match_what_folium_expects(vendor):
    head = (vendor / "leaflet" / "leaflet.js").read_text(encoding="utf-8")[:300]
    assert "1.9." in head  # folium 0.20 is built against Leaflet 1.9
    assert "Font Awesome Free 6" in (vendor / "fontawesome/css/all.min.css").read_text()[:200]


def test_offline_urls():
    urls = offline_urls("/app/static/vendor/")
    assert urls["leaflet"] == "/app/static/vendor/leaflet/leaflet.js"
    assert urls["font_awesome_css"] == "/app/static/vendor/fontawesome/css/all.min.css"
    assert "leaflet_images" not in urls  # fetched by the CSS, not linked
    assert offline_urls()["osint_js"] == "/app/static/vendor/osint/osint-map.js"


def test_missing_package_is_named(monkeypatch, tmp_path):
    fake = Asset("nope", "js", "XStatic-Nope>=1.0", "xstatic.pkg.nope_not_here", "a.js",
                 "nope/a.js")
    monkeypatch.setattr(assets, "ASSETS", (*ASSETS, fake))
    with pytest.raises(MissingAssetPackageError, match=r"XStatic-Nope.*pip install 'XStatic-Nope>=1.0'"):
        install_assets(tmp_path)
    assert not any(tmp_path.iterdir())  # nothing half-installed
    with pytest.raises(ModuleNotFoundError):  # also the built-in kind
        install_assets(tmp_path)


def test_missing_assets_and_check_command(tmp_path, capsys):
    assert len(missing_assets(tmp_path)) == len(ASSETS) + 1  # the bundle too
    assert assets._main(["check", "--dest", str(tmp_path)]) == 1
    assert assets._main(["install", "--dest", str(tmp_path)]) == 0
    assert missing_assets(tmp_path) == []
    assert assets._main(["check", "--dest", str(tmp_path)]) == 0
    assert "installed" in capsys.readouterr().out


def test_default_destination_is_the_projects_static_vendor():
    assert assets.DEFAULT_DEST == PROJECT / "static" / "vendor"
    assert "/static/vendor/" in (PROJECT / ".gitignore").read_text()


@pytest.mark.parametrize("plugin", [Fullscreen(), MeasureControl(), MarkerCluster()])
def test_localise_points_plugins_at_local_copies(plugin):
    localise(plugin, "/app/static/vendor")
    links = plugin.default_js + plugin.default_css
    assert links and all(url.startswith("/app/static/vendor/") for _, url in links)
    assert type(plugin).default_js[0][1].startswith("https://")  # class lists untouched


def test_localise_map_drops_bootstrap_and_keeps_leaflet():
    m = localise(folium.Map(tiles=None))
    names = [n for n, _ in m.default_js + m.default_css]
    assert "leaflet" in names and "leaflet_css" in names and "jquery" in names
    assert not any("bootstrap" in n or "glyphicons" in n for n in names)
    html = m.get_root().render()
    assert not re.search(r"<(?:script|link)\b[^>]*://", html)


def test_localise_refuses_unknown_cdn_links():
    with pytest.raises(UnknownAssetError, match="Draw"):
        localise(Draw())


def test_folium_icon_falls_back_to_our_script():
    """folium.Icon needs L.AwesomeMarkers; offline it maps to osint-map.js's stand-in."""
    m = localise(folium.Map(tiles=None))
    assert ("osint_js", "/app/static/vendor/osint/osint-map.js") in m.default_js
    js = (PROJECT / "geo" / "app" / "static" / "osint-map.js").read_text(encoding="utf-8")
    assert "L.AwesomeMarkers = {" in js and "L.control.fullscreen = " in js
    assert "L.Control.Measure = L.Control.extend" in js


def test_streamlit_config_serves_static_files_offline():
    config = tomllib.loads((PROJECT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableStaticServing"] is True
    assert config["server"]["headless"] is True
    assert config["browser"]["gatherUsageStats"] is False
