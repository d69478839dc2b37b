"""The per-article result cache: JSON data on disk, checked before it is trusted.

An entry holds one article's :class:`~geo.model.ArticleResult` as JSON under
``FOLDER/KEY[:2]/KEY.json``. It is data, never code (no pickle: a planted entry
cannot run anything), and it is used only when all of these hold:

* it is a regular file of the user's that no one else can write, in a subfolder
  of the same kind, opened without following a link and without blocking (a FIFO
  in its place is a miss, not a hung build);
* it names the key it was stored under and the article it was stored for (an
  entry copied over another is a miss, not another article's result);
* it decodes into the project's own types, field by field, with the kind of value
  each field declares, finite numbers and coordinates on the globe (a NaN
  coordinate is a miss, not a crash in the merge).

Anything else is a miss, and the article is extracted again. A result is only
stored when it decodes back equal to itself, so a run from the cache writes the
same bytes as a run without it.

The folder must belong to the user and be writable by no one else; otherwise
:class:`ResultCache` refuses it with :class:`UnsafeCacheFolder`, whose message
names the folder and the fix (POSIX file modes; the pipeline then runs without
the cache and says so).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import hashlib
import json
import math
import os
import shlex
import stat
import tempfile
from pathlib import Path
from typing import Any

from gazetteer.model import Candidate, Mention, Place

from .model import ArticleResult, Base, Incident, Route, Source
from .names import quoted

__all__ = ["CACHE_FORMAT", "ResultCache", "UnsafeCacheFolder", "article_fingerprint", "decode_result",
           "encode_result"]

#: The layout of an entry; bump it when the encoding changes.
CACHE_FORMAT = 2
#: The types an entry may hold (the project's own dataclasses), by name.
_TYPES: dict[str, type] = {cls.__name__: cls for cls in (
    ArticleResult, Incident, Base, Route, Source, Mention, Candidate, Place)}
_SCALARS = ("str", "int", "float", "bool", "dt.date", "Place")
_OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH


class UnsafeCacheFolder(PermissionError):
    """The cache folder could be written by someone else, so its entries cannot be trusted."""


class _Invalid(ValueError):
    """An entry that is not what it claims to be: a miss."""


# --- annotations -> checks ------------------------------------------------------------


@functools.cache  # a handful of annotations, asked about for every value
def _union(annotation: str) -> tuple[str, bool]:
    """'Place | None' -> ('Place', True); 'list[Mention]' -> ('list[Mention]', False)."""
    parts = [p.strip() for p in annotation.split("|")]
    optional = "None" in parts
    rest = [p for p in parts if p != "None"]
    if len(rest) != 1 or "|" in rest[0]:
        raise TypeError(f"cache cannot encode a field of type {annotation!r}")
    return rest[0], optional


@functools.cache
def _inner(kind: str) -> tuple[str, str] | None:
    """'list[X]' -> ('list', 'X'); 'tuple[X, ...]' -> ('tuple', 'X'); else None."""
    for container in ("list", "tuple"):
        if kind.startswith(f"{container}[") and kind.endswith("]"):
            return container, kind[len(container) + 1:-1].removesuffix(", ...").strip()
    return None


def _check_annotation(annotation: str) -> None:
    """Every field the cache stores must have a kind it can check: fail at import, not later."""
    kind, _ = _union(annotation)
    nested = _inner(kind)
    if nested is not None:
        _check_annotation(nested[1])
    elif kind not in _SCALARS and kind not in _TYPES:
        raise TypeError(f"cache cannot encode a field of type {annotation!r}")


@functools.cache
def _fields(cls: type) -> dict[str, str]:
    """A dataclass's field names and annotations, in order."""
    return {f.name: str(f.type) for f in dataclasses.fields(cls)}


for _cls in _TYPES.values():
    for _annotation in _fields(_cls).values():
        _check_annotation(_annotation)


# --- encoding -------------------------------------------------------------------------


