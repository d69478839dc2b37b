"""Finding date expressions in a text: run the rules, keep the longest, merge a weekday with its date.

Why apart from the rules: choosing among the rules' candidates (longest first, never
overlapping, a weekday followed by the explicit date as one expression) and turning
them into :class:`DateExpr` spans of the original text is one job, independent of
what each rule reads.
"""

from __future__ import annotations

import bisect
import datetime
import functools
import re
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

import ahocorasick

from .expr import FUTURE_TOLERANCE_DAYS, DateExpr
from .hijri import HIJRI_RULES
from .patterns import BLANKS, MAYBE_BLANKS, MONTH_GATE, MONTH_WORDS, compile_guarded, keeps_to_its_line
from .rules import RULES, Hit, RuleContext
from .text import fold_with_map, left_ok

__all__ = ["check_text", "find_dates", "parse_date"]

_W, _O = BLANKS, MAYBE_BLANKS
# A stand-in anchor for anchor=None: relative candidates still compete for
# their span (so a weekday can merge with a date), then are dropped.
_DUMMY_ANCHOR = datetime.date(2000, 6, 15)


class _Cand(NamedTuple):
    start: int  # in the folded text
    end: int
    order: int
    hit: Hit


_WEEKDAY_RULES = frozenset(
    {"weekday", "weekday_past", "weekday_next", "today_weekday", "yesterday_weekday", "tomorrow_weekday"}
)


def _gate_pattern(gate: tuple[str, ...] | re.Pattern[str]) -> re.Pattern[str]:
    """A keyword gate as one pattern: any of its words anywhere, as ``word in norm`` asks,
    in one search instead of a Python loop over the words."""
    if isinstance(gate, re.Pattern):
        return gate
    return re.compile("|".join(re.escape(w) for w in sorted(set(gate), key=lambda w: (-len(w), w))))


#: Every rule, in the order ties are broken: the Gregorian ones, then the Hijri ones; each
#: with its gates as patterns and whether its matches keep to one line (then only the lines
#: holding its keywords are scanned, see :func:`_rule_matches`).
_ALL_RULES = [(p, h, tuple(_gate_pattern(g) for g in n), keeps_to_its_line(p))
              for p, h, n in [*RULES, *((compile_guarded(p), h, n) for p, h, n in HIJRI_RULES)]]


#: Pattern gates tried only where one of their words begins (or one character before, after
#: و/ف): every match of :data:`MONTH_GATE` begins so. Its search over a whole text ('اب' is
#: inside many words, no first letter to skip on) cost as much as half the rules' scans.
_ANCHORED_GATES: dict[re.Pattern[str], tuple[str, ...]] = {MONTH_GATE: MONTH_WORDS}


def _keyword_automaton() -> tuple[ahocorasick.Automaton, dict[re.Pattern[str], re.Pattern[str] | None]]:
    """One automaton over the words (two letters or more) of every gate given as words,
    each word standing for the gates it belongs to, and over the words of the anchored gates
    (:data:`_ANCHORED_GATES`); and for each gate of words, its one-character words as one
    character class (None when it has none).

    Why: a gate searched as an alternation of words tries every word at every character
    (twenty gates, twenty passes over an article); the automaton finds every gate's
    words in one pass, and a character class is one quick search. Other gates written as
    patterns are searched as they are."""
    words: dict[str, set[re.Pattern[str]]] = {}
    anchored: dict[str, set[re.Pattern[str]]] = {}
    chars: dict[re.Pattern[str], re.Pattern[str] | None] = {}
    for _, _, needs in [*RULES, *HIJRI_RULES]:
        for gate in needs:
            if isinstance(gate, tuple):
                single = sorted({w for w in gate if len(w) == 1})
                chars[_gate_pattern(gate)] = re.compile(
                    "[" + "".join(re.escape(c) for c in single) + "]") if single else None
                for w in gate:
                    if len(w) > 1:
                        words.setdefault(w, set()).add(_gate_pattern(gate))
    for gate, gate_words in _ANCHORED_GATES.items():
        for w in gate_words:
            anchored.setdefault(w, set()).add(gate)
    automaton = ahocorasick.Automaton()
    for w in {*words, *anchored}:
        automaton.add_word(w, (tuple(words.get(w, ())), tuple(anchored.get(w, ())), len(w)))
    if words or anchored:
        automaton.make_automaton()
    return automaton, chars


