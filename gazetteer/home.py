"""The local store: where imported places and the online cache live.

``$GAZETTEER_HOME`` chooses the folder (handy for tests and for several
installations side by side); otherwise the platform's user data folder is used.
The store is one CSV in the same format as the embedded data, written atomically.

Examples
--------
>>> import tempfile
>>> from gazetteer.model import Place
>>> home = Path(tempfile.mkdtemp())
>>> save_imported([Place("gn1", "", "One", "village", 35.0, 40.0)], home=home)
1
>>> [p.name_en for p in imported_places(home)]
['One']
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import platformdirs

from .csvio import read_places_csv, write_places_csv
from .errors import GazetteerDataError, GazetteerStoreError
from .model import Place

#: Name of the application folder under the platform's user data directory.
APP_NAME = "nes-osint-gazetteer"
#: The environment variable that overrides the store's folder.
HOME_ENV = "GAZETTEER_HOME"
#: File of the local store, inside the home folder.
IMPORTED_FILE = "imported.csv"


def gazetteer_home() -> Path:
    """The store's folder: ``$GAZETTEER_HOME`` if set, else the user data folder.

    The folder is not created here; writers create it when they first write.
    """
    env = os.environ.get(HOME_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def imported_path(home: Path | None = None) -> Path:
    """Path of the imported-places CSV under ``home`` (default :func:`gazetteer_home`)."""
    return (home if home is not None else gazetteer_home()) / IMPORTED_FILE


def imported_places(home: Path | None = None) -> list[Place]:
    """Places of the local store, or ``[]`` when nothing was imported yet.

    Raises
    ------
    GazetteerStoreError
        (a ``GazetteerDataError``) if the store is unreadable or malformed; the message
        names the file, the line where known, and what to do.
    """
    path = imported_path(home)
    try:
        if not path.exists():
            return []
        if not path.is_file():
            raise GazetteerStoreError(path, None, "not a regular file", hint=(
                f"move it out of {path.parent}: the store must be a regular file"))
    except OSError as exc:
        raise GazetteerStoreError(path, None, f"cannot read: {exc.strerror or exc}",
                                  hint=_PERMISSIONS_HINT) from exc
    try:
        return read_places_csv(path)
    except GazetteerDataError as exc:
        hint = _PERMISSIONS_HINT if exc.line is None else ""
        raise GazetteerStoreError(path, exc.line, exc.problem, hint=hint) from exc


_PERMISSIONS_HINT = ("check that this user may read it and its folder "
                     "(or point GAZETTEER_HOME at another folder)")


def save_imported(places: Iterable[Place], *, home: Path | None = None) -> int:
    """Merge ``places`` into the local store by id and write it atomically.

    A new place replaces a stored one with the same id (it keeps its position);
    new ids are appended in the order given. Returns the number of places in
    the store after the merge.
    """
    path = imported_path(home)
    merged: dict[str, Place] = {p.id: p for p in imported_places(home)}
    for place in places:
        merged[place.id] = place
    write_places_csv(path, merged.values())
    return len(merged)


def cache_dir(home: Path | None = None) -> Path:
    """Folder of the online geocoder's answer cache (``home/cache``), not created here."""
    return (home if home is not None else gazetteer_home()) / "cache"
