"""Listing a corpus folder: what each entry is, and which links may be followed.

Why a room of its own: a corpus folder is a place on a shared disk, so besides
article files it may hold links to ``/etc/passwd``, links to nothing or to
themselves, named pipes (opening one blocks forever), sockets, devices and folders
named like articles (``x.txt/``). None of them may be read as an article, and none
may vanish without a word: each becomes an :class:`Entry` with a ``problem`` that
the folder reader reports by name. A link that stays inside the folder is kept,
with its resolved ``target``, so a link to an article already listed is reported
as that article instead of being read twice. Nothing here opens a file.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .errors import CorpusError

__all__ = ["Entry", "list_entries"]


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of the folder.

    ``path`` is where it was listed (inside the folder). ``problem`` is why it is not
    read ('' for a readable file). ``target`` is, for a link that stays inside the
    folder, the file it leads to (resolved); None for a plain file.
    """

    path: Path
    problem: str = ""
    target: Path | None = None


def list_entries(root: Path, *, recursive: bool) -> list[Entry]:
    """Every non-hidden entry of ``root`` (and, if ``recursive``, of its sub-folders).

    Sub-folders are descended into only when ``recursive``; otherwise they are left
    out, except one named like a file (``x.txt/``), which is listed with a problem.
    Links are never followed out of ``root``, nor into folders.

    Raises
    ------
    CorpusError
        When ``root`` itself cannot be listed (permission denied, gone), naming it.
    """
    top = root.resolve()
    try:
        return sorted(_scan(root, top, recursive), key=lambda e: str(e.path.relative_to(root)))
    except OSError as exc:
        raise CorpusError(f"corpus folder {str(root)!r} cannot be read "
                          f"({exc.strerror or exc}); check that it exists and that you "
                          "may list and read it") from None


def _scan(folder: Path, top: Path, recursive: bool) -> list[Entry]:
    """The entries of one folder; raises OSError only if ``folder`` cannot be listed."""
    with os.scandir(folder) as found:
        items = sorted(found, key=lambda item: item.name)
    out: list[Entry] = []
    for item in items:
        if item.name.startswith("."):
            continue
        path = Path(item.path)
        if item.is_symlink():
            out.append(_link(path, top))
        elif item.is_dir(follow_symlinks=False):
            out.extend(_folder(path, top, recursive))
        elif item.is_file(follow_symlinks=False):
            out.append(Entry(path))
        else:
            out.append(Entry(path, _special(item)))
    return out


def _folder(path: Path, top: Path, recursive: bool) -> list[Entry]:
    """A sub-folder: its entries when recursive, else a problem if it looks like a file."""
    if not recursive:
        if Path(path.name).suffix:
            return [Entry(path, "a folder named like a file, not an article file; its "
                                "contents are not read")]
        return []
    try:
        return _scan(path, top, recursive)
    except OSError as exc:
        return [Entry(path, f"sub-folder cannot be read ({exc.strerror or exc}); its files "
                            "are not read")]


def _link(path: Path, top: Path) -> Entry:
    """A symbolic link: kept only when it leads to a regular file inside the folder."""
    try:
        target = path.resolve(strict=True)
    except FileNotFoundError:
        return Entry(path, "a link to nothing (its target does not exist); not read")
    except (RuntimeError, OSError) as exc:  # 3.11 raises RuntimeError for a loop
        why = "a link loop" if isinstance(exc, RuntimeError) or \
            getattr(exc, "errno", None) == 40 else f"a link that cannot be followed ({exc})"
        return Entry(path, f"{why}; not read")
    if not target.is_relative_to(top):
        return Entry(path, "a link to a file outside the corpus folder; links are not "
                           "followed out of the corpus, copy the file in to read it")
    try:
        mode = target.stat().st_mode
    except OSError as exc:
        return Entry(path, f"a link whose target cannot be read ({exc.strerror or exc})")
    if stat.S_ISDIR(mode):
        return Entry(path, "a link to a folder; links to folders are not followed")
    if not stat.S_ISREG(mode):
        return Entry(path, f"a link to {_kind(mode)}, not a regular file; not read")
    return Entry(path, target=target)


def _special(item: os.DirEntry[str]) -> str:
    try:
        mode = item.stat(follow_symlinks=False).st_mode
    except OSError as exc:
        return f"cannot be examined ({exc.strerror or exc}); not read"
    return f"{_kind(mode)}, not a regular file; not read"


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "a special file"