_KEYWORDS, _KEYWORD_GATES = _keyword_automaton()
#: The gates whose lines the automaton's pass tells (gates of words alone, no one-character
#: word; anchored gates), none found in a text yet.
_NO_KEYWORDS: dict[re.Pattern[str], frozenset[int]] = {
    **{gate: frozenset() for gate, chars in _KEYWORD_GATES.items() if chars is None},
    **dict.fromkeys(_ANCHORED_GATES, frozenset())}
_CLOSING_PAREN = re.compile(rf"{_O}\)")
_MERGE_GAP = re.compile(rf"{_O}(?:[،,\-]{_O})?(?:\({_O})?(?:(?:الموافق|الواقع{_W}في|في){_O})?")


def _candidates(norm: str, anchor: datetime.date, raw: str = "", where: Sequence[int] = ()) -> list[_Cand]:
    ctx = RuleContext(norm, anchor, raw, where)
    found: list[_Cand] = []
    for order, pattern, handler, matches in _rule_matches(norm):
        spans_e = "e" in pattern.groupindex
        for m in matches:
            try:
                hit = handler(m, ctx)
            except (ValueError, OverflowError):  # 31 February, year 0, year 10000...
                continue
            if hit is not None:
                start, end = m.span("e") if spans_e else m.span()
                found.append(_Cand(start, end, order, hit))
    return found


#: :func:`fold_with_map`, cached for the same reason as :func:`_rule_matches` (its map is only read).
_folded = functools.lru_cache(maxsize=16)(fold_with_map)


@functools.lru_cache(maxsize=16)
def _rule_matches(norm: str) -> tuple[tuple[int, re.Pattern[str], Any, tuple[re.Match[str], ...]], ...]:
    """Every rule's matches in ``norm``, by rule order, for the rules that match at all.

    A rule runs only on a text holding a keyword of each of its gates, and a rule whose
    matches keep to one line only on the lines holding them (a gate is searched once per
    line at most: a hit skips to the next line): a weekday rule reads the paragraph that
    names a weekday, not the whole article. The same matches as a scan of the text.

    Cached: matching does not depend on the anchor, and one body is read under
    several (the reader's guess at its day with none, then the day it was
    published, then a week and a few days either way when that day is inferred);
    only the handlers, which read the anchor, run again."""
    out = []
    held = _GateLines(norm)
    whole = ((0, len(norm)),)
    lines = len(held.starts) > 1
    for order in _rules_to_try(held):
        pattern, handler, needs, in_line = _ALL_RULES[order]
        where: frozenset[int] | None = None
        for gate in needs:  # every gate must pass (see :func:`_gate_pattern`)
            where = held[gate] if where is None else where & held[gate]
            if not where:
                break
        else:
            spans = held.spans(where) if lines and in_line and where is not None else whole
            matches = _scan_spans(pattern, norm, spans)
            if matches:
                out.append((order, pattern, handler, matches))
    return tuple(out)


#: For each gate whose lines the keyword pass tells (:data:`_NO_KEYWORDS`), the rules, by
#: order, that need it and no other such gate before it in their list; and the rules that
#: need none of them (tried on every text).
_RULES_OF_GATE: dict[re.Pattern[str], list[int]] = {}
_RULES_ALWAYS: list[int] = []
for _order, (*_, _needs, _) in enumerate(_ALL_RULES):
    _key = next((g for g in _needs if g in _NO_KEYWORDS), None)
    (_RULES_ALWAYS if _key is None else _RULES_OF_GATE.setdefault(_key, [])).append(_order)


def _rules_to_try(held: _GateLines) -> list[int]:
    """The orders of the rules whose gates may all pass, in order: a rule needing a gate of
    words that no line holds is left out without a look at its other gates (most rules on a
    short text, a stamp line or a header line: a third of the calls)."""
    orders = list(_RULES_ALWAYS)
    for gate, rules in _RULES_OF_GATE.items():
        if held[gate]:
            orders += rules
    return sorted(orders)


