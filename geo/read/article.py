"""One article file -> one :class:`Article`: the record the rest of the pipeline reads.

Why a room of its own: this is where the reader's stages meet, in order. The
file's bytes are read under a size limit, decoded (:mod:`geo.read.decode`),
cleaned, turned from markup into text (:mod:`geo.read.markup`), stripped of page
furniture (:mod:`geo.read.furniture`) and dated (:mod:`geo.read.published`),
with its ``articles.csv`` row (:mod:`geo.read.metadata`) winning over what the
page says. Everything that went wrong but did not stop the read is a warning on
the article.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from .decode import Decoded, decode
from .errors import ArticleReadError, UndecodableError
from .furniture import strip_page
from .markup import Hints, html_to_text, looks_html, markdown_to_text
from .metadata import meta_value, safe_url
from .published import dates_module, drop_header_stamps, publication
from .sizes import mib, over_limit
from .text import BIDI_CONTROLS, clean_text

__all__ = ["DEFAULT_MAX_BYTES", "Article", "read_article"]

#: Larger files are refused (by their size, unread) unless the caller raises the limit.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Article:
    """One article as the rest of the pipeline sees it.

    ``body`` has no page furniture and no repeated headline; paragraphs are
    separated by blank lines. ``published_inferred`` is True when the date was
    not printed (CSV, HTML metadata, stamp) but inferred from dates in the text;
    ``published_reason`` says where it came from. ``dateline`` is the desk's
    city ('إسطنبول' in 'إسطنبول - متابعات'): where the story was filed, not where
    anything happened.
    """

    id: str
    path: str
    title: str
    outlet: str
    url: str
    published: dt.date | None
    published_at: dt.datetime | None
    published_precision: str | None
    published_inferred: bool
    published_reason: str
    body: str
    encoding: str
    sha256: str
    dateline: str = ""
    warnings: tuple[str, ...] = ()


def read_article(path: str | Path, *, meta: dict | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES) -> Article:
    """Read one article file.

    Parameters
    ----------
    path : path
        A .txt, .md or .html/.htm file.
    meta : dict, optional
        Its metadata row (keys ``title``, ``outlet``, ``url``, ``published``; others
        ignored), as :func:`read_metadata` returns. Metadata wins over the text.
    max_bytes : int
        Larger files are refused (default 20 MiB); a file of exactly this size is read.

    Raises
    ------
    ArticleReadError
        Naming the file: missing, not a file, too large, empty, binary, undecodable.
    """
    path = Path(path)
    raw = _read_bytes(path, max_bytes)
    try:
        decoded = decode(raw)
    except UndecodableError as exc:
        raise ArticleReadError(path, str(exc)) from None
    text = clean_text(decoded.text)
    if not text.strip():
        raise ArticleReadError(path, "empty (only whitespace)")
    return _build(path, raw, decoded, text, meta or {})


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; a file over ``max_bytes`` is refused from its size, unread.

    One ``stat`` answers 'is it there', 'is it a file' and 'how large' (three calls did,
    as ``exists``, ``is_file`` and ``stat``), and the read asks for the size stat gave and
    one byte more, not for the limit: a read of 20 MB made a buffer of 20 MB for each
    article of 2 KB. A file that grew since is read on, up to the limit and one byte.
    """
    try:
        size = _regular_file_size(path)
        if size > max_bytes:
            raise ArticleReadError(path, f"too large: {_limit(size, max_bytes)}; {_RAISE_LIMIT}")
        with path.open("rb") as handle:
            raw = handle.read(size + 1)
            if len(raw) > size:  # it has grown since stat()
                raw += handle.read(max_bytes + 1 - len(raw))
    except OSError as exc:
        raise ArticleReadError(path, f"unreadable: {exc.strerror or exc}") from None
    if len(raw) > max_bytes:
        raise ArticleReadError(path, f"too large: over the limit of {mib(max_bytes)}; "
                                     f"{_RAISE_LIMIT}")
    if not raw:
        raise ArticleReadError(path, "empty")
    return raw


#: What ``Path.exists`` takes for 'no such file' (any other error of stat is raised).
_MISSING = frozenset({errno.ENOENT, errno.ENOTDIR, errno.EBADF, errno.ELOOP})


def _regular_file_size(path: Path) -> int:
    """The size of the regular file at ``path`` (following links), from one ``stat``;
    refused as ``Path.exists`` and ``Path.is_file`` would refuse it."""
    try:
        info = os.stat(path)
    except ValueError:  # a name no file system holds (a NUL in it): not there
        raise ArticleReadError(path, "no such file") from None
    except OSError as exc:
        if exc.errno in _MISSING:
            raise ArticleReadError(path, "no such file") from None
        raise
    if not stat.S_ISREG(info.st_mode):
        raise ArticleReadError(path, "not a regular file")
    return info.st_size


_RAISE_LIMIT = "to read it, raise the limit: --max-mb N (python -m geo build|report), or max_bytes="


def _limit(size: int, limit: int) -> str:
    """'2.5 MiB > limit 2 MiB' (in bytes too when MiB would hide the difference)."""
    shown, limit_shown = over_limit(size, limit)
    return f"{shown} > limit {limit_shown}"


def _build(path: Path, raw: bytes, decoded: Decoded, text: str, meta: dict) -> Article:
    warnings = list(decoded.warnings) + _bidi_warnings(text)
    text, hints = _from_markup(path, text)
    outlet = meta_value(meta, "outlet") or " ".join(hints.outlet.split())
    stripped = strip_page(text, known_title=meta_value(meta, "title") or None, outlet=outlet)
    dates_warnings: list[str] = []
    dates = dates_module(dates_warnings)
    drop_header_stamps(stripped, dates)
    warnings += stripped.warnings
    if not stripped.body:
        warnings.append("body is empty after removing page furniture")
    printed = ((meta_value(meta, "published"), str(meta.get("_source") or "metadata")),
               (hints.published, hints.published_source))
    when = publication(printed, stripped, dates, dates_warnings, warnings)
    url = safe_url(meta_value(meta, "url") or hints.url, warnings)
    return Article(
        id=path.stem, path=str(path), title=_one_line(stripped.title), outlet=outlet or
        _one_line(stripped.byline), url=url, published=when.published, published_at=when.at,
        published_precision=when.precision, published_inferred=when.inferred,
        published_reason=when.reason, body=stripped.body, encoding=decoded.encoding,
        sha256=hashlib.sha256(raw).hexdigest(), dateline=stripped.dateline,
        warnings=tuple(warnings),
    )


def _bidi_warnings(text: str) -> list[str]:
    controls = len(BIDI_CONTROLS.findall(text))
    if not controls:
        return []
    return [f"holds {controls} bidi control character(s) (embedding, override or "
            "isolate); kept as written, each field is shown isolated"]


def _from_markup(path: Path, text: str) -> tuple[str, Hints]:
    """HTML (by suffix, or by content for an unknown suffix) and Markdown to plain text."""
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm") or (suffix not in (".txt", ".md") and looks_html(text)):
        return html_to_text(text)
    if suffix == ".md":
        return markdown_to_text(text)
    return text, Hints()


def _one_line(text: str) -> str:
    return " ".join(text.split())
