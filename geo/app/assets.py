"""The map's JavaScript, CSS, fonts and images, served by the app instead of CDNs.

folium points every map at CDNs (jsdelivr, cdnjs, code.jquery.com); with no internet the
map is an empty frame. The same files ship in Python packages from PyPI (the XStatic
family), installed with the project. :func:`install_assets` copies them into
``static/vendor/`` (Streamlit serves ``static/`` at ``/app/static/`` when
``server.enableStaticServing`` is on), :func:`offline_urls` names their URLs and
:func:`localise` rewrites a folium element's asset lists to those URLs.

Run at set-up::

    python -m geo.app.assets install [--dest DIR]

Time playback (folium's ``Timeline``: Leaflet.timeline 1.6.0 and moment.js 2.18.1) comes
from ``folium-offline``, pinned to one version, which carries those files as strings in
``offlinefolium.elements``; each is checked against its SHA-256 before it is written, and
the package's licence is copied beside them. The heat map (Leaflet.heat) is the copy in
folium's own wheel (``folium/templates/leaflet_heat.min.js``).

Two plugins folium uses have no Python package: Leaflet.fullscreen and leaflet-measure.
``geo/app/static/osint-map.js`` carries small stand-ins with the same JavaScript API
(``L.control.fullscreen``, ``L.Control.Measure``), so folium's plugins work against it.
Bootstrap and the Bootstrap-3 glyphicons, which folium also loads, are not needed by
anything this map draws and are dropped.

``install`` also writes ``osint/map-core.js``: the scripts every map of ours loads
(:data:`BUNDLED`), joined in their order. st_folium loads a map's scripts one after
another, each waiting for the last; :func:`bundle_scripts` points a map at the one file
instead (issue 14: four round trips fewer before the first marker).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import re
import shutil
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

__all__ = [
    "ASSETS",
    "BUNDLE",
    "BUNDLED",
    "COMPONENT_RELATIVE_BASE",
    "FOLIUM_OFFLINE",
    "DEFAULT_BASE",
    "AssetError",
    "MissingAssetPackageError",
    "UnknownAssetError",
    "bundle_installed",
    "bundle_scripts",
    "install_assets",
    "localise",
    "missing_assets",
    "offline_urls",
]

PROJECT_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_DEST = PROJECT_ROOT / "static" / "vendor"
#: Where the browser finds ``static/vendor`` under ``streamlit run``: absolute, because
#: st_folium draws the map in an iframe served from ``/component/...`` on the same origin.
DEFAULT_BASE = "/app/static/vendor"
#: The same, relative to st_folium's iframe (``<base>/component/<name>/index.html``): works
#: also when Streamlit runs under ``server.baseUrlPath``, but only inside st_folium.
COMPONENT_RELATIVE_BASE = "../../app/static/vendor"


class AssetError(Exception):
    """Base class for problems with the map's offline assets."""


class MissingAssetPackageError(AssetError, ModuleNotFoundError):
    """A Python package that carries asset files is not installed."""


class UnknownAssetError(AssetError, KeyError):
    """A folium element asks for a file we have no offline copy of."""

    def __str__(self) -> str:  # KeyError would print the repr of the message
        return str(self.args[0])


@dataclass(frozen=True, slots=True)
class Asset:
    """One file or folder: where it lives in an installed package, where it is served.

    ``kind`` is "js" or "css" (linked from the page) or "file" (fetched by the CSS:
    images, web fonts, licences). ``source`` is relative to the package's data folder
    (``folder`` under the module, when the package is not an XStatic one); for
    ``folder="resource"`` it is a key of the module's ``_res`` dict of file texts
    (folium-offline), and ``sha256`` the hash the text must have. For
    ``folder="dist-info"`` it is a file of the distribution's metadata (its licence).
    """

    name: str
    kind: str
    requirement: str  # pip requirement of the distribution that ships it
    module: str  # importable module whose data folder holds it
    source: str
    target: str  # path under static/vendor/
    folder: str = "static"
    sha256: str = ""

    @property
    def distribution(self) -> str:
        return self.requirement.split(">")[0].split("=")[0].split("<")[0].strip()


