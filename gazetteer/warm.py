"""A built gazetteer kept on disk, so a command starts warm.

Why: every ``python -m gazetteer find`` and every pipeline worker read the places'
CSV files, key every name and build the name automaton before reading a word of
text: about 0.07 s of CPU, a twentieth of a command on megabytes of news and most of
one on an article. The built store, automaton included, is pickled once in the user's
cache folder and read back in a fifth of that time.

The file's name is a digest of everything the built object depends on: the CSV
files' bytes, the source of the modules that build it, and the versions of Python
and pyahocorasick's library (whose automata pickle in their own format). Change any of them and
another file is read or made; an unreadable or foreign file is ignored and made
again. Nothing is ever required of the cache: a folder that cannot be written only
costs the build it would have saved.

``$GAZETTEER_CACHE_DIR`` chooses the folder (``off`` for none); otherwise the
platform's user cache folder is used. A pickle there is run as code when read: the
folder is the user's own, written by this module only (files made private), and trusted
as the user's own installed code is.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import platformdirs

logger = logging.getLogger(__name__)

__all__ = ["CACHE_ENV", "cache_folder", "digest_of", "load_or_build"]

#: The environment variable naming the folder; ``off`` (or ``0``, ``no``) for no cache.
CACHE_ENV = "GAZETTEER_CACHE_DIR"
#: Bumped when what is pickled changes shape in a way the sources do not show.
FORMAT = 1
#: The modules (and data besides the places) whose content shapes the built store and its automaton.
_BUILDERS = ("model.py", "normalize.py", "matcher.py", "store.py", "csvio.py", "home.py", "warm.py",
             "countrysides.py", "data/directions.csv")
#: How many built stores the folder keeps (one per distinct set of files and code).
KEEP = 4
_PREFIX, _SUFFIX = "gazetteer-", ".pickle"

T = TypeVar("T")


def cache_folder() -> Path | None:
    """The folder of the built stores, or None when the cache is off."""
    env = os.environ.get(CACHE_ENV)
    if env is not None and env.strip().lower() in ("off", "0", "no", "false", "none"):
        return None
    if env and env.strip():
        return Path(env.strip()).expanduser()
    from .home import APP_NAME

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


def digest_of(files: Iterable[Path | None]) -> str | None:
    """The digest naming a store built from ``files`` (None for a file not read) by this
    code; None when the code's sources cannot be read (then nothing is cached)."""
    import ahocorasick

    here = Path(__file__).resolve().parent
    try:  # (the extension names no version: its file's size and time stand for one)
        library = os.stat(ahocorasick.__file__)
        h = hashlib.sha256(f"{FORMAT} {sys.version} {library.st_size} "
                           f"{library.st_mtime_ns}".encode())
        for name in _BUILDERS:
            h.update(b"\0" + (here / name).read_bytes())
    except (OSError, TypeError):  # (no sources, or no library file: nothing cached)
        return None
    for path in files:  # a file not read, a missing file and an empty one: three answers
        if path is None:
            h.update(b"\3")
            continue
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            h.update(b"\2")
            continue
        except OSError:
            return None  # unreadable: the build says why
        h.update(b"\1%d\0" % len(data) + data)
    return h.hexdigest()[:32]


def load_or_build(digest: str | None, build: Callable[[], T], kind: type[T]) -> T:
    """The object pickled under ``digest`` if the cache holds one of ``kind``, else
    ``build()``, pickled for the next time (best effort: any failure only logged)."""
    folder = cache_folder()
    if folder is None or digest is None:
        return build()
    path = folder / f"{_PREFIX}{digest}{_SUFFIX}"
    try:
        with path.open("rb") as handle:
            made = pickle.load(handle)
        if isinstance(made, kind):
            return made
    except FileNotFoundError:
        pass
    except Exception as exc:  # noqa: BLE001 - a damaged or foreign file: built again
        logger.info("ignoring the built gazetteer %s: %s", path, exc)
    made = build()
    _save(folder, path, made)
    return made


def _save(folder: Path, path: Path, made: object) -> None:
    """Write ``made`` to ``path`` atomically (a reader never sees half a file), then keep
    only the :data:`KEEP` newest built stores."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tmp-", suffix=_SUFFIX, dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(made, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        built = sorted(folder.glob(f"{_PREFIX}*{_SUFFIX}"),
                       key=lambda p: p.stat().st_mtime, reverse=True)
        for old in built[KEEP:]:
            old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, RecursionError) as exc:
        logger.info("the built gazetteer is not cached in %s: %s", folder, exc)
