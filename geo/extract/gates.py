"""Words a regex cannot match without: a cheap test that says a pattern need not run.

Why a module: the extractor asks many patterns of every sentence (rejections before each
trigger, casualty counts, tallies), and most sentences hold none of a pattern's words.
A regex with a look-behind at its start ('(?<![^\\W\\d_])...', a word edge) is tried by
Python's engine at every character; a substring test of its required words is done in C
at a fraction of that cost. :func:`needles_of` reads a pattern's parse tree and returns
strings one of which every match contains (or None when it cannot tell); :class:`Gate`
keeps them for a compiled pattern, and :meth:`Gate.absent` says, for a text, that the
pattern has no match in it nor in any part of it. It never says so wrongly: a gate only
saves work, the answers stay the same. The needles of every gate are looked for in one
Aho-Corasick pass over a text, kept for the last texts asked about (a sentence is asked
about once per trigger and per pattern).

>>> gate = Gate(re.compile(r"(?<![^\\W\\d_])[وف]?(?:قتل|مقتل)\\s+\\d+"))
>>> sorted(gate.needles)  # ('مقتل' holds 'قتل')
['قتل']
>>> gate.absent("أصيب جندي"), gate.absent("مقتل 3")
(True, False)
"""

from __future__ import annotations

import functools
import re
from re import _parser as sre  # the stdlib's own parse of a pattern (stable since 3.11)

import ahocorasick

__all__ = ["Gate", "WindowGate", "needles_of"]

#: What a parse item's operator may be to lie inside a literal run or a required part.
_LITERAL = sre.LITERAL
_SUBPATTERN = sre.SUBPATTERN
_BRANCH = sre.BRANCH
_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None))
_ATOMIC = getattr(sre, "ATOMIC_GROUP", None)