class _Encoder:
    """Dataclasses as objects of their fields; places once, in a table, by index."""

    def __init__(self) -> None:
        self.places: dict[Place, int] = {}

    def value(self, value: Any) -> Any:
        if value is None or isinstance(value, str | bool | int):
            return value
        if isinstance(value, float):
            if not math.isfinite(value):
                raise ValueError("not finite")
            return value
        if isinstance(value, Place):
            return self.places.setdefault(value, len(self.places))
        if type(value) is dt.date:  # not a datetime: a day is all the models hold
            return value.isoformat()
        if isinstance(value, list | tuple):
            return [self.value(v) for v in value]
        if type(value).__name__ in _TYPES and type(value) is _TYPES[type(value).__name__]:
            return self.fields(value)
        raise TypeError(f"cannot cache a {type(value).__name__}")

    def fields(self, obj: Any) -> dict:
        return {f.name: self.value(getattr(obj, f.name)) for f in dataclasses.fields(obj)}


def encode_result(result: ArticleResult, *, key: str, article_id: str) -> bytes:
    """An entry's JSON text: the key and article it is for, the places, the result.

    Raises
    ------
    TypeError, ValueError
        If the result holds a value the cache cannot store exactly (it is then not cached).
    """
    enc = _Encoder()
    body = enc.fields(result)
    places = [enc.fields(p) for p in enc.places]
    entry = {"format": CACHE_FORMAT, "key": key, "article": article_id, "places": places,
             "result": body}
    text = json.dumps(entry, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.encode("utf-8")  # a lone surrogate raises UnicodeEncodeError: not cached


# --- decoding -------------------------------------------------------------------------


def _reject_constant(name: str) -> Any:
    raise _Invalid(f"{name} is not a number")


class _Decoder:
    """Values checked against the kind their field declares, then built into the types."""

    def __init__(self, places: list[Place]) -> None:
        self.places = places

    def value(self, value: Any, annotation: str) -> Any:
        kind, optional = _union(annotation)
        if value is None:
            if optional:
                return None
            raise _Invalid(f"null for {annotation}")
        nested = _inner(kind)
        if nested is not None:
            if not isinstance(value, list):
                raise _Invalid(f"expected a list for {annotation}")
            items = [self.value(v, nested[1]) for v in value]
            return items if nested[0] == "list" else tuple(items)
        return self.scalar(value, kind)

    def scalar(self, value: Any, kind: str) -> Any:
        if kind == "Place":  # an index into the entry's table of places
            if type(value) is not int or not 0 <= value < len(self.places):
                raise _Invalid("no such place")
            return self.places[value]
        if kind in _TYPES:
            return self.dataclass(value, _TYPES[kind])
        if kind == "dt.date":
            if not isinstance(value, str) or len(value) != 10:
                raise _Invalid("expected an ISO date")
            return dt.date.fromisoformat(value)
        wanted = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,)}[kind]
        if not isinstance(value, wanted) or (kind != "bool" and isinstance(value, bool)):
            raise _Invalid(f"expected {kind}")
        if isinstance(value, float) and not math.isfinite(value):
            raise _Invalid("not finite")
        return value

    def dataclass(self, value: Any, cls: type) -> Any:
        fields = _fields(cls)
        if not isinstance(value, dict) or value.keys() != fields.keys():
            raise _Invalid(f"expected the fields of {cls.__name__}")
        return cls(**{name: self.value(value[name], kind) for name, kind in fields.items()})


def _place(value: Any) -> Place:
    place = _Decoder([]).dataclass(value, Place)
    if not (-90 <= place.lat <= 90 and -180 <= place.lon <= 180):
        raise _Invalid("coordinates off the globe")
    return place


def decode_result(text: str | bytes, *, key: str, article_id: str) -> ArticleResult:
    """The result an entry holds, if it is the entry for ``key`` and ``article_id``.

    Raises
    ------
    ValueError
        If the text is not such an entry (malformed, another key or article, a value of
        the wrong kind, a number that is not finite, a place off the globe).
    """
    try:
        entry = json.loads(text, parse_constant=_reject_constant)
    except (UnicodeDecodeError, RecursionError) as exc:
        raise _Invalid(str(exc)) from None
    if not isinstance(entry, dict) or entry.get("format") != CACHE_FORMAT:
        raise _Invalid("not a cache entry of this format")
    if entry.get("key") != key or entry.get("article") != article_id:
        raise _Invalid("stored for another key or article")
    places = entry.get("places")
    if not isinstance(places, list):
        raise _Invalid("no place table")
    return _Decoder([_place(p) for p in places]).dataclass(entry.get("result"), ArticleResult)


