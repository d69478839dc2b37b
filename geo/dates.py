"""Arabic temporal expressions, anchored on an article's publication date.

News about north-east Syria dates events in Levantine month names (تشرين الأول),
Egyptian/Western ones (أكتوبر), both at once (تشرين الأول/أكتوبر), numbers
(2022.10.08), weekdays (يوم الخميس الماضي) and words relative to the day the
article was published (أمس, قبل عامين, العام الفائت). :func:`find_dates` turns
each into a :class:`DateExpr`: a span of the original text, the first and last
day meant, and a precision ("day", "month", "year").

How it works, in four steps:

1. The text is folded for matching (diacritics, tatweel and bidi marks removed,
   alef/hamza forms unified, ى->ي, ة->ه, Arabic-Indic digits -> ASCII). Folding
   only deletes characters or replaces one by one, so an index map gives the
   span in the original text back.
2. Every rule (a compiled regular expression and a handler) proposes candidates.
3. Candidates are kept longest first, never overlapping.
4. A weekday followed by an explicit date ('يوم الخميس الماضي 6 تشرين الأول') is
   merged into one expression; the explicit date wins.

Conventions worth knowing (they are choices, documented here and in tests):

- Weeks start on Saturday (:data:`WEEK_START`), as the Syrian working week does;
  'الأسبوع الماضي' is the Saturday..Friday before the anchor's week.
- A day and month without a year is the latest such date not after the anchor
  plus :data:`FUTURE_TOLERANCE_DAYS`; a month without a year is the latest such
  month not after the anchor's month.
- 'شباط الفائت' is the latest February strictly before the anchor's month;
  '6 تشرين الأول الماضي' the latest 6 October strictly before the anchor.
- 'الخميس الماضي' is strictly before the anchor, 'الأحد المقبل' strictly after,
  a bare 'يوم الخميس' the latest Thursday on or before the anchor.
- 'اليوم الإثنين' is the anchor, or the latest Monday before it when the anchor
  is another weekday. 'أمس الخميس' is the day before the anchor when that is a
  Thursday; when the Thursday is a day or two earlier (an article stamped later
  than written, as seed 002) the weekday wins (rule ':weekday_wins'); further
  off, the day before the anchor stays (rule ':mismatch').
- 'ليل الأربعاء - الخميس' is Wednesday..Thursday, the latest such pair ending
  on or before the anchor.
- 'قبل أسبوع' is the day seven days before the anchor; 'قبل شهرين' a month
  (month precision); 'قبل عامين' a year (year precision).
- Expressions anchored on an event rather than on the publication date
  ('بعد يوم واحد', 'اليوم التالي', 'قبل يومين من الهجوم') are skipped, and so are
  vague ones ('قبل أيام', 'منذ سنوات').
- Leading prepositions (في, خلال, منذ, قبل...) are not part of the span; before an
  absolute date منذ/قبل/بعد/حتى show in the rule name (':since', ':before',
  ':after', ':until') while the value stays the period named. Qualifiers (نهاية,
  مطلع, منتصف...) are part of the span, show in the rule name (':end', ':start',
  ':mid') and keep the precision.
- Rule names are short ASCII words ('day_month', 'month_past', 'years_ago',
  'weekday_past+day_month'...), meant for the 'why' shown to analysts.
"""

from __future__ import annotations

import calendar
import datetime
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import NamedTuple

try:  # the regex parser, only to list the first characters of a pattern (a speed-up)
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re._parser import parse as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - another Python: no guard, same results
    _sre = None  # type: ignore[assignment]
    _sre_parse = None  # type: ignore[assignment]

__all__ = [
    "DAMASCUS",
    "FUTURE_TOLERANCE_DAYS",
    "PRECISIONS",
    "WEEK_START",
    "DateExpr",
    "find_dates",
    "find_publication_date",
    "parse_date",
]

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

_ONE_DAY = datetime.timedelta(days=1)
# A stand-in anchor for anchor=None: relative candidates still compete for
# their span (so a weekday can merge with a date), then are dropped.
_DUMMY_ANCHOR = datetime.date(2000, 6, 15)


# --------------------------------------------------------------------------
# The public value
# --------------------------------------------------------------------------


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


# --------------------------------------------------------------------------
# Folding with an index map
# --------------------------------------------------------------------------

_DELETED = frozenset(
    chr(c)
    for c in (
        *range(0x064B, 0x0660),  # harakat, tanween, shadda, sukun...
        0x0670,  # superscript alef
        *range(0x0610, 0x061B),  # Quranic signs
        *range(0x06D6, 0x06DD),
        *range(0x06DF, 0x06E9),
        *range(0x06EA, 0x06EE),
        0x0640,  # tatweel
        0x061C,  # Arabic letter mark
        *range(0x200B, 0x2010),  # zero-width space/joiners, LRM, RLM
        *range(0x202A, 0x202F),  # bidi embeddings
        *range(0x2066, 0x206A),  # bidi isolates
        0x00AD,  # soft hyphen
        0xFEFF,  # BOM
    )
)
_REPLACED = {
    **dict.fromkeys("أإآٱٲٳ", "ا"),
    "ى": "ي",
    "ی": "ي",
    "ک": "ك",
    "ة": "ه",
    "ۀ": "ه",
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    **dict.fromkeys("\u2044\u2215", "/"),
    "٫": ".",
    "٬": ",",
    **dict.fromkeys("\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008", " "),
    **dict.fromkeys("\u2009\u200a\u202f\u205f\u3000", " "),
}
_FOLD_TABLE = str.maketrans({**dict.fromkeys(_DELETED), **_REPLACED})


def _fold(text: str) -> tuple[str, Sequence[int]]:
    """Fold for matching; also return where each folded char came from.

    The map has one extra entry (``len(text)``) so a match ending at the end of
    the folded text maps to the end of the original. Deleted marks just after
    a match (a tanween on 'غداً') fall inside the original span.
    """
    folded = text.translate(_FOLD_TABLE)
    if len(folded) == len(text):
        return folded, range(len(text) + 1)
    where = [i for i, ch in enumerate(text) if ch not in _DELETED]
    where.append(len(text))
    return folded, where