def needles_of(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` holds, or None when none is known.

    Runs of plain letters are required as written; a group or a repeat of at least one is
    required when its body is; alternatives are required together (one of each's). Case-
    insensitive patterns and any parse this does not follow give None: no gate.
    """
    if flags & re.IGNORECASE:
        return None
    try:
        tree = sre.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - a pattern the stdlib parses differently: no gate
        return None
    if tree.state.flags & re.IGNORECASE:
        return None
    try:
        found = _of_sequence(list(tree))
    finally:
        _LANGUAGES.clear()
    return found if found and all(found) else None


def _of_sequence(items: list[tuple[object, object]]) -> frozenset[str] | None:
    """The best set of required strings of a sequence: the strings a run of its items can
    take together (:func:`_language`: 'ني' then '(?:ه|ته)' gives 'نيه', 'نيته'), or one
    item's set (:func:`_of_item`)."""
    options: list[frozenset[str]] = []
    languages: list[frozenset[str] | None] = []
    for op, av in items:
        language = _language(op, av)
        if language is None:
            inner = _of_item(op, av)
            if inner:
                options.append(inner)
        elif len(language) == 1 and languages and languages[-1] is not None and len(languages[-1]) == 1:
            languages[-1] = frozenset([next(iter(languages[-1])) + next(iter(language))])  # a run of letters
            continue
        languages.append(language)
    for i, first in enumerate(languages):
        if first is None or "" in first:
            continue  # (a run from an item that may take nothing: the run after it is as good)
        taken: frozenset[str] = frozenset([""])
        for language in languages[i:]:
            if language is None:
                break
            taken = frozenset(a + b for a in taken for b in language)
            if len(taken) > _MOST_STRINGS:
                break
            if "" not in language:
                options.append(taken)
    best = min(options, key=_passes, default=None)
    return None if best is None else _shortest(best)


def _shortest(strings: frozenset[str]) -> frozenset[str]:
    """``strings`` less those holding another of them (a text holding one holds the other)."""
    kept: list[str] = []
    for string in sorted(strings, key=len):
        if not any(len(k) < len(string) and k in string for k in kept):  # (one length: none holds another)
            kept.append(string)
    return frozenset(kept)


#: The most strings a run of items is spelled out as (more: the run is not a needle set).
_MOST_STRINGS = 64
#: The widest range of a character class spelled out as its characters.
_MOST_RANGE = 8
#: Zero-width items: they take no character, so a run reads through them.
_ZERO_WIDTH = (sre.AT, sre.ASSERT, sre.ASSERT_NOT)


#: :func:`_language`'s answers for the parse being read (by the item's identity): a group's
#: alternatives are read for their strings and again for their own required sets.
_LANGUAGES: dict[tuple[object, int], frozenset[str] | None] = {}


def _language(op: object, av: object) -> frozenset[str] | None:
    """Every string one parse item can take, when they are few (None otherwise): a letter, a
    small class, a look-around (the empty string), a group, alternatives or a short repeat
    of such items."""
    if op is _LITERAL:
        return frozenset([chr(av)])  # type: ignore[arg-type]
    key = (op, id(av))
    if key not in _LANGUAGES:
        _LANGUAGES[key] = _language_of(op, av)
    return _LANGUAGES[key]


def _language_of(op: object, av: object) -> frozenset[str] | None:
    """:func:`_language` worked out."""
    if op is _LITERAL:
        return frozenset([chr(av)])  # type: ignore[arg-type]
    if op in _ZERO_WIDTH:
        return frozenset([""])
    if op is sre.IN:
        return _class_language(av)  # type: ignore[arg-type]
    if op is _SUBPATTERN:
        return _sequence_language(list(av[-1]))  # type: ignore[index]
    if op is _ATOMIC and _ATOMIC is not None:
        return _sequence_language(list(av))  # type: ignore[arg-type]
    if op is _BRANCH:
        parts = [_sequence_language(list(alt)) for alt in av[1]]  # type: ignore[index]
        if any(p is None for p in parts):
            return None
        union = frozenset().union(*parts)  # type: ignore[arg-type]
        return union if len(union) <= _MOST_STRINGS else None
    if op in _REPEATS and op is not None:
        low, high, body = av  # type: ignore[misc]
        once = _sequence_language(list(body))
        if once is None or high > 3:
            return None
        found, power = set(), frozenset([""])
        for times in range(high + 1):
            if times >= low:
                found |= power
            if times < high:
                power = frozenset(a + b for a in power for b in once)
                if len(power) > _MOST_STRINGS:
                    return None
        return frozenset(found) if len(found) <= _MOST_STRINGS else None
    return None  # any character, a category, a back-reference: too many strings


def _sequence_language(items: list[tuple[object, object]]) -> frozenset[str] | None:
    """Every string a sequence of items can take, when they are few."""
    taken = [""]
    for op, av in items:
        if op is _LITERAL:
            letter = chr(av)  # type: ignore[arg-type]
            taken = [a + letter for a in taken]
            continue
        language = _language(op, av)
        if language is None:
            return None
        taken = [a + b for a in taken for b in language]
        if len(taken) > _MOST_STRINGS:
            taken = list(set(taken))
            if len(taken) > _MOST_STRINGS:
                return None
    return frozenset(taken)


def _class_language(items: list[tuple[object, object]]) -> frozenset[str] | None:
    """The characters of a class of letters and short ranges ('[وف]'); None for a negated
    class, a category ('\\s') or a wide range."""
    chars: set[str] = set()
    for op, av in items:
        if op is _LITERAL:
            chars.add(chr(av))  # type: ignore[arg-type]
        elif op is sre.RANGE and av[1] - av[0] < _MOST_RANGE:  # type: ignore[index]
            chars.update(chr(c) for c in range(av[0], av[1] + 1))  # type: ignore[index]
        else:
            return None
    return frozenset(chars) or None


def _of_item(op: object, av: object) -> frozenset[str] | None:
    """The required strings of one parse item whose strings are too many to spell out."""
    if op is _SUBPATTERN:
        return _of_sequence(list(av[-1]))  # type: ignore[index]
    if op is _ATOMIC and _ATOMIC is not None:
        return _of_sequence(list(av))  # type: ignore[arg-type]
    if op in _REPEATS and op is not None:
        low, _high, body = av  # type: ignore[misc]
        return _of_sequence(list(body)) if low >= 1 else None
    if op is _BRANCH:
        parts = [_of_sequence(list(alt)) for alt in av[1]]  # type: ignore[index]
        if any(not p for p in parts):
            return None
        return frozenset().union(*parts)  # type: ignore[arg-type]
    return None  # a class, an anchor, a look-around, a back-reference: nothing required


def _passes(options: frozenset[str]) -> float:
    """How often a set of required strings is guessed to occur in a text (the lower, the
    better the gate): each string as if its letters were one of eight, alike and apart."""
    return sum(8.0 ** -len(option) for option in options)


class Gate:
    """A compiled pattern with the strings its matches require (see :func:`needles_of`)."""

    __slots__ = ("index", "needles", "regex")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.needles = needles_of(regex.pattern, regex.flags)
        self.index = len(_GATES)
        if self.needles is not None:
            _GATES.append(self)
            _present.cache_clear()  # the texts seen so far were not searched for these needles

    def absent(self, text: str) -> bool:
        """True only when the pattern matches nowhere in ``text`` nor in any slice of it."""
        return self.needles is not None and self.index not in _present(text)

    def search(self, text: str, part: str | None = None) -> re.Match[str] | None:
        """``self.regex.search(part)`` (``part`` a slice of ``text``; ``text`` itself when
        None), not run when ``text`` holds none of the needles: a sentence is looked up once
        for every gate, while the regex would be tried at each of its characters."""
        if self.absent(text):
            return None
        return self.regex.search(text if part is None else part)


class WindowGate:
    """A compiled pattern behind a substring test of each of its needles, for a short text
    asked about once (the words before a name): cheaper than a pass of the shared automaton
    and a place in its memory, and, like :class:`Gate`, never a different answer."""

    __slots__ = ("needles", "regex")

    def __init__(self, regex: re.Pattern[str]) -> None:
        self.regex = regex
        self.needles = needles_of(regex.pattern, regex.flags)

    def search(self, text: str) -> re.Match[str] | None:
        """``self.regex.search(text)``, not run when ``text`` holds none of the needles."""
        if self.needles is not None and not any(n in text for n in self.needles):
            return None
        return self.regex.search(text)


#: Every gate with needles, by index; the automaton of their needles is built on first use.
_GATES: list[Gate] = []
_AUTOMATON: list[tuple[int, ahocorasick.Automaton]] = []


def _automaton() -> ahocorasick.Automaton:
    """The automaton of every gate's needles (built again when a gate was made since)."""
    if not _AUTOMATON or _AUTOMATON[0][0] != len(_GATES):
        owners: dict[str, set[int]] = {}
        for gate in _GATES:
            for needle in gate.needles or ():
                owners.setdefault(needle, set()).add(gate.index)
        automaton = ahocorasick.Automaton()
        for needle, indexes in owners.items():
            automaton.add_word(needle, frozenset(indexes))
        automaton.make_automaton()
        _AUTOMATON[:] = [(len(_GATES), automaton)]
    return _AUTOMATON[0][1]


@functools.lru_cache(maxsize=64)
def _present(text: str) -> frozenset[int]:
    """The indexes of the gates one of whose needles occurs in ``text``."""
    found: set[int] = set()
    for _end, indexes in _automaton().iter(text):
        found |= indexes
    return frozenset(found)