class _GateLines(dict[re.Pattern[str], frozenset[int]]):
    """The lines of a text holding each gate's keywords, worked out on first asking; and
    where each line starts and ends (at its break, or the text's end)."""

    __slots__ = ("norm", "starts", "ends", "keywords")

    def __init__(self, norm: str) -> None:
        super().__init__()
        self.norm = norm
        self.starts = [0]
        self.ends: list[int] = []
        at = norm.find("\n")
        while at != -1:
            self.ends.append(at)
            self.starts.append(at + 1)
            at = norm.find("\n", at + 1)
        self.ends.append(len(norm))
        self.keywords = self._keyword_lines()
        self.update(_NO_KEYWORDS)  # the gates of words alone: their lines are known now
        self.update((gate, lines) for gate, lines in self.keywords.items()
                    if gate in _NO_KEYWORDS)

    def __missing__(self, gate: re.Pattern[str]) -> frozenset[int]:
        held = self[gate] = self.holding(gate)
        return held

    def holding(self, gate: re.Pattern[str]) -> frozenset[int]:
        """The lines in which ``gate`` finds a keyword: from the keyword automaton's one
        pass, or one search per such line."""
        if gate in _KEYWORD_GATES:
            held_words = self.keywords.get(gate, frozenset())
            chars = _KEYWORD_GATES[gate]
            return held_words if chars is None else held_words | self[chars]  # gates share digits
        return self.searched(gate)

    def searched(self, gate: re.Pattern[str]) -> frozenset[int]:
        """The lines in which a search of ``gate`` finds something, one search per line."""
        held = []
        pos, norm, starts, ends = 0, self.norm, self.starts, self.ends
        while (m := gate.search(norm, pos)) is not None:
            line = bisect.bisect_right(starts, m.start()) - 1
            held.append(line)
            pos = ends[line] + 1
        return frozenset(held)

    def _keyword_lines(self) -> dict[re.Pattern[str], frozenset[int]]:
        """The lines holding each keyword gate's words, and each anchored gate's matches (tried
        where its words begin: see :data:`_ANCHORED_GATES`), from one pass of the automaton."""
        held: dict[re.Pattern[str], set[int]] = {}
        norm, ends, line = self.norm, self.ends, 0
        if _KEYWORDS.kind != ahocorasick.AHOCORASICK:
            return {}  # pragma: no cover - no gate of words
        for end, (gates, anchored, length) in _KEYWORDS.iter(norm):  # in text order: the line only moves on
            while end > ends[line]:
                line += 1
            for gate in gates:
                held.setdefault(gate, set()).add(line)
            for gate in anchored:
                lines = held.setdefault(gate, set())
                if line in lines:
                    continue
                at = end - length + 1
                if gate.match(norm, at) or (at and norm[at - 1] in "وف" and gate.match(norm, at - 1)):
                    lines.add(line)  # a match at 'at' or after its و/ف, on the same line
        return {gate: frozenset(lines) for gate, lines in held.items()}

    def spans(self, lines: frozenset[int]) -> tuple[tuple[int, int], ...]:
        """(start, end) of the given lines in text order, neighbours joined into one."""
        if len(lines) == 1:
            (line,) = lines
            return ((self.starts[line], self.ends[line]),)
        ordered = sorted(lines)
        out = []
        i = 0
        while i < len(ordered):
            j = i
            while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
                j += 1
            out.append((self.starts[ordered[i]], self.ends[ordered[j]]))
            i = j + 1
        return tuple(out)


def _scan(pattern: re.Pattern[str], norm: str, pos: int = 0,
          end: int | None = None) -> Iterator[re.Match[str]]:
    """Like finditer (from ``pos``, up to ``end``), keeping only matches at a word start
    (see :func:`left_ok`).

    A match inside a word is skipped by one character only, so it cannot hide
    a proper match starting later inside it."""
    end = len(norm) if end is None else end
    search = pattern.search
    while (m := search(norm, pos, end)) is not None:
        if left_ok(norm, m.start()):
            yield m
            pos = max(m.end(), m.start() + 1)
        else:
            pos = m.start() + 1


def _scan_spans(pattern: re.Pattern[str], norm: str,
                spans: tuple[tuple[int, int], ...]) -> tuple[re.Match[str], ...]:
    """:func:`_scan` over each span, as one tuple (most rules find nothing: no generator)."""
    out = []
    search = pattern.search
    for pos, end in spans:
        while (m := search(norm, pos, end)) is not None:
            if left_ok(norm, m.start()):
                out.append(m)
                pos = max(m.end(), m.start() + 1)
            else:
                pos = m.start() + 1
    return tuple(out)


