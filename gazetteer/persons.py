"""Well-known persons the news names, so that their names are not read as places.

Why: foreign leaders and officials are written in Arabic letters, and a piece of such a
name can be a gazetteer name or look like a clitic plus one: 'باراك أوباما' holds
'ب' + 'اراك' (the village Arak). A careful reader sees one name of a person. The persons
live in ``data/persons.csv`` (given name, surname, other spellings, who, source), so an
analyst can extend the list without touching code; a bad row stops loading with the file
and the line named.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .errors import GazetteerDataError
from .normalize import fold, is_arabic

__all__ = ["PersonNames", "default_person_names", "read_persons_csv"]

COLUMNS: tuple[str, ...] = ("given_ar", "surname_ar", "given_other", "surname_other", "alone",
                            "who", "source")
#: Which half of a name marks a person next to any other name: a foreign given name
#: ('دونالد', 'فلاديمير') is no Arabic word, while 'بشار' or 'جو' alone may be one.
ALONE = ("both", "given", "surname", "none")
_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s+$")
_WORD_AFTER = re.compile(r"^\s+([^\W\d_]+)")


@dataclass(frozen=True, slots=True)
class PersonNames:
    """Folded name words of listed persons.

    ``words`` holds every single word of every listed name (a whole word equal to one of
    them is that name, not a clitic glued to a place); ``pairs`` the (last word of a given
    name, first word of a surname) written together, so either half next to the other is
    that person; ``givens``/``surnames`` the halves that mark a person next to any name
    (the ``alone`` column), so 'دونالد' before a place name or 'أوباما' after it makes the
    place name part of a person's name.
    """

    words: frozenset[str]
    pairs: frozenset[tuple[str, str]]
    givens: frozenset[str] = frozenset()
    surnames: frozenset[str] = frozenset()
    #: the first and the second halves of ``pairs``: a name whose first word is no second
    #: half needs no look at the word before it for a pair (nor its last word, at the one
    #: after); most names of a text are so, and the look is the costly part
    firsts: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)
    seconds: frozenset[str] = field(default=frozenset(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "firsts", frozenset(a for a, _ in self.pairs))
        object.__setattr__(self, "seconds", frozenset(b for _, b in self.pairs))

    def is_person_at(self, folded: str, word_start: int, start: int, end: int) -> bool:
        """Whether the name found at ``start:end`` of a folded text (its word, clitics
        included, starting at ``word_start``) is part of a listed person's name.

        Two readings a careful reader makes: a word that is itself a listed name is that
        name, not a clitic and a place ('باراك' is not 'ب' + 'اراك'); a word next to its
        listed other half is a person ('باراك أوباما', 'مظلوم كوباني').
        """
        name = folded[word_start:end]
        prefix = folded[word_start:start]
        bare = prefix == "" or prefix == "ال"  # no preposition
        if not bare and " " not in name and name in self.words:
            return True
        words = name.split()
        if words[0] in self.seconds or (bare and self.givens):
            before = _word_before(folded, max(0, word_start - 40), word_start)
            if before and ((before, words[0]) in self.pairs or bare and before in self.givens):
                return True
        if not folded[end:end + 1].isspace():
            return False  # the word after a name follows a space (most names end a phrase)
        if prefix and words[-1] not in self.firsts:
            return False  # no pair starts with its last word, and a surname needs no prefix
        after = _word_after(folded, end)
        return bool(after) and ((words[-1], after) in self.pairs
                                or prefix == "" and after in self.surnames)


def _word_before(folded: str, lo: int, pos: int) -> str:
    """The word of letters right before the spaces before ``pos`` ('' when none), as
    ``_WORD_BEFORE.search(folded, lo, pos)`` reads it.

    Why not the regex alone: searched over its window it is tried at every one of 40
    positions, for every name of the text; the common word of letters is cut out with
    string methods, and the regex reads only what they cannot (a digit-like sign).
    """
    window = folded[lo:pos]
    head = window.rstrip()
    if not head or len(head) == len(window):
        return ""
    word = head.rsplit(None, 1)[-1]  # starts after a space or at ``lo``, as the search does
    if word.isalpha():
        return word
    found = _WORD_BEFORE.search(folded, lo, pos)
    return found.group(1) if found else ""


def _word_after(folded: str, end: int) -> str:
    """The word of letters after the spaces at ``end`` ('' when none), as
    ``_WORD_AFTER.match(folded[end:end + 40])`` reads it: cut out with string methods when
    it is all letters (the common case), read by the regex otherwise."""
    window = folded[end:end + 40]
    rest = window.lstrip()
    if not rest or len(rest) == len(window):
        return ""
    word = rest.split(None, 1)[0]
    if word.isalpha():
        return word
    found = _WORD_AFTER.match(window)
    return found.group(1) if found else ""


def read_persons_csv(path: str | Path) -> PersonNames:
    """Read a persons file of :data:`COLUMNS`; a bad row raises with the file and line."""
    path = Path(path)
    words: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    alone: dict[str, set[str]] = {"given": set(), "surname": set()}
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise GazetteerDataError(path, 1, f"header lacks columns {missing}")
        for row in reader:
            givens, surnames = _checked_row(path, reader.line_num, row)
            for name in givens + surnames:
                words.update(name.split())
            pairs.update((g.split()[-1], s.split()[0]) for g in givens for s in surnames)
            half = row.get("alone") or ""
            if half in ("both", "given"):
                alone["given"].update(g.split()[-1] for g in givens)
            if half in ("both", "surname"):
                alone["surname"].update(s.split()[0] for s in surnames)
    # a word of one or two letters ('دي' of 'دي ميستورا') marks nothing on its own
    return PersonNames(frozenset(words), frozenset(pairs),
                       frozenset(w for w in alone["given"] if len(w) > 2),
                       frozenset(w for w in alone["surname"] if len(w) > 2))


def _checked_row(path: Path, line: int, row: dict[str, str | None]) -> tuple[list[str], list[str]]:
    """The folded given names and surnames of one row, other spellings included."""
    out: list[list[str]] = []
    for main, other in (("given_ar", "given_other"), ("surname_ar", "surname_other")):
        names = [(row.get(main) or "").strip()]
        names += [o.strip() for o in (row.get(other) or "").split("|") if o.strip()]
        if not names[0] or any(not is_arabic(n) for n in names):
            raise GazetteerDataError(path, line, f"{main} and {other} must be Arabic names")
        out.append([fold(n) for n in names])
    if (row.get("alone") or "") not in ALONE:
        raise GazetteerDataError(path, line, f"alone must be one of {', '.join(ALONE)}")
    if not (row.get("source") or "").strip():
        raise GazetteerDataError(path, line, "source is empty: say where the name is written so")
    return out[0], out[1]


@cache
def default_person_names() -> PersonNames:
    """The embedded list, read once."""
    return read_persons_csv(Path(__file__).parent / "data" / "persons.csv")
