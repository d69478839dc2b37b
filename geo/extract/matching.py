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


#: The automaton of the needles, by the id of the compiled trigger table it was built from.
_AUTOMATA: dict[int, Any] = {}


def _needle_starts(text: str, compiled: Sequence[tuple[Any, re.Pattern[str], tuple[str, ...]]]
                   ) -> dict[int, list[int]]:
    """Where the needles of each trigger start in ``text``, by trigger index (one Aho-Corasick pass)."""
    automaton = _AUTOMATA.get(id(compiled))
    if automaton is None:
        import ahocorasick

        automaton = ahocorasick.Automaton()
        owners: dict[str, list[int]] = {}
        for k, (_, _, needles) in enumerate(compiled):
            for needle in needles:
                owners.setdefault(needle, []).append(k)
        for needle, ks in owners.items():
            automaton.add_word(needle, (len(needle), tuple(ks)))
        automaton.make_automaton()
        _AUTOMATA[id(compiled)] = automaton
    found: dict[int, list[int]] = {}
    for end, (size, ks) in automaton.iter(text):
        for k in ks:
            found.setdefault(k, []).append(end - size + 1)
    return found


def trigger_hits(doc: Doc, compiled: Sequence[tuple[Any, re.Pattern[str], tuple[str, ...]]]
                 ) -> dict[int, list[tuple[Any, re.Pattern[str], int]]]:
    """Every match of the ``compiled`` triggers (trigger, pattern, needles) in the article,
    by sentence: one scan of the text per trigger."""
    fstarts = [s.fstart for s in doc.sentences]
    out: dict[int, list[tuple[Any, re.Pattern[str], int]]] = {}
    text = doc.folded
    starts = _needle_starts(text, compiled)
    for k_trig, (trig, regex, needles) in enumerate(compiled):
        if needles and k_trig not in starts:
            continue
        for m in _matches(regex, text, starts[k_trig]) if needles else _word_matches(regex, text):
            k = bisect.bisect_right(fstarts, m.start()) - 1
            if k < 0:
                continue
            s = doc.sentences[k]
            if m.end() <= s.fstart + len(s.folded) and not s.heading:
                out.setdefault(k, []).append((trig, regex, m.start()))
    return out


def _matches(regex: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """The leftmost, non-overlapping matches of ``regex`` that open a word (perhaps after
    its clitics), when every match starts at one of ``starts`` (where the trigger's needles,
    its literal openings, occur): tried only there instead of at every character. A match
    inside a word ('رصد' in 'المرصد') is no match: it hides none that follows ('المرصد
    السوري، فقد توجه الرتل': the convoy's words are read)."""
    after = 0
    for start in sorted(set(starts)):
        if start >= after and (m := regex.match(text, start)) is not None and prefix_ok(text, start):
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
