"""Where the extractor's lexicons live and how their rows are checked beyond their types.

Why: the words the extractor lives by (event triggers, sentence cues, actor names,
calendar words, casualty words) are data files under ``geo/extract/data/`` that
analysts review and extend. :mod:`geo.tables` checks each row's fields and types;
this module adds what a schema cannot say: that a pattern compiles, that a name is
known, that a required row is there, always naming the file and the row.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from geo.tables import TableError

__all__ = ["DATA_DIR", "check_pattern", "row_error", "rows_by_name"]

#: The folder of the extractor's lexicon files.
DATA_DIR = Path(__file__).resolve().parent / "data"


def row_error(path: str | Path, table: str, number: int, message: str) -> TableError:
    """An error naming the file and the row (``[[table]] number N``, as :mod:`geo.tables`)."""
    return TableError(f"{path}: [[{table}]] number {number}: {message}")


def check_pattern(pattern: str, path: str | Path, table: str, number: int) -> str:
    """``pattern`` itself when it compiles as a regular expression, else a :class:`TableError`."""
    try:
        re.compile(pattern)
    except re.error as exc:
        raise row_error(path, table, number, f"pattern {pattern!r} is not valid: {exc}") from exc
    return pattern


def rows_by_name(rows: Iterable[dict[str, Any]], path: str | Path, table: str,
                 names: Iterable[str], key: str = "name") -> dict[str, dict[str, Any]]:
    """The rows keyed by ``key``; every name in ``names`` present once, and no other."""
    wanted = list(names)
    out: dict[str, dict[str, Any]] = {}
    for number, row in enumerate(rows, 1):
        name = row[key]
        if name in out:
            raise row_error(path, table, number, f"{key} {name!r} is given twice")
        out[name] = row
    missing = [n for n in wanted if n not in out]
    if missing:
        raise TableError(f"{path}: [[{table}]] rows missing for {missing}")
    return out
