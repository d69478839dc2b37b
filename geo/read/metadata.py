"""The ``articles.csv`` beside a corpus: one row of metadata per article file.

Why a room of its own: the CSV is written by hand or by a scraper, so it has BOMs,
Windows encodings, missing columns, unbalanced quotes, duplicate rows and dates
that are not dates. Each problem is a warning naming the line, never a lost
corpus. This module also owns what the printed values mean wherever they come
from (the CSV, an HTML page's tags, Markdown front matter): ISO 8601 dates
(:func:`parse_iso`) and links that may become hrefs (:func:`safe_url`).

>>> parse_iso("2022-10-08T17:41+03:00")[1:]
(datetime.datetime(2022, 10, 8, 17, 41, tzinfo=datetime.timezone(datetime.timedelta(seconds=10800))), \
'day')
>>> safe_url("javascript:alert(1)", [])
''
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .decode import decode
from .errors import CorpusError, UndecodableError
from .text import clean_text

__all__ = ["METADATA_COLUMNS", "meta_value", "parse_iso", "read_metadata", "safe_url"]

#: The columns an ``articles.csv`` may have; only ``file`` is required.
METADATA_COLUMNS: tuple[str, ...] = ("file", "title", "outlet", "url", "published")


def read_metadata(csv_path: str | Path) -> tuple[dict[str, dict], list[str]]:
    """Rows of an ``articles.csv``, keyed by file name and by stem, plus warnings.

    Columns: ``file`` (required) and any of ``title, outlet, url, published``;
    extra columns are kept in the row but ignored by the reader. A bad row is a
    warning, never an exception; the first of duplicate rows wins. Each row also
    carries ``_source`` (the CSV name) and ``_line``.

    Raises
    ------
    CorpusError
        Only if the file cannot be read or decoded at all, or has no ``file`` column.
    """
    path = Path(csv_path)
    try:
        raw = path.read_bytes()
        text = clean_text(decode(raw).text) if raw else ""
    except (OSError, UndecodableError) as exc:
        raise CorpusError(f"{path}: cannot read the metadata CSV ({exc}); "
                          "fix or remove it") from None
    rows: dict[str, dict] = {}
    warnings: list[str] = []
    reader = csv.reader(io.StringIO(text))
    header = _csv_header(reader, path, warnings)
    if header is None:
        return rows, warnings
    seen: dict[str, int] = {}
    for line_no, values in _csv_rows(reader, path, warnings):
        row = _csv_row(header, values, path, line_no, warnings)
        if row is None:
            continue
        name = Path(row["file"].replace("\\", "/")).name
        if name in seen:
            warnings.append(f"{path.name} line {line_no}: duplicate row for {name!r} "
                            f"(first at line {seen[name]}); ignored")
            continue
        seen[name] = line_no
        row.update(_source=path.name, _line=line_no)
        rows[name] = row
        rows.setdefault(Path(name).stem, row)
    return rows, warnings


def _csv_header(reader: Iterator[list[str]], path: Path, warnings: list[str]) -> list[str] | None:
    try:
        header = [h.strip().lower() for h in next(reader, [])]
    except csv.Error as exc:
        raise CorpusError(f"{path}: unreadable CSV header ({exc})") from None
    if not header:
        warnings.append(f"{path.name}: empty metadata file")
        return None
    if "file" not in header:
        raise CorpusError(f"{path}: the metadata CSV needs a 'file' column; "
                          f"found {', '.join(header)[:200]!r}{_separator_hint(header)}")
    missing = [c for c in METADATA_COLUMNS if c not in header]
    if missing:
        warnings.append(f"{path.name}: missing column(s) {', '.join(missing)}")
    return header


def _separator_hint(header: list[str]) -> str:
    """Why the 'file' column was not found, when the file uses another separator."""
    joined = ",".join(header)
    for sep, name in ((";", "semicolons"), ("\t", "tabs"), ("|", "'|'")):
        if sep in joined and "file" in (h.strip().lower() for h in joined.split(sep)):
            return f" (the columns are separated by {name}; save it with commas)"
    return ""


def _csv_rows(reader: Any, path: Path, warnings: list[str]) -> Iterator[tuple[int, list[str]]]:
    """Rows with their (first) line numbers; a row the csv module rejects is skipped.

    A row over several lines is kept but warned about: it is how an unbalanced
    quote shows, swallowing every row after it into one field.
    """
    while True:
        start = reader.line_num + 1
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            warnings.append(f"{path.name} line {reader.line_num}: malformed row ({exc}); skipped")
            continue
        if reader.line_num > start and any("\n" in v for v in values):
            warnings.append(f"{path.name} lines {start}-{reader.line_num}: one row spans "
                            f"{reader.line_num - start + 1} lines (a quoted field with line "
                            "breaks: check for an unbalanced quote)")
        if any(v.strip() for v in values):
            yield start, values


def _csv_row(header: list[str], values: list[str], path: Path, line_no: int,
             warnings: list[str]) -> dict | None:
    where = f"{path.name} line {line_no}"
    if len(values) != len(header):
        warnings.append(f"{where}: {len(values)} field(s), header has {len(header)}")
    row = {h: (values[i].strip() if i < len(values) else "") for i, h in enumerate(header)}
    if not row.get("file"):
        warnings.append(f"{where}: no file name; row ignored")
        return None
    published = row.get("published", "")
    if published:
        try:
            parse_iso(published)
        except ValueError:
            warnings.append(f"{where}: published {published!r} is not an ISO 8601 date; "
                            "the date will be taken from the text")
    url = row.get("url", "")
    if url and not safe_url(url, []):
        warnings.append(f"{where}: url {url[:80]!r} is not an http(s) link; ignored")
    return row


def parse_iso(value: str) -> tuple[dt.date, dt.datetime | None, str]:
    """ISO 8601 date, date-time (with offset) or year-month; ValueError if malformed."""
    value = value.strip()
    if re.fullmatch(r"\d{4}", value):
        return dt.date(int(value), 1, 1), None, "year"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        year, month = map(int, value.split("-"))
        return dt.date(year, month, 1), None, "month"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return dt.date.fromisoformat(value), None, "day"
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ][\d:.,]+(?:Z|[+-]\d{2}:?\d{2})?", value):
        raise ValueError(f"not an ISO 8601 date: {value!r}")
    stamp = dt.datetime.fromisoformat(value)
    return stamp.date(), stamp, "day"


def meta_value(meta: dict, key: str) -> str:
    """A metadata row's value for ``key``, cleaned as article text is; '' if absent."""
    value = meta.get(key)
    return clean_text(str(value)).strip() if value is not None else ""


def safe_url(url: str, warnings: list[str]) -> str:
    """``url`` if it is an absolute http(s) link, else '' and a warning appended to
    ``warnings`` (why: the map turns links into hrefs)."""
    url = url.strip()
    if not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.netloc \
            or any(c.isspace() or ord(c) < 32 or c in "<>\"'`" for c in url):
        warnings.append(f"url {url[:80]!r} ignored: only absolute http(s) links are kept")
        return ""
    return url
