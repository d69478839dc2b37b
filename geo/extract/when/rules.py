"""The date rules: each a pattern over folded text and a handler that gives the period meant.

Why a module: every way Arabic news writes a date (numbers, day and month, a month, a
year, weekdays, 'أمس', 'قبل عامين', 'الأسبوع الماضي' ...) is one rule here, in the
order that breaks ties between equally long readings (earlier wins). :mod:`.find`
runs them over a text and keeps the best; the conventions the handlers follow are
listed in :mod:`geo.extract.when`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from typing import NamedTuple

from .anchoring import (
    ONE_DAY,
    earliest_after,
    latest,
    month_span,
    shift_month,
    week_start,
    weekday_after,
    weekday_on_or_before,
    year_span,
)
from .expr import FUTURE_TOLERANCE_DAYS
from .names import AMBIGUOUS_MONTHS, GIVEN_NAMES, NUMBER_WORDS, ORDINALS, QUALIFIERS, UNIT_WORDS, WEEKDAYS
from .patterns import (
    BLANKS,
    DAY,
    DIGITS,
    MALFORMED_YEAR,
    MAYBE_BLANKS,
    MONTH,
    MONTH_GATE,
    MONTH_LOOKUP,
    NUMBER,
    ORDINAL,
    ORDINAL_STEMS,
    QUAL,
    REL,
    TAIL,
    TOD,
    TODAY,
    UNITS,
    WEEKDAY_STEMS,
    YEAR_WORD,
    YESTERDAY_STEMS,
    compile_guarded,
    month_number,
    rel_offset,
    weekday_group,
    year_group,
)
from .text import prev_word

__all__ = ["RULES", "Hit", "RuleContext"]

_W, _O = BLANKS, MAYBE_BLANKS


class RuleContext(NamedTuple):
    """What a handler may read besides its match: the folded text and the anchor; the
    original text and where each folded character came from (folding loses a hamza)."""

    norm: str
    anchor: datetime.date
    raw: str = ""
    where: Sequence[int] = ()


class Hit(NamedTuple):
    """The period a rule reads in its match, before it becomes a :class:`DateExpr`."""

    first: datetime.date
    last: datetime.date
    precision: str
    relative: bool
    rule: str


_Handler = Callable[[re.Match[str], RuleContext], Hit | None]
#: A keyword gate: words of which the text must hold one, or a pattern it must match.
_Gate = tuple[str, ...] | re.Pattern[str]
_Needs = tuple[_Gate, ...]
#: (compiled pattern, handler, keyword gates) of every rule, in the order ties are broken.
RULES: list[tuple[re.Pattern[str], _Handler, _Needs]] = []


def _rule(pattern: str, *needs: _Gate) -> Callable[[_Handler], _Handler]:
    """Register a handler for a pattern; group 'e', when present, is the span.

    ``needs`` are keyword groups the (folded) text must hold one word of each
    (or patterns it must match: :data:`MONTH_GATE`) for the pattern to be worth
    scanning; they must be implied by the pattern.
    """

    def register(handler: _Handler) -> _Handler:
        RULES.append((compile_guarded(pattern), handler, needs))
        return handler

    return register


def _day(at: datetime.date, relative: bool, rule: str) -> Hit:
    return Hit(at, at, "day", relative, rule)


def _month(year: int, month: int, relative: bool, rule: str) -> Hit:
    return Hit(*month_span(year, month), "month", relative, rule)


def _year_hit(year: int, relative: bool, rule: str) -> Hit:
    return Hit(*year_span(year), "year", relative, rule)


def _qualified(rule: str, m: re.Match[str]) -> str:
    q = m.groupdict().get("q")
    return f"{rule}:{QUALIFIERS[q]}" if q else rule


_PREP_NOTES = {"منذ": "since", "قبل": "before", "بعد": "after", "حتي": "until"}


def _since(rule: str, m: re.Match[str], ctx: RuleContext) -> str:
    """Note 'منذ/قبل/بعد/حتى' before an absolute date in the rule: 'year:since'.

    The value stays the period named; the note tells an analyst it is a bound."""
    note = _PREP_NOTES.get(prev_word(ctx.norm, m.start()))
    return f"{rule}:{note}" if note else rule


# --- numeric -------------------------------------------------------------

_NUM_EDGE_L = r"(?<![0-9.,/\-])"
_NUM_EDGE_R = r"(?![0-9]|[./\-][0-9])"


@_rule(
    rf"{_NUM_EDGE_L}{year_group()}(?P<s>[./\-])(?P<m>[01]?[0-9])(?P=s)(?P<d>[0-3]?[0-9]){_NUM_EDGE_R}",
    DIGITS,
)
def _numeric_ymd(m: re.Match[str], ctx: RuleContext) -> Hit:
    at = datetime.date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _day(at, False, "numeric_ymd")


@_rule(
    rf"{_NUM_EDGE_L}(?P<d>[0-3]?[0-9])(?P<s>[./\-])(?P<m>[01]?[0-9])(?P=s)"
    rf"(?P<y>(?:1[89]|2[01])[0-9][0-9]){_NUM_EDGE_R}",
    DIGITS,
)
def _numeric_dmy(m: re.Match[str], ctx: RuleContext) -> Hit:
    """Day first, as Arabic news writes 8/10/2022."""
    at = datetime.date(int(m["y"]), int(m["m"]), int(m["d"]))
    return _day(at, False, "numeric_dmy")


#: Words before a day/month written in numbers ('بتاريخ 18/10', 'الأحد 13/8'): without one,
#: '18/10' may be a score.
_NUMERIC_DAY_CONTEXT = frozenset({"يوم", "بتاريخ", "تاريخ", "الموافق", "في", *WEEKDAYS})


@_rule(rf"{_NUM_EDGE_L}(?P<d>[0-3]?[0-9])(?P<s>[./\-])(?P<m>[01]?[0-9])(?![0-9]|[./\-][0-9])", DIGITS)
def _numeric_dm(m: re.Match[str], ctx: RuleContext) -> Hit | None:
    """'يوم 18/10', 'بتاريخ 18-10': day first, the year from the publication (as '18 تشرين
    الأول'). Only after a word that says a date follows."""
    if prev_word(ctx.norm, m.start()) not in _NUMERIC_DAY_CONTEXT:
        return None
    found = latest(int(m["m"]), int(m["d"]), ctx.anchor + datetime.timedelta(days=FUTURE_TOLERANCE_DAYS))
    return _day(found, True, "numeric_dm") if found else None


# --- day + month ---------------------------------------------------------


def _day_of(m: re.Match[str]) -> int:
    if m["d"] is not None:
        return int(m["d"])
    return ORDINALS[" ".join(m["od"].split())]


def _year_garbled(m: re.Match[str], ctx: RuleContext) -> bool:
    """A month followed by what tries to be a year and is not ('2O22', '202'): the year is
    unknown, so the date is not completed from the publication date."""
    return not m["y"] and MALFORMED_YEAR.match(ctx.norm, m.end()) is not None


def _resolve_day(
    month: int, day: int, m: re.Match[str], anchor: datetime.date
) -> tuple[datetime.date, bool, str] | None:
    """Year of a day-and-month from the tail (year, الجاري, الماضي...) or the anchor."""
    if m["y"]:
        return datetime.date(int(m["y"]), month, day), False, "day_month_year"
    if m["yrel"]:
        year = anchor.year + rel_offset(m["yrel"])
        return datetime.date(year, month, day), True, "day_month_rel_year"
    if m["ythis"]:
        return datetime.date(anchor.year, month, day), True, "day_month_this_year"
    if m["mrel"]:
        k = rel_offset(m["mrel"])
        if k == 0:
            return datetime.date(anchor.year, month, day), True, "day_month_current"
        if k < 0:
            found = latest(month, day, anchor - ONE_DAY)
            return (found, True, "day_month_past") if found else None
        found = earliest_after(month, day, anchor)
        return (found, True, "day_month_next") if found else None
    limit = anchor + datetime.timedelta(days=FUTURE_TOLERANCE_DAYS)
    found = latest(month, day, limit)
    return (found, True, "day_month") if found else None


@_rule(rf"{DAY}{_O}(?:\({_O})?(?:من{_W})?(?:(?:ال)?شهر{_W})?{MONTH}{TAIL}", (*DIGITS, *ORDINAL_STEMS),
       MONTH_GATE)
def _day_month(m: re.Match[str], ctx: RuleContext) -> Hit | None:
    """'5 تشرين الأول', 'الخامس من شهر أيار 2020', 'الـ 10 من الشهر تموز' (a needless article),
    '27( كانون الأول الجاري)' (a slipped bracket)."""
    if _year_garbled(m, ctx):
        return None
    resolved = _resolve_day(month_number(m["mon"]), _day_of(m), m, ctx.anchor)
    if resolved is None:
        return None
    return _day(*resolved)


@_rule(
    rf"(?:(?P<kw>بين|من){_W})?(?<![0-9.,/:\-])(?P<d1>[0-3]?[0-9]){_O}"
    rf"(?P<sep>-|الي|حتي|و){_O}(?:ال{_O})?(?P<d>[0-3]?[0-9])(?![0-9])"
    rf"{_O}(?:من{_W})?(?:(?:ال)?شهر{_W})?{MONTH}{TAIL}",
    DIGITS,
    MONTH_GATE,
)
def _day_range(m: re.Match[str], ctx: RuleContext) -> Hit | None:
    """'بين 5 و8 تشرين الأول', '5-8 تشرين الأول': a range of days in one month.

    '6 و7 تشرين الأول' lists two days; it is given as the range covering both
    (rule 'day_list...') rather than losing the first."""
    if _year_garbled(m, ctx):
        return None
    listed = m["sep"] == "و" and m["kw"] != "بين"
    resolved = _resolve_day(month_number(m["mon"]), int(m["d"]), m, ctx.anchor)
    if resolved is None:
        return None
    last, relative, rule = resolved
    first = last.replace(day=int(m["d1"]))
    if first >= last:
        return None
    kind = "day_list" if listed else "day_range"
    return Hit(first, last, "day", relative, rule.replace("day_month", kind))


@_rule(
    rf"(?<![0-9.,/:\-])(?P<d1>[0-3]?[0-9]){_O}/{_O}(?P<d>[0-3]?[0-9])(?![0-9])"
    rf"{_O}(?:من{_W})?(?:(?:ال)?شهر{_W})?{MONTH}{TAIL}",
    DIGITS,
    MONTH_GATE,
    ("/",),
)
def _night_pair(m: re.Match[str], ctx: RuleContext) -> Hit | None:
    """'29/30 تشرين الأول 2023': a night written as its two days (rule 'night_pair', dated
    to the morning it ended); only two consecutive days of one month."""
    if _year_garbled(m, ctx) or int(m["d"]) != int(m["d1"]) + 1:
        return None
    resolved = _resolve_day(month_number(m["mon"]), int(m["d"]), m, ctx.anchor)
    if resolved is None:
        return None
    last, relative, rule = resolved
    return Hit(last - ONE_DAY, last, "day", relative, rule.replace("day_month", "night_pair"))


@_rule(
    rf"{DAY}{_O}(?:من{_W})?(?:(?:الشهر|شهر){_W}(?P<rel>{REL})|(?P<this>هذا{_W}الشهر))",
    ("شهر",),
)
def _day_of_rel_month(m: re.Match[str], ctx: RuleContext) -> Hit:
    """'في 5 من الشهر الجاري', 'الخامس من الشهر الماضي'."""
    k = rel_offset(m["rel"]) if m["rel"] else 0
    year, month = shift_month(ctx.anchor.year, ctx.anchor.month, k)
    return _day(datetime.date(year, month, _day_of(m)), True, "day_of_month_rel")


#: Words before 'في 13 الجاري' that say a day follows (a count would be 'خلال 13 يوماً').
_DAY_OF_CURRENT_CONTEXT = frozenset({"في", "يوم", "بتاريخ", "منذ", "حتي", "الموافق", "صباح", "مساء",
                                     "ليل", "ليله", "فجر", "ظهر", "عصر", *WEEKDAYS})


@_rule(
    rf"(?:ال{_O})?(?<![0-9.,/:\-])(?P<d>[0-3]?[0-9])(?![0-9]){_O}(?:من{_W})?(?P<rel>الجاري|الحالي)(?!\w)",
    DIGITS,
    ("الجاري", "الحالي"),
)
def _day_of_current(m: re.Match[str], ctx: RuleContext) -> Hit | None:
    """'في 13 الجاري', 'يوم الأحد 13 من الجاري': the day of the publication's month, the
    month left out as Syrian and Lebanese outlets write it. Only after a word that says a
    day follows."""
    if prev_word(ctx.norm, m.start()) not in _DAY_OF_CURRENT_CONTEXT:
        return None
    return _day(datetime.date(ctx.anchor.year, ctx.anchor.month, int(m["d"])), True, "day_of_month_rel")


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
    first = MONTH_LOOKUP.match(mon)
    if first is not None and first.end() < len(mon):
        return True  # a pair
    prev = prev_word(norm, m.start())
    if mon in AMBIGUOUS_MONTHS:
        return prev in _STRONG_MONTH_CONTEXT
    return prev in _MONTH_CONTEXT


@_rule(rf"(?:{QUAL}{_W}(?:من{_W})?)?(?:(?P<sh>شهر){_W})?{MONTH}{TAIL}", MONTH_GATE)
def _month_rule(m: re.Match[str], ctx: RuleContext) -> Hit | None:
    month, anchor = month_number(m["mon"]), ctx.anchor
    if not _month_in_context(m, ctx.norm) or _year_garbled(m, ctx):
        return None
    if m["y"]:
        return _month(int(m["y"]), month, False, _since(_qualified("month_year", m), m, ctx))
    if m["yrel"] or m["ythis"]:
        year = anchor.year + (rel_offset(m["yrel"]) if m["yrel"] else 0)
        return _month(year, month, True, _qualified("month_rel_year", m))
    if m["mrel"]:
        k = rel_offset(m["mrel"])
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


@_rule(rf"(?:{QUAL}{_W}(?:من{_W})?)?{YEAR_WORD}{_O}{year_group()}", ("عام", "سنه"), DIGITS)
def _year_rule(m: re.Match[str], ctx: RuleContext) -> Hit:
    """'عام 2019', 'العام 2015', 'سنة 2020', 'نهاية عام 2019'."""
    return _year_hit(int(m["y"]), False, _since(_qualified("year", m), m, ctx))


@_rule(rf"{QUAL}{_W}{year_group()}", tuple(QUALIFIERS), DIGITS)
def _qualified_bare_year(m: re.Match[str], ctx: RuleContext) -> Hit:
    """'مطلع 2020'."""
    return _year_hit(int(m["y"]), False, _qualified("year", m))


_COUNTED = "(?:" + UNITS + r"|شخص|اشخاص|جندي|عنصر|مقاتل|قتيل|مدني|عائله|كم|كيلو|متر|دولار)(?!\w)"


@_rule(rf"(?P<p>في|منذ|خلال|حتي|قبل|بعد){_W}(?P<e>{year_group()})(?!{_O}{_COUNTED})", DIGITS)
def _prep_bare_year(m: re.Match[str], ctx: RuleContext) -> Hit:
    """'في 2020', 'منذ 2014': a bare number is a year only after a preposition."""
    note = _PREP_NOTES.get(m["p"])
    return _year_hit(int(m["y"]), False, f"year:{note}" if note else "year")


@_rule(
    rf"(?:(?P<kw>بين{_W}(?:عامي|العامين|سنتي|السنتين|{YEAR_WORD})?|من{_W}(?:{YEAR_WORD})?"
    rf"|عامي|العامين|سنتي|السنتين){_O})?{year_group('y1')}{_O}"
    rf"(?P<sep>[-/]|و|الي|حتي){_O}(?:{YEAR_WORD}{_O})?{year_group('y2')}",
    DIGITS,
)
def _year_range(m: re.Match[str], ctx: RuleContext) -> Hit | None:
    """'بين عامي 2018 و2019', 'من 2018 إلى 2020', '2018-2020'."""
    y1, y2 = int(m["y1"]), int(m["y2"])
    if not y1 < y2 <= y1 + 100:
        return None
    if m["sep"] == "و" and not m["kw"]:
        return None
    if m["sep"] in {"الي", "حتي"} and not m["kw"]:
        return None
    return Hit(year_span(y1)[0], year_span(y2)[1], "year", False, "year_range")


# --- weekdays ------------------------------------------------------------


#: The two weekdays of a night are joined by '-', '/', 'على', 'إلى', 'و' or nothing.
_NIGHT_JOIN = rf"(?:{_O}[-/،,]{_O}|{_W}(?:علي|الي){_W}|{_W}|{_O}و)(?:و)?"
#: A morning word before the second day: 'مساء الثلاثاء وصباح الأربعاء'.
_MORNING = r"(?:صباح|فجر)"
#: The two days of a night may stand in quotes: 'ليلة “الأحد – الاثنين”' (the match ends at
#: the second day, its closing quote left out like any after it: 'ليلة السبت الأحد"، مضيفاً').
_QUOTE = r"[\"“”«»]?"


@_rule(
    rf"(?:منتصف{_W})?(?P<t1>ليل|ليله|ليلتي|فجر|مساء){_W}(?:(?:امس|الامس|البارحه){_O}[،,]?{_O})?"
    rf"{_QUOTE}{weekday_group('w1')}{_NIGHT_JOIN}(?:(?P<t2>{_MORNING}){_W}(?:يوم{_W})?)?{weekday_group('w2')}"
    rf"(?:{_W}(?P<rel>{REL}))?",
    ("ليل", "فجر", "مساء"),
    WEEKDAY_STEMS,
)
def _night(m: re.Match[str], ctx: RuleContext) -> Hit | None:
    """'ليل الأربعاء - الخميس', 'ليلة أمس الأحد/الاثنين', 'مساء الثلاثاء وصباح الأربعاء',
    'ليل الثلاثاء وفجر الأربعاء': the latest such night (an evening needs the morning
    after it named: 'مساء الثلاثاء الأربعاء' is not a night)."""
    w1, w2 = WEEKDAYS[m["w1"]], WEEKDAYS[m["w2"]]
    if w2 != (w1 + 1) % 7 or (m["t1"] == "مساء" and not m["t2"]):
        return None
    limit = ctx.anchor - ONE_DAY if m["rel"] and rel_offset(m["rel"]) < 0 else ctx.anchor
    last = weekday_on_or_before(limit, w2)
    return Hit(last - ONE_DAY, last, "day", True, "night_range")


#: An evening hour told before a night ('قرابة الساعة العاشرة من ليل أمس', 'في الساعة 22 من
#: ليل أمس'): before midnight, so on the night's first day.
_EVENING_HOUR = (rf"(?:(?:الساعه|ساعه){_W})?(?P<eve>السابعه|الثامنه|التاسعه|العاشره|الحاديه{_W}عشر(?:ه)?"
                 rf"|(?:[7-9]|1[01]|19|2[0-3])(?::[0-5]\d)?){_W}(?:و\S+{_W})?من{_W}")


@_rule(
    rf"(?:{_EVENING_HOUR})?(?:(?P<mid>منتصف){_W})?(?:(?:ليل|ليله){_W}(?:امس|الامس|البارحه)"
    rf"|الليله{_W}(?:الماضيه|الفائته|المنصرمه))(?!\w)(?!{_O}[،,]?{_O}(?:{'|'.join(WEEKDAY_STEMS)}))",
    ("ليل",),
)
def _last_night(m: re.Match[str], ctx: RuleContext) -> Hit:
    """'ليلة أمس', 'ليل البارحة', 'الليلة الماضية': the night from the day before the
    anchor into the anchor (rule 'night_last', dated to its end by the extractor);
    'منتصف الليلة الماضية' is the midnight that opened the anchor's day. An evening hour
    before it ('الساعة العاشرة من ليل أمس') is before midnight: the day before the anchor."""
    if m["mid"]:
        return _day(ctx.anchor, True, "midnight_last")
    if m["eve"]:
        return _day(ctx.anchor - ONE_DAY, True, "night_last_evening")
    return Hit(ctx.anchor - ONE_DAY, ctx.anchor, "day", True, "night_last")


@_rule(rf"(?:(?:ليل|ليله){_W}(?:اول|أول){_W}(?:امس|البارحه)|الليله{_W}قبل{_W}(?:الماضيه|الفائته))"
       rf"(?!\w)(?!{_O}[،,]?{_O}(?:{'|'.join(WEEKDAY_STEMS)}))",
       ("ليل",))
def _night_before_last(m: re.Match[str], ctx: RuleContext) -> Hit:
    """'الليلة قبل الماضية', 'ليلة أول أمس': the night before last, from two days before
    the anchor into the day before it (rule 'night_before_last', dated to its end)."""
    return Hit(ctx.anchor - 2 * ONE_DAY, ctx.anchor - ONE_DAY, "day", True, "night_before_last")


@_rule(rf"منتصف{_W}(?P<n>ليل|ليله){_W}{weekday_group('w')}(?!{_NIGHT_JOIN}(?:{_MORNING}{_W})?"
       rf"(?:{'|'.join(WEEKDAY_STEMS)}))", ("منتصف",), WEEKDAY_STEMS)
def _weekday_midnight(m: re.Match[str], ctx: RuleContext) -> Hit:
    """'منتصف ليل الثلاثاء': the midnight closing Tuesday, the night Tuesday..Wednesday
    (rule 'night_midnight', dated to its end: 'بعد منتصف ليل الثلاثاء' is Wednesday).
    'منتصف ليلة السبت' is the midnight of Saturday's eve, as Arabic names a night by the
    day it leads into ('ليلة الجمعة' is Thursday night): the night Friday..Saturday.
    A comma after it ('بعد منتصف ليل الثلاثاء، لكن') is not a night of two weekdays."""
    weekday = WEEKDAYS[m["w"]]
    last = weekday_on_or_before(ctx.anchor, weekday if m["n"] == "ليله" else (weekday + 1) % 7)
    return Hit(last - ONE_DAY, last, "day", True, "night_midnight")


@_rule(rf"(?:{TOD}{_W})?اليوم{_O}[،,]?{_O}{weekday_group('w')}", ("اليوم",), WEEKDAY_STEMS)
def _today_weekday(m: re.Match[str], ctx: RuleContext) -> Hit:
    """'اليوم الإثنين': the anchor, or else the latest Monday before it (it cannot be later)."""
    return _day_named_twice(ctx.anchor, WEEKDAYS[m["w"]], "today_weekday", slack=6)


#: How many days before the day meant a weekday named with اليوم/أمس may fall
#: and still win (the article was stamped a day or two after it was written).
_WEEKDAY_SLACK_DAYS = 2


def _day_named_twice(
    meant: datetime.date, weekday: int, rule: str, *, slack: int = _WEEKDAY_SLACK_DAYS
) -> Hit:
    """'أمس الخميس' names a day twice. When the weekday is at most ``slack`` days
    before the day meant (an article stamped late), the weekday wins; further off
    it is more likely a slip, and the day meant stays (rule ':mismatch')."""
    if meant.weekday() == weekday:
        return _day(meant, True, rule)
    named = weekday_on_or_before(meant, weekday)
    if (meant - named).days <= slack:
        return _day(named, True, f"{rule}:weekday_wins")
    return _day(meant, True, f"{rule}:mismatch")


@_rule(
    rf"(?:{TOD}{_W})?(?:امس|الامس|البارحه){_O}[،,]?{_O}{weekday_group('w')}",
    YESTERDAY_STEMS,
    WEEKDAY_STEMS,
)
def _yesterday_weekday(m: re.Match[str], ctx: RuleContext) -> Hit:
    """'أمس الخميس': the day before the anchor; see :func:`_day_named_twice`."""
    return _day_named_twice(ctx.anchor - ONE_DAY, WEEKDAYS[m["w"]], "yesterday_weekday")


@_rule(rf"(?:غدا|يوم{_W}(?:ال)?غد){_O}[،,]?{_O}{weekday_group('w')}", ("غد",), WEEKDAY_STEMS)
def _tomorrow_weekday(m: re.Match[str], ctx: RuleContext) -> Hit:
    """'غداً الأحد': the day after the anchor ('غدا' alone is also the verb 'became')."""
    tomorrow, weekday = ctx.anchor + ONE_DAY, WEEKDAYS[m["w"]]
    if tomorrow.weekday() == weekday:
        return _day(tomorrow, True, "tomorrow_weekday")
    return _day(weekday_after(ctx.anchor, weekday), True, "tomorrow_weekday:weekday_wins")


@_rule(rf"(?:{TOD}{_W})?{weekday_group('w')}{_W}(?:(?P<rel>{REL})|(?P<bpast>(?:ما{_W})?قبل{_W}الماضيه?(?!\w)))",
       WEEKDAY_STEMS)
def _weekday_rel(m: re.Match[str], ctx: RuleContext) -> Hit:
    """'الخميس الماضي' (strictly before), 'الأحد المقبل' (strictly after), 'الأحد قبل
    الماضي' (the one before the last)."""
    if m["bpast"]:
        last = weekday_on_or_before(ctx.anchor - ONE_DAY, WEEKDAYS[m["w"]])
        return _day(last - datetime.timedelta(weeks=1), True, "weekday_before_last")
    weekday, k = WEEKDAYS[m["w"]], rel_offset(m["rel"])
    if k < 0:
        return _day(weekday_on_or_before(ctx.anchor - ONE_DAY, weekday), True, "weekday_past")
    if k > 0:
        return _day(weekday_after(ctx.anchor, weekday), True, "weekday_next")
    return _day(weekday_on_or_before(ctx.anchor, weekday), True, "weekday")


@_rule(rf"(?:(?P<tod>{TOD}){_W})?{weekday_group('w')}", WEEKDAY_STEMS)
def _weekday(m: re.Match[str], ctx: RuleContext) -> Hit | None:
    """'يوم الخميس', 'الخميس': the latest such weekday on or before the anchor.

    'الاثنين' is also 'the two': alone it is only taken between commas
    ('، الاثنين،') or before a date, or closing a clause in a report of the two days after a
    Monday ('وجرح آخرون الاثنين،'). A weekday alone right after a given name ('ياسر الخميس',
    'محمد الجمعة') or alone in quotes ('"الخميس"') is a family name.
    """
    weekday = WEEKDAYS[m["w"]]
    if not m["tod"] and _family_name(m, ctx.norm):
        return None
    if weekday == 0 and not m["tod"] and not _hamza_monday(m, ctx):
        before = ctx.norm[max(0, m.start() - 3) : m.start()].rstrip()[-1:]
        after = ctx.norm[m.end() : m.end() + 3].lstrip()[:1]
        if not (before in {"،", ",", "("} and after in {"،", ",", ".", ")"}) and not (after.isdigit()) \
                and not (after in {"،", ","} and _monday_just_past(ctx.anchor)):
            return None
    return _day(weekday_on_or_before(ctx.anchor, weekday), True, "weekday")


#: Quotation marks: a weekday alone between two is a name, not a day.
_QUOTES = frozenset('"«»“”\'')


def _family_name(m: re.Match[str], norm: str) -> bool:
    """Whether the weekday of ``m`` is a family name: after a given name, or quoted alone."""
    before = norm[max(0, m.start() - 24) : m.start()].split()
    if before and (before[-1] in GIVEN_NAMES or " ".join(before[-2:]) in GIVEN_NAMES):
        return True
    return norm[m.start() - 1 : m.start()] in _QUOTES and norm[m.end() : m.end() + 1] in _QUOTES


def _monday_just_past(anchor: datetime.date) -> bool:
    """Is the anchor a Monday or one of the two days after? Then 'وجرح آخرون الاثنين،' (a
    clause closed on it) is that Monday, as a reader of a Tuesday's report takes it."""
    return anchor.weekday() <= 2


def _hamza_monday(m: re.Match[str], ctx: RuleContext) -> bool:
    """'الإثنين' written with a hamza is the weekday; 'اتفق الاثنين' (the two) is written without."""
    if not ctx.where:
        return False
    at = ctx.where[m.start("w")]
    return ctx.raw[at : at + 3] == "الإ"


# --- days around the anchor ----------------------------------------------

#: Words before 'اليوم' that make it a day already told, not the report's: 'ذلك اليوم', 'في نفس
#: اليوم', and all of a day ('وتواصل القصف طوال اليوم', 'طيلة اليوم', 'على مدار اليوم': the
#: day the sentence before gave, or the report's when none was given).
_NOT_TODAY_BEFORE = frozenset({"ذلك", "تلك", "نفس", "ذات", "مثل", "طوال", "طيله", "مدار"})
#: Outlets named '<country> اليوم' ('تلفزيون «سوريا اليوم»', 'قناة روسيا اليوم'): a name, when an
#: outlet's word stands before it or quotes hold it.
_OUTLET_TODAY = frozenset({"سوريا", "سوريه", "روسيا", "المصري", "العراق", "تركيا", "لبنان", "مصر",
                           "الخليج", "فلسطين", "الاردن", "الجزائر", "اليمن", "كردستان"})
_OUTLET_WORDS = frozenset({"تلفزيون", "قناه", "موقع", "صحيفه", "شبكه", "وكاله", "اذاعه", "لتلفزيون",
                           "لقناه", "لموقع", "لصحيفه", "لشبكه", "لوكاله", "لاذاعه"})


@_rule(rf"(?:{TOD}{_W})?(?:اليوم|يومنا{_W}هذا)(?!\w)", ("اليوم", "يومنا"))
def _today(m: re.Match[str], ctx: RuleContext) -> Hit | None:
    """'اليوم', 'صباح اليوم', 'يومنا هذا' -- not 'اليوم التالي', 'ذلك اليوم'."""
    if re.match(rf"{_W}ال", ctx.norm[m.end() : m.end() + 8]):
        return None  # اليوم التالي / الأول / العالمي ... (a weekday is its own rule)
    before = ctx.norm[max(0, m.start() - 20) : m.start()].split()
    if before[-1:] and (before[-1] in _NOT_TODAY_BEFORE or before[-2:] == ["مثل", "هذا"]):
        return None  # ذلك اليوم, في نفس اليوم, في مثل هذا اليوم
    if before[-1:] and before[-1].strip("«\"“'") in _OUTLET_TODAY and (
            before[-1][:1] in "«\"“'" or before[-2:-1] and before[-2] in _OUTLET_WORDS):
        return None  # تلفزيون «سوريا اليوم», قناة روسيا اليوم: an outlet's name
    return _day(ctx.anchor, True, "today")


@_rule(TODAY + r"(?!\w)", ("ساع",))
def _last_hours(m: re.Match[str], ctx: RuleContext) -> Hit:
    """'خلال الساعات الماضية', 'خلال الـ24 ساعة الأخيرة': the report's own day, the anchor
    (the hours may reach into the day before; the day of the report is the day told)."""
    return _day(ctx.anchor, True, "last_hours")


@_rule(rf"لليوم{_W}(?:{ORDINAL}|ال{_O}[0-9][0-9]?)(?!\w)(?:{_W}علي{_W}التوالي)?", ("لليوم",))
def _running_day(m: re.Match[str], ctx: RuleContext) -> Hit:
    """'تتواصل الاشتباكات لليوم الثالث على التوالي': it goes on today, the anchor
    (the day it began is another event's, not given here)."""
    return _day(ctx.anchor, True, "running_day")


@_rule(rf"(?<!\w)يوم(?:ها|ه|هم){_W}(?:{ORDINAL}|ال{_O}[0-9][0-9]?)(?!\w)", ("يوم",))
def _its_nth_day(m: re.Match[str], ctx: RuleContext) -> Hit:
    """'ومع دخول الحملة يومها الرابع', 'المعارك في يومها الثالث': it goes on today, the anchor,
    as 'لليوم الرابع على التوالي' (rule 'running_day')."""
    return _day(ctx.anchor, True, "running_day")


@_rule(rf"(?:{TOD}{_W})?(?:امس|الامس|البارحه)(?!\w)(?!{_W}الاول)", YESTERDAY_STEMS)
def _yesterday(m: re.Match[str], ctx: RuleContext) -> Hit:
    return _day(ctx.anchor - ONE_DAY, True, "yesterday")


@_rule(
    rf"(?:{TOD}{_W})?(?:اول{_W}(?:من{_W})?امس|امس{_W}الاول|قبل{_W}امس|اول{_W}البارحه)(?!\w)",
    YESTERDAY_STEMS,
)
def _day_before_yesterday(m: re.Match[str], ctx: RuleContext) -> Hit:
    return _day(ctx.anchor - 2 * ONE_DAY, True, "day_before_yesterday")


@_rule(rf"(?:(?:يوم|صباح|مساء|ليل|ليله|فجر|ظهر|عصر){_W}(?:ال)?غد|(?P<after>بعد){_W}غد)(?!\w)", ("غد",))
def _tomorrow(m: re.Match[str], ctx: RuleContext) -> Hit:
    """'يوم غد', 'بعد غد' (bare 'غدا' is also the verb 'became': not taken)."""
    if m["after"]:
        return _day(ctx.anchor + 2 * ONE_DAY, True, "day_after_tomorrow")
    return _day(ctx.anchor + ONE_DAY, True, "tomorrow")


@_rule(
    rf"(?:قبل|منذ){_W}(?:(?P<about>نحو|حوالي|قرابه|زهاء){_W})?"
    rf"(?:(?P<n>[0-9][0-9]?[0-9]?(?![0-9])|(?:{NUMBER})(?!\w)){_O})?"
    rf"(?P<u>{UNITS})(?!\w)(?:{_W}واحده?(?!\w))?"
    rf"(?!{_O}[0-9])(?!{_W}من{_W}(?!الان|اليوم|داخل|خارج|قبل|جهه|جانب|طرف))",
    ("قبل", "منذ"),
)
def _ago(m: re.Match[str], ctx: RuleContext) -> Hit | None:
    """'قبل يومين', 'قبل 3 أيام', 'منذ أسبوعين', 'قبل عامين' -- not 'قبل يومين من الهجوم' (but
    'قبل يومين من داخل حدوده', 'من قبل مجهولين': where from, or by whom). 'قبل نحو أسبوعين',
    'منذ حوالي 4 أيام': about so long ago gives its month, not a day the text does not give."""
    unit, implied = UNIT_WORDS[m["u"]]
    if m["n"]:
        count = int(m["n"]) if m["n"].isdigit() else NUMBER_WORDS[m["n"]]
    elif implied is None:
        return None  # 'قبل أيام', 'منذ سنوات': too vague to date
    else:
        count = implied
    anchor = ctx.anchor
    if m["about"] and unit in ("day", "week"):
        at = anchor - datetime.timedelta(days=count if unit == "day" else 7 * count)
        return _month(at.year, at.month, True, f"about_{unit}s_ago")
    if unit == "day":
        return _day(anchor - datetime.timedelta(days=count), True, "days_ago")
    if unit == "week":
        return _day(anchor - datetime.timedelta(weeks=count), True, "weeks_ago")
    if unit == "month":
        return _month(*shift_month(anchor.year, anchor.month, -count), True, "months_ago")
    return _year_hit(anchor.year - count, True, "years_ago")


@_rule(
    rf"(?:(?P<earlier>وقت{_W}سابق{_W}من){_W})?(?:{QUAL}{_W}(?:من{_W})?)?"
    rf"(?:(?P<unit>الاسبوع|الشهر|العام|السنه){_W}(?:(?P<rel>{REL})|(?P<bpast>قبل{_W}الماضيه?(?!\w)))"
    rf"|(?P<this>هذا{_W}(?:الاسبوع|الشهر|العام)|هذه{_W}السنه)(?!\w))",
    ("الاسبوع", "الشهر", "العام", "السنه"),
)
def _period(m: re.Match[str], ctx: RuleContext) -> Hit:
    """'الأسبوع الماضي', 'الشهر الجاري', 'العام الفائت', 'هذا العام', 'العام قبل الماضي'."""
    unit = m["unit"] or m["this"].split()[-1]
    k = -2 if m["bpast"] else (rel_offset(m["rel"]) if m["rel"] else 0)
    name = {-2: "before_last", -1: "last", 0: "this", 1: "next"}[k]
    anchor = ctx.anchor
    if unit == "الاسبوع":
        start = week_start(anchor) + datetime.timedelta(weeks=k)
        end = min(start + 6 * ONE_DAY, anchor) if k == 0 else start + 6 * ONE_DAY
        hit = Hit(start, end, "day", True, f"{name}_week")
    elif unit == "الشهر":
        hit = _month(*shift_month(anchor.year, anchor.month, k), True, f"{name}_month")
    else:
        hit = _year_hit(anchor.year + k, True, f"{name}_year")
    rule = hit.rule
    if m["earlier"]:
        rule = f"earlier_{rule}"
    return hit._replace(rule=_qualified(rule, m))
