"""The local store: where imported places and the online cache live.

``$GAZETTEER_HOME`` chooses the folder (handy for tests and for several
installations side by side); otherwise the platform's user data folder is used.
The store is one CSV in the same format as the embedded data, written atomically
and only if it reads back. Writers take a lock on a file beside it
(``.imported.csv.lock``) and merge under it, so two imports at once both land;
the kernel drops the lock of a writer that dies, and the next writer removes the
temporary file it left.

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

import logging
import os
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import platformdirs

from .csvio import read_places_csv, stale_temporaries, write_places_csv
from .errors import GazetteerDataError, GazetteerStoreBusy, GazetteerStoreError
from .model import Place

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt

logger = logging.getLogger(__name__)

#: Name of the application folder under the platform's user data directory.
APP_NAME = "nes-osint-gazetteer"
#: The environment variable that overrides the store's folder.
HOME_ENV = "GAZETTEER_HOME"
#: File of the local store, inside the home folder.
IMPORTED_FILE = "imported.csv"
#: The writers' lock file, beside the store. It stays; holding its lock is what counts.
LOCK_FILE = ".imported.csv.lock"
#: Seconds a writer waits for another writer before giving up (merging 150,000 places
#: takes a few seconds; a minute leaves room for a slow disk).
LOCK_TIMEOUT = 60.0
_POLL = 0.05


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


def save_imported(places: Iterable[Place], *, home: Path | None = None,
                  lock_timeout: float = LOCK_TIMEOUT) -> int:
    """Merge ``places`` into the local store by id and write it atomically.

    A new place replaces a stored one with the same id (it keeps its position);
    new ids are appended in the order given. ``places`` is read before the store is
    locked; the store is read, merged and replaced under :func:`store_lock`, so a
    concurrent writer's places are never lost. Returns the number of places in
    the store after the merge.

    Raises
    ------
    GazetteerStoreBusy
        (a ``TimeoutError``) if another writer holds the lock for ``lock_timeout`` s.
    GazetteerStoreError
        If the existing store is unreadable or the folder cannot be written.
    GazetteerDataError
        If a place cannot be stored (the store is left as it was).
    """
    incoming = list(places)
    path = imported_path(home)
    with store_lock(home, timeout=lock_timeout):
        remove_stale_temporaries(home)
        merged: dict[str, Place] = {p.id: p for p in imported_places(home)}
        for place in incoming:
            merged[place.id] = place
        try:
            write_places_csv(path, merged.values())
        except OSError as exc:
            raise GazetteerStoreError(path, None, f"cannot write: {exc.strerror or exc}", hint=(
                "check free space and that this user may write the folder")) from exc
    return len(merged)


def remove_stale_temporaries(home: Path | None = None) -> list[Path]:
    """Remove temporary files that interrupted writers left beside the store; return them.

    Call it holding :func:`store_lock`: then no live writer is using any of them.
    """
    removed = []
    for tmp in stale_temporaries(imported_path(home)):
        try:
            tmp.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            logger.warning("cannot remove the leftover %s: %s", tmp, exc)
            continue
        removed.append(tmp)
    if removed:
        logger.info("removed %d leftover temporary file(s) of an interrupted import: %s",
                    len(removed), ", ".join(p.name for p in removed))
    return removed


@contextmanager
def store_lock(home: Path | None = None, *, timeout: float = LOCK_TIMEOUT) -> Iterator[Path]:
    """Hold the store's write lock (one writer at a time, across processes); yields its path.

    Every writer reads the store, merges and replaces it: without the lock two writers
    at once would each replace the other's work. The lock is ``flock`` on
    :data:`LOCK_FILE`, so the kernel releases it when its holder exits or is killed;
    there is never a stale lock to remove by hand.

    Raises
    ------
    GazetteerStoreBusy
        If the lock is not free within ``timeout`` seconds; names the holder's process id.
    GazetteerStoreError
        If the lock file cannot be created (the folder is not writable).
    """
    folder = home if home is not None else gazetteer_home()
    lock_path = folder / LOCK_FILE
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise GazetteerStoreError(imported_path(home), None, (
            f"cannot create the lock file {lock_path.name}: {exc.strerror or exc}"), hint=(
            "check that this user may write the folder (or point GAZETTEER_HOME elsewhere)")
        ) from exc
    try:
        _acquire(fd, lock_path, timeout)
        _note_holder(fd)
        yield lock_path
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _acquire(fd: int, lock_path: Path, timeout: float) -> None:
    deadline = time.monotonic() + max(timeout, 0.0)
    while not _try_lock(fd, lock_path):
        left = deadline - time.monotonic()
        if left <= 0:
            holder = _holder(lock_path)
            who = f"another process (pid {holder})" if holder else "another process"
            raise GazetteerStoreBusy(
                f"{who} is writing the gazetteer store {lock_path.parent / IMPORTED_FILE}; "
                f"waited {timeout:g} s for it. Try again when it has finished (an import of "
                "a large dump takes a while)")
        time.sleep(min(_POLL, left))


def _try_lock(fd: int, lock_path: Path) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    except (BlockingIOError, PermissionError):
        return False
    except OSError as exc:
        if fcntl is None:  # msvcrt reports a held lock as a plain OSError
            return False
        raise GazetteerStoreError(lock_path, None, f"cannot lock: {exc.strerror or exc}",
                                  hint="the folder's file system may not support locks") from exc
    return True


def _note_holder(fd: int) -> None:
    """Write our process id into the lock file, for the message a waiting writer shows."""
    if fcntl is None:
        return  # the locked byte cannot be rewritten on Windows; the message says less
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    except OSError:
        pass


def _holder(lock_path: Path) -> int | None:
    try:
        text = lock_path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None


def cache_dir(home: Path | None = None) -> Path:
    """Folder of the online geocoder's answer cache (``home/cache``), not created here."""
    return (home if home is not None else gazetteer_home()) / "cache"
