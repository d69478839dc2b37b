"""Finding gazetteer names in running text: one Aho-Corasick pass, linear in the text.

The automaton holds each name *without* its leading article, so one entry
matches 'القامشلي', 'بالقامشلي', 'للقامشلي' and 'والقامشلي'; the clitics in
front of a match are then checked against the closed lists in
:mod:`gazetteer.normalize`. Overlaps keep the longest name ('مطار القامشلي'
wins over 'القامشلي').
"""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping
from typing import NamedTuple

import ahocorasick

from .linefold import folded_text
from .model import Place
from .normalize import (
    BARE_PREFIXES,
    DUAL_KIND_WORDS,
    FOLDED_BLANKS,
    INTRODUCING_WORDS,
    SPOTTED_WORDS,
    WITH_ARTICLE_PREFIXES,
    FoldedText,
    core_form,
    fold,
    is_arabic,
    split_cue,
)

#: Shortest core (letters, article removed) indexed; shorter names are too often words.
MIN_CORE = 3
#: Article-less use of an article name ('قامشلي' for 'القامشلي') only for long cores.
MIN_BARE_CORE = 5
_MAX_PREFIX = 5


class Entry(NamedTuple):
    """One place a core stands for, and how the name was written.

    A named tuple rather than a frozen dataclass: a started command reads thousands of
    them back from the built store (:mod:`gazetteer.warm`), and pickle read each frozen
    dataclass through a Python ``__setstate__`` that walked its fields (a tuple is made
    in one call)."""

    place_id: str
    had_article: bool
    latin: bool


class RawMatch(NamedTuple):
    """A name found in folded text; offsets are folded offsets, ``core`` is the indexed form.

    A named tuple rather than a frozen dataclass: one is made per automaton hit, and a
    frozen dataclass pays a guarded ``__setattr__`` per field.
    """

    start: int  # start of the name including its article, excluding other clitics
    end: int
    core: str
    place_ids: tuple[str, ...]
    prefix: str  # the clitics in front of the core, article included
    word_start: int  # where the whole word, clitics included, starts


class _Mark:
    """What the automaton stores for a marked word and the blank after it (``spot``
    False), or for a spotted word (``spot`` True: recorded wherever it stands)."""

    __slots__ = ("word", "length", "spot")
    mark = True
    core = None  # no name (a name that is also a spotted word is a _Word marked so)

    def __init__(self, word: str, length: int, spot: bool = False) -> None:
        self.word, self.length, self.spot = word, length, spot


class _Word:
    """What the automaton stores for one indexed core, with the places each clitic
    sequence in front of it admits (filled as the text shows them: a handful per core)."""

    __slots__ = ("core", "length", "entries", "admitted", "mark", "word")
    spot = True  # (read only when ``mark`` is set: the core is also a spotted word)

    def __init__(self, core: str, entries: tuple[Entry, ...]) -> None:
        self.core = self.word = core
        self.length = len(core)
        self.entries = entries
        self.admitted: dict[str, tuple[str, ...]] = {}
        self.mark = False

    def admit(self, prefix: str) -> tuple[str, ...]:
        ids = _unique(tuple(e.place_id for e in self.entries
                            if _prefix_ok(prefix, e, self.length)))
        self.admitted[prefix] = ids
        return ids