def _select(cands: list[_Cand]) -> list[_Cand]:
    """Longest first, then leftmost, then rule order; never overlapping.

    The spans taken are disjoint, so kept sorted by start their ends are sorted too:
    only the last one starting before a candidate's end can overlap it (a bisection,
    not a pass over all taken: a text of 20,000 'أمس' stays linear)."""
    starts: list[int] = []
    ends: list[int] = []
    taken: list[_Cand] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, c.start, c.order)):
        i = bisect.bisect_left(starts, c.end)
        if i and ends[i - 1] > c.start:
            continue
        starts.insert(i, c.start)
        ends.insert(i, c.end)
        taken.insert(i, c)
    return taken


def _merges(prev: _Cand, c: _Cand) -> bool:
    """A weekday (or 'اليوم') and the day it names; a running count of days and the day it reached; a night
    of two weekdays and its two dates ('ليلة أمس الأحد/الاثنين (29/30 تشرين الأول)'); a Hijri
    day and its Gregorian one."""
    named, given = prev.hit.rule.split(":")[0], c.hit.rule.split(":")[0]
    if named in _ONGOING_RULES:  # 'لليوم الثاني على التوالي أمس الأحد': the nth day is Sunday
        return c.hit.precision == "day" and c.hit.first == c.hit.last
    if c.hit.precision != "day" or given in _WEEKDAY_RULES:
        return False
    if named.split("+")[0] in _WEEKDAY_RULES or named == "today" and given.startswith("day_month"):
        # 'قد أكملت انسحابها اليوم 15 تموز 2018' in a statement of the day before: the date told
        return c.hit.first == c.hit.last
    if _is_hijri(prev) != _is_hijri(c):
        return prev.hit.precision == "day"
    return named == "night_range" and given.startswith("night_pair")


def _is_hijri(c: _Cand) -> bool:
    return "hijri" in c.hit.rule


#: Rules that date an ongoing event to the report's own day, no day named: a weekday beside
#: them names that day.
_ONGOING_RULES = frozenset({"running_day", "last_hours"})


def _merged_hit(prev: _Cand, c: _Cand, anchor: datetime.date | None = None) -> Hit:
    """The explicit date of two merged: the Gregorian one beside a Hijri one
    ('15 رمضان 1445 هـ الموافق 25 آذار 2024', either way round), else the later one; but a
    weekday that fits the publication day wins over a date with a slip that its weekday
    contradicts (see :func:`_slipped_date`)."""
    if _is_hijri(c) and not _is_hijri(prev) and prev.hit.rule.split(":")[0] not in _WEEKDAY_RULES:
        return prev.hit
    if c.hit.rule in _ONGOING_RULES:  # 'الأحد، لليوم الرابع على التوالي': the fourth day is Sunday
        return prev.hit._replace(rule=f"{prev.hit.rule}+{c.hit.rule}")
    rule = f"{prev.hit.rule.split(':')[0]}+{c.hit.rule}"
    named = prev.hit.rule.split("+")[0].split(":")
    differ = prev.hit.first.weekday() != c.hit.first.weekday()
    if named[0] in _WEEKDAY_RULES and "mismatch" not in named and differ:
        if anchor is not None and _slipped_date(prev.hit, c.hit, anchor):
            return prev.hit._replace(rule=f"{prev.hit.rule}+{c.hit.rule.split(':')[0]}:date_slip")
        rule += ":weekday_mismatch"  # 'اليوم الخميس 5 أكتوبر' on a Saturday: the date wins, noted
    return c.hit._replace(rule=rule)


#: Weekday rules told from the publication day itself ('اليوم الثلاثاء', 'أمس الاثنين').
_TODAY_WEEKDAY_RULES = frozenset({"today_weekday", "yesterday_weekday"})


