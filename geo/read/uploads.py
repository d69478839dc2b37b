"""Storing uploaded articles safely in the data folder.

Upload names are untrusted: directory parts, '..', absolute and drive paths, control
and bidi-override characters are removed, odd characters become '_', the extension
must be one the corpus reader reads, the content must decode as text, the same
content is stored once (SHA-256), every write is atomic (temporary file, then
rename), and nothing is ever written outside the folder.

The folder is ``$NES_OSINT_DATA/uploads``, else ``data/uploads`` in the project
(gitignored). The dashboard runs the pipeline over it beside the corpus.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import re
import tempfile
import unicodedata
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from .decode import decode_bytes
from .errors import CorpusError, UndecodableError
from .sizes import mib, over_limit

__all__ = ["ALLOWED_SUFFIXES", "LOCK_NAME", "MAX_FILES", "MAX_STORED_BYTES", "MAX_STORED_FILES",
           "MAX_UPLOAD_BYTES", "MAX_UPLOAD_MB", "UploadFolderError", "UploadOutcome",
           "default_upload_dir", "list_uploads", "remove_upload", "safe_name", "store_upload",
           "store_uploads"]

ALLOWED_SUFFIXES: tuple[str, ...] = (".txt", ".html", ".htm", ".md")
#: Per file, in MiB (1,048,576 bytes): a file of exactly 2 MiB is taken.
MAX_UPLOAD_MB = 2
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
MAX_FILES = 50
#: The whole uploads folder: beyond this, uploads are refused until some are removed
#: (why: a shared server's disk must not fill up from a browser).
MAX_STORED_FILES = 2000
MAX_STORED_BYTES = 200 * 1024 * 1024
MAX_STEM_CHARS = 80
#: The lock file in the uploads folder (hidden, so never listed as an upload): a batch
#: holds it while it counts the folder and writes, so batches running at once cannot
#: together pass the folder's limits.
LOCK_NAME = ".uploads.lock"
#: Names Windows will not create, whatever the extension.
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)),
             *(f"LPT{i}" for i in range(10))}


def default_upload_dir() -> Path:
    """``$NES_OSINT_DATA/uploads``, else ``data/uploads`` in the project."""
    base = os.environ.get("NES_OSINT_DATA")
    root = Path(base).expanduser() if base else Path(__file__).resolve().parents[2] / "data"
    return root / "uploads"


class UploadFolderError(OSError, CorpusError):
    """The uploads folder cannot be listed, created or locked.

    An ``OSError`` (with the cause's ``errno``/``strerror``) and a
    :class:`~geo.read.errors.CorpusError`; its text is one sentence naming the folder,
    the cause and what to do.
    """

    def __str__(self) -> str:
        return (f"the uploads folder {self.filename} cannot be used ({self.strerror}); give "
                "the server's user read and write access to it, or set NES_OSINT_DATA to "
                "another folder")


def _folder_error(folder: Path, exc: OSError) -> UploadFolderError:
    return UploadFolderError(exc.errno or 0, exc.strerror or type(exc).__name__, str(folder))


@dataclass(frozen=True, slots=True)
class UploadOutcome:
    """What became of one uploaded file."""

    name: str  # the name as given (untrusted: display it escaped)
    stored: Path | None  # where it is now (the earlier copy for a duplicate), or None
    status: str  # 'stored' | 'duplicate' | 'refused'
    message: str

    @property
    def ok(self) -> bool:
        return self.status != "refused"


def safe_name(name: str) -> str:
    """A plain file name: no directory parts, drive, control or bidi characters.

    The extension is lower-cased; the stem keeps letters (Arabic too), digits,
    '-' and '_' and turns any other run into '_'.

    >>> safe_name("../../etc/passwd.txt")
    'passwd.txt'
    >>> safe_name("C:\\\\Users\\\\x\\\\تقرير الحسكة.TXT")
    'تقرير_الحسكة.txt'
    """
    name = unicodedata.normalize("NFC", str(name))
    # control (Cc), format/bidi (Cf), private and unassigned characters go first
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = name.replace("\\", "/").split("/")[-1]
    name = re.sub(r"^[A-Za-z]:", "", name).strip(" .")
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = re.sub(r"[^\w\-]+", "_", stem).strip("_")[:MAX_STEM_CHARS] or "article"
    if stem.upper() in _RESERVED:
        stem = f"_{stem}"
    suffix = re.sub(r"[^\w]+", "", suffix).lower()
    return f"{stem}.{suffix}" if suffix else stem


def _isolate(name: str) -> str:
    """A file name in a left-to-right isolate (LRI ... PDI): an Arabic name keeps its
    extension on the right, as a file dialog shows it, inside an English message."""
    return f"\u2066{name}\u2069"


def _refuse(name: str, why: str) -> UploadOutcome:
    return UploadOutcome(name, None, "refused", f"{_isolate(name)}: {why}")


def _check(name: str, clean: str, raw: bytes, max_bytes: int) -> str | None:
    """Why the upload cannot be taken, or None."""
    if Path(clean).suffix not in ALLOWED_SUFFIXES:
        return f"not a text article (allowed: {', '.join(ALLOWED_SUFFIXES)})"
    if len(raw) > max_bytes:
        size, limit = over_limit(len(raw), max_bytes)
        return f"{size} is over the {limit} limit per file"
    if not raw.strip():
        return "the file is empty"
    try:
        text, _ = decode_bytes(raw)
    except UndecodableError as exc:
        return f"not readable as text ({exc})"
    if not text.strip():
        return "the file has no text"
    return None


def _existing_copy(folder: Path, raw: bytes, digest: str) -> Path | None:
    for existing in list_uploads(folder):
        try:
            if existing.stat().st_size == len(raw) and \
                    hashlib.sha256(existing.read_bytes()).hexdigest() == digest:
                return existing
        except OSError:
            continue
    return None


def _target(folder: Path, clean: str, digest: str, taken: Collection[str]) -> Path | None:
    """A free path for ``clean`` inside ``folder`` (with a hash suffix if the name or its
    article id is taken), or None if it would leave the folder."""
    path = Path(clean)
    target = folder / clean
    if target.exists() or path.stem in taken:
        target = folder / f"{path.stem}_{digest[:8]}{path.suffix}"
    resolved = target.resolve()
    if resolved.parent != folder or resolved.name.startswith("."):
        return None
    return resolved


def _atomic_write(target: Path, raw: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".upload-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def store_upload(name: str, raw: bytes, *, folder: Path, max_bytes: int = MAX_UPLOAD_BYTES,
                 taken: Collection[str] = (), known: Mapping[str, str] | None = None
                 ) -> UploadOutcome:
    """Store one uploaded file in ``folder``; refuse or de-duplicate it with a message.

    Parameters
    ----------
    name : str
        The name the browser sent (untrusted).
    raw : bytes
        The content; its encoding is detected as the corpus reader does.
    folder : Path
        The uploads folder (created if missing). Nothing is written elsewhere.
    max_bytes : int
        Larger files are refused.
    taken : collection of str
        Article ids already in use (the corpus's file stems); an upload whose stem
        is one of them gets a hash suffix, so it never shadows an article.
    known : mapping of SHA-256 hex -> name, optional
        Files already read elsewhere (the corpus): the same bytes are a duplicate.

    Returns
    -------
    UploadOutcome
        ``stored`` (with the path), ``duplicate`` (the same bytes are already
        stored; the path of that copy) or ``refused`` (nothing written).
    """
    with _locked(Path(folder)):
        return _store_one(name, raw, folder=folder, max_bytes=max_bytes, taken=taken,
                          known=known)


def _store_one(name: str, raw: bytes, *, folder: Path, max_bytes: int,
               taken: Collection[str], known: Mapping[str, str] | None) -> UploadOutcome:
    """:func:`store_upload` with the folder's lock already held."""
    folder = Path(folder).resolve()
    clean = safe_name(name)
    why = _check(name, clean, raw, max_bytes)
    if why:
        return _refuse(name, why)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256(raw).hexdigest()
        if known and digest in known:
            return UploadOutcome(name, None, "duplicate",
                                 f"{_isolate(name)}: the same text is already in the corpus as "
                                 f"{_isolate(known[digest])}; not stored again")
        existing = _existing_copy(folder, raw, digest)
        if existing is not None:
            return UploadOutcome(name, existing, "duplicate",
                                 f"{_isolate(name)}: the same text is already stored as "
                                 f"{_isolate(existing.name)}; not stored again")
        target = _target(folder, clean, digest, taken)
        if target is None:
            return _refuse(name, "unsafe file name")
        _atomic_write(target, raw)
    except OSError as exc:
        return _refuse(name, f"could not be stored ({exc.strerror or exc})")
    renamed = "" if target.name == name else f" as {_isolate(target.name)}"
    return UploadOutcome(name, target, "stored", f"{_isolate(name)}: stored{renamed}")


def store_uploads(files: Iterable[tuple[str, bytes]], *, folder: Path,
                  max_files: int = MAX_FILES, max_bytes: int = MAX_UPLOAD_BYTES,
                  max_stored_files: int = MAX_STORED_FILES,
                  max_stored_bytes: int = MAX_STORED_BYTES,
                  taken: Collection[str] = (), known: Mapping[str, str] | None = None
                  ) -> list[UploadOutcome]:
    """Store a batch of uploads, one outcome per file, in the order given.

    Beyond ``max_files`` in one batch, or once the folder holds ``max_stored_files``
    files or ``max_stored_bytes`` bytes, each further file is refused by name with
    the limit it hit; the same bytes twice in a batch are stored once. See
    :func:`store_upload` for the rest. The folder is locked (:data:`LOCK_NAME`) from
    the count to the last write, so batches stored at once, by threads or by
    processes, hold the folder's limits together.

    Raises
    ------
    UploadFolderError
        When the folder cannot be created, locked or listed.
    """
    folder = Path(folder)
    with _locked(folder):
        return _store_batch(list(files), folder, max_files, max_bytes, max_stored_files,
                            max_stored_bytes, taken, known)


def _store_batch(files: list[tuple[str, bytes]], folder: Path, max_files: int, max_bytes: int,
                 max_stored_files: int, max_stored_bytes: int, taken: Collection[str],
                 known: Mapping[str, str] | None) -> list[UploadOutcome]:
    stored = list_uploads(folder)
    count, size = len(stored), sum(_size(p) for p in stored)
    outcomes: list[UploadOutcome] = []
    for i, (name, raw) in enumerate(files):
        if i >= max_files:
            outcomes.append(_refuse(name, f"only {max_files} files are taken at a time; "
                                          "upload it again in another batch"))
            continue
        if count >= max_stored_files or size + len(raw) > max_stored_bytes:
            outcomes.append(_refuse(name, f"the uploads folder is full ({count} files, "
                                          f"{mib(size)}; limits {max_stored_files} files, "
                                          f"{mib(max_stored_bytes)}); remove some uploads first"))
            continue
        outcome = _store_one(name, raw, folder=folder, max_bytes=max_bytes, taken=taken,
                               known=known)
        if outcome.status == "stored":
            count, size = count + 1, size + len(raw)
        outcomes.append(outcome)
    return outcomes


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def list_uploads(folder: Path) -> list[Path]:
    """The stored uploads (regular, non-hidden files), sorted by name; [] when the folder
    does not exist yet.

    Raises
    ------
    UploadFolderError
        When the folder cannot be listed, or a file stands in its place.
    """
    folder = Path(folder)
    try:
        if not folder.exists():
            return []
        if not folder.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "it is a file, not a folder")
        return sorted(p for p in folder.iterdir()
                      if not p.name.startswith(".") and p.is_file() and not p.is_symlink())
    except UploadFolderError:
        raise
    except OSError as exc:
        raise _folder_error(folder, exc) from None


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold the folder's lock file (created with the folder if missing)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = os.open(folder / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o600)
    except OSError as exc:
        raise _folder_error(folder, exc) from None
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        yield
    finally:
        os.close(handle)  # closing releases the lock


def remove_upload(name: str, *, folder: Path) -> bool:
    """Delete the upload called ``name`` (a bare file name in ``folder``); True if removed."""
    folder = Path(folder).resolve()
    if not name or name != Path(name).name or name.startswith("."):
        return False
    target = (folder / name).resolve()
    if target.parent != folder or not target.is_file():
        return False
    target.unlink()
    return True