_LEAFLET = ("XStatic-Leaflet>=1.9.3.0,<1.10", "xstatic.pkg.leaflet")
_JQUERY = ("XStatic-jQuery>=3.7.1.1,<4", "xstatic.pkg.jquery")
_FONT_AWESOME = ("XStatic-Font-Awesome>=6.2.1.2,<7", "xstatic.pkg.font_awesome")
_CLUSTER = ("XStatic-Leaflet-MarkerCluster>=1.4.1.1,<2", "xstatic.pkg.leaflet_markercluster")
_OURS = ("nes-osint-map", "geo.app")
_FOLIUM = ("folium>=0.17", "folium")
FOLIUM_OFFLINE = "folium-offline==0.20.0.2"
_OFFLINE = (FOLIUM_OFFLINE, "offlinefolium.elements")
_TIMELINE_URL = "https://cdn.jsdelivr.net/npm/leaflet.timeline@1.6.0/dist/leaflet.timeline.min.js"
_MOMENT_URL = "https://cdnjs.cloudflare.com/ajax/libs/moment.js/2.18.1/moment.min.js"

ASSETS: tuple[Asset, ...] = (
    Asset("leaflet", "js", *_LEAFLET, "leaflet.js", "leaflet/leaflet.js"),
    Asset("leaflet_css", "css", *_LEAFLET, "leaflet.css", "leaflet/leaflet.css"),
    Asset("leaflet_images", "file", *_LEAFLET, "images", "leaflet/images"),
    Asset("jquery", "js", *_JQUERY, "jquery.min.js", "jquery/jquery.min.js"),
    Asset("font_awesome_css", "css", *_FONT_AWESOME, "css/all.min.css",
          "fontawesome/css/all.min.css"),
    Asset("font_awesome_fonts", "file", *_FONT_AWESOME, "webfonts", "fontawesome/webfonts"),
    Asset("font_awesome_licence", "file", *_FONT_AWESOME, "LICENSE.txt",
          "fontawesome/LICENSE.txt"),
    Asset("markerclusterjs", "js", *_CLUSTER, "leaflet.markercluster.js",
          "markercluster/leaflet.markercluster.js"),
    Asset("markerclustercss", "css", *_CLUSTER, "MarkerCluster.css",
          "markercluster/MarkerCluster.css"),
    Asset("markerclusterdefaultcss", "css", *_CLUSTER, "MarkerCluster.Default.css",
          "markercluster/MarkerCluster.Default.css"),
    Asset("leaflet_heat", "js", *_FOLIUM, "leaflet_heat.min.js", "heat/leaflet-heat.min.js",
          folder="templates"),
    Asset("timeline_js", "js", *_OFFLINE, _TIMELINE_URL, "timeline/leaflet.timeline.min.js",
          folder="resource",
          sha256="03c582388553c197721b7ed229377c297587da9e123c207884f6e61cfa5f8407"),
    Asset("moment_js", "js", *_OFFLINE, _MOMENT_URL, "timeline/moment.min.js",
          folder="resource",
          sha256="de3bc4090647974ec7c836bd89eaff10031983402f9f627e9b41593bb051d82f"),
    Asset("timeline_licence", "file", *_OFFLINE,
          "folium_offline-0.20.0.2.dist-info/licenses/LICENSE.txt",
          "timeline/LICENSE-folium-offline.txt", folder="dist-info"),
    Asset("osint_js", "js", *_OURS, "osint-map.js", "osint/osint-map.js"),
    Asset("osint_css", "css", *_OURS, "osint-map.css", "osint/osint-map.css"),
)
_BY_NAME = {a.name: a for a in ASSETS}
#: The scripts every map of ours loads, in the order its elements list them
#: (geo.app.mapview: the map, clustering, the heat map), and the one file
#: :func:`install_assets` joins them into (its link name and path under static/vendor).
BUNDLED: tuple[str, ...] = ("leaflet", "jquery", "osint_js", "markerclusterjs", "leaflet_heat")
BUNDLE: tuple[str, str] = ("map_core", "osint/map-core.js")
_SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)

#: folium's names for its CDN links -> our asset (None: not needed, dropped).
FOLIUM_NAMES: dict[str, str | None] = {
    "leaflet": "leaflet",
    "leaflet_css": "leaflet_css",
    "jquery": "jquery",
    "awesome_markers_font_css": "font_awesome_css",
    "awesome_markers": "osint_js",  # fallback L.AwesomeMarkers.icon
    "awesome_markers_css": "osint_css",
    "bootstrap": None,
    "bootstrap_css": None,
    "glyphicons_css": None,
    "awesome_rotate_css": None,
    "markerclusterjs": "markerclusterjs",
    "markerclustercss": "markerclustercss",
    "markerclusterdefaultcss": "markerclusterdefaultcss",
    "Control.Fullscreen.js": "osint_js",
    "Control.FullScreen.css": "osint_css",
    "leaflet_measure_js": "osint_js",
    "leaflet_measure_css": "osint_css",
    "leaflet-heat.js": "leaflet_heat",
    "timeline": "timeline_js",
    "moment": "moment_js",
}


