"""Where the triggers match in an article: one pass per trigger over the folded text.

Why a module: what a trigger means (:mod:`.triggers`) and where its pattern matches are two
ideas; this one is speed-bound. Each trigger's literal openings (its needles) are found in
one Aho-Corasick pass, its pattern is tried only there, and a match must open a word (after
clitics and the article at most): 'رصد' inside 'المرصد' is no match, and it hides no match
after it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from typing import Any

from .document import Doc

__all__ = ["PREFIXES", "prefix_ok", "trigger_hits"]

#: What may stand glued before a trigger's word: clitics and the article.
PREFIXES = frozenset({
    "", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك", "ال", "وال", "فال", "بال",
    "كال", "لل", "ولل", "فلل", "وبال", "فبال", "وكال", "وس",
})


#: The automaton of the needles and the indexes of the triggers without needles, by the id
#: of the compiled trigger table they were built from (kept beside them: an id outlives its
#: table only while the table lives).
_AUTOMATA: dict[int, tuple[Any, tuple[int, ...], Sequence[Any]]] = {}


def _needle_starts(text: str, compiled: Sequence[tuple[Any, re.Pattern[str], tuple[str, ...]]]
                   ) -> dict[int, list[int]]:
    """Where the needles of each trigger start in ``text``, by trigger index (one Aho-Corasick pass)."""
    found: dict[int, list[int]] = {}
    for end, (size, ks) in _automaton(compiled)[0].iter(text):
        for k in ks:
            found.setdefault(k, []).append(end - size + 1)
    return found


def _automaton(compiled: Sequence[tuple[Any, re.Pattern[str], tuple[str, ...]]]
               ) -> tuple[Any, tuple[int, ...]]:
    """The needles' automaton of ``compiled`` and its triggers without needles (built once)."""
    made = _AUTOMATA.get(id(compiled))
    if made is None or made[2] is not compiled:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        owners: dict[str, list[int]] = {}
        for k, (_, _, needles) in enumerate(compiled):
            for needle in needles:
                owners.setdefault(needle, []).append(k)
        for needle, ks in owners.items():
            automaton.add_word(needle, (len(needle), tuple(ks)))
        automaton.make_automaton()
        made = _AUTOMATA[id(compiled)] = (automaton, tuple(
            k for k, (_, _, needles) in enumerate(compiled) if not needles), compiled)
    return made[0], made[1]


def trigger_hits(doc: Doc, compiled: Sequence[tuple[Any, re.Pattern[str], tuple[str, ...]]]
                 ) -> dict[int, list[tuple[Any, re.Pattern[str], int]]]:
    """Every match of the ``compiled`` triggers (trigger, pattern, needles) in the article,
    by sentence: one scan of the text per trigger.

    Only the triggers whose needles the text holds are visited (a fifth of them in a news
    article), in table order, as a visit of every trigger would."""
    sentences = doc.sentences
    fstarts = [s.fstart for s in sentences]
    fends = [s.fstart + len(s.folded) if not s.heading else -1 for s in sentences]
    out: dict[int, list[tuple[Any, re.Pattern[str], int]]] = {}
    text = doc.folded
    starts = _needle_starts(text, compiled)
    wordy = _automaton(compiled)[1]
    for k_trig in sorted([*starts, *wordy]) if wordy else sorted(starts):
        trig, regex, needles = compiled[k_trig]
        for m in _matches(regex, text, starts[k_trig]) if needles else _word_matches(regex, text):
            start = m.start()
            k = bisect.bisect_right(fstarts, start) - 1
            if k >= 0 and m.end() <= fends[k]:  # a heading's end is -1: no match kept there
                out.setdefault(k, []).append((trig, regex, start))
    return out


def _matches(regex: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """The leftmost, non-overlapping matches of ``regex`` that open a word (perhaps after
    its clitics), when every match starts at one of ``starts`` (where the trigger's needles,
    its literal openings, occur): tried only there instead of at every character. A match
    inside a word ('رصد' in 'المرصد') is no match: it hides none that follows ('المرصد
    السوري، فقد توجه الرتل': the convoy's words are read)."""
    after = 0
    match = regex.match
    for start in sorted(set(starts)) if len(starts) > 1 else starts:
        if start >= after and (m := match(text, start)) is not None and prefix_ok(text, start):
            yield m
            after = max(m.end(), start + 1)


def _word_matches(regex: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """:func:`_matches` for a pattern without needles: every start searched."""
    pos = 0
    while (m := regex.search(text, pos)) is not None:
        if prefix_ok(text, m.start()):
            yield m
            pos = max(m.end(), m.start() + 1)
        else:
            pos = m.start() + 1


def prefix_ok(text: str, start: int) -> bool:
    """Does the word holding ``text[start]`` open there, or after clitics or the article only?"""
    k = start
    while k > 0 and start - k < 5 and (text[k - 1].isalpha()):
        k -= 1
    if k > 0 and text[k - 1].isalpha():
        return False
    return text[k:start] in PREFIXES
