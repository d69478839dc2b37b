"""One force holding another's men: a move in a standoff, not a security operation.

Why a module: an arrest is most often a raid on suspects or civilians (violence to a
reader of this news); but where two forces keep checkpoints side by side without being at
war, as the regime's and the SDF's in Qamishli and Hasakah did for years, the one detaining
the other's men ('اعتقل حاجز للأسايش 20 عنصراً من قوات الهجانة وضابطين من قوات النظام',
'قامت الأسايش باعتقال عناصر من الأمن العسكري') is confronting it without a fight: an
obstruction, what ACLED files among strategic developments (arrests). A detention told in
a sentence of fighting stays an arrest beside the fight.
"""

from __future__ import annotations

from .actors import side_of
from .cues import FIGHTING_RE
from .instruments import HARM_RE

__all__ = ["STANDOFF_SIDES", "as_arrest", "detention_type"]

#: Pairs of sides that hold ground side by side without being at war: a detention between
#: them is a standoff's move. (The SDF and Turkey, or anyone and ISIS, are at war: their
#: detentions are captures and security operations.)
STANDOFF_SIDES = frozenset({frozenset({"regime", "sdf"})})


def detention_type(kind: str, attackers: list[str], targets: list[str], folded: str) -> str:
    """``'detention'`` for an arrest by one side of a standoff of the other side's forces
    told with no fighting in its sentence (``folded``); ``kind`` otherwise."""
    if kind != "arrest" or not attackers or not targets or FIGHTING_RE.search(folded) \
            or HARM_RE.search(folded):  # fighting or harm told: the detention is part of a fight
        return kind
    by = {side_of(a) for a in attackers} - {""}
    held = {side_of(t) for t in targets} - {""}
    pairs = {frozenset({a, b}) for a in by for b in held if a != b}
    # both sides among the arresters (a roles mix-up) say nothing sure: stays an arrest
    return "detention" if pairs and pairs <= STANDOFF_SIDES and not by & held else kind


def as_arrest(kind: str) -> str:
    """The kind ``kind`` counts as where one event's incidents are told apart by kind: a
    detention is an arrest of a kind ('اعتقلت الأسايش عناصر من قوات النظام في القامشلي' is
    the arrest a listing's 'واعتقال موالين آخرين في القامشلي' names there again)."""
    return "arrest" if kind == "detention" else kind