def _slipped_date(weekday: Hit, date: Hit, anchor: datetime.date) -> bool:
    """Is an explicit date beside a weekday that contradicts it a slip of the pen, the weekday
    being right? So when the weekday's day has the same day of the month and only the month
    or the year slipped ('اليوم الثلاثاء (2 كانون الأول 2023)' on Tuesday 2 January 2024;
    'الاثنين 1 كانون الأول 2024' in the same report), the weekday being told from the
    publication day and fitting it, or the date lying after the publication. A date that
    differs in its day too ('اليوم الخميس 5 أكتوبر' on Thursday 7 November) wins, noted."""
    if weekday.first.day != date.first.day:
        return False
    named = weekday.rule.split(":")[0]
    if named in _TODAY_WEEKDAY_RULES:
        return (anchor - weekday.first).days == (named == "yesterday_weekday")
    # (as a difference of days: an anchor at the calendar's end has no days after it to add)
    return (date.first - anchor).days > FUTURE_TOLERANCE_DAYS


def _merge_weekday_dates(norm: str, chosen: list[_Cand], anchor: datetime.date | None = None) -> list[_Cand]:
    """'يوم الخميس الماضي 6 تشرين الأول' -> one expression; the explicit date wins (unless it
    slipped: :func:`_slipped_date`)."""
    merged: list[_Cand] = []
    for c in chosen:
        prev = merged[-1] if merged else None
        if prev is not None and _merges(prev, c) and _MERGE_GAP.fullmatch(norm, prev.end, c.start):
            end = c.end
            if "(" in norm[prev.end : c.start] and (paren := _CLOSING_PAREN.match(norm, end)):
                end = paren.end()  # 'الأحد (9 تشرين الأول)'
            merged[-1] = _Cand(prev.start, end, prev.order, _merged_hit(prev, c, anchor))
        elif prev is not None and _other_months_name(norm, prev, c):
            merged[-1] = prev._replace(end=c.end)
        else:
            merged.append(c)
    return merged


#: A slash between a month's name and the next: 'حزيران/ يوليو', a pair of names.
_PAIR_GAP = re.compile(rf"{_O}[/\\|]{_O}")


def _other_months_name(norm: str, prev: _Cand, c: _Cand) -> bool:
    """Is ``c`` the second name of a pair that names two different months ('أمس الأحد 12
    حزيران/ يوليو 2020' on 13 July)? The day told by its weekday is the date; the stray name
    after it is part of that expression, not a month of its own."""
    return (prev.hit.precision == "day" and c.hit.precision == "month"
            and prev.hit.rule.split("+")[0].split(":")[0] in _WEEKDAY_RULES
            and _PAIR_GAP.fullmatch(norm, prev.end, c.start) is not None)


#: The most characters between a date and a bare weekday after it that names that date's day.
_WEEKDAY_OF_DATE_REACH = 60
_SENTENCE_END = re.compile(r"[.!?؟\n]")


def _weekdays_of_dates(norm: str, chosen: list[_Cand]) -> list[_Cand]:
    """'ففي 15 آب 2016 وفي تمام الساعة 12:00 من يوم الاثنين': a bare weekday shortly after an
    explicit date, in its sentence, naming that date's own weekday, is that date (15 August
    2016 was a Monday), not the Monday before the publication (rule '+weekday_of_date')."""
    out: list[_Cand] = []
    last: _Cand | None = None
    for c in chosen:
        hit = c.hit
        if (last is not None and hit.rule in ("weekday", "weekday_past") and hit.relative
                and c.start - last.end <= _WEEKDAY_OF_DATE_REACH
                and not _SENTENCE_END.search(norm, last.end, c.start)
                and hit.first != last.hit.first and hit.first.weekday() == last.hit.first.weekday()):
            c = c._replace(hit=last.hit._replace(rule=f"{hit.rule}+weekday_of_date"))
        if hit.precision == "day" and hit.first == hit.last and not hit.relative:
            last = c
        out.append(c)
    return out


#: Between the two days of a span: 'منذ مساء أمس وحتى فجر اليوم', 'من ليل الأحد إلى صباح الاثنين'.
_SPAN_GAP = re.compile(rf"{_O}[،,]?{_O}(?:و{_O})?(?:حتي|لغايه|الي){_W}")
#: The longest span of days taken as one expression (a longer one is two events' days).
_SPAN_DAYS = 7


