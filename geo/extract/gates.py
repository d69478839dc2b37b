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
>>> sorted(gate.needles)
['قتل', 'مقتل']
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
    found = _of_sequence(list(tree))
    return found if found and all(found) else None


def _of_sequence(items: list[tuple[object, object]]) -> frozenset[str] | None:
    """The best set of required strings of a sequence: a literal run, or one item's set."""
    options: list[frozenset[str]] = []
    run: list[str] = []
    for op, av in items:
        if op is _LITERAL:
            run.append(chr(av))  # type: ignore[arg-type]
            continue
        if run:
            options.append(frozenset(["".join(run)]))
            run = []
        inner = _of_item(op, av)
        if inner:
            options.append(inner)
    if run:
        options.append(frozenset(["".join(run)]))
    return max(options, key=_worth, default=None)


def _of_item(op: object, av: object) -> frozenset[str] | None:
    """The required strings of one parse item that is not a plain letter."""
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


def _worth(options: frozenset[str]) -> tuple[int, int]:
    """Rank of a set of required strings: the longer its shortest one, the fewer, the better."""
    return min(map(len, options)), -len(options)


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