def _module(module_name: str, requirement: str):
    try:
        return importlib.import_module(module_name)
    except ImportError as exc:
        raise MissingAssetPackageError(
            f"the map's offline assets need the package {requirement.split(',')[0]!s}: "
            f"install it with  pip install '{requirement}'"
        ) from exc


def _data_dir(module_name: str, requirement: str, folder: str = "static") -> Path:
    module = _module(module_name, requirement)
    if hasattr(module, "BASE_DIR"):  # XStatic packages
        return Path(module.BASE_DIR)
    return Path(module.__file__).resolve().parent / folder


def _resource_text(asset: Asset) -> str:
    """A file folium-offline carries as a string, checked against its pinned hash."""
    texts = getattr(_module(asset.module, asset.requirement), "_res", {})
    if asset.source not in texts:
        raise AssetError(f"{asset.distribution} is installed but carries no {asset.source}")
    text = texts[asset.source]
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if digest != asset.sha256:
        raise AssetError(f"{asset.distribution}'s copy of {asset.source} has sha256 {digest}, "
                         f"expected {asset.sha256}: install '{asset.requirement}'")
    return text


def _source(asset: Asset) -> Path | str:
    """Where an asset's bytes are: a path, or (folium-offline) the text itself."""
    if asset.folder == "resource":
        return _resource_text(asset)
    if asset.folder == "dist-info":
        _module(asset.module, asset.requirement)
        try:
            return Path(str(metadata.distribution(asset.distribution).locate_file(asset.source)))
        except metadata.PackageNotFoundError as exc:
            raise MissingAssetPackageError(f"install '{asset.requirement}'") from exc
    return _data_dir(asset.module, asset.requirement, asset.folder) / asset.source


def _sources(assets: Iterable[Asset]) -> list[tuple[Asset, Path | str]]:
    """Locate every asset, reporting all missing packages at once."""
    found, missing = [], {}
    for asset in assets:
        try:
            found.append((asset, _source(asset)))
        except MissingAssetPackageError:
            missing[asset.distribution] = asset.requirement
    if missing:
        reqs = " ".join(f"'{r}'" for r in missing.values())
        raise MissingAssetPackageError(
            f"the map's offline assets need {', '.join(missing)} (not installed): "
            f"install with  pip install {reqs}"
        )
    for asset, path in found:
        if isinstance(path, Path) and not path.exists():
            raise AssetError(f"{asset.distribution} is installed but has no {asset.source}")
    return found


def install_assets(dest: Path | str | None = None) -> list[Path]:
    """Copy every asset from its installed package into ``dest`` (``static/vendor``).

    Returns the files written. Raises :class:`MissingAssetPackageError` naming the
    packages to install when any is missing; nothing is copied then.
    """
    dest = Path(dest) if dest is not None else DEFAULT_DEST
    written: list[Path] = []
    versions: dict[str, str] = {}
    for asset, source in _sources(ASSETS):
        target = dest / asset.target
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, str):
            target.write_text(source, encoding="utf-8")
            written.append(target)
        elif source.is_dir():
            shutil.copytree(source, target, dirs_exist_ok=True)
            written.extend(sorted(p for p in target.rglob("*") if p.is_file()))
        else:
            shutil.copyfile(source, target)
            written.append(target)
        versions[asset.distribution] = _version(asset.distribution)
    written.append(_write_bundle(dest))
    manifest = dest / "ASSETS.json"
    manifest.write_text(json.dumps({"packages": versions,
                                    "files": {a.name: a.target for a in ASSETS},
                                    "bundle": {BUNDLE[1]: list(BUNDLED)}},
                                   indent=1) + "\n", encoding="utf-8")
    written.append(manifest)
    return written


def _write_bundle(dest: Path) -> Path:
    """:data:`BUNDLED`'s installed files joined into :data:`BUNDLE` (each ends with a
    statement break; their source-map comments, which would point nowhere, dropped)."""
    parts = [f"/* ---- {_BY_NAME[name].target} ---- */\n"
             + _SOURCE_MAP.sub("", (dest / _BY_NAME[name].target).read_text(encoding="utf-8"))
             + "\n;\n" for name in BUNDLED]
    target = dest / BUNDLE[1]
    target.write_text("".join(parts), encoding="utf-8")
    return target


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:  # our own package when run from a checkout
        return "source"


