"""Publication stamps: the date (and time) a news page prints near its top.

Why apart from the date rules: a stamp is read differently from a date in the story
(only the first lines, a day-precise absolute date, with a time, a 'نشر' label or
little else on the line) and it anchors every relative date of the article.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import re

from .expr import DAMASCUS
from .find import check_text, find_dates
from .patterns import BLANKS, MAYBE_BLANKS
from .text import fold_with_map

__all__ = ["find_publication_date"]

_W, _O = BLANKS, MAYBE_BLANKS

_STAMP_LINES = 15
_UTC_ZONE = re.compile(r"gmt|utc|غرينتش|جرينتش|غرينيتش", re.IGNORECASE)
_TIME = re.compile(
    rf"(?<![0-9:.])(?P<h>[01]?[0-9]|2[0-3]):(?P<mi>[0-5][0-9])(?::(?P<s>[0-5][0-9]))?(?![0-9])"
    rf"(?:{_O}(?P<ampm>صباحا|مساء|ص|م|am|pm)(?!\w))?"
    rf"(?:{_O}[(\[]?{_O}(?:ب?توقيت{_W})?"
    rf"(?P<zone>دمشق|damascus|سوريا|مكه(?:{_W}المكرمه)?|الرياض|بغداد|اسطنبول|istanbul|انقره"
    rf"|الدوحه|gmt|utc|غرينتش|جرينتش|غرينيتش)?(?!\w)"
    rf"{_O}(?P<off>[+-][0-9]{{1,2}}(?::?[0-9]{{2}})?)?)?",
    re.IGNORECASE,
)
_PUBLISHED = re.compile(r"نشر|تاريخ\W*النشر|بتاريخ|published|posted", re.IGNORECASE)
_UPDATED = re.compile(r"تحديث|updated|modified", re.IGNORECASE)
_DATE_LINE_SLACK = 15  # letters a date line may hold besides the date and time


def _stamp_time(m: re.Match[str]) -> datetime.time:
    """The time of a stamp, with its zone when one is named or given as an offset."""
    hour, minute, second = int(m["h"]), int(m["mi"]), int(m["s"] or 0)
    ampm = (m["ampm"] or "").lower()
    if ampm in {"م", "مساء", "pm"} and hour < 12:
        hour += 12
    elif ampm in {"ص", "صباحا", "am"} and hour == 12:
        hour = 0
    tz: datetime.tzinfo | None = None
    if m["off"]:
        sign = -1 if m["off"][0] == "-" else 1
        digits = m["off"][1:].replace(":", "")
        hours, minutes = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "0")
        offset = datetime.timedelta(hours=int(hours), minutes=int(minutes))
        if offset < datetime.timedelta(hours=24):  # else not an offset: no zone
            tz = datetime.timezone(sign * offset)
    elif m["zone"]:
        # every named zone but GMT/UTC is UTC+03:00 (Damascus, Istanbul, Riyadh...)
        tz = datetime.UTC if _UTC_ZONE.fullmatch(m["zone"]) else DAMASCUS
    return datetime.time(hour, minute, second, tzinfo=tz)


#: A digit, ASCII or Arabic-Indic (folding makes these ASCII, and no other): every absolute
#: day (a stamp's date) has one, its year or all of it.
_DIGIT = re.compile("[0-9\u0660-\u0669\u06f0-\u06f9]")


@functools.lru_cache(maxsize=16)
def _stamp_in_line(line: str) -> tuple[datetime.datetime | datetime.date, str] | None:
    """The stamp one line holds, if any. Remembered for the page's next question: the reader
    asks of each header line alone, then of the header's lines together (geo.read.published);
    the answer depends on the line alone, and is immutable."""
    if _DIGIT.search(line) is None:
        return None  # no absolute day: most lines of a page, answered without folding or rules
    norm, where = fold_with_map(line)
    exprs = [
        e for e in find_dates(line, None) if e.precision == "day" and e.first == e.last and not e.relative
    ]
    if not exprs:
        return None
    date = exprs[0]
    after = bisect.bisect_left(where, date.end)  # the folded index of the date's end
    time = _TIME.search(norm, after) or _TIME.search(norm)
    if time is not None:
        return datetime.datetime.combine(date.first, _stamp_time(time)), "stamp"
    if _PUBLISHED.search(norm) or _UPDATED.search(norm):
        return date.first, "label"
    rest = line[: date.start] + line[date.end :]
    if sum(ch.isalpha() for ch in rest) <= _DATE_LINE_SLACK:
        return date.first, "date_line"
    return None


def find_publication_date(text: str) -> tuple[datetime.datetime | datetime.date, str] | None:
    """The publication stamp a news page prints near its top, or None.

    Only the first 15 non-blank lines are read: body sentences further down
    carry event dates, not the publication date. A line qualifies when it holds
    an absolute day ('2022.10.08', '08/10/2022', '8 تشرين الأول 2022') and
    either a time ('17:41 دمشق'; rule ``'stamp'``), a label ('نشر في',
    'بتاريخ', 'تاريخ النشر', 'آخر تحديث'; rule ``'label'``), or little else
    ('السبت 8 أكتوبر 2022'; rule ``'date_line'``). A line labelled as an
    update is used only when no other line qualifies.

    A time is returned as a datetime; it is aware when a zone follows it:
    Damascus (and Istanbul, Riyadh, Baghdad, Doha) as UTC+03:00 (see
    :data:`DAMASCUS`), GMT/UTC, or an explicit offset.

    Parameters
    ----------
    text : str
        The page text, top first.

    Returns
    -------
    tuple of (datetime or date, str) or None
        The value and the rule name.

    Raises
    ------
    TypeError
        If ``text`` is not a str.

    Examples
    --------
    >>> find_publication_date("عنوان\\n2022.10.08 | 17:41 دمشق\\nنص")
    (datetime.datetime(2022, 10, 8, 17, 41, tzinfo=datetime.timezone(datetime.timedelta(seconds=10800), 'Damascus')), 'stamp')
    >>> find_publication_date("نشر في 8 تشرين الأول 2022")
    (datetime.date(2022, 10, 8), 'label')
    """  # noqa: E501
    text = check_text(text)
    lines = [line for line in text.splitlines() if line.strip()][:_STAMP_LINES]
    fallback = None
    for line in lines:
        found = _stamp_in_line(line)
        if found is None:
            continue
        if found[1] == "label" and not _PUBLISHED.search(fold_with_map(line)[0]):
            fallback = fallback or found  # 'آخر تحديث': keep looking for 'نشر'
            continue
        return found
    return fallback
