"""Which decision wins: the latest on each (target, field), the history keeping them all.

Decisions from several analysts (and imported from other machines) are ordered by
their UTC time, then by the order they were stored; on the same field of the same
target the later one wins. Different fields never override each other: a later
'set-type' leaves an earlier 'set-date' in force.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .decisions import Decision

__all__ = ["ReviewState"]


@dataclass(eq=False)
class ReviewState:
    """The history and, for each target, the decision in force on each of its fields."""

    history: list[Decision] = field(default_factory=list)
    latest: dict[tuple[str, str], dict[str, Decision]] = field(default_factory=dict)

    @classmethod
    def of(cls, decisions: Iterable[Decision]) -> ReviewState:
        """The state of a history (any order; sorted here by time, stable for ties)."""
        history = sorted(decisions, key=lambda d: d.at)
        latest: dict[tuple[str, str], dict[str, Decision]] = defaultdict(dict)
        for d in history:
            latest[(d.target_kind, d.target)][d.field] = d
        return cls(history=history, latest=dict(latest))

    def on(self, target_kind: str, target: str) -> dict[str, Decision]:
        """Field -> decision in force, for one target ({} when none)."""
        return self.latest.get((target_kind, target), {})

    def targets(self, target_kind: str) -> list[str]:
        return sorted(t for k, t in self.latest if k == target_kind)

    def in_force(self) -> list[Decision]:
        """Every decision in force, oldest first."""
        return sorted((d for fields in self.latest.values() for d in fields.values()),
                      key=lambda d: d.at)

    def __len__(self) -> int:
        return len(self.history)
