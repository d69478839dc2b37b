"""The value a date expression comes out as, and the calendar conventions it follows.

Why a module of its own: :class:`DateExpr` and the constants below are what the rest
of the project sees of dates (the extractor, the corpus reader, tests); the finding
and the rules that produce them may change without them changing.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

__all__ = ["DAMASCUS", "FUTURE_TOLERANCE_DAYS", "PRECISIONS", "WEEK_START", "DateExpr"]

#: Precisions a :class:`DateExpr` can carry, finest first.
PRECISIONS: tuple[str, ...] = ("day", "month", "year")

#: First day of a week for 'الأسبوع الماضي' (``date.weekday()`` numbering: 5 = Saturday).
WEEK_START: int = 5

#: Days after the anchor a day-and-month without a year may still fall on
#: (an article announcing 'في 12 تشرين الأول' on 8 October means this year).
FUTURE_TOLERANCE_DAYS: int = 7

#: Damascus time. UTC+03:00 all year since October 2022; before that winters
#: were UTC+02:00, which is ignored on purpose: stamps are read as +03:00.
DAMASCUS = datetime.timezone(datetime.timedelta(hours=3), "Damascus")


@dataclass(frozen=True, slots=True)
class DateExpr:
    """One temporal expression found in a text.

    ``start``/``end`` index the text given to :func:`find_dates`, so
    ``text[start:end] == expr.text``. ``first``..``last`` is the period meant
    (equal for a single day). ``relative`` is True when the value depends on
    the publication date. ``rule`` names the rule that matched, for the 'why'
    shown to analysts.

    Examples
    --------
    >>> e = DateExpr(0, 4, "2020", datetime.date(2020, 1, 1),
    ...              datetime.date(2020, 12, 31), "year", False, "year")
    >>> e.iso
    '2020'
    """

    start: int
    end: int
    text: str
    first: datetime.date
    last: datetime.date
    precision: str
    relative: bool
    rule: str

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}, not {self.precision!r}")
        if self.first > self.last:
            raise ValueError(f"first ({self.first}) is after last ({self.last})")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")

    @property
    def iso(self) -> str:
        """ISO 8601 cut to the precision; a range as 'first/last'.

        Examples
        --------
        >>> from geo.extract.when import parse_date
        >>> parse_date("ليل الأربعاء - الخميس", datetime.date(2022, 10, 8)).iso
        '2022-10-05/2022-10-06'
        """
        a, b = _iso_cut(self.first, self.precision), _iso_cut(self.last, self.precision)
        return a if a == b else f"{a}/{b}"


def _iso_cut(day: datetime.date, precision: str) -> str:
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()