def _merge_spans(norm: str, chosen: list[_Cand]) -> list[_Cand]:
    """'منذ مساء أمس وحتى فجر اليوم' -> one expression: a night when the days follow each
    other (rule 'night_span', dated to the morning it ended), else the days between."""
    merged: list[_Cand] = []
    for c in chosen:
        prev = merged[-1] if merged else None
        if prev is not None and _spans(prev, c) and _SPAN_GAP.fullmatch(norm, prev.end, c.start):
            days = (c.hit.first - prev.hit.first).days
            rule = "night_span" if days == 1 else "day_span"
            hit = Hit(prev.hit.first, c.hit.last, "day", prev.hit.relative or c.hit.relative, rule)
            merged[-1] = _Cand(prev.start, c.end, prev.order, hit)
        else:
            merged.append(c)
    return merged


def _spans(a: _Cand, b: _Cand) -> bool:
    """Two single days, the second after the first and at most :data:`_SPAN_DAYS` later."""
    if a.hit.precision != "day" or b.hit.precision != "day":
        return False
    if a.hit.first != a.hit.last or b.hit.first != b.hit.last:
        return False
    return 0 < (b.hit.first - a.hit.first).days <= _SPAN_DAYS


def check_text(text: object) -> str:
    """``text`` itself when it is a str, else a TypeError saying to decode bytes first."""
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
    return list(_found(check_text(text), _check_anchor(anchor)))


@functools.lru_cache(maxsize=8)
def _found(text: str, given: datetime.date | None) -> tuple[DateExpr, ...]:
    """:func:`find_dates`' answer, kept for the last few texts and anchors: the reader of an
    article whose page gives no publication day reads its body with no anchor, and the
    extraction asks the very same right after (a third of real articles). The expressions
    are frozen; each caller gets a list of its own."""
    norm, where = _folded(text)
    found = _candidates(norm, given or _DUMMY_ANCHOR, text, where)
    chosen = _weekdays_of_dates(norm, _merge_spans(norm, _merge_weekday_dates(norm, _select(found), given)))
    out = []
    for c in chosen:
        if given is None and c.hit.relative:
            continue
        start, end = where[c.start], where[c.end]
        out.append(DateExpr(start, end, text[start:end], *c.hit))
    return tuple(_same_month(text, norm, where, out) if _may_name_same_month(norm) else out)


def _may_name_same_month(norm: str) -> bool:
    """Does ``norm`` hold the words every match of :data:`_SAME_MONTH_RE` holds ('شهر' and
    'ذاته', 'نفسه' or 'عينه', or 'ذات/نفس الشهر')? Tested in C; the pattern has no first
    letter to skip on, and 'الشهر الماضي' alone sent it over the whole text."""
    return "شهر" in norm and ("ذاته" in norm or "نفسه" in norm or "عينه" in norm
                              or "ذات الشهر" in norm or "نفس الشهر" in norm)


#: 'في الـ18 من الشهر ذاته', 'في الـ 18 من ذات الشهر': a day of the month the text named last.
_SAME_MONTH_RE = re.compile(r"(?:ال\s*)?(?<![0-9])([0-3]?[0-9])(?![0-9])\s*(?:من\s+)?"
                            r"(?:(?:ال)?شهر\s+(?:ذاته|نفسه|عينه)|(?:ذات|نفس)\s+الشهر)(?![^\W\d_])")


def _same_month(text: str, norm: str, where: Sequence[int], out: list[DateExpr]) -> list[DateExpr]:
    """``out`` with 'في الـ18 من الشهر ذاته' added: the day of the month of the last date
    told before it ('في الـ20 من تموز الحالي ... كما اعتقلت، في الـ18 من الشهر ذاته'),
    relative when that date was. With no date before it, the words date nothing."""
    added = []
    for m in _SAME_MONTH_RE.finditer(norm):
        start, end = where[m.start()], where[m.end()]
        if any(e.start < end and start < e.end for e in out):
            continue
        before = [e for e in out if e.end <= start and e.precision in ("day", "month")]
        if not before:
            continue
        month = before[-1].first
        try:
            day = datetime.date(month.year, month.month, int(m.group(1)))
        except ValueError:
            continue
        added.append(DateExpr(start, end, text[start:end], day, day, "day", before[-1].relative,
                              "day_of_same_month"))
    return sorted([*out, *added], key=lambda e: e.start) if added else out


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
