"""The gazetteer as one object: embedded places, imported places, and their indexes.

Loading is cached per (home, file versions) so the dashboard and the CLI build
the indexes once per process.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path

from . import home as _home
from . import warm
from .countrysides import directional_countrysides, is_countryside
from .csvio import read_places_csv
from .matcher import PlaceMatcher
from .model import Place
from .normalize import arabic_key, is_arabic, latin_key, skeleton_key

DEFAULT_DATA = "places.csv"
#: The embedded data files' folder.
DATA_DIR = Path(__file__).parent / "data"


def default_data_path() -> Path:
    """Path of the embedded, hand-checked gazetteer CSV (beside this module, as the
    package's data: ``importlib.resources`` cost a started command 7 ms to import and ask)."""
    return DATA_DIR / DEFAULT_DATA


class Gazetteer:
    """Places plus the keys to find them by name.

    Places from the embedded data win over imported ones with the same id, and
    an imported GeoNames row whose id the embedded data already cites is skipped,
    so an import adds coverage without overriding checked rows.
    """

    def __init__(self, places: Iterable[Place]) -> None:
        self.places: dict[str, Place] = {}
        for place in places:
            self.places.setdefault(place.id, place)
        self._by_key: dict[str, list[str]] = defaultdict(list)
        self._by_skeleton: dict[str, list[str]] = defaultdict(list)
        for place in self.places.values():
            for name in place.names:
                for key, table in self._keys_of(name):
                    if place.id not in table[key]:
                        table[key].append(place.id)

    def _keys_of(self, name: str) -> list[tuple[str, dict[str, list[str]]]]:
        if not name or not name.strip():
            return []
        if is_arabic(name):
            key = arabic_key(name)
            return [(key, self._by_key)] if key else []
        key, skel = latin_key(name), skeleton_key(name)
        out = [(key, self._by_key)] if key else []
        if skel and len(skel.replace(" ", "")) >= 3:
            out.append((skel, self._by_skeleton))
        return out

    def __len__(self) -> int:
        return len(self.places)

    def __contains__(self, place_id: object) -> bool:
        return place_id in self.places

    def get(self, place_id: str) -> Place | None:
        return self.places.get(place_id)

    def by_key(self, key: str) -> list[Place]:
        """Places whose Arabic or Latin key is exactly ``key``."""
        return [self.places[i] for i in self._by_key.get(key, ())]

    def by_skeleton(self, skeleton: str) -> list[Place]:
        return [self.places[i] for i in self._by_skeleton.get(skeleton, ())]

    def keys(self) -> list[str]:
        return list(self._by_key)

    @cached_property
    def matcher(self) -> PlaceMatcher:
        """The name automaton over every place, built on first use (it takes a moment)."""
        return PlaceMatcher(self.places.values())

    @cached_property
    def countryside_of(self) -> dict[str, Place]:
        """Town id -> its 'ريف X' region place, where the gazetteer has one.

        Only a region named 'ريف X': another region centred on the town ('جبل عبد العزيز',
        parent Hasakah) is no countryside of it, nor is one direction of it ('ريف X الشرقي').
        """
        return {p.parent: p for p in self.places.values() if is_countryside(p)}

    @cached_property
    def governorate_places(self) -> dict[str, Place]:
        """Governorate id -> its governorate place (for region-level answers)."""
        return {p.governorate: p for p in self.places.values() if p.kind == "governorate"}


_CACHE: dict[tuple, Gazetteer] = {}
_CACHE_LOCK = threading.Lock()


def _stamp(path: Path) -> tuple[str, float, int]:
    try:
        st = path.stat()
        return (str(path), st.st_mtime, st.st_size)
    except OSError:
        return (str(path), 0.0, -1)


def load_gazetteer(*, home: Path | None = None, include_imported: bool = True,
                   extra: Iterable[Place] = ()) -> Gazetteer:
    """The embedded gazetteer merged with the local store under ``$GAZETTEER_HOME``.

    Cached until either file changes, in the process and on disk (:mod:`gazetteer.warm`).
    ``extra`` places (tests, benchmarks) bypass both caches.
    """
    default = default_data_path()
    extra = list(extra)
    imported_path = (home or _home.gazetteer_home()) / "imported.csv"
    stamp = (_stamp(default), _stamp(imported_path) if include_imported else None)
    if not extra:
        with _CACHE_LOCK:
            if stamp in _CACHE:
                return _CACHE[stamp]
    imported = imported_path if include_imported else None
    if extra:
        return _build(default, imported, home, extra)
    gaz = warm.load_or_build(warm.digest_of([default, imported]),
                             lambda: _build(default, imported, home), Gazetteer)
    with _CACHE_LOCK:
        _CACHE.clear()
        _CACHE[stamp] = gaz
    return gaz


def _build(default: Path, imported: Path | None, home: Path | None,
           extra: Iterable[Place] = ()) -> Gazetteer:
    """The store built from its files (``imported`` None: without the local store), with
    its name automaton when no ``extra`` places make it a one-off."""
    places = read_places_csv(default)
    places += directional_countrysides(places)
    cited = {_geonames_id(p.source) for p in places} - {None}
    if imported is not None:
        places += [p for p in _home.imported_places(home) if p.id.removeprefix("gn") not in cited]
    gaz = Gazetteer([*places, *extra])
    if not extra:
        _ = gaz.matcher  # built here, so the warm copy on disk holds it (see gazetteer.warm)
    return gaz


def _geonames_id(source: str) -> str | None:
    """'GeoNames 173377' -> '173377' (the embedded rows cite their GeoNames id)."""
    parts = source.replace(",", " ").replace(";", " ").split()
    for i, word in enumerate(parts[:-1]):
        if word.lower() == "geonames" and parts[i + 1].isdigit():
            return parts[i + 1]
    return None