# --------------------------------------------------------------------------
# Vocabulary (folded forms) and regex fragments
# --------------------------------------------------------------------------

_W = r"[^\S\n]+"  # some blanks, not a line break
_O = r"[^\S\n]*"
# Left edge: a word start, or after a proclitic و/ف, or after ب/ل/ك (+و/ف)
# when the expression starts with ال, عام, سنه, يوم, شهر or a digit.
_CLITIC_HOSTS = ("ال", "عام", "سنه", "يوم", "شهر", *"0123456789")


def _is_word_start(norm: str, i: int) -> bool:
    return i == 0 or not (norm[i - 1].isalnum() or norm[i - 1] == "_")


def _left_ok(norm: str, i: int) -> bool:
    """Does a match at i start a word, perhaps after a proclitic?

    Allowed: a word start; after و/ف ('وأمس'); after ب/ل/ك, perhaps with و/ف
    before them, when the expression starts with ال, عام, سنه, يوم, شهر or a
    digit ('بالأمس', 'لعام 2019'). Checked here rather than as a regex
    look-behind, which would run at every position and cost ten times more.
    """
    if _is_word_start(norm, i):
        return True
    before = norm[i - 1]
    if before in "وف":
        return _is_word_start(norm, i - 1)
    if before not in "بلك" or not norm.startswith(_CLITIC_HOSTS, i):
        return False
    return _is_word_start(norm, i - 1) or (i >= 2 and norm[i - 2] in "وف" and _is_word_start(norm, i - 2))


_MONTH_ALTS: dict[int, str] = {
    1: rf"كانون{_O}(?:الثاني|ثاني|ثان|2)|يناير|جانفي|ينير",
    2: r"شباط|فبراير|فبرير|فيفري",
    3: r"اذار|مارس",
    4: r"نيسان|ابريل|افريل",
    5: r"ايار|مايو",
    6: r"حزيران|يونيو|يونيه|جوان",
    7: r"تموز|يوليو|يوليه|جويليه",
    8: r"اب|اغسطس|اغشت",
    9: r"ايلول|سبتمبر|سيبتمبر|شتنبر",
    10: rf"تشرين{_O}(?:الاول|اول|1)|اكتوبر|اوكتوبر",
    11: rf"تشرين{_O}(?:الثاني|ثاني|ثان|2)|نوفمبر|نونبر",
    12: rf"كانون{_O}(?:الاول|اول|1)|ديسمبر|ديسيمبر|دجنبر",
}
#: Month names that are also common words ('آب' father, 'مارس' practised):
#: only taken with a day, a year, 'شهر', a qualifier or a relative word.
_AMBIGUOUS_MONTHS = frozenset({"اب", "مارس"})


def _month_fragment() -> str:
    """One month, alone or paired with its other name: 'تشرين الأول / أكتوبر'.

    Pairs are only built from names of the same month, so 'أيار، حزيران' stays
    two expressions.
    """
    alts = []
    for names in _MONTH_ALTS.values():
        n = rf"(?:{names})(?!\w)"
        pair = (
            rf"{_O}[/\\|،,\-]{_O}{n}"
            rf"|{_O}(?:[/\\|،,\-]{_O})?\({_O}{n}{_O}\)"
            rf"|{_W}{n}"
        )
        alts.append(rf"{n}(?:{pair})?")
    return "(?P<mon>" + "|".join(alts) + ")"


_MONTH = _month_fragment()
_MONTH_LOOKUP = re.compile("|".join(rf"(?P<m{k}>{names})(?!\w)" for k, names in _MONTH_ALTS.items()))

_REL_PAST = ("الماضي", "الفائت", "المنصرم", "المنقضي", "السابق")
_REL_CUR = ("الجاري", "الحالي")
_REL_NEXT = ("المقبل", "القادم")
_REL = "(?:" + "|".join((*_REL_PAST, *_REL_CUR, *_REL_NEXT)) + r")ه?(?!\w)"

_QUALIFIERS = {
    "نهايه": "end",
    "اواخر": "end",
    "مطلع": "start",
    "اوائل": "start",
    "بدايه": "start",
    "بدايات": "start",
    "منتصف": "mid",
    "اواسط": "mid",
    "اوسط": "mid",
}
_QUAL = "(?P<q>" + "|".join(sorted(_QUALIFIERS, key=len, reverse=True)) + r")(?!\w)"


def _year(name: str = "y") -> str:
    """A Gregorian year 1800-2199; not a Hijri one ('1441 هـ'); 'م' suffix kept."""
    return rf"(?P<{name}>(?:1[89]|2[01])[0-9][0-9])(?![0-9])(?!{_O}ه(?!\w))(?:م(?!\w))?"


_YEAR_WORD = r"(?:عام|العام|سنه|السنه)"
# After a month: a year, 'من العام الماضي', 'من هذا العام', or الجاري/الماضي.
_TAIL = (
    rf"(?:{_O}[،,]?{_O}(?:من{_W})?(?:{_YEAR_WORD}{_O})?{_year()}"
    rf"|{_W}(?:من{_W})?(?:(?:العام|السنه){_W}(?P<yrel>{_REL})|(?P<ythis>هذا{_W}العام|هذه{_W}السنه))"
    rf"|{_W}(?P<mrel>{_REL}))?"
)

_ORDINALS: dict[str, int] = {
    "الاول": 1,
    "الثاني": 2,
    "الثالث": 3,
    "الرابع": 4,
    "الخامس": 5,
    "السادس": 6,
    "السابع": 7,
    "الثامن": 8,
    "التاسع": 9,
    "العاشر": 10,
    "العشرين": 20,
    "الثلاثين": 30,
}
for _unit, _n in list(_ORDINALS.items())[:9]:
    _ORDINALS[f"{_unit} عشر"] = 10 + _n
    _ORDINALS[f"{_unit} والعشرين"] = 20 + _n
