"""Regular-expression pieces the date rules are written with, built from the calendar words.

Why apart from the rules: a month, a year, a day of the month, a weekday, a relative
word are each one fragment used by many rules; building them once from
:mod:`.names` (longest words first, so 'الثلاثاء' wins over 'الثلاثا') keeps the rules
short. Also here: the keyword gates that let a rule skip a text, and compiling a
rule with a first-character guard (a speed-up with the same results).

>>> import re
>>> month_number(re.match(MONTH, "تشرين الاول/اكتوبر")["mon"])  # on folded text
10
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .names import (
    MONTH_NAMES,
    NUMBER_WORDS,
    ORDINALS,
    QUALIFIERS,
    REL_CUR,
    REL_NEXT,
    REL_PAST,
    TODAY_PHRASES,
    UNIT_WORDS,
    WEEKDAYS,
)

try:  # the regex parser, only to list the first characters of a pattern (a speed-up)
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re._parser import parse as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - another Python: no guard, same results
    _sre = None  # type: ignore[assignment]
    _sre_parse = None  # type: ignore[assignment]

__all__ = [
    "BLANKS", "DAY", "DIGITS", "MALFORMED_YEAR", "MAYBE_BLANKS", "MONTH", "MONTH_GATE", "MONTH_LOOKUP",
    "MONTH_WORDS",
    "NUMBER",
    "ORDINAL", "ORDINAL_STEMS", "TODAY",
    "QUAL", "REL", "TAIL", "TOD", "UNITS", "WEEKDAY_STEMS", "YEAR_WORD", "YESTERDAY_STEMS",
    "compile_guarded", "keeps_to_its_line", "month_number", "rel_offset", "top_level_alternatives",
    "weekday_group",
    "year_group",
]

#: Some blanks, not a line break.
BLANKS = r"[^\S\n]+"
#: Perhaps some blanks, not a line break.
MAYBE_BLANKS = r"[^\S\n]*"
_W, _O = BLANKS, MAYBE_BLANKS


def _month_fragment() -> str:
    """One month, alone or paired with its other name: 'تشرين الأول / أكتوبر'.

    Pairs are only built from names of the same month, so 'أيار، حزيران' stays
    two expressions.
    """
    alts = []
    for names in MONTH_NAMES.values():
        n = rf"(?:{names})(?!\w)"
        pair = (
            rf"{_O}[/\\|،,\-]{_O}{n}"
            rf"|{_O}(?:[/\\|،,\-]{_O})?\({_O}{n}{_O}\)"
            rf"|{_W}{n}"
        )
        alts.append(rf"{n}(?:{pair})?")
    return "(?P<mon>" + "|".join(alts) + ")"


#: A month (group 'mon'), alone or with its other name.
MONTH = _month_fragment()
#: Which month a name is: group 'm10' for October.
MONTH_LOOKUP = re.compile("|".join(rf"(?P<m{k}>{names})(?!\w)" for k, names in MONTH_NAMES.items()))

#: A relative word ('الماضي', 'الجاري', 'المقبل' ...), perhaps with a feminine ending.
REL = "(?:" + "|".join((*REL_PAST, *REL_CUR, *REL_NEXT)) + r")ه?(?!\w)"
#: A qualifier ('نهاية', 'مطلع' ...), group 'q'.
QUAL = "(?P<q>" + "|".join(sorted(QUALIFIERS, key=len, reverse=True)) + r")(?!\w)"


def year_group(name: str = "y") -> str:
    """A Gregorian year 1800-2199; not a Hijri one ('1441 هـ'); 'م' suffix kept.

    A year is a whole token: '2022a' or '20222' is not one (see :data:`MALFORMED_YEAR`)."""
    return rf"(?P<{name}>(?:1[89]|2[01])[0-9][0-9])(?!{_O}ه(?!\w))(?:م(?!\w)|(?!\w))"


#: 'عام', 'العام', 'سنة', 'السنة'.
YEAR_WORD = r"(?:عام|العام|سنه|السنه)"

#: Where a year is written after a month but is not one: a letter among its digits
#: ('2O22', '20l2'), a year with letters glued on ('2022a'), three digits ('202', a year
#: cut short) or five and more ('20222'). A date with such a tail has no known year:
#: it is not completed from the publication date (issue 10: what is not a year is not
#: read as one). Matched right after a month, on the folded text.
MALFORMED_YEAR = re.compile(
    rf"{_O}[،,]?{_O}(?:من{_W})?(?:{YEAR_WORD}{_O})?[.…]*"
    rf"(?:[0-9]+[A-Za-z][0-9A-Za-z]*|[0-9]{{4}}[A-Za-z\u0621-\u064a]+|[0-9]{{5,}}"
    rf"|[12][0-9]{{2}}(?![0-9])(?!{_O}[^\W0-9]))(?![0-9])"
)
#: After a month: a year, 'من العام الماضي', 'من هذا العام', or الجاري/الماضي.
TAIL = (
    rf"(?:{_O}[،,]?{_O}(?:من{_W})?(?:{YEAR_WORD}{_O})?{year_group()}"
    rf"|{_W}(?:من{_W})?(?:(?:العام|السنه){_W}(?P<yrel>{REL})|(?P<ythis>هذا{_W}العام|هذه{_W}السنه))"
    rf"|{_W}(?P<mrel>{REL}))?"
)

_ORDINAL = "|".join(k.replace(" ", _W) for k in sorted(ORDINALS, key=len, reverse=True))
#: An ordinal word ('الثالث', 'الخامس عشر'), longest first.
ORDINAL = f"(?:{_ORDINAL})"
#: First words of the ordinals (a keyword gate).
ORDINAL_STEMS = tuple(sorted({k.split()[0] for k in ORDINALS} | {"العشرين", "الثلاثين"}))
#: A day of the month: digits ('8', 'الـ8', group 'd') or an ordinal followed by 'من' (group 'od').
DAY = (
    rf"(?:(?P<od>{_ORDINAL})(?=(?!\w){_W}من{_W})"
    rf"|(?:ال{_O})?(?<![0-9.,/:\-])(?P<d>[0-3]?[0-9])(?![0-9]))"
)


def weekday_group(name: str) -> str:
    """A weekday name as group ``name``."""
    return rf"(?P<{name}>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")(?!\w)"


#: A time of day before a day: 'صباح', 'مساء', 'ليل', 'منتصف ليل' ...
TOD = rf"(?:منتصف{_W}ليل|منتصف{_W}ليله|يوم|نهار|صباح|مساء|ليل|ليله|فجر|ظهر|ظهيره|عصر|ضحي)"
#: The last hours before the publication ('خلال الساعات الماضية'), from the calendar's today table.
TODAY = f"(?:{TODAY_PHRASES})"
#: A number word ('ثلاثة').
NUMBER = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
#: A unit of time ('يومين', 'أسابيع' ...).
UNITS = "|".join(sorted(UNIT_WORDS, key=len, reverse=True))

# Keyword gates: a rule is only run on a text holding one word of each group.
# A plain substring test costs microseconds; a regex scan a fraction of a millisecond.
DIGITS = tuple("0123456789")
#: The weekday names, without those another name begins ('الثلاثاء' starts with 'الثلاثا').
WEEKDAY_STEMS = tuple(w for w in WEEKDAYS if not any(o != w and w.startswith(o) for o in WEEKDAYS))
YESTERDAY_STEMS = ("امس", "البارحه")
#: A month name as a word somewhere in the text (after a digit or a و/ف too): the gate of
#: the rules that read one.
#: Not a substring test: 'اب' (August) is inside many words; one search of the names is
#: cheaper than the month rules' scans, and half the articles name no month.
MONTH_GATE = re.compile(r"(?<![^\W\d_])[وف]?(?:" + "|".join(MONTH_NAMES.values()) + r")(?!\w)")


def top_level_alternatives(names: str) -> list[str]:
    """The alternatives of a pattern of names, split at its top-level '|' only.

    >>> top_level_alternatives("ربيع(?:الاول|اول)|رجب")
    ['ربيع(?:الاول|اول)', 'رجب']
    """
    out, depth, piece = [], 0, ""
    for ch in names:
        depth += (ch == "(") - (ch == ")")
        if ch == "|" and depth == 0:
            out.append(piece)
            piece = ""
        else:
            piece += ch
    return [*out, piece]


#: The word each month name begins with, as written ('كانون', 'اكتوبر', 'اب'): every match of
#: :data:`MONTH_GATE` begins with one, or with و/ف and one. The date finder looks for them
#: in its one pass of keywords and tries the gate only where they are.
MONTH_WORDS = tuple(sorted({re.split(r"[\[(\\]", alt)[0] for names in MONTH_NAMES.values()
                            for alt in top_level_alternatives(names)}))


def rel_offset(word: str) -> int:
    """-1 for الماضي/الفائت..., 0 for الجاري/الحالي, +1 for المقبل/القادم."""
    word = word.removesuffix("ه")
    if word in REL_PAST:
        return -1
    return 1 if word in REL_NEXT else 0


def month_number(text: str) -> int:
    """The number of the month ``text`` (a match of group 'mon') names."""
    found = MONTH_LOOKUP.match(text)
    if found is None or found.lastgroup is None:  # pragma: no cover - fragment guarantees it
        raise ValueError(f"not a month name: {text!r}")
    return int(found.lastgroup[1:])


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


def compile_guarded(pattern: str) -> re.Pattern[str]:
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


def keeps_to_its_line(pattern: re.Pattern[str]) -> bool:
    """Whether no match of ``pattern`` reads a line break: nothing it takes, nor any
    look-ahead of it, can be a '\\n', and it has no end-of-text anchor.

    Why: such a pattern's matches in a text are its matches in each line, each found by
    a search ending at the line's break (what the look-aheads see there, the end of the
    search or the break itself, fails or holds alike); the date finder then scans only
    the lines holding a rule's keywords. False when it cannot be told (the caller scans
    the whole text, with the same results).
    """
    if _sre_parse is None:  # pragma: no cover - another Python
        return False
    try:
        parsed = _sre_parse(pattern.pattern, pattern.flags)
        return _stays_in_line(parsed, bool(pattern.flags & re.DOTALL))
    except (_NoPrefix, AttributeError, TypeError, ValueError):
        return False


#: Character classes that hold '\n' (a blank, a non-digit, a non-word character, a break).
_NEWLINE_CATEGORIES = frozenset(
    getattr(_sre, name) for name in ("CATEGORY_SPACE", "CATEGORY_NOT_DIGIT", "CATEGORY_NOT_WORD",
                                     "CATEGORY_LINEBREAK", "CATEGORY_UNI_SPACE",
                                     "CATEGORY_UNI_NOT_DIGIT", "CATEGORY_UNI_NOT_WORD",
                                     "CATEGORY_UNI_LINEBREAK")
) if _sre is not None else frozenset()
_OTHER_CATEGORIES = frozenset(
    getattr(_sre, name) for name in ("CATEGORY_NOT_SPACE", "CATEGORY_DIGIT", "CATEGORY_WORD",
                                     "CATEGORY_NOT_LINEBREAK", "CATEGORY_UNI_NOT_SPACE",
                                     "CATEGORY_UNI_DIGIT", "CATEGORY_UNI_WORD",
                                     "CATEGORY_UNI_NOT_LINEBREAK")
) if _sre is not None else frozenset()


def _set_takes_newline(items: list) -> bool:
    negate = False
    hit = False
    for op, av in items:
        if op is _sre.NEGATE:
            negate = True
        elif op is _sre.LITERAL:
            hit = hit or av == 10
        elif op is _sre.RANGE:
            hit = hit or av[0] <= 10 <= av[1]
        elif op is _sre.CATEGORY and av in _NEWLINE_CATEGORIES:
            hit = True
        elif not (op is _sre.CATEGORY and av in _OTHER_CATEGORIES):
            raise _NoPrefix
    return hit != negate


def _stays_in_line(items: Iterable, dotall: bool) -> bool:
    """No node of a parsed pattern (look-behinds aside: they read what precedes the
    match, the same text either way) can take a '\\n' or anchor at the end."""
    for op, av in items:
        if op is _sre.LITERAL:
            ok = av != 10
        elif op is _sre.NOT_LITERAL:
            ok = av == 10
        elif op is _sre.ANY:
            ok = not dotall
        elif op is _sre.IN:
            ok = not _set_takes_newline(av)
        elif op is _sre.AT:
            ok = av in (_sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING, _sre.AT_BOUNDARY,
                        _sre.AT_NON_BOUNDARY, _sre.AT_UNI_BOUNDARY, _sre.AT_UNI_NON_BOUNDARY)
        elif op is _sre.SUBPATTERN:
            ok = not av[1] and not av[2] and _stays_in_line(av[-1], dotall)
        elif op is _sre.BRANCH:
            ok = all(_stays_in_line(alt, dotall) for alt in av[1])
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            ok = _stays_in_line(av[2], dotall)
        elif op in (_sre.ASSERT, _sre.ASSERT_NOT):
            ok = av[0] < 0 or _stays_in_line(av[1], dotall)
        elif op is _sre.GROUPREF:
            ok = True  # repeats a group, itself checked
        else:
            raise _NoPrefix
        if not ok:
            return False
    return True
