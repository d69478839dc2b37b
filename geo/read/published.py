"""The publication date of an article: printed, stamped, or inferred from its text.

Why a room of its own: every relative date in a story ('أمس', 'الخميس الماضي') is
anchored on the publication date, so where it comes from must be explicit. In
order: the ``articles.csv`` value, the page's own metadata (HTML tags, Markdown
front matter), the publication stamp printed at the top of the page (read by
:mod:`geo.extract.when`, or :func:`geo.read.stamps.fallback_stamp` without it), and
only then the latest date the text mentions, flagged as inferred and shifted by
cues such as 'الأسبوع الماضي' (``data/after_cues.csv``). ``published_reason``
always says which.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from gazetteer.normalize import cued_matches

from .furniture import Stripped
from .lexicon import load_after_cues
from .metadata import parse_iso
from .stamps import WEEKDAY_NUMBERS, WEEKDAY_PAST, fallback_stamp
from .text import folded_page, match_key

__all__ = ["When", "dates_module", "drop_header_stamps", "publication"]


@dataclass(slots=True)
class When:
    """A publication date, its time when known, precision, and where it came from."""

    published: dt.date | None = None
    at: dt.datetime | None = None
    precision: str | None = None
    inferred: bool = False
    reason: str = "no date found"


def publication(printed: Iterable[tuple[str, str]], stripped: Stripped, dates: Any,
                dates_warnings: list[str], warnings: list[str]) -> When:
    """The publication date of a page split by :func:`~geo.read.furniture.strip_page`.

    ``printed`` holds ``(value, source)`` pairs in order of trust (the CSV's, then the
    markup's); the first valid ISO 8601 value wins, a malformed one is a warning. Else
    ``dates_warnings`` (from :func:`dates_module`) join ``warnings`` and the page's
    stamp, then the dates in the body decide. ``dates`` is :mod:`geo.extract.when` or None.
    """
    for value, source in printed:
        when = _from_value(value, source, warnings)
        if when is not None:
            return when
    warnings += dates_warnings
    return _from_stamp(stripped.stamps, stripped.header, dates, warnings) \
        or _infer(stripped.body, dates, warnings)


def dates_module(warnings: list[str]) -> Any:
    """The date finder (:mod:`geo.extract.when`), imported on first use; None if it fails."""
    try:
        from geo.extract import when as dates
    except Exception as exc:
        warnings.append(f"geo.extract.when unavailable ({type(exc).__name__}: {exc}); "
                        "publication date only from metadata or a numeric stamp")
        return None
    return dates


def drop_header_stamps(stripped: Stripped, dates: Any) -> None:
    """Header lines the date finder reads as a stamp ('بتاريخ 8 تشرين الأول 2022') leave the body.

    They join ``stripped.stamps`` and ``stripped.removed``; without ``dates``, nothing.
    """
    if dates is None or not stripped.body:
        return
    paragraphs = stripped.body.split("\n\n")
    for line in stripped.header:
        if line in stripped.stamps or len(line.split()) > 12 or line not in paragraphs:
            continue
        try:
            found = _stamp_of(dates.find_publication_date, line)
        except Exception:
            continue
        if found:
            paragraphs.remove(line)
            stripped.stamps.append(line)
            stripped.removed.append(line)
    stripped.body = "\n\n".join(paragraphs)


def _from_value(value: str, reason: str, warnings: list[str]) -> When | None:
    """A printed date (CSV, HTML meta); a malformed one becomes a warning."""
    if not value or not value.strip():
        return None
    try:
        day, at, precision = parse_iso(value)
    except ValueError:
        warnings.append(f"{reason}: published {value.strip()!r} is not an ISO 8601 date "
                        "(e.g. 2022-10-08 or 2022-10-08T17:41+03:00); ignored")
        return None
    return When(day, at, precision, False, reason)


def _from_stamp(stamps: list[str], header: list[str], dates: Any,
                warnings: list[str]) -> When | None:
    """The page's publication stamp ('2022.10.08 | 17:41 دمشق'), if printed at the top."""
    candidates = [*stamps, "\n".join(header)] if header else list(stamps)
    for text in candidates:
        if not text.strip():
            continue
        found = _call(dates, "find_publication_date", warnings, text, stamp=True) if dates else None
        if found is None and text in stamps:
            found = fallback_stamp(text)
        if found:
            value, _rule = found
            shown = text if text in stamps else _stamp_line(header, dates) or header[0]
            return _as_when(value, f'stamp "{shown}"')
    return None


def _stamp_line(header: list[str], dates: Any) -> str:
    """The header line a stamp was read from (for the reason shown to analysts)."""
    for line in header:
        try:
            if _stamp_of(dates.find_publication_date, line):
                return line
        except Exception:
            continue
    return ""


def _call(module: Any, name: str, warnings: list[str], *args: Any, stamp: bool = False,
          **kwargs: Any) -> Any:
    """Call the date finder defensively: its bug must cost a date, not the article.
    ``stamp``: a call of ``find_publication_date`` on one text, answered from :func:`_stamp_of`."""
    func = getattr(module, name, None)
    if func is None:
        warnings.append(f"geo.extract.when has no {name}()")
        return None
    try:
        return _stamp_of(func, *args) if stamp else func(*args, **kwargs)
    except Exception as exc:
        warnings.append(f"geo.extract.when.{name} failed: {type(exc).__name__}: {exc}")
        return None


@functools.lru_cache(maxsize=32)
def _stamp_of(find_publication_date: Any, text: str) -> Any:
    """``find_publication_date(text)``, kept for the page's next question about the same text:
    a header line is read once as a stamp of its own (:func:`drop_header_stamps`), again as a
    stamp and again to name the line a header's stamp came from (:func:`_from_stamp`). The
    function is part of the key, so a replaced date finder is asked afresh."""
    return find_publication_date(text)


def _as_when(value: dt.date | dt.datetime, reason: str) -> When:
    if isinstance(value, dt.datetime):
        return When(value.date(), value, "day", False, reason)
    return When(value, None, "day", False, reason)


def _infer(body: str, dates: Any, warnings: list[str]) -> When:
    """Latest absolute date in the text: a lower bound for publication (flagged inferred)."""
    if dates is None:
        return When(reason="no date found (geo.extract.when unavailable)")
    found = _call(dates, "find_dates", warnings, body, anchor=None) or []
    usable = [d for d in found if not getattr(d, "relative", False)
              and isinstance(getattr(d, "last", None), dt.date)
              and getattr(d, "precision", None) in ("day", "month", "year")]
    usable += _weekday_dated(body, dates, warnings)
    for precision in ("day", "month", "year"):
        same = [d for d in usable if d.precision == precision]
        if same:
            return _infer_from(max(same, key=lambda d: d.last), precision, body)
    return When(reason="no date found")


@dataclass(frozen=True, slots=True)
class _WeekdayDate:
    """A day-and-month date whose year was fixed by the weekday the text gives with it."""

    start: int
    end: int
    text: str
    last: dt.date
    precision: str = "day"
    relative: bool = False


# The whitespace before the day is possessive (``\s*+``): a digit follows, so giving
# spaces back never helps, and a long run of spaces is scanned once, not once per split.
_WEEKDAY_DATE_RE = re.compile(
    r"(?<!\w)(?:يوم\s++)?(" + "|".join(WEEKDAY_NUMBERS) + r")(?:\s++(?:" + WEEKDAY_PAST + r"))?"
    r"\s*+[،,(-]?\s*+(\d{1,2}\s+[^\d\n]{3,30})"
)
#: Where a match of :data:`_WEEKDAY_DATE_RE` begins: 'يوم' or the weekday itself.
_WEEKDAY_CUES = ("يوم", *WEEKDAY_NUMBERS)
#: How many years back a weekday-consistent year is looked for.
_WEEKDAY_YEARS = 40


def _weekday_dated(body: str, dates: Any, warnings: list[str]) -> list[_WeekdayDate]:
    """'يوم الخميس الماضي 6 تشرين الأول' with no year: the latest year in which 6 October
    was a Thursday (not after today). A calendar fact, so an undated article still gets
    an anchor; the reason names the rule."""
    out: list[_WeekdayDate] = []
    folded = folded_page(body)
    today = dt.date.today()
    for m in cued_matches(_WEEKDAY_DATE_RE, folded.folded, _WEEKDAY_CUES):
        probe = _call(dates, "find_dates", warnings, m.group(2), anchor=dt.date(2099, 12, 31))
        day_exprs = [d for d in probe or [] if getattr(d, "precision", None) == "day"]
        if not day_exprs or day_exprs[0].start != 0 or re.search(r"\d{4}", m.group(2)):
            continue  # no day-and-month right after the weekday, or the text gives the year
        first = day_exprs[0].first
        candidate = _latest_on_weekday(first.month, first.day, WEEKDAY_NUMBERS[m.group(1)], today)
        if candidate is not None:
            start = folded.to_original(m.start())
            end = folded.to_original(m.start(2) + day_exprs[0].end, end=True)
            out.append(_WeekdayDate(start, end, f"{body[start:end]} (the weekday fixes the year)",
                                    candidate))
    return out


def _latest_on_weekday(month: int, day: int, weekday: int, today: dt.date) -> dt.date | None:
    """The latest ``day``/``month`` not after ``today`` that fell on ``weekday``."""
    for year in range(today.year, today.year - _WEEKDAY_YEARS, -1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue
        if candidate <= today and candidate.weekday() == weekday:
            return candidate
    return None


def _infer_from(expr: Any, precision: str, body: str) -> When:
    """Turn the latest date into a publication estimate, shifted by 'last week'-type cues."""
    shown = " ".join(str(getattr(expr, "text", "") or expr.last).split())
    day: dt.date = expr.last
    if precision == "year":
        return When(dt.date(day.year, 1, 1), None, "year", True,
                    f"only a year in the text ({shown}): publication not before it")
    if precision == "month":
        return When(dt.date(day.year, day.month, 1), None, "month", True,
                    f"latest month in text ({shown})")
    cue = _after_cue(expr, body)
    reason = f"latest date in text ({shown})"
    if cue:
        days, label = cue
        day = day + dt.timedelta(days=days)
        reason += f' + "{label}" (+{days} days)'
    return When(day, None, "day", True, reason)


_CUE_ROWS = load_after_cues()
#: Cues that a date lies in the past: (folded phrase, days to add, phrase as shown).
_AFTER_CUES: tuple[tuple[str, int, str], ...] = tuple(
    (row["phrase"], row["days"], row["label"]) for row in _CUE_ROWS)
#: Each cue as the whole words it is, compiled once (a pattern built per cue and per article
#: was looked up in the re module's cache each time).
_AFTER_CUE_RES = tuple((re.compile(rf"(?<!\w){needle}(?!\w)"), days, label)
                       for needle, days, label in _AFTER_CUES)
#: The cues that count anywhere in the text, not only near the date ('الأسبوع الماضي').
_ANYWHERE_CUES = tuple(cue for cue, row in zip(_AFTER_CUES, _CUE_ROWS, strict=True)
                       if row["anywhere"])


def _after_cue(expr: Any, body: str) -> tuple[int, str] | None:
    """A cue saying the date lies in the past: near it, or 'last week' anywhere."""
    start = int(getattr(expr, "start", 0) or 0)
    end = int(getattr(expr, "end", start) or start)
    near = match_key(body[max(0, start - 40): end + 40])
    whole = match_key(body)
    for cue, days, label in _AFTER_CUE_RES:
        if cue.search(near):
            return days, label
    for needle, days, label in _ANYWHERE_CUES:
        if needle in whole:
            return days, label
    return None
