"""Calendar arithmetic for anchoring: month and year spans, shifts, the weekday before or after.

Why apart: relative expressions ('الخميس الماضي', 'قبل شهرين', '5 أيار' without a year)
are anchored on the publication date by a few plain date computations; kept here,
free of any text, they read (and are tested) as calendar facts.

>>> import datetime
>>> weekday_on_or_before(datetime.date(2022, 10, 8), 3)  # the Thursday on or before a Saturday
datetime.date(2022, 10, 6)
"""

from __future__ import annotations

import calendar
import datetime

from .expr import WEEK_START

__all__ = [
    "ONE_DAY", "earliest_after", "latest", "month_span", "shift_month", "week_start",
    "weekday_after", "weekday_on_or_before", "year_span",
]

ONE_DAY = datetime.timedelta(days=1)


def month_span(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a month."""
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, 1), datetime.date(year, month, last)


def year_span(year: int) -> tuple[datetime.date, datetime.date]:
    """The first and last day of a year."""
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def shift_month(year: int, month: int, k: int) -> tuple[int, int]:
    """(year, month) ``k`` months later (earlier when ``k`` < 0)."""
    total = year * 12 + month - 1 + k
    return total // 12, total % 12 + 1


def weekday_on_or_before(day: datetime.date, weekday: int) -> datetime.date:
    """The latest ``weekday`` (0 = Monday) on or before ``day``."""
    return day - datetime.timedelta(days=(day.weekday() - weekday) % 7)


def weekday_after(day: datetime.date, weekday: int) -> datetime.date:
    """The first ``weekday`` strictly after ``day``."""
    return day + datetime.timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def week_start(day: datetime.date) -> datetime.date:
    """The first day of ``day``'s week (weeks start on :data:`WEEK_START`)."""
    return weekday_on_or_before(day, WEEK_START)


def latest(month: int, day: int, limit: datetime.date) -> datetime.date | None:
    """The latest month/day on or before ``limit`` (29 Feb looks back to a leap year)."""
    for year in range(limit.year, limit.year - 9, -1):
        try:
            found = datetime.date(year, month, day)
        except ValueError:
            continue
        if found <= limit:
            return found
    return None


def earliest_after(month: int, day: int, limit: datetime.date) -> datetime.date | None:
    """The earliest month/day strictly after ``limit``."""
    for year in range(limit.year, limit.year + 9):
        try:
            found = datetime.date(year, month, day)
        except ValueError:
            continue
        if found > limit:
            return found
    return None