def article_fingerprint(article: Any) -> str:
    """Everything about an article that changes its extraction, except the code (the
    path is left out: a moved file keeps its entry)."""
    if dataclasses.is_dataclass(article):
        values = {f.name: getattr(article, f.name) for f in dataclasses.fields(article)}
    else:
        values = dict(vars(article))
    values.pop("path", None)
    body = values.pop("body", "") or ""
    if not values.get("sha256"):
        values["body_sha256"] = hashlib.sha256(body.encode("utf-8", "replace")).hexdigest()
    return repr(sorted((k, repr(v)) for k, v in values.items()))



# --- the folder -----------------------------------------------------------------------


def _unsafe(st: os.stat_result) -> str:
    """Why a file or folder with this status cannot be trusted ('' when it can)."""
    if st.st_uid != os.geteuid():
        return f"belongs to another user (uid {st.st_uid})"
    if st.st_mode & _OTHERS_WRITE:
        return f"is writable by others (mode {stat.S_IMODE(st.st_mode):04o})"
    return ""


def _open_checked(path: str | Path, *, folder: bool, dir_fd: int | None = None) -> int:
    """A descriptor on ``path`` if it is the user's own regular file (or folder), else _Invalid.

    No link is followed and a FIFO or device does not block the open.
    """
    flags = (os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
             | (os.O_DIRECTORY if folder else 0))
    fd = os.open(path, flags, dir_fd=dir_fd)
    st = os.fstat(fd)
    right_kind = stat.S_ISDIR(st.st_mode) if folder else stat.S_ISREG(st.st_mode)
    if not right_kind or _unsafe(st):
        os.close(fd)
        raise _Invalid("not a private regular entry")
    return fd


class ResultCache:
    """Per-article results as checked JSON under ``folder`` (see the module doc).

    Raises
    ------
    UnsafeCacheFolder
        If ``folder`` belongs to another user or others can write it.
    OSError
        If ``folder`` cannot be created.
    """

    def __init__(self, folder: str | Path, *, salt: str) -> None:
        self.folder = Path(folder)
        self.salt = salt
        self.hits = 0
        self.misses = 0
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        why = _unsafe(os.stat(self.folder))
        if why:
            fix = (f"run: chmod go-w {shlex.quote(str(self.folder))}" if "writable" in why
                   else "use a folder of your own")
            raise UnsafeCacheFolder(
                f"cache folder {quoted(str(self.folder))} {why}: its entries cannot be trusted; "
                f"{fix} (or choose another with --cache-dir or $NES_OSINT_CACHE)")

    def key(self, article: Any) -> str:
        """The entry's name: the salt (code and gazetteer versions) and the article's content."""
        return hashlib.sha256(f"{self.salt}|{article_fingerprint(article)}".encode()).hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def has(self, key: str) -> bool:
        """Whether an entry is stored for ``key`` (not read nor checked: :meth:`get` does
        that). Why: a worker reading a file asks it to skip extracting an article whose
        result the run will find here."""
        return self._path(key).is_file()

    def get(self, key: str, *, article_id: str) -> ArticleResult | None:
        """The result stored for ``key`` and ``article_id``, or None (a miss)."""
        try:
            result = decode_result(self._read(key), key=key, article_id=article_id)
        except (OSError, ValueError, TypeError):
            self.misses += 1
            return None
        self.hits += 1
        return result

    def _read(self, key: str) -> bytes:
        sub = _open_checked(self.folder / key[:2], folder=True)
        try:
            fd = _open_checked(f"{key}.json", folder=False, dir_fd=sub)
        finally:
            os.close(sub)
        with os.fdopen(fd, "rb") as handle:
            return handle.read()

    def put(self, key: str, result: ArticleResult, *, article_id: str) -> bool:
        """Store ``result``; False when it was not stored (a value JSON cannot hold
        exactly, or a folder that cannot be written: the run goes on without it)."""
        try:
            data = encode_result(result, key=key, article_id=article_id)
            if decode_result(data, key=key, article_id=article_id) != result:
                return False  # stored, it would come back different
        except (TypeError, ValueError, RecursionError):
            return False
        path = self._path(key)
        try:
            path.parent.mkdir(mode=0o700, exist_ok=True)
            st = os.lstat(path.parent)
            if not stat.S_ISDIR(st.st_mode) or _unsafe(st):
                return False
            fd, tmp = tempfile.mkstemp(prefix=".", suffix=".tmp", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(data)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            return False  # a read-only cache must not stop a run
        return True