_ORDINALS.update({"الحادي عشر": 11, "الحادي والعشرين": 21, "الواحد والعشرين": 21})
_ORDINALS.update({"الحادي والثلاثين": 31, "الواحد والثلاثين": 31})
del _ORDINALS["الاول عشر"], _ORDINALS["الاول والعشرين"]
_ORDINAL = "|".join(k.replace(" ", _W) for k in sorted(_ORDINALS, key=len, reverse=True))
_ORDINAL_STEMS = tuple(sorted({k.split()[0] for k in _ORDINALS} | {"العشرين", "الثلاثين"}))
# A day of the month: digits ('8', 'الـ8') or an ordinal followed by 'من'.
_DAY = (
    rf"(?:(?P<od>{_ORDINAL})(?=(?!\w){_W}من{_W})"
    rf"|(?:ال{_O})?(?<![0-9.,/:\-])(?P<d>[0-3]?[0-9])(?![0-9]))"
)

_WEEKDAYS: dict[str, int] = {
    "الاثنين": 0,
    "الاتنين": 0,
    "الثلاثاء": 1,
    "الثلاثا": 1,
    "الاربعاء": 2,
    "الاربعا": 2,
    "الخميس": 3,
    "الجمعه": 4,
    "السبت": 5,
    "الاحد": 6,
}


def _wd(name: str) -> str:
    return rf"(?P<{name}>" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + r")(?!\w)"


_TOD = rf"(?:منتصف{_W}ليل|منتصف{_W}ليله|يوم|نهار|صباح|مساء|ليل|ليله|فجر|ظهر|ظهيره|عصر|ضحي)"

_NUMBER_WORDS: dict[str, int] = {
    "واحد": 1,
    "واحده": 1,
    "اثنين": 2,
    "اثنتين": 2,
    "ثلاث": 3,
    "اربع": 4,
    "خمس": 5,
    "ست": 6,
    "سبع": 7,
    "ثمان": 8,
    "ثماني": 8,
    "تسع": 9,
    "عشر": 10,
}
_NUMBER_WORDS.update({k + "ه": v for k, v in list(_NUMBER_WORDS.items()) if v > 2})
_NUMBER = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))

# unit word -> (unit, count it implies alone; None for a plural that needs one)
_UNIT_WORDS: dict[str, tuple[str, int | None]] = {
    **dict.fromkeys(("يوم", "يوما"), ("day", 1)),
    "ايام": ("day", None),
    **dict.fromkeys(("يومين", "يومان"), ("day", 2)),
    **dict.fromkeys(("اسبوع", "اسبوعا"), ("week", 1)),
    "اسابيع": ("week", None),
    **dict.fromkeys(("اسبوعين", "اسبوعان"), ("week", 2)),
    **dict.fromkeys(("شهر", "شهرا"), ("month", 1)),
    **dict.fromkeys(("اشهر", "شهور"), ("month", None)),
    **dict.fromkeys(("شهرين", "شهران"), ("month", 2)),
    **dict.fromkeys(("عام", "عاما", "سنه"), ("year", 1)),
    **dict.fromkeys(("اعوام", "سنوات", "سنين"), ("year", None)),
    **dict.fromkeys(("عامين", "عامان", "سنتين", "سنتان"), ("year", 2)),
}
_UNITS = "|".join(sorted(_UNIT_WORDS, key=len, reverse=True))


# --------------------------------------------------------------------------
# Calendar helpers
# --------------------------------------------------------------------------


def _month_span(year: int, month: int) -> tuple[datetime.date, datetime.date]:
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, 1), datetime.date(year, month, last)


