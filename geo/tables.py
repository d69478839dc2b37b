"""Lexicons kept as data files (TOML or CSV), each row checked against a schema when loaded.

Why: the words the extractor and the reader live by (event triggers, actor names, month
and weekday names, page-furniture phrases) are reviewed and extended by analysts who read
Arabic, not Python. A typo in a row must stop the program with the file and the row named,
never silently change what is extracted.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "words.toml"
>>> _ = p.write_text('[[word]]\\nar = "دورية"\\nweight = 2\\n', encoding="utf-8")
>>> load_toml_rows(p, "word", (Field("ar"), Field("weight", int, default=1)))
[{'ar': 'دورية', 'weight': 2}]
"""

from __future__ import annotations

import csv
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Field", "TableError", "load_csv_rows", "load_toml_rows"]

_MISSING = object()


class TableError(ValueError):
    """A data file does not match its schema; the message names the file and the row."""


@dataclass(frozen=True, slots=True)
class Field:
    """One column of a table: its name, its type and, when optional, its default.

    ``kind`` is ``str``, ``int``, ``float``, ``bool`` or ``list`` (a list of strings; in a
    CSV cell the items are separated by ``|``). ``choices`` limits the values allowed.
    """

    name: str
    kind: type = str
    default: Any = _MISSING
    choices: frozenset | None = None

    @property
    def required(self) -> bool:
        return self.default is _MISSING


def load_toml_rows(path: str | Path, table: str, fields: Sequence[Field]) -> list[dict[str, Any]]:
    """The rows of the array of tables ``[[table]]`` in ``path``, each checked against ``fields``."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise TableError(f"{path}: cannot read the file ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise TableError(f"{path}: not valid TOML: {exc}") from exc
    rows = data.get(table)
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise TableError(f"{path}: expected an array of tables [[{table}]]")
    return [_checked(row, fields, path, f"[[{table}]] number {i}") for i, row in enumerate(rows, 1)]


def load_csv_rows(path: str | Path, fields: Sequence[Field]) -> list[dict[str, Any]]:
    """The rows of the CSV file ``path`` (UTF-8, a header naming exactly ``fields``)."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            lines = list(csv.reader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise TableError(f"{path}: cannot read the file ({exc})") from exc
    if not lines:
        raise TableError(f"{path}: empty file, expected a header")
    header, names = lines[0], [f.name for f in fields]
    if header != names:
        raise TableError(f"{path}: header is {header}, expected {names}")
    rows = []
    for line_no, values in enumerate(lines[1:], 2):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(names):
            raise TableError(f"{path}: line {line_no}: {len(values)} cells, expected {len(names)}")
        row = {f.name: _from_cell(v, f) for f, v in zip(fields, values, strict=True) if v != ""}
        rows.append(_checked(row, fields, path, f"line {line_no}"))
    return rows


def _from_cell(value: str, f: Field) -> Any:
    if f.kind is list:
        return [item.strip() for item in value.split("|") if item.strip()]
    if f.kind is bool:
        return {"true": True, "false": False}.get(value.strip().lower(), value)
    if f.kind in (int, float):
        try:
            return f.kind(value)
        except ValueError:
            return value
    return value


def _checked(row: dict[str, Any], fields: Sequence[Field], path: Path, where: str) -> dict[str, Any]:
    known = {f.name for f in fields}
    unknown = sorted(set(row) - known)
    if unknown:
        raise TableError(f"{path}: {where}: unknown field(s) {unknown}; known: {sorted(known)}")
    out: dict[str, Any] = {}
    for f in fields:
        if f.name not in row:
            if f.required:
                raise TableError(f"{path}: {where}: missing field {f.name!r}")
            out[f.name] = f.default
            continue
        out[f.name] = _typed(row[f.name], f, path, where)
    return out


def _typed(value: Any, f: Field, path: Path, where: str) -> Any:
    ok = (isinstance(value, list) and all(isinstance(v, str) for v in value) if f.kind is list
          else isinstance(value, f.kind) and not (f.kind is int and isinstance(value, bool)))
    if f.kind is float and isinstance(value, int) and not isinstance(value, bool):
        value, ok = float(value), True
    if not ok:
        raise TableError(f"{path}: {where}: field {f.name!r} must be {f.kind.__name__}, got {value!r}")
    if f.kind is str and not value.strip():
        raise TableError(f"{path}: {where}: field {f.name!r} is empty")
    if f.choices is not None and value not in f.choices:
        raise TableError(f"{path}: {where}: field {f.name!r} is {value!r}, expected one of "
                         f"{sorted(f.choices)}")
    return value
