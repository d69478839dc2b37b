"""The calendar words of Arabic news, read from ``data/calendar.toml``.

Why data: month and weekday names, relative words ('الماضي'), qualifiers ('مطلع'),
ordinal days, number words and units of time are vocabulary an analyst who reads
Arabic reviews and extends without reading Python. Each row is checked here (and a
mistake names the file and the row); :mod:`.patterns` builds the regular
expressions from these words, in the order given.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from geo.tables import Field, load_toml_rows

from ..lexicon import DATA_DIR, check_pattern, row_error
from .text import fold_word

__all__ = [
    "AMBIGUOUS_MONTHS", "CALENDAR_FILE", "CARRY_PHRASES", "FEASTS", "GOING_ON_PHRASES",
    "GIVEN_NAMES", "HIJRI_MONTH_NAMES", "MONTH_NAMES",
    "NEXT_DAY_PHRASES", "NUMBER_WORDS", "ORDINALS", "QUALIFIERS", "RECENT_PHRASES", "RETELLING_WORDS",
    "VAGUE_PHRASES",
    "REL_CUR", "REL_NEXT", "REL_PAST", "TODAY_PHRASES", "UNIT_WORDS", "WEEKDAYS", "Calendar", "Feast",
    "load_calendar",
]

#: The calendar lexicon.
CALENDAR_FILE = DATA_DIR / "calendar.toml"

#: The blanks a space of a month name stands for (any run of blanks but a line end, or none).
_NAME_SPACE = r"[^\S\n]*"

_TABLES = {
    "month": (Field("month", int, choices=frozenset(range(1, 13))), Field("names", list),
              Field("ambiguous", list, default=())),
    "weekday": (Field("name"), Field("weekday", int, choices=frozenset(range(7)))),
    "relative": (Field("word"), Field("offset", int, choices=frozenset({-1, 0, 1}))),
    "qualifier": (Field("word"), Field("part", choices=frozenset({"start", "mid", "end"}))),
    "ordinal": (Field("words"), Field("day", int, choices=frozenset(range(1, 32)))),
    "number": (Field("word"), Field("value", int)),
    "unit": (Field("word"), Field("unit", choices=frozenset({"day", "week", "month", "year"})),
             Field("count", int, default=None)),
    "hijri_month": (Field("month", int, choices=frozenset(range(1, 13))), Field("names", list)),
    "retelling": (Field("word"),),
    "given_name": (Field("name"),),
    "today": (Field("phrase"),),
    "carry": (Field("phrase"),),
    "going_on": (Field("phrase"),),
    "vague": (Field("phrase"),),
    "recent": (Field("phrase"),),
    "next_day": (Field("phrase"),),
    "feast": (Field("name"), Field("month", int, choices=frozenset(range(1, 13))),
              Field("day", int, choices=frozenset(range(1, 31))), Field("days", int, default=1)),
}


@dataclass(frozen=True, slots=True)
class Feast:
    """A feast of the Hijri calendar: the Hijri month and day it starts on, how many days it lasts."""

    month: int
    day: int
    days: int


@dataclass(frozen=True, slots=True)
class Calendar:
    """The calendar lexicon as the rules use it (words folded, in the file's order)."""

    months: dict[int, str]  # month -> its names as one pattern ('تشرين[^\S\n]*(?:الاول|اول|1)|اكتوبر')
    ambiguous: frozenset[str]  # month names that are also common words
    weekdays: dict[str, int]  # name -> date.weekday() number
    rel_past: tuple[str, ...]  # الماضي الفائت ...
    rel_cur: tuple[str, ...]  # الجاري الحالي
    rel_next: tuple[str, ...]  # المقبل القادم
    qualifiers: dict[str, str]  # word -> 'start' | 'mid' | 'end'
    ordinals: dict[str, int]  # 'الخامس عشر' -> 15
    numbers: dict[str, int]  # 'ثلاثه' -> 3
    units: dict[str, tuple[str, int | None]]  # 'يومين' -> ('day', 2); 'ايام' -> ('day', None)
    hijri_months: dict[int, str]  # Hijri month -> its names as one pattern ('رمضان')
    feasts: dict[str, Feast]  # 'عيد الاضحي' -> Feast(12, 10, 4)
    retelling: tuple[str, ...]  # 'الغاره', 'الضربات' ...: a later paragraph telling the lead again
    given_names: frozenset[str]  # 'ياسر', 'عبد الله' ...: a weekday right after one is a family name
    today: str  # the phrases of the publication day's last hours as one pattern
    carry: str  # the phrases opening a sentence that goes on from the one before, as one pattern
    going_on: str  # the phrases opening a sentence that adds to the story ('كما'), as one pattern
    vague: str  # the phrases of an unstated earlier or repeated time ('مؤخرا'), as one pattern
    recent: str  # the phrases of one earlier time a few days back ('قبل أيام'), as one pattern
    next_day: str  # the phrases opening a sentence told of the day after ('في اليوم التالي')


def load_calendar(path: str | Path = CALENDAR_FILE) -> Calendar:
    """Every table of the calendar lexicon at ``path``, checked row by row."""
    rows = {table: load_toml_rows(path, table, fields) for table, fields in _TABLES.items()}
    months = _months(rows["month"], path)
    hijri = _months(rows["hijri_month"], path, "hijri_month")
    rel = [(fold_word(r["word"]), r["offset"]) for r in rows["relative"]]
    return Calendar(
        months={n: names for n, (names, _) in months.items()},
        ambiguous=frozenset(a for _, amb in months.values() for a in amb),
        weekdays={fold_word(r["name"]): r["weekday"] for r in rows["weekday"]},
        rel_past=tuple(w for w, k in rel if k < 0),
        rel_cur=tuple(w for w, k in rel if k == 0),
        rel_next=tuple(w for w, k in rel if k > 0),
        qualifiers={fold_word(r["word"]): r["part"] for r in rows["qualifier"]},
        ordinals={" ".join(fold_word(r["words"]).split()): r["day"] for r in rows["ordinal"]},
        numbers={fold_word(r["word"]): r["value"] for r in rows["number"]},
        units={fold_word(r["word"]): (r["unit"], r["count"]) for r in rows["unit"]},
        hijri_months={n: names for n, (names, _) in hijri.items()},
        feasts={" ".join(fold_word(r["name"]).split()): Feast(r["month"], r["day"], r["days"])
                for r in rows["feast"]},
        retelling=tuple(" ".join(fold_word(r["word"]).split()) for r in rows["retelling"]),
        given_names=frozenset(" ".join(fold_word(r["name"]).split()) for r in rows["given_name"]),
        today=_phrases(rows["today"], path, "today"),
        carry=_phrases(rows["carry"], path, "carry"),
        going_on=_phrases(rows["going_on"], path, "going_on"),
        vague=_phrases(rows["vague"], path, "vague"),
        recent=_phrases(rows["recent"], path, "recent"),
        next_day=_phrases(rows["next_day"], path, "next_day"),
    )


def _phrases(rows: list[dict], path: str | Path, table: str) -> str:
    """The phrases of ``table`` as one pattern (each checked), in the file's order."""
    out = []
    for number, row in enumerate(rows, 1):
        phrase = " ".join(fold_word(row["phrase"]).split()).replace(" ", _NAME_SPACE)
        out.append(check_pattern(phrase, path, table, number))
    if not out:
        raise row_error(path, table, 0, "the table needs at least one phrase")
    return "|".join(f"(?:{p})" for p in out)


def _months(rows: list[dict], path: str | Path, table: str = "month") -> dict[int, tuple[str, list[str]]]:
    """Month -> (its names as one pattern, its ambiguous names); every month once."""
    out: dict[int, tuple[str, list[str]]] = {}
    for number, row in enumerate(rows, 1):
        names = [fold_word(n) for n in row["names"]]
        ambiguous = [fold_word(n) for n in row.get("ambiguous", ())]
        if row["month"] in out or not names:
            raise row_error(path, table, number, f"month {row['month']} given twice or without names")
        if any(a not in names for a in ambiguous):
            raise row_error(path, table, number, "an ambiguous name must be one of the names")
        pattern = "|".join(n.replace(" ", _NAME_SPACE) for n in names)
        out[row["month"]] = (check_pattern(pattern, path, table, number), ambiguous)
    if sorted(out) != list(range(1, 13)):
        raise row_error(path, table, len(rows), "every month 1-12 needs a row")
    return out


_CALENDAR = load_calendar()

#: Month number -> its names as one pattern (both Levantine and Western names).
MONTH_NAMES: dict[int, str] = _CALENDAR.months
#: Month names that are also common words ('آب' father, 'مارس' practised):
#: only taken with a day, a year, 'شهر', a qualifier or a relative word.
AMBIGUOUS_MONTHS: frozenset[str] = _CALENDAR.ambiguous
#: Weekday name -> ``date.weekday()`` number (0 = Monday).
WEEKDAYS: dict[str, int] = _CALENDAR.weekdays
#: Relative words: the one before, the current one, the next one.
REL_PAST: tuple[str, ...] = _CALENDAR.rel_past
REL_CUR: tuple[str, ...] = _CALENDAR.rel_cur
REL_NEXT: tuple[str, ...] = _CALENDAR.rel_next
#: Qualifier word -> the part of a period it names.
QUALIFIERS: dict[str, str] = _CALENDAR.qualifiers
#: Ordinal words -> day of the month.
ORDINALS: dict[str, int] = _CALENDAR.ordinals
#: Number words of 'قبل ثلاثة أيام' -> value.
NUMBER_WORDS: dict[str, int] = _CALENDAR.numbers
#: Unit word -> (unit, count it implies alone; None for a plural that needs one).
UNIT_WORDS: dict[str, tuple[str, int | None]] = _CALENDAR.units
#: Hijri month number -> its names as one pattern.
HIJRI_MONTH_NAMES: dict[int, str] = _CALENDAR.hijri_months
#: Common given names (folded, a space between two words): a weekday after one is a family name.
GIVEN_NAMES: frozenset[str] = _CALENDAR.given_names
#: Feast name (folded) -> its Hijri day and length.
FEASTS: dict[str, Feast] = _CALENDAR.feasts
#: Definite nouns that tell the lead event again (folded).
RETELLING_WORDS: tuple[str, ...] = _CALENDAR.retelling
#: The phrases that date a report to its publication day ('خلال الساعات الماضية'), one pattern.
TODAY_PHRASES: str = _CALENDAR.today
#: The phrases opening a sentence that goes on from the event before it ('وفي وقت لاحق'), one pattern.
CARRY_PHRASES: str = _CALENDAR.carry
#: The phrases opening a sentence that adds to the story told ('كما', 'إلى ذلك'), one pattern.
GOING_ON_PHRASES: str = _CALENDAR.going_on
#: The phrases of an unstated earlier or repeated time ('مؤخرا', 'في الأيام الماضية'), one pattern.
VAGUE_PHRASES: str = _CALENDAR.vague
#: The phrases of one earlier time a few days or weeks back ('قبل أيام'), one pattern.
RECENT_PHRASES: str = _CALENDAR.recent
#: The phrases opening a sentence told of the day after the last day given, one pattern.
NEXT_DAY_PHRASES: str = _CALENDAR.next_day
