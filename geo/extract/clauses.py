"""Clauses within a sentence: where a new one begins, and whose a relative clause is.

Why a module: an event's date is the one its own clause gives (:mod:`.dating`), so the
dater must tell where a clause of its own opens ('حيث', '، وكان ...'), a relative clause
about another noun than the event's ('... غاضبة من التحرك الذي شهدته المنطقة أمس'), and one
telling how the place before it was taken ('التي سيطرت عليها يوم أمس': the taking's day).
"""

from __future__ import annotations

from typing import Any

from .document import Doc
from .folding import rx

__all__ = ["CLAUSE_BREAK_RE", "day_of_a_taking", "in_others_relative"]

#: Where a new clause of its own begins: a conjunction ('حيث', 'بينما', 'في حين') or a
#: pluperfect or earlier event joined by a comma ('، وكان ...', '، وسبق ...').
CLAUSE_BREAK_RE = rx(r"(?<![^\W\d_])(?:حيث|بينما|فيما|في حين|لكن|الا ان|بعد ان|قبل ان|اذ)(?![^\W\d_])"
                     r"|[،,;؛]\s*[وف]?(?:كان|كانت|كانوا|سبق|قد)(?![^\W\d_])")
#: A relative pronoun: the clause after it tells about the noun before it.
_RELATIVE_RE = rx(r"(?<![^\W\d_])[وف]?(?:الذي|التي|الذين|اللذين|اللتين|اللواتي)(?![^\W\d_])")


def day_of_a_taking(doc: Doc, d: Any) -> bool:
    """Is date ``d`` told in a relative clause of how the place before it was taken
    ('انسحبت من مخيم عين عيسى وقريتي صيدا والمعلك، التي سيطرت عليهما يوم أمس')? It is the
    day the place was taken, not the day of the event told of the place."""
    before = doc.fspan(max(0, d.start - 50), d.start)
    took = [m.end() for m in _TOOK_IT_RE.finditer(before)]
    return bool(took) and not CLAUSE_BREAK_RE.search(before, took[-1])


#: A relative clause telling how the place before it was taken: 'التي سيطرت عليها',
#: 'الذي دخلته'.
_TOOK_IT_RE = rx(r"(?<![^\W\d_])[وف]?(?:الذي|التي|اللتين|اللذين)\s+(?:كان(?:ت)?\s+(?:قد\s+)?)?"
                 r"(?:سيطر|سيطرت|سيطروا|استولت|استولي|استولوا|احتلت|احتل|احتلوا|دخلت|دخل|دخلوا|"
                 r"تقدمت|تقدم|تقدموا)(?![^\W\d_])")


def in_others_relative(gap: str) -> bool:
    """Do the words ``gap`` (from the event's trigger to a time) end inside a relative clause
    opened after more than two words, so about another noun than the event's?"""
    starts = [rel.start() for rel in _RELATIVE_RE.finditer(gap)]
    return bool(starts) and len(gap[:starts[-1]].split()) > 2
