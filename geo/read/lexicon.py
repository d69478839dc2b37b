"""The reader's word lists: data files under ``geo/read/data/``, checked when loaded.

Why: page-furniture phrases, stamp words, month and weekday names are language, not
logic. An analyst who reads Arabic reviews and extends them in ``data/*.toml`` and
``data/*.csv`` without reading Python (``data/README.md`` says what each file holds).
There is one loader per file, and it knows the file's schema: :mod:`geo.tables`
checks each row against it, and this module adds what a phrase must be for the
reader to ever match it: written folded, as :func:`~geo.read.text.match_key` writes
a line; a valid pattern where the code builds a regular expression from it; one
word where lines are compared word by word; given once. A typo stops the program
with the file and the row named instead of silently never matching.

>>> load_furniture()["read_also_word"]
('ايضا', 'also', 'more', 'المزيد')
>>> load_months()[4]
{'name': 'ايار', 'month': 5}
"""

from __future__ import annotations

import csv
import re
from collections.abc import Collection, Sequence
from pathlib import Path
from typing import Any

from geo.tables import Field, TableError, load_csv_rows, load_toml_rows

from .text import match_key

__all__ = ["DATA_DIR", "load_after_cues", "load_furniture", "load_months", "load_stamp_words",
           "load_stamp_zones", "load_weekdays"]

#: Where the reader's data files live.
DATA_DIR = Path(__file__).resolve().parent / "data"

_FURNITURE_LISTS = (
    "navigation", "font_size", "live", "comments_anywhere", "comment_count", "comments_line",
    "social", "follow", "copyright", "read_also_verb", "read_also_word", "related_noun",
    "related_adjective", "related_heading", "desk", "byline", "site_words", "icon_label")
_STAMP_LISTS = (
    "published_label", "published_label_on", "time_of_day", "time_pm", "at_hour",
    "time_zone_word", "ago_prefix", "ago_unit", "ago_unit_en", "weekday_past")

#: Phrases carried over verbatim from before the lexicon became data that are not folded
#: ('ئ' where a folded line has 'ي'), so they never match. They are kept so that reading
#: gives exactly the results it gave; folding them ('القايمه', 'دقايق', 'الفايت') makes
#: them match, a change of behaviour to make on purpose. No phrase may join this set.
_UNFOLDED_AS_BEFORE = frozenset({"تخطي الي المحتوي الرئيسي", "القائمه", "القائمه الرئيسيه",
                                 "الرئيسيه", "دقائق", "الفائت", "الاسبوع الفائت"})


def load_furniture(path: str | Path = DATA_DIR / "furniture.toml") -> dict[str, tuple[str, ...]]:
    """``furniture.toml``: page-furniture phrases by list name (see :mod:`geo.read.furniture`).

    'navigation', 'live', 'social' and 'site_words' are compared as plain text (the
    last two word by word: one word per phrase); the other lists are pattern fragments.
    """
    return _phrase_lists(path, _FURNITURE_LISTS, literal=("navigation", "live", "social",
                                                          "site_words"),
                         single_words=("social", "site_words"))


def load_stamp_words(path: str | Path = DATA_DIR / "stamps.toml") -> dict[str, tuple[str, ...]]:
    """``stamps.toml``: the words of publication stamps by list name, as pattern fragments."""
    return _phrase_lists(path, _STAMP_LISTS)


def load_months(path: str | Path = DATA_DIR / "months.csv") -> list[dict[str, Any]]:
    """``months.csv``: rows of a month ``name`` (folded) and its number ``month`` (1-12)."""
    fields = (Field("name"), Field("month", int, choices=frozenset(range(1, 13))))
    return _word_table(path, fields, key="name")


def load_weekdays(path: str | Path = DATA_DIR / "weekdays.csv") -> list[dict[str, Any]]:
    """``weekdays.csv``: rows of a weekday ``name``, its number ``weekday`` (Monday is 0)
    and its ``lang`` ('ar' or 'en')."""
    fields = (Field("name"), Field("weekday", int, choices=frozenset(range(7))),
              Field("lang", choices=frozenset({"ar", "en"})))
    return _word_table(path, fields, key="name")


def load_stamp_zones(path: str | Path = DATA_DIR / "stamp_zones.csv") -> list[dict[str, Any]]:
    """``stamp_zones.csv``: rows of a city or zone ``name`` a stamp gives its time in, and
    its ``utc_offset`` in hours."""
    fields = (Field("name"), Field("utc_offset", int, choices=frozenset(range(-12, 15))))
    return _word_table(path, fields, key="name")


def load_after_cues(path: str | Path = DATA_DIR / "after_cues.csv") -> list[dict[str, Any]]:
    """``after_cues.csv``: rows of a cue ``phrase`` that a date lies in the past (a pattern
    fragment), the ``days`` it adds, the cue as shown in a reason (``label``), and whether
    it counts ``anywhere`` in the text or only near the date."""
    fields = (Field("phrase"), Field("days", int), Field("label"), Field("anywhere", bool))
    return _word_table(path, fields, key="phrase", pattern=True)


def _phrase_lists(path: str | Path, names: Sequence[str], *, literal: Collection[str] = (),
                  single_words: Collection[str] = ()) -> dict[str, tuple[str, ...]]:
    """The ``[[list]]`` rows of a TOML file as ``{name: phrases}``; each of ``names``
    given exactly once, and no other."""
    path = Path(path)
    rows = load_toml_rows(path, "list", (Field("name", choices=frozenset(names)),
                                         Field("phrases", list)))
    lists: dict[str, tuple[str, ...]] = {}
    for number, row in enumerate(rows, 1):
        name, where = row["name"], f"[[list]] number {number} ({row['name']})"
        if name in lists:
            raise TableError(f"{path}: {where}: the list {name!r} is given twice")
        for phrase in row["phrases"]:
            _check_phrase(phrase, path, where, pattern=name not in literal,
                          one_word=name in single_words)
        _check_unique(row["phrases"], path, where)
        lists[name] = tuple(row["phrases"])
    missing = [name for name in names if name not in lists]
    if missing:
        raise TableError(f"{path}: missing [[list]] row(s) for {missing}")
    return lists


def _word_table(path: str | Path, fields: Sequence[Field], *, key: str,
                pattern: bool = False) -> list[dict[str, Any]]:
    """The rows of a CSV file whose ``key`` column is a folded phrase, given once."""
    path = Path(path)
    rows = load_csv_rows(path, fields)
    seen: dict[str, int] = {}
    for row, line_no in zip(rows, _data_lines(path), strict=True):
        where = f"line {line_no}"
        _check_phrase(row[key], path, where, pattern=pattern)
        if row[key] in seen:
            raise TableError(f"{path}: {where}: {key} {row[key]!r} is already given at line "
                             f"{seen[row[key]]}")
        seen[row[key]] = line_no
    return rows


def _check_phrase(phrase: str, path: Path, where: str, *, pattern: bool,
                  one_word: bool = False) -> None:
    """Raise unless the phrase is folded, one word if asked, and compiles if a pattern."""
    why = ""
    if match_key(phrase) != phrase and phrase not in _UNFOLDED_AS_BEFORE:
        why = f"is not written folded as lines are compared; write {match_key(phrase)!r}"
    elif one_word and len(phrase.split()) != 1:
        why = "must be a single word (this list is compared word by word)"
    elif pattern:
        try:
            re.compile(phrase)
        except re.error as exc:
            why = f"is not a valid pattern ({exc})"
    if why:
        raise TableError(f"{path}: {where}: phrase {phrase!r} {why}")


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