class PlaceMatcher:
    """An automaton over every name of some places (a store builds one over all of its own).

    It takes the places, not the store, so that the store depends on the matcher and
    never the other way round. The same pass marks where each of ``marks`` stands before
    a blank (:meth:`find_marked`; by default the kind words that introduce a name the
    gazetteer may lack, read by :mod:`gazetteer.unknown`): a scan of its own cost that
    finder a sixth of its time; and where each of ``spots`` stands (:meth:`find_spotted`;
    by default the words the readers of a name's context look for around it, see
    :data:`gazetteer.normalize.SPOTTED_WORDS`).
    """

    def __init__(self, places: Iterable[Place],
                 marks: Iterable[str] = INTRODUCING_WORDS,
                 spots: Iterable[str] = SPOTTED_WORDS) -> None:
        table: dict[str, list[Entry]] = {}
        for place in places:
            for name in _distinct_names(place):
                for core, entry in _forms(name, place.id):
                    bucket = table.setdefault(core, [])
                    if entry not in bucket:
                        bucket.append(entry)
        words = {core: _Word(core, tuple(entries)) for core, entries in table.items()}
        stored: dict[str, _Word | _Mark] = dict(words)
        for word in marks:
            for blank in FOLDED_BLANKS:
                if word + blank not in table:
                    stored[word + blank] = _Mark(word, len(word) + 1)
        self.spots = tuple(dict.fromkeys(spots))
        for word in self.spots:
            if word in words:
                words[word].mark = True  # a name, and spotted too
            else:
                stored[word] = _Mark(word, len(word), spot=True)
        self.automaton = automaton_of(stored)
        self.size = len(table)

    def scan(self, folded: str) -> list[RawMatch]:
        """Longest, non-overlapping name matches in an already folded text."""
        return self.scan_marked(folded)[0]

    def scan_marked(self, folded: str) -> tuple[list[RawMatch], list[tuple[int, str]]]:
        """:meth:`scan`, and where each marked word stands before a blank: (folded
        offset, word) in text order."""
        return self.scan_spotted(folded)[:2]

    def scan_spotted(self, folded: str) -> tuple[list[RawMatch], list[tuple[int, str]],
                                                 dict[str, list[int]]]:
        """:meth:`scan_marked`, and where each spotted word stands (its folded offsets,
        ascending; inside other words too, as ``str.find`` finds it).

        The loop runs once per automaton hit, so it stays flat: the clitics in front
        of a core are read with one bounded backward walk, and which places a
        (core, clitics) pair admits is worked out once per pair and remembered.
        """
        found: list[RawMatch] = []
        marked: list[tuple[int, str]] = []
        spotted: dict[str, list[int]] = {word: [] for word in self.spots}
        append, new = found.append, tuple.__new__  # a named tuple made without its Python __new__
        n = len(folded)
        for end_idx, word in self.automaton.iter(folded):
            if word.mark:
                if word.spot:
                    spotted[word.word].append(end_idx + 1 - word.length)
                else:
                    marked.append((end_idx + 1 - word.length, word.word))
                if word.core is None:
                    continue
            end = end_idx + 1
            if end < n and ((ch := folded[end]).isalnum() or ch == "_"):
                continue
            start = end - word.length
            ws = start
            floor = start - _MAX_PREFIX - 1 if start > _MAX_PREFIX else 0
            while ws > floor and ((ch := folded[ws - 1]).isalnum() or ch == "_"):
                ws -= 1
            if ws and ws == floor and ((ch := folded[ws - 1]).isalnum() or ch == "_"):
                continue
            prefix = folded[ws:start]
            ids = word.admitted.get(prefix)
            if ids is None:
                ids = word.admit(prefix)
            if ids:
                append(new(RawMatch, (start - 2 if prefix.endswith("ال") else start, end,
                                      word.core, ids, prefix, ws)))
        return _longest_non_overlapping(found), marked, spotted

    def find(self, text: str) -> tuple[FoldedText, list[RawMatch]]:
        folded = folded_text(text)
        return folded, self.scan(folded.folded)

    def find_marked(self, text: str) -> tuple[FoldedText, list[RawMatch], list[tuple[int, str]]]:
        """:meth:`find`, and the marked words (see :meth:`scan_marked`)."""
        return self.find_spotted(text)[:3]

    def find_spotted(self, text: str) -> tuple[FoldedText, list[RawMatch],
                                               list[tuple[int, str]], dict[str, list[int]]]:
        """:meth:`find`, the marked words and the spotted ones (see :meth:`scan_spotted`)."""
        folded = folded_text(text)
        return folded, *self.scan_spotted(folded.folded)


#: Folded characters from the most frequent in Arabic news to the least (the seeds and the
#: development set, folded): the order in which :func:`automaton_of` makes a node's branches.
FREQUENT_FIRST = " اليرموهتندقعبسفح\nكشجط,صخ.زضذث2ظ0غ1ء-():"
_RANK = {ch: i for i, ch in enumerate(FREQUENT_FIRST)}