def missing_assets(dest: Path | str | None = None) -> list[str]:
    """Targets (relative to ``dest``) not installed yet; empty when all are in place."""
    dest = Path(dest) if dest is not None else DEFAULT_DEST
    targets = [a.target for a in ASSETS] + [BUNDLE[1]]
    return [t for t in targets if not (dest / t).exists()]


def offline_urls(base: str = DEFAULT_BASE) -> dict[str, str]:
    """Asset name -> URL under ``base`` for every linked (js/css) asset.

    >>> offline_urls("/app/static/vendor")["leaflet"]
    '/app/static/vendor/leaflet/leaflet.js'
    """
    base = base.rstrip("/")
    urls = {a.name: f"{base}/{a.target}" for a in ASSETS if a.kind in ("js", "css")}
    return {**urls, BUNDLE[0]: f"{base}/{BUNDLE[1]}"}


def asset_links(names: Iterable[str], base: str = DEFAULT_BASE) -> list[tuple[str, str]]:
    """``(name, url)`` pairs, the shape of folium's ``default_js``/``default_css``."""
    urls = offline_urls(base)
    return [(name, urls[name]) for name in names]


def localise(element, base: str = DEFAULT_BASE):
    """Point a folium element's ``default_js``/``default_css`` at the offline copies.

    Sets instance attributes (the class lists stay untouched). Links folium needs but
    this map does not (Bootstrap) are dropped; a link we have no copy of raises
    :class:`UnknownAssetError` instead of silently reaching for a CDN. Returns the element.
    """
    urls = offline_urls(base)
    for attr in ("default_js", "default_css"):
        links: dict[str, str] = {}
        for name, url in getattr(element, attr, []):
            if url.startswith(base.rstrip("/") + "/"):
                links[name] = url
                continue
            if name not in FOLIUM_NAMES:
                raise UnknownAssetError(
                    f"{type(element).__name__} needs {name!r} ({url}), which has no offline "
                    "copy; add it to geo.app.assets.ASSETS or do not use this plugin"
                )
            ours = FOLIUM_NAMES[name]
            if ours is not None:
                links[ours] = urls[ours]
        setattr(element, attr, list(links.items()))
    return element


def bundle_installed(dest: Path | str | None = None) -> bool:
    """Whether ``dest`` (``static/vendor``) holds :data:`BUNDLE`: an install from before it
    existed has the separate files only, and a map pointed at a missing bundle draws
    nothing."""
    return (Path(dest) if dest is not None else DEFAULT_DEST).joinpath(BUNDLE[1]).is_file()


def bundle_scripts(fmap, base: str = DEFAULT_BASE):
    """Point ``fmap`` (a folium map whose links :func:`localise` or
    :func:`asset_links` made) at :data:`BUNDLE` for the scripts it holds: the map links
    the bundle first and no element links a bundled script again. Scripts outside the
    bundle (time playback's) still load after it, in their order. Returns the map.

    For a page served with the installed assets (``streamlit run``); the map draws the
    same, its scripts come in one request instead of one after another.
    """
    urls = offline_urls(base)
    bundled = {urls[name] for name in BUNDLED}

    def elements(element):
        yield element
        for child in getattr(element, "_children", {}).values():
            yield from elements(child)

    for element in elements(fmap):
        links = getattr(element, "default_js", None)
        if links and any(url in bundled for _, url in links):
            element.default_js = [(n, u) for n, u in links if u not in bundled]
    fmap.default_js = [(BUNDLE[0], urls[BUNDLE[0]]), *fmap.default_js]
    return fmap


def _main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.app.assets",
                                     description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    install = sub.add_parser("install", help="copy the assets into static/vendor")
    install.add_argument("--dest", type=Path, default=DEFAULT_DEST)
    check = sub.add_parser("check", help="exit 1 when assets are missing")
    check.add_argument("--dest", type=Path, default=DEFAULT_DEST)
    args = parser.parse_args(argv)
    if args.command == "check":
        missing = missing_assets(args.dest)
        for target in missing:
            print(f"missing: {args.dest / target}", file=sys.stderr)
        return 1 if missing else 0
    try:
        written = install_assets(args.dest)
    except AssetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"installed {len(written)} files into {args.dest}")
    return 0


if __name__ == "__main__":
    sys.exit(_main())
