"""Storing uploaded articles safely in the data folder.

Upload names are untrusted: directory parts, '..', absolute and drive paths and
control characters are removed, the extension must be one we read, the content is
de-duplicated by hash, and nothing is ever written outside the folder.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

ALLOWED_SUFFIXES = (".txt", ".html", ".htm", ".md")
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_FILES = 50


def default_upload_dir() -> Path:
    """``$NES_OSINT_DATA/uploads``, else ``data/uploads`` in the project."""
    base = os.environ.get("NES_OSINT_DATA")
    root = Path(base).expanduser() if base else Path(__file__).resolve().parent.parent / "data"
    return root / "uploads"


@dataclass(frozen=True, slots=True)
class UploadOutcome:
    name: str  # the name as given
    stored: Path | None  # where it was written, or None
    status: str  # 'stored' | 'duplicate' | 'refused'
    message: str


def safe_name(name: str) -> str:
    """A file name with no directory parts, no control characters and a plain stem."""
    name = unicodedata.normalize("NFC", str(name)).replace("\\", "/")
    name = name.split("/")[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r"^[A-Za-z]:", "", name).strip(" .")
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = re.sub(r"[^\w\-]+", "_", stem, flags=re.UNICODE).strip("_")[:80] or "article"
    return f"{stem}.{suffix.lower()}" if suffix else stem


def store_upload(name: str, raw: bytes, *, folder: Path | None = None,
                 max_bytes: int = MAX_UPLOAD_BYTES) -> UploadOutcome:
    """Write one upload into ``folder`` (atomic); refuse or de-duplicate with a message."""
    folder = (folder or default_upload_dir()).resolve()
    clean = safe_name(name)
    suffix = Path(clean).suffix
    if suffix not in ALLOWED_SUFFIXES:
        return UploadOutcome(name, None, "refused",
                             f"{name}: not a text article (allowed: {', '.join(ALLOWED_SUFFIXES)})")
    if not raw:
        return UploadOutcome(name, None, "refused", f"{name}: the file is empty")
    if len(raw) > max_bytes:
        return UploadOutcome(name, None, "refused",
                             f"{name}: {len(raw) / 1e6:.1f} MB is over the {max_bytes / 1e6:.1f} MB limit")
    from .corpus import UndecodableError, decode_bytes

    try:
        decode_bytes(raw)
    except UndecodableError as exc:
        return UploadOutcome(name, None, "refused", f"{name}: {exc}")
    folder.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(raw).hexdigest()
    for existing in folder.iterdir():
        if existing.is_file() and existing.stat().st_size == len(raw) and \
                hashlib.sha256(existing.read_bytes()).hexdigest() == digest:
            return UploadOutcome(name, existing, "duplicate",
                                 f"{name}: already stored as {existing.name}")
    target = (folder / clean).resolve()
    if target.parent != folder:
        return UploadOutcome(name, None, "refused", f"{name}: unsafe file name")
    if target.exists():
        target = folder / f"{target.stem}_{digest[:8]}{target.suffix}"
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".upload-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(raw)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return UploadOutcome(name, target, "stored", f"{name}: stored as {target.name}")