def automaton_of(words: Mapping[str, object]) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton of ``words`` (key -> value), each node's branches made in
    the order of :data:`FREQUENT_FIRST` (other characters after, by code point).

    Why: pyahocorasick looks the next character up among a node's branches one by one, in
    the order they were made. Made as the words came (a place's names, one after the
    other), a space or an alef was compared with many rarer letters first at every step
    of the pass over a text; made commonest first, the pass over 8 MB of news takes 0.103
    s instead of 0.119. The matches, and their order, depend on which words the automaton
    holds, not on the order they were added in."""
    automaton = ahocorasick.Automaton()
    for key in sorted(words, key=_frequency_key):
        automaton.add_word(key, words[key])
    automaton.make_automaton()
    return automaton


def _frequency_key(word: str) -> list[int]:
    rank, rare = _RANK, len(_RANK)
    return [rank.get(ch, rare + ord(ch)) for ch in word]


def _distinct_names(place: Place) -> list[str]:
    """Names of a place, without 'بلدة X' when 'X' is a name of it too.

    The kind word is read as a cue by the resolver; indexing 'بلدة X' as a name of
    its own would hide the other places called 'X' from the comparison.
    """
    names = [n for n in place.names if n and n.strip()]
    cues = [split_cue(n) for n in names]  # each name split once (a store splits them all)
    bare = {core_form(n)[0] for n, (cue, _) in zip(names, cues, strict=True) if not cue}
    kept = [n for n, (cue, rest) in zip(names, cues, strict=True)
            if not (cue and core_form(rest)[0] in bare)]
    # a name entered only with its kind word ('بلدة الصور': alone a common word) is named first
    # after the dual too ('في بلدتي الصور وأبريهة')
    duals = [f"{DUAL_KIND_WORDS[cue]} {rest}" for cue, rest in cues
             if cue in DUAL_KIND_WORDS and rest and core_form(rest)[0] not in bare]
    return kept + [d for d in dict.fromkeys(duals) if d not in kept]


def _forms(name: str, place_id: str) -> list[tuple[str, Entry]]:
    """The indexed forms of a name (Arabic core, or folded Latin with and without 'al-')."""
    if not name or not name.strip():
        return []
    if is_arabic(name):
        core, had_article = core_form(name)
        if len(core.replace(" ", "")) < MIN_CORE:
            return []
        return [(core, Entry(place_id, had_article, False))]
    folded = " ".join(fold(name).replace("-", " ").split())
    if len(folded) < 4:
        return []
    out = [(folded, Entry(place_id, False, True))]
    for art in ("al ", "el ", "as ", "ad ", "ar ", "ash ", "at ", "az ", "an "):
        if folded.startswith(art) and len(folded) - len(art) >= 4:
            out.append((folded[len(art):], Entry(place_id, False, True)))
    return out


def _prefix_ok(prefix: str, entry: Entry, core_len: int) -> bool:
    if entry.latin:
        return prefix == ""
    if entry.had_article:
        return prefix in WITH_ARTICLE_PREFIXES or (
            core_len >= MIN_BARE_CORE and prefix in BARE_PREFIXES
        )
    return prefix in BARE_PREFIXES


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _unique(ids: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(ids))


def _longest_non_overlapping(matches: list[RawMatch]) -> list[RawMatch]:
    """Leftmost-longest selection over matches that may overlap, given in the order the
    automaton finds them (by end).

    Sorted by start alone (a C key, no Python call per match), the matches of one start
    stay in the order found, the shortest first; each longer one then takes the place of
    the one before it, so the longest of a start is chosen, as when it came first.
    """
    matches.sort(key=_START)
    chosen: list[RawMatch] = []
    last_start = last_end = -1
    for m in matches:
        start, end = m[0], m[1]
        if start >= last_end:
            chosen.append(m)
            last_start, last_end = start, end
        elif end - start > last_end - last_start:
            chosen[-1] = m
            last_start, last_end = start, end
    return chosen


_START = operator.itemgetter(0)