def _year_span(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _shift_month(year: int, month: int, k: int) -> tuple[int, int]:
    total = year * 12 + month - 1 + k
    return total // 12, total % 12 + 1


def _weekday_on_or_before(day: datetime.date, weekday: int) -> datetime.date:
    return day - datetime.timedelta(days=(day.weekday() - weekday) % 7)


def _weekday_after(day: datetime.date, weekday: int) -> datetime.date:
    return day + datetime.timedelta(days=(weekday - day.weekday() - 1) % 7 + 1)


def _week_start(day: datetime.date) -> datetime.date:
    return _weekday_on_or_before(day, WEEK_START)


def _latest(month: int, day: int, limit: datetime.date) -> datetime.date | None:
    """The latest month/day on or before ``limit`` (29 Feb looks back to a leap year)."""
    for year in range(limit.year, limit.year - 9, -1):
        try:
            found = datetime.date(year, month, day)
        except ValueError:
            continue
        if found <= limit:
            return found
    return None


def _earliest_after(month: int, day: int, limit: datetime.date) -> datetime.date | None:
    for year in range(limit.year, limit.year + 9):
        try:
            found = datetime.date(year, month, day)
        except ValueError:
            continue
        if found > limit:
            return found
    return None


def _rel_offset(word: str) -> int:
    """-1 for الماضي/الفائت..., 0 for الجاري/الحالي, +1 for المقبل/القادم."""
    word = word.removesuffix("ه")
    if word in _REL_PAST:
        return -1
    return 1 if word in _REL_NEXT else 0


def _month_number(text: str) -> int:
    found = _MONTH_LOOKUP.match(text)
    if found is None or found.lastgroup is None:  # pragma: no cover - fragment guarantees it
        raise ValueError(f"not a month name: {text!r}")
    return int(found.lastgroup[1:])


_PREV_WORD = re.compile(r"(\w+)[^\S\n]*$")


def _prev_word(norm: str, i: int) -> str:
    """The word before position i, without a proclitic و/ف ('وفي' -> 'في')."""
    found = _PREV_WORD.search(norm, max(0, i - 30), i)
    if found is None:
        return ""
    word = found.group(1)
    return word[1:] if len(word) > 2 and word[0] in "وف" else word


# --------------------------------------------------------------------------
# Rules
# --------------------------------------------------------------------------


class _Ctx(NamedTuple):
    norm: str
    anchor: datetime.date


class _Hit(NamedTuple):
    first: datetime.date
    last: datetime.date
    precision: str
    relative: bool
    rule: str


_Handler = Callable[[re.Match[str], _Ctx], _Hit | None]
_Needs = tuple[tuple[str, ...], ...]
_RULES: list[tuple[re.Pattern[str], _Handler, _Needs]] = []

# Keyword gates: a rule is only run on a text holding one word of each group.
# A plain substring test costs microseconds; a regex scan a fraction of a millisecond.
_DIGITS = tuple("0123456789")
_WEEKDAY_STEMS = ("الاثنين", "الاتنين", "الثلاثا", "الاربعا", "الخميس", "الجمعه", "السبت", "الاحد")
_YESTERDAY_STEMS = ("امس", "البارحه")


class _NoPrefix(Exception):
    """The first character of a pattern cannot be listed (a category, a wide range)."""


def _in_chars(items: list) -> set[str]:
    chars = set()
    for op, av in items:
        if op is _sre.LITERAL:
            chars.add(chr(av))
        elif op is _sre.RANGE and av[1] - av[0] <= 64:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            raise _NoPrefix
    return chars


def _first_chars(items: Iterable) -> tuple[set[str], bool]:
    """Characters a parsed pattern can start with, and whether it can match empty."""
    chars: set[str] = set()
    for op, av in items:
        if op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            continue
        if op is _sre.LITERAL:
            return chars | {chr(av)}, False
        if op is _sre.IN:
            return chars | _in_chars(av), False
        if op is _sre.SUBPATTERN:
            found, nullable = _first_chars(av[-1])
        elif op is _sre.BRANCH:
            parts = [_first_chars(alt) for alt in av[1]]
            found, nullable = set().union(*(c for c, _ in parts)), any(n for _, n in parts)
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            found, nullable = _first_chars(av[2])
            nullable = nullable or av[0] == 0
        else:
            raise _NoPrefix
        chars |= found
        if not nullable:
            return chars, False
    return chars, True


def _compile(pattern: str) -> re.Pattern[str]:
    """Compile with, when it can be worked out, a first-character guard.

    The guard lets the scan skip most positions at once (a few times faster);
    without the parser it is simply left out, with the same results."""
    guard = ""
    try:
        chars, nullable = _first_chars(_sre_parse(pattern))
        if not nullable and chars:
            guard = "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"
    except (_NoPrefix, AttributeError, TypeError, ValueError):
        guard = ""
    return re.compile(guard + pattern)


def _rule(pattern: str, *needs: tuple[str, ...]) -> Callable[[_Handler], _Handler]:
    """Register a handler for a pattern; group 'e', when present, is the span.

    ``needs`` are keyword groups the (folded) text must hold one word of each
    for the pattern to be worth scanning; they must be implied by the pattern.
    """

    def register(handler: _Handler) -> _Handler:
        _RULES.append((_compile(pattern), handler, needs))
        return handler

    return register


def _day(at: datetime.date, relative: bool, rule: str) -> _Hit:
    return _Hit(at, at, "day", relative, rule)


def _month(year: int, month: int, relative: bool, rule: str) -> _Hit:
    return _Hit(*_month_span(year, month), "month", relative, rule)


def _year_hit(year: int, relative: bool, rule: str) -> _Hit:
    return _Hit(*_year_span(year), "year", relative, rule)


def _qualified(rule: str, m: re.Match[str]) -> str:
    q = m.groupdict().get("q")
    return f"{rule}:{_QUALIFIERS[q]}" if q else rule


_PREP_NOTES = {"منذ": "since", "قبل": "before", "بعد": "after", "حتي": "until"}


def _since(rule: str, m: re.Match[str], ctx: _Ctx) -> str:
    """Note 'منذ/قبل/بعد/حتى' before an absolute date in the rule: 'year:since'.

    The value stays the period named; the note tells an analyst it is a bound."""
    note = _PREP_NOTES.get(_prev_word(ctx.norm, m.start()))
    return f"{rule}:{note}" if note else rule


# --- numeric -------------------------------------------------------------

_NUM_EDGE_L = r"(?<![0-9.,/\-])"
_NUM_EDGE_R = r"(?![0-9]|[./\-][0-9])"


@_rule(
    rf"{_NUM_EDGE_L}{_year()}(?P<s>[./\-])(?P<m>[01]?[0-9])(?P=s)(?P<d>[0-3]?[0-9]){_NUM_EDGE_R}",
    _DIGITS,
)
def _numeric_ymd(m: re.Match[str], ctx: _Ctx) -> _Hit:
    at = datetime.date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _day(at, False, "numeric_ymd")


@_rule(
    rf"{_NUM_EDGE_L}(?P<d>[0-3]?[0-9])(?P<s>[./\-])(?P<m>[01]?[0-9])(?P=s)"
    rf"(?P<y>(?:1[89]|2[01])[0-9][0-9]){_NUM_EDGE_R}",
    _DIGITS,
)
def _numeric_dmy(m: re.Match[str], ctx: _Ctx) -> _Hit:
    """Day first, as Arabic news writes 8/10/2022."""
    at = datetime.date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _day(at, False, "numeric_dmy")


# --- day + month ---------------------------------------------------------


def _day_of(m: re.Match[str]) -> int:
    if m["d"] is not None:
        return int(m["d"])
    return _ORDINALS[" ".join(m["od"].split())]


def _resolve_day(
    month: int, day: int, m: re.Match[str], anchor: datetime.date
) -> tuple[datetime.date, bool, str] | None:
    """Year of a day-and-month from the tail (year, الجاري, الماضي...) or the anchor."""
    if m["y"]:
        return datetime.date(int(m["y"]), month, day), False, "day_month_year"
    if m["yrel"]:
        year = anchor.year + _rel_offset(m["yrel"])
        return datetime.date(year, month, day), True, "day_month_rel_year"
    if m["ythis"]:
        return datetime.date(anchor.year, month, day), True, "day_month_this_year"
    if m["mrel"]:
        k = _rel_offset(m["mrel"])
        if k == 0:
            return datetime.date(anchor.year, month, day), True, "day_month_current"
        if k < 0:
            found = _latest(month, day, anchor - _ONE_DAY)
            return (found, True, "day_month_past") if found else None
        found = _earliest_after(month, day, anchor)
        return (found, True, "day_month_next") if found else None
    limit = anchor + datetime.timedelta(days=FUTURE_TOLERANCE_DAYS)
    found = _latest(month, day, limit)
    return (found, True, "day_month") if found else None


@_rule(rf"{_DAY}{_O}(?:من{_W})?(?:شهر{_W})?{_MONTH}{_TAIL}", (*_DIGITS, *_ORDINAL_STEMS))
def _day_month(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    resolved = _resolve_day(_month_number(m["mon"]), _day_of(m), m, ctx.anchor)
    if resolved is None:
        return None
    return _day(*resolved)


@_rule(
    rf"(?:(?P<kw>بين|من){_W})?(?<![0-9.,/:\-])(?P<d1>[0-3]?[0-9]){_O}"
    rf"(?P<sep>-|الي|حتي|و){_O}(?:ال{_O})?(?P<d>[0-3]?[0-9])(?![0-9])"
    rf"{_O}(?:من{_W})?(?:شهر{_W})?{_MONTH}{_TAIL}",
    _DIGITS,
)
def _day_range(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """'بين 5 و8 تشرين الأول', '5-8 تشرين الأول': a range of days in one month.

    '6 و7 تشرين الأول' lists two days; it is given as the range covering both
    (rule 'day_list...') rather than losing the first."""
    listed = m["sep"] == "و" and m["kw"] != "بين"
    resolved = _resolve_day(_month_number(m["mon"]), int(m["d"]), m, ctx.anchor)
    if resolved is None:
        return None
    last, relative, rule = resolved
    first = last.replace(day=int(m["d1"]))
    if first >= last:
        return None
    kind = "day_list" if listed else "day_range"
    return _Hit(first, last, "day", relative, rule.replace("day_month", kind))


@_rule(
    rf"{_DAY}{_O}(?:من{_W})?(?:(?:الشهر|شهر){_W}(?P<rel>{_REL})|(?P<this>هذا{_W}الشهر))",
    ("شهر",),
)
def _day_of_rel_month(m: re.Match[str], ctx: _Ctx) -> _Hit:
    """'في 5 من الشهر الجاري', 'الخامس من الشهر الماضي'."""
    k = _rel_offset(m["rel"]) if m["rel"] else 0
    year, month = _shift_month(ctx.anchor.year, ctx.anchor.month, k)
    return _day(datetime.date(year, month, _day_of(m)), True, "day_of_month_rel")


# --- month ---------------------------------------------------------------

_MONTH_CONTEXT = frozenset({"في", "خلال", "منذ", "حتي", "الي", "مع", "قبل", "بعد", "بين"})
_STRONG_MONTH_CONTEXT = frozenset({"في", "خلال", "منذ"})


def _month_in_context(m: re.Match[str], norm: str) -> bool:
    """A month name alone is a date only with a cue: a year or الجاري/الماضي after
    it, 'شهر' or a qualifier before it, its other name beside it ('تموز/يوليو'),
    or a preposition before it ('في أيار'); 'آب' and 'مارس' need more than 'مع'."""
    if m["y"] or m["yrel"] or m["ythis"] or m["mrel"] or m["q"] or m["sh"]:
        return True
    mon = m["mon"]
    first = _MONTH_LOOKUP.match(mon)
    if first is not None and first.end() < len(mon):
        return True  # a pair
    prev = _prev_word(norm, m.start())
    if mon in _AMBIGUOUS_MONTHS:
        return prev in _STRONG_MONTH_CONTEXT
    return prev in _MONTH_CONTEXT


@_rule(rf"(?:{_QUAL}{_W}(?:من{_W})?)?(?:(?P<sh>شهر){_W})?{_MONTH}{_TAIL}")
def _month_rule(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    month, anchor = _month_number(m["mon"]), ctx.anchor
    if not _month_in_context(m, ctx.norm):
        return None
    if m["y"]:
        return _month(int(m["y"]), month, False, _since(_qualified("month_year", m), m, ctx))
    if m["yrel"] or m["ythis"]:
        year = anchor.year + (_rel_offset(m["yrel"]) if m["yrel"] else 0)
        return _month(year, month, True, _qualified("month_rel_year", m))
    if m["mrel"]:
        k = _rel_offset(m["mrel"])
        if k < 0:
            year, rule = anchor.year - (month >= anchor.month), "month_past"
        elif k > 0:
            year, rule = anchor.year + (month <= anchor.month), "month_next"
        else:
            year, rule = anchor.year, "month_current"
        return _month(year, month, True, _qualified(rule, m))
    year = anchor.year - (month > anchor.month)
    return _month(year, month, True, _since(_qualified("month", m), m, ctx))


# --- year ----------------------------------------------------------------


@_rule(rf"(?:{_QUAL}{_W}(?:من{_W})?)?{_YEAR_WORD}{_O}{_year()}", ("عام", "سنه"), _DIGITS)
def _year_rule(m: re.Match[str], ctx: _Ctx) -> _Hit:
    """'عام 2019', 'العام 2015', 'سنة 2020', 'نهاية عام 2019'."""
    return _year_hit(int(m["y"]), False, _since(_qualified("year", m), m, ctx))


@_rule(rf"{_QUAL}{_W}{_year()}", tuple(_QUALIFIERS), _DIGITS)
def _qualified_bare_year(m: re.Match[str], ctx: _Ctx) -> _Hit:
    """'مطلع 2020'."""
    return _year_hit(int(m["y"]), False, _qualified("year", m))


_COUNTED = "(?:" + _UNITS + r"|شخص|اشخاص|جندي|عنصر|مقاتل|قتيل|مدني|عائله|كم|كيلو|متر|دولار)(?!\w)"


@_rule(rf"(?P<p>في|منذ|خلال|حتي|قبل|بعد){_W}(?P<e>{_year()})(?!{_O}{_COUNTED})", _DIGITS)
def _prep_bare_year(m: re.Match[str], ctx: _Ctx) -> _Hit:
    """'في 2020', 'منذ 2014': a bare number is a year only after a preposition."""
    note = _PREP_NOTES.get(m["p"])
    return _year_hit(int(m["y"]), False, f"year:{note}" if note else "year")


@_rule(
    rf"(?:(?P<kw>بين{_W}(?:عامي|العامين|سنتي|السنتين|{_YEAR_WORD})?|من{_W}(?:{_YEAR_WORD})?"
    rf"|عامي|العامين|سنتي|السنتين){_O})?{_year('y1')}{_O}"
    rf"(?P<sep>[-/]|و|الي|حتي){_O}(?:{_YEAR_WORD}{_O})?{_year('y2')}",
    _DIGITS,
)
def _year_range(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """'بين عامي 2018 و2019', 'من 2018 إلى 2020', '2018-2020'."""
    y1, y2 = int(m["y1"]), int(m["y2"])
    if not y1 < y2 <= y1 + 100:
        return None
    if m["sep"] == "و" and not m["kw"]:
        return None
    if m["sep"] in {"الي", "حتي"} and not m["kw"]:
        return None
    return _Hit(_year_span(y1)[0], _year_span(y2)[1], "year", False, "year_range")


# --- weekdays ------------------------------------------------------------


@_rule(
    rf"(?:منتصف{_W})?(?:ليل|ليله|ليلتي|فجر){_W}{_wd('w1')}"
    rf"(?:{_O}[-/،,]{_O}|{_W}(?:علي|الي){_W}|{_W}|{_O}و)(?:و)?{_wd('w2')}(?:{_W}(?P<rel>{_REL}))?",
    ("ليل", "فجر"),
    _WEEKDAY_STEMS,
)
def _night(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """'ليل الأربعاء - الخميس': Wednesday..Thursday, the latest such night."""
    w1, w2 = _WEEKDAYS[m["w1"]], _WEEKDAYS[m["w2"]]
    if w2 != (w1 + 1) % 7:
        return None
    limit = ctx.anchor - _ONE_DAY if m["rel"] and _rel_offset(m["rel"]) < 0 else ctx.anchor
    last = _weekday_on_or_before(limit, w2)
    return _Hit(last - _ONE_DAY, last, "day", True, "night_range")


@_rule(rf"(?:{_TOD}{_W})?اليوم{_O}[،,]?{_O}{_wd('w')}", ("اليوم",), _WEEKDAY_STEMS)
def _today_weekday(m: re.Match[str], ctx: _Ctx) -> _Hit:
    """'اليوم الإثنين': the anchor, or else the latest Monday before it (it cannot be later)."""
    return _day_named_twice(ctx.anchor, _WEEKDAYS[m["w"]], "today_weekday", slack=6)


#: How many days before the day meant a weekday named with اليوم/أمس may fall
#: and still win (the article was stamped a day or two after it was written).
_WEEKDAY_SLACK_DAYS = 2


def _day_named_twice(
    meant: datetime.date, weekday: int, rule: str, *, slack: int = _WEEKDAY_SLACK_DAYS
) -> _Hit:
    """'أمس الخميس' names a day twice. When the weekday is at most ``slack`` days
    before the day meant (an article stamped late), the weekday wins; further off
    it is more likely a slip, and the day meant stays (rule ':mismatch')."""
    if meant.weekday() == weekday:
        return _day(meant, True, rule)
    named = _weekday_on_or_before(meant, weekday)
    if (meant - named).days <= slack:
        return _day(named, True, f"{rule}:weekday_wins")
    return _day(meant, True, f"{rule}:mismatch")


@_rule(
    rf"(?:{_TOD}{_W})?(?:امس|الامس|البارحه){_O}[،,]?{_O}{_wd('w')}",
    _YESTERDAY_STEMS,
    _WEEKDAY_STEMS,
)
def _yesterday_weekday(m: re.Match[str], ctx: _Ctx) -> _Hit:
    """'أمس الخميس': the day before the anchor; see :func:`_day_named_twice`."""
    return _day_named_twice(ctx.anchor - _ONE_DAY, _WEEKDAYS[m["w"]], "yesterday_weekday")


@_rule(rf"(?:غدا|يوم{_W}(?:ال)?غد){_O}[،,]?{_O}{_wd('w')}", ("غد",), _WEEKDAY_STEMS)
def _tomorrow_weekday(m: re.Match[str], ctx: _Ctx) -> _Hit:
    """'غداً الأحد': the day after the anchor ('غدا' alone is also the verb 'became')."""
    tomorrow, weekday = ctx.anchor + _ONE_DAY, _WEEKDAYS[m["w"]]
    if tomorrow.weekday() == weekday:
        return _day(tomorrow, True, "tomorrow_weekday")
    return _day(_weekday_after(ctx.anchor, weekday), True, "tomorrow_weekday:weekday_wins")


@_rule(rf"(?:{_TOD}{_W})?{_wd('w')}{_W}(?P<rel>{_REL})", _WEEKDAY_STEMS)
def _weekday_rel(m: re.Match[str], ctx: _Ctx) -> _Hit:
    """'الخميس الماضي' (strictly before), 'الأحد المقبل' (strictly after)."""
    weekday, k = _WEEKDAYS[m["w"]], _rel_offset(m["rel"])
    if k < 0:
        return _day(_weekday_on_or_before(ctx.anchor - _ONE_DAY, weekday), True, "weekday_past")
    if k > 0:
        return _day(_weekday_after(ctx.anchor, weekday), True, "weekday_next")
    return _day(_weekday_on_or_before(ctx.anchor, weekday), True, "weekday")


@_rule(rf"(?:(?P<tod>{_TOD}){_W})?{_wd('w')}", _WEEKDAY_STEMS)
def _weekday(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """'يوم الخميس', 'الخميس': the latest such weekday on or before the anchor.

    'الاثنين' is also 'the two': alone it is only taken between commas
    ('، الاثنين،') or before a date.
    """
    weekday = _WEEKDAYS[m["w"]]
    if weekday == 0 and not m["tod"]:
        before = ctx.norm[max(0, m.start() - 3) : m.start()].rstrip()[-1:]
        after = ctx.norm[m.end() : m.end() + 3].lstrip()[:1]
        if not (before in {"،", ",", "("} and after in {"،", ",", ".", ")"}) and not (after.isdigit()):
            return None
    return _day(_weekday_on_or_before(ctx.anchor, weekday), True, "weekday")


# --- days around the anchor ----------------------------------------------

_NOT_TODAY_BEFORE = frozenset({"ذلك", "تلك", "نفس", "ذات", "مثل"})


@_rule(rf"(?:{_TOD}{_W})?(?:اليوم|يومنا{_W}هذا)(?!\w)", ("اليوم", "يومنا"))
def _today(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """'اليوم', 'صباح اليوم', 'يومنا هذا' -- not 'اليوم التالي', 'ذلك اليوم'."""
    if re.match(rf"{_W}ال", ctx.norm[m.end() : m.end() + 8]):
        return None  # اليوم التالي / الأول / العالمي ... (a weekday is its own rule)
    before = ctx.norm[max(0, m.start() - 20) : m.start()].split()
    if before[-1:] and (before[-1] in _NOT_TODAY_BEFORE or before[-2:] == ["مثل", "هذا"]):
        return None  # ذلك اليوم, في نفس اليوم, في مثل هذا اليوم
    return _day(ctx.anchor, True, "today")


@_rule(rf"(?:{_TOD}{_W})?(?:امس|الامس|البارحه)(?!\w)(?!{_W}الاول)", _YESTERDAY_STEMS)
def _yesterday(m: re.Match[str], ctx: _Ctx) -> _Hit:
    return _day(ctx.anchor - _ONE_DAY, True, "yesterday")


@_rule(
    rf"(?:{_TOD}{_W})?(?:اول{_W}(?:من{_W})?امس|امس{_W}الاول|قبل{_W}امس|اول{_W}البارحه)(?!\w)",
    _YESTERDAY_STEMS,
)
def _day_before_yesterday(m: re.Match[str], ctx: _Ctx) -> _Hit:
    return _day(ctx.anchor - 2 * _ONE_DAY, True, "day_before_yesterday")


@_rule(rf"(?:(?:يوم|صباح|مساء|ليل|ليله|فجر|ظهر|عصر){_W}(?:ال)?غد|(?P<after>بعد){_W}غد)(?!\w)", ("غد",))
def _tomorrow(m: re.Match[str], ctx: _Ctx) -> _Hit:
    """'يوم غد', 'بعد غد' (bare 'غدا' is also the verb 'became': not taken)."""
    if m["after"]:
        return _day(ctx.anchor + 2 * _ONE_DAY, True, "day_after_tomorrow")
    return _day(ctx.anchor + _ONE_DAY, True, "tomorrow")


@_rule(
    rf"(?:قبل|منذ){_W}(?:(?:نحو|حوالي|قرابه|زهاء){_W})?"
    rf"(?:(?P<n>[0-9][0-9]?[0-9]?(?![0-9])|(?:{_NUMBER})(?!\w)){_O})?"
    rf"(?P<u>{_UNITS})(?!\w)(?:{_W}واحده?(?!\w))?"
    rf"(?!{_O}[0-9])(?!{_W}من{_W}(?!الان|اليوم))",
    ("قبل", "منذ"),
)
def _ago(m: re.Match[str], ctx: _Ctx) -> _Hit | None:
    """'قبل يومين', 'قبل 3 أيام', 'منذ أسبوعين', 'قبل عامين' -- not 'قبل يومين من الهجوم'."""
    unit, implied = _UNIT_WORDS[m["u"]]
    if m["n"]:
        count = int(m["n"]) if m["n"].isdigit() else _NUMBER_WORDS[m["n"]]
    elif implied is None:
        return None  # 'قبل أيام', 'منذ سنوات': too vague to date
    else:
        count = implied
    anchor = ctx.anchor
    if unit == "day":
        return _day(anchor - datetime.timedelta(days=count), True, "days_ago")
    if unit == "week":
        return _day(anchor - datetime.timedelta(weeks=count), True, "weeks_ago")
    if unit == "month":
        return _month(*_shift_month(anchor.year, anchor.month, -count), True, "months_ago")
    return _year_hit(anchor.year - count, True, "years_ago")


@_rule(
    rf"(?:(?P<earlier>وقت{_W}سابق{_W}من){_W})?(?:{_QUAL}{_W}(?:من{_W})?)?"
    rf"(?:(?P<unit>الاسبوع|الشهر|العام|السنه){_W}(?:(?P<rel>{_REL})|(?P<bpast>قبل{_W}الماضيه?(?!\w)))"
    rf"|(?P<this>هذا{_W}(?:الاسبوع|الشهر|العام)|هذه{_W}السنه)(?!\w))",
    ("الاسبوع", "الشهر", "العام", "السنه"),
)
def _period(m: re.Match[str], ctx: _Ctx) -> _Hit:
    """'الأسبوع الماضي', 'الشهر الجاري', 'العام الفائت', 'هذا العام', 'العام قبل الماضي'."""
    unit = m["unit"] or m["this"].split()[-1]
    k = -2 if m["bpast"] else (_rel_offset(m["rel"]) if m["rel"] else 0)
    name = {-2: "before_last", -1: "last", 0: "this", 1: "next"}[k]
    anchor = ctx.anchor
    if unit == "الاسبوع":
        start = _week_start(anchor) + datetime.timedelta(weeks=k)
        end = min(start + 6 * _ONE_DAY, anchor) if k == 0 else start + 6 * _ONE_DAY
        hit = _Hit(start, end, "day", True, f"{name}_week")
    elif unit == "الشهر":
        hit = _month(*_shift_month(anchor.year, anchor.month, k), True, f"{name}_month")
    else:
        hit = _year_hit(anchor.year + k, True, f"{name}_year")
    rule = hit.rule
    if m["earlier"]:
        rule = f"earlier_{rule}"
    return hit._replace(rule=_qualified(rule, m))


# --------------------------------------------------------------------------
# Selection and merging
# --------------------------------------------------------------------------


class _Cand(NamedTuple):
    start: int  # in the folded text
    end: int
    order: int
    hit: _Hit


_WEEKDAY_RULES = frozenset(
    {"weekday", "weekday_past", "weekday_next", "today_weekday", "yesterday_weekday", "tomorrow_weekday"}
)
_CLOSING_PAREN = re.compile(rf"{_O}\)")
_MERGE_GAP = re.compile(rf"{_O}(?:[،,\-(]{_O})?(?:(?:الموافق|الواقع{_W}في|في){_O})?")


def _candidates(norm: str, anchor: datetime.date) -> list[_Cand]:
    ctx = _Ctx(norm, anchor)
    found: list[_Cand] = []
    for order, (pattern, handler, needs) in enumerate(_RULES):
        if not all(any(word in norm for word in group) for group in needs):
            continue
        for m in _scan(pattern, norm):
            try:
                hit = handler(m, ctx)
            except (ValueError, OverflowError):  # 31 February, year 0, year 10000...
                continue
            if hit is not None:
                start, end = m.span("e") if "e" in pattern.groupindex else m.span()
                found.append(_Cand(start, end, order, hit))
    return found


def _scan(pattern: re.Pattern[str], norm: str) -> Iterator[re.Match[str]]:
    """Like finditer, keeping only matches at a word start (see :func:`_left_ok`).

    A match inside a word is skipped by one character only, so it cannot hide
    a proper match starting later inside it."""
    pos = 0
    while (m := pattern.search(norm, pos)) is not None:
        if _left_ok(norm, m.start()):
            yield m
            pos = max(m.end(), m.start() + 1)
        else:
            pos = m.start() + 1


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest first, then leftmost, then rule order; never overlapping."""
    taken: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.start, c.order)):
        if all(c.end <= t.start or t.end <= c.start for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)


def _merge_weekday_dates(norm: str, chosen: list[_Cand]) -> list[_Cand]:
    """'يوم الخميس الماضي 6 تشرين الأول' -> one expression; the explicit date wins."""
    merged: list[_Cand] = []
    for c in chosen:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.hit.rule.split(":")[0] in _WEEKDAY_RULES
            and c.hit.precision == "day"
            and c.hit.first == c.hit.last
            and c.hit.rule.split(":")[0] not in _WEEKDAY_RULES
            and _MERGE_GAP.fullmatch(norm, prev.end, c.start)
        ):
            rule = f"{prev.hit.rule.split(':')[0]}+{c.hit.rule}"
            end = c.end
            if "(" in norm[prev.end : c.start] and (paren := _CLOSING_PAREN.match(norm, end)):
                end = paren.end()  # 'الأحد (9 تشرين الأول)'
            merged[-1] = _Cand(prev.start, end, prev.order, c.hit._replace(rule=rule))
        else:
            merged.append(c)
    return merged


def _check_text(text: object) -> str:
    if not isinstance(text, str):
        raise TypeError(
            f"text must be str, not {type(text).__name__}; decode bytes first (e.g. data.decode('utf-8'))"
        )
    return text


def _check_anchor(anchor: object) -> datetime.date | None:
    if anchor is None:
        return None
    if isinstance(anchor, datetime.datetime):
        return anchor.date()
    if isinstance(anchor, datetime.date):
        return anchor
    raise TypeError(
        f"anchor must be a datetime.date (the publication date) or None, not {type(anchor).__name__}"
    )


# --------------------------------------------------------------------------
# Public functions
# --------------------------------------------------------------------------


def find_dates(text: str, anchor: datetime.date | None) -> list[DateExpr]:
    """Every temporal expression in ``text``, in order, non-overlapping, longest first.

    Parameters
    ----------
    text : str
        The article text (or any part of it). Spans index this exact string.
    anchor : datetime.date or None
        The publication date that relative expressions ('أمس', 'العام
        الماضي', 'في 5 تشرين الأول الجاري') are anchored on. A datetime is cut
        to its date. With None, relative expressions are skipped and absolute
        ones ('8/10/2022', 'كانون الثاني 2020', 'عام 2019') still returned.

    Returns
    -------
    list of DateExpr
        Sorted by start. Where rules compete for the same words the longest
        reading wins.

    Raises
    ------
    TypeError
        If ``text`` is not a str, or ``anchor`` not a date or None.

    Examples
    --------
    >>> anchor = datetime.date(2022, 10, 8)
    >>> [(e.text, e.iso, e.precision) for e in find_dates(
    ...     "قتل شخص يوم الخميس الماضي 6 تشرين الأول/أكتوبر، وذلك قبل عامين", anchor)]
    [('يوم الخميس الماضي 6 تشرين الأول/أكتوبر', '2022-10-06', 'day'), ('قبل عامين', '2020', 'year')]
    >>> [e.iso for e in find_dates("في عام 2020 وأمس", None)]
    ['2020']
    """
    text = _check_text(text)
    given = _check_anchor(anchor)
    norm, where = _fold(text)
    chosen = _merge_weekday_dates(norm, _select(_candidates(norm, given or _DUMMY_ANCHOR)))
    out = []
    for c in chosen:
        if given is None and c.hit.relative:
            continue
        start, end = where[c.start], where[c.end]
        out.append(DateExpr(start, end, text[start:end], *c.hit))
    return out


def parse_date(text: str, anchor: datetime.date | None = None) -> DateExpr | None:
    """The first temporal expression in ``text``, or None.

    Parameters
    ----------
    text : str
        A phrase or a sentence.
    anchor : datetime.date or None
        The publication date, for relative expressions; see :func:`find_dates`.

    Examples
    --------
    >>> e = parse_date("نهاية شهر كانون الثاني 2020")
    >>> (e.iso, e.precision, e.rule)
    ('2020-01', 'month', 'month_year:end')
    >>> parse_date("شباط الفائت", datetime.date(2021, 1, 18)).iso
    '2020-02'
    >>> parse_date("لا تاريخ هنا") is None
    True
    """
    found = find_dates(text, anchor)
    return found[0] if found else None


# --------------------------------------------------------------------------
# Publication stamps
# --------------------------------------------------------------------------

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


def _stamp_in_line(line: str) -> tuple[datetime.datetime | datetime.date, str] | None:
    exprs = [
        e for e in find_dates(line, None) if e.precision == "day" and e.first == e.last and not e.relative
    ]
    if not exprs:
        return None
    date = exprs[0]
    norm, where = _fold(line)
    after = next(i for i, w in enumerate(where) if w >= date.end)
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
    text = _check_text(text)
    lines = [line for line in text.splitlines() if line.strip()][:_STAMP_LINES]
    fallback = None
    for line in lines:
        found = _stamp_in_line(line)
        if found is None:
            continue
        if found[1] == "label" and not _PUBLISHED.search(_fold(line)[0]):
            fallback = fallback or found  # 'آخر تحديث': keep looking for 'نشر'
            continue
        return found
    return fallback
