"""The reader's word lists: data files under ``geo/read/data/``, checked when loaded.

Why: page-furniture phrases, stamp words, month and weekday names are language, not
logic. An analyst who reads Arabic reviews and extends them in ``data/*.toml`` and
``data/*.csv`` without reading Python (``data/README.md`` says what each file holds).
:mod:`geo.tables` checks each row against its schema; this module adds what a
phrase must be for the reader to ever match it: written folded, as
:func:`~geo.read.text.match_key` writes a line; a valid pattern where the code
builds a regular expression from it; given once. A typo stops the program with
the file and the row named instead of silently never matching.

>>> lists = phrase_lists(DATA_DIR / "furniture.toml", FURNITURE_LISTS)
>>> lists["read_also_word"]
('ايضا', 'also', 'more', 'المزيد')
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from geo.tables import Field, TableError, load_csv_rows, load_toml_rows

from .text import match_key

__all__ = ["DATA_DIR", "FURNITURE_LISTS", "STAMP_LISTS", "check_phrase", "phrase_lists",
           "word_table"]

#: Where the reader's data files live.
DATA_DIR = Path(__file__).resolve().parent / "data"

#: The lists of ``furniture.toml``, each used by :mod:`geo.read.furniture`.
FURNITURE_LISTS: tuple[str, ...] = (
    "navigation", "font_size", "live", "comments_anywhere", "comment_count", "comments_line",
    "social", "follow", "copyright", "read_also_verb", "read_also_word", "related_noun",
    "related_adjective", "related_heading", "desk", "byline", "site_words")
#: The lists of ``stamps.toml``, each used by :mod:`geo.read.stamps`.
STAMP_LISTS: tuple[str, ...] = (
    "published_label", "published_label_on", "time_of_day", "time_pm", "at_hour", "time_zone_word",
    "ago_prefix", "ago_unit", "ago_unit_en", "weekday_past")

#: Phrases carried over verbatim from before the lexicon became data that are not folded
#: ('ئ' where a folded line has 'ي'), so they never match. They are kept so that reading
#: gives exactly the results it gave; folding them ('القايمه', 'دقايق', 'الفايت') makes
#: them match, a change of behaviour to make on purpose. No phrase may join this set.
_UNFOLDED_AS_BEFORE = frozenset({"تخطي الي المحتوي الرئيسي", "القائمه", "القائمه الرئيسيه",
                                 "الرئيسيه", "دقائق", "الفائت", "الاسبوع الفائت"})


def phrase_lists(path: str | Path, names: Sequence[str], *, literal: Collection[str] = (),
                 single_words: Collection[str] = ()) -> dict[str, tuple[str, ...]]:
    """The ``[[list]]`` rows of a TOML file as ``{name: phrases}``, every phrase checked.

    Each of ``names`` must be given exactly once, and no other. Phrases of a list in
    ``literal`` are compared as plain text (the others must compile as a regular
    expression); a list in ``single_words`` holds one word per phrase.

    Raises
    ------
    geo.tables.TableError
        Naming the file and the list (``[[list]] number 3 (live)``) and the phrase.
    """
    path = Path(path)
    rows = load_toml_rows(path, "list", (Field("name", choices=frozenset(names)),
                                         Field("phrases", list)))
    lists: dict[str, tuple[str, ...]] = {}
    for number, row in enumerate(rows, 1):
        name, where = row["name"], f"[[list]] number {number} ({row['name']})"
        if name in lists:
            raise TableError(f"{path}: {where}: the list {name!r} is given twice")
        for phrase in row["phrases"]:
            check_phrase(phrase, path, where, pattern=name not in literal,
                         one_word=name in single_words)
        _check_unique(row["phrases"], path, where)
        lists[name] = tuple(row["phrases"])
    missing = [name for name in names if name not in lists]
    if missing:
        raise TableError(f"{path}: missing [[list]] row(s) for {missing}")
    return lists


def word_table(path: str | Path, fields: Sequence[Field], *, key: str,
               pattern: bool = False) -> list[dict[str, Any]]:
    """The rows of a CSV file (see :func:`geo.tables.load_csv_rows`) whose ``key``
    column holds a folded word or phrase, given once (and compiling as a regular
    expression when ``pattern``).

    Raises
    ------
    geo.tables.TableError
        Naming the file and the line.
    """
    path = Path(path)
    rows = load_csv_rows(path, fields)
    seen: dict[str, int] = {}
    for row, line_no in zip(rows, _data_lines(path), strict=True):
        where = f"line {line_no}"
        check_phrase(row[key], path, where, pattern=pattern)
        if row[key] in seen:
            raise TableError(f"{path}: {where}: {key} {row[key]!r} is already given at line "
                             f"{seen[row[key]]}")
        seen[row[key]] = line_no
    return rows


def check_phrase(phrase: str, path: Path, where: str, *, pattern: bool,
                 one_word: bool = False) -> None:
    """Raise :class:`~geo.tables.TableError` naming ``path`` and ``where`` unless the
    phrase is written folded, is one word when ``one_word``, and compiles when ``pattern``.
    """
    def fail(why: str) -> None:
        raise TableError(f"{path}: {where}: phrase {phrase!r} {why}")

    if not phrase.strip():
        fail("is empty")
    if match_key(phrase) != phrase and phrase not in _UNFOLDED_AS_BEFORE:
        fail(f"is not written folded as lines are compared; write {match_key(phrase)!r}")
    if one_word and len(phrase.split()) != 1:
        fail("must be a single word (this list is compared word by word)")
    if pattern:
        try:
            re.compile(phrase)
        except re.error as exc:
            fail(f"is not a valid pattern ({exc})")


def _check_unique(phrases: Sequence[str], path: Path, where: str) -> None:
    seen: set[str] = set()
    for phrase in phrases:
        if phrase in seen:
            raise TableError(f"{path}: {where}: phrase {phrase!r} is given twice")
        seen.add(phrase)


def _data_lines(path: Path) -> list[int]:
    """The line numbers of the data rows, counted as :func:`geo.tables.load_csv_rows` does."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return [n for n, values in enumerate(rows[1:], 2) if any(v.strip() for v in values)]
