"""One run's complete set of files in ``--out``: staged beside it, swapped in under a lock.

``geo build`` writes several files (the GeoJSON layers, the GeoPackage, the
report) that only make sense together. Writing them one by one into ``--out``
lets a kill, or a second build into the same folder, leave the layers of one run
beside the report of another. So :func:`replace_folder` hands out a staging
folder next to ``--out`` (``.OUT.staging-*``); the whole set is written there and
then swapped in with one rename (``renameat2(RENAME_EXCHANGE)`` on Linux, else two
renames). ``--out`` stays a plain folder at its own path, so QGIS and scripts keep
reading ``OUT/incidents.geojson`` (an ``--out`` that is a link to a folder: the
folder it points to is replaced, the link stays).

Two builds into one folder take turns: the staging and the swap happen under an
``fcntl.flock`` on ``.OUT.lock`` beside the folder. Whoever holds the lock is the
only live writer, so staging folders found then belong to dead runs and are
removed (a previous set left aside by an interrupted swap is put back first).

Files in ``--out`` that the build does not write (notes of yours) are carried
into the new set; a subfolder is refused, because the whole folder is replaced.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import secrets
import shutil
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from .names import quoted

try:
    import fcntl
except ImportError:  # Windows: no flock; builds into one folder are not serialised
    fcntl = None  # type: ignore[assignment]

__all__ = ["OutputError", "check_output", "replace_folder"]

_STAGING = "staging"
_OLD = "old"


class OutputError(OSError):
    """``--out`` cannot receive the build (not a folder, not writable, holds a subfolder)."""


def _name(path: Path) -> str:
    return os.fsdecode(path.name)


def _leftover_prefix(out: Path, kind: str) -> str:
    return f".{_name(out)}.{kind}-"


def _lock_path(out: Path) -> Path:
    return out.parent / f".{_name(out)}.lock"


def _ours(name: str, set_names: Iterable[str]) -> bool:
    """Whether ``name`` in ``--out`` is part of the set (or a temporary file of writing it)."""
    for own in set_names:
        stem, dot, suffix = own.rpartition(".")
        if name == own or name.startswith(f"{own}-"):  # layers.gpkg-wal, -shm, -journal
            return True
        if dot and name.startswith(f".{stem}.") and name.endswith(f".tmp.{suffix}"):
            return True
    return False


def _foreign(out: Path, set_names: Iterable[str]) -> list[os.DirEntry]:
    if not out.is_dir():
        return []
    names = list(set_names)
    with os.scandir(out) as entries:
        return [e for e in entries if not _ours(e.name, names)]


def check_output(out: Path, set_names: Iterable[str]) -> None:
    """Fail early (before a long run) when ``out`` cannot receive the set.

    Raises
    ------
    OutputError
        If ``out`` is a file, the current folder, holds a subfolder, or the folder it
        lives in cannot be written.
    """
    out = Path(os.path.realpath(out))  # a link to a folder: the folder is what is replaced
    shown = quoted(os.fsdecode(out))
    if out.exists() and not out.is_dir():
        raise OutputError(f"--out {shown} exists and is not a folder; give a folder for the layers")
    if out.exists() and os.path.samefile(out, os.getcwd()):
        raise OutputError(f"--out {shown} is the current folder; the build replaces its --out "
                          "folder as a whole: give a folder of its own (e.g. out/)")
    for entry in _foreign(out, set_names):
        if entry.is_dir(follow_symlinks=False):
            raise OutputError(f"--out {shown} holds a folder ({quoted(entry.name)}) that is not part "
                              "of a build; the build replaces its --out folder as a whole: "
                              "give a folder of its own (e.g. out/)")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        probe = out.parent / f"{_leftover_prefix(out, _STAGING)}probe-{secrets.token_hex(4)}"
        probe.mkdir()
        try:
            probe.rmdir()
        except FileNotFoundError:
            pass  # a build holding the lock cleared it as a leftover: the folder took it all the same
    except OSError as exc:
        raise OutputError(f"cannot write the build beside --out {shown}: "
                          f"{quoted(os.fsdecode(out.parent))}: {exc.strerror or exc}; give an --out "
                          "inside a folder you can write") from None
    if out.is_dir() and not os.access(out, os.W_OK | os.X_OK):
        raise OutputError(f"--out {shown} is not writable; give a folder you can write")


# --- the lock -------------------------------------------------------------------------


@contextlib.contextmanager
def _locked(out: Path, on_wait: Callable[[str], None] | None) -> Iterator[None]:
    fd = os.open(_lock_path(out), os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if on_wait is not None:
                    on_wait(f"waiting for another build to finish writing {quoted(os.fsdecode(out))}")
                fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _remove_leftovers(out: Path) -> None:
    """Staging and set-aside folders of dead runs (only call under the lock).

    If an interrupted swap left no ``out`` but the previous set aside, it is put back.
    """
    staging, old = _leftover_prefix(out, _STAGING), _leftover_prefix(out, _OLD)
    with os.scandir(out.parent) as entries:
        found = [e.name for e in entries if e.name.startswith((staging, old))]
    aside = [n for n in found if n.startswith(old)]
    if aside and not out.exists():
        latest = max(aside, key=lambda n: os.lstat(out.parent / n).st_mtime)
        os.rename(out.parent / latest, out)
        found.remove(latest)
    for name in found:
        path = out.parent / name
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


# --- the swap -------------------------------------------------------------------------


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); False where that is not possible."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError, TypeError):  # no such call (not Linux, old libc)
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), os.fsdecode(b))


def _carry(entries: list[os.DirEntry], stage: Path) -> None:
    """Your own files in ``--out`` into the new set: a hard link (else a copy), or the link."""
    for entry in entries:
        target = stage / entry.name
        if os.path.lexists(target):
            continue
        if entry.is_symlink():
            os.symlink(os.readlink(entry.path), target)
        elif entry.is_file(follow_symlinks=False):
            try:
                os.link(entry.path, target)
            except OSError:
                shutil.copy2(entry.path, target)
        else:
            raise OutputError(f"--out {quoted(os.fsdecode(stage.parent))} holds {quoted(entry.name)}, which "
                              "is neither a file nor a link; give --out a folder of its own")


def _fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _swap_in(stage: Path, out: Path, set_names: Iterable[str]) -> None:
    """Put ``stage`` at ``out``; the previous set is removed once it is out of the way."""
    _fsync_folder(stage)
    if not out.exists():
        os.rename(stage, out)
        _fsync_folder(out.parent)
        return
    _carry(_foreign(out, set_names), stage)
    if _exchange(stage, out):  # ``stage`` now holds the previous set
        _fsync_folder(out.parent)
        shutil.rmtree(stage, ignore_errors=True)
        return
    aside = out.parent / f"{_leftover_prefix(out, _OLD)}{os.getpid()}-{secrets.token_hex(4)}"
    os.rename(out, aside)  # a kill here leaves ``aside``: the next run puts it back
    try:
        os.rename(stage, out)
    except OSError:
        os.rename(aside, out)
        raise
    _fsync_folder(out.parent)
    shutil.rmtree(aside, ignore_errors=True)


@contextlib.contextmanager
def replace_folder(out: str | Path, set_names: Iterable[str], *,
                   on_wait: Callable[[str], None] | None = None) -> Iterator[Path]:
    """A staging folder to write the whole set into; swapped in at ``out`` on success.

    Parameters
    ----------
    out : path
        The folder that must always hold one run's complete set.
    set_names : names
        The files of the set (files in ``out`` not named here are carried over).
    on_wait : callable(message), optional
        Called once if another build holds the lock (the call then blocks until it is done).

    If the body raises, the staging folder is removed and ``out`` is untouched.

    Raises
    ------
    OutputError
        If ``out`` cannot receive the set (see :func:`check_output`).
    """
    out = Path(os.path.realpath(out))
    names = list(set_names)
    check_output(out, names)
    with _locked(out, on_wait):
        _remove_leftovers(out)
        check_output(out, names)  # another build may have changed it while we waited
        stage = out.parent / f"{_leftover_prefix(out, _STAGING)}{os.getpid()}-{secrets.token_hex(4)}"
        stage.mkdir()
        try:
            if out.is_dir():
                os.chmod(stage, stat.S_IMODE(os.stat(out).st_mode))
            yield stage
            _swap_in(stage, out, names)
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
