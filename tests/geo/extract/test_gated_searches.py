"""The gated searches and the memo of the rejections give the answers of the plain patterns.

A gate (:mod:`geo.extract.gates`) only skips a regex where its words are missing, and
:func:`geo.extract.rejections.rejected` is kept per span: both are checked here against
the slow path, on the sentences of the development set and on Hypothesis's texts made of
the patterns' own words.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer.normalize import FoldedText
from geo.extract import bases, dedupe, instruments, place_cues
from geo.extract.gates import Gate, WindowGate
from geo.extract.rejections import rejected

NEWS = Path(__file__).resolve().parents[2] / "data" / "news"

#: Every gate put before a search in the extractor's code.
GATED: list[Gate | WindowGate] = [
    bases._PRESENCE, dedupe._DISTINCT, instruments._AIR, instruments._ARTILLERY, instruments._EXPLOSIVE,
    instruments._SMALL_ARMS, place_cues._STATIONED, place_cues._FLED_TO, place_cues._TAKEN_TO,
    place_cues._BETWEEN, place_cues._LEADING_TO,
]


def _sentences() -> list[str]:
    """The folded lines and sentences of the development set's texts (a sample of them)."""
    out: list[str] = []
    for path in sorted(NEWS.glob("*.json"))[::3]:
        item = json.loads(path.read_text("utf-8"))
        text = item.get("text") if isinstance(item, dict) else None
        if isinstance(text, str):
            folded = FoldedText.of(text).folded
            out += [s for line in folded.split("\n") for s in re.split(r"(?<=[.!؟])\s", line) if s]
    return out


SENTENCES = _sentences()


def _same(a: re.Match[str] | None, b: re.Match[str] | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and a.span() == b.span()
                                         and a.string == b.string)


def _check_all(text: str) -> None:
    for gate in GATED:
        assert gate.needles is not None  # a gate that gates nothing would test nothing
        assert _same(gate.search(text), gate.regex.search(text))
        if isinstance(gate, Gate):
            for lo, hi in ((0, len(text) // 2), (len(text) // 3, len(text)), (5, 80)):
                part = text[lo:hi]
                assert _same(gate.search(text, part), gate.regex.search(part))


def test_the_development_set_has_sentences() -> None:
    assert len(SENTENCES) > 500


def test_each_gated_search_finds_what_its_pattern_finds_in_real_news() -> None:
    for text in SENTENCES:
        _check_all(text)
        for end in range(40, len(text), 40):  # the windows before a name the place cues read
            window = text[max(0, end - 90):end]
            for gate in GATED:
                assert _same(gate.search(window), gate.regex.search(window))


_WORDS = sorted({w for gate in GATED for w in gate.needles or ()}
                | {"ال", "و", "في", "الي", "بين", "مدينه", "قريه", "الطريق", "المؤدي", "قوات", "فروا"})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS) | st.text("اب ،.\n", max_size=4), max_size=14))
def test_each_gated_search_finds_what_its_pattern_finds_in_made_texts(parts: list[str]) -> None:
    _check_all(" ".join(parts))
    _check_all("".join(parts))


def _trigger_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\S*(?:هجوم|قصف|اشتباك|تعزيزات|دوري)\S*", text)]


@pytest.mark.parametrize("reverse", [False, True])
def test_the_kept_rejections_are_those_worked_out_afresh(reverse: bool) -> None:
    """In either order of asking (a span asked again after others), the same answers."""
    asked = [(text, a, b) for text in SENTENCES for a, b in _trigger_spans(text)]
    assert len(asked) > 200
    for text, a, b in reversed(asked + asked) if reverse else asked + asked:
        assert rejected(text, a, b) == rejected.__wrapped__(text, a, b)


def _every_gate() -> list[Gate]:
    """Every gate the extractor makes (its modules imported), with its needles."""
    import geo.extract.article  # noqa: F401 - makes the gates of every stage
    from geo.extract import gates

    return [g for g in gates._GATES if g.needles is not None]


EVERY_GATE = _every_gate()


def test_every_match_of_every_gate_holds_one_of_its_needles_in_real_news() -> None:
    """The needles spelled out through groups, classes and look-arounds ('نية', 'قدرته على')
    are held by each match, wherever it starts: a gate never hides one."""
    assert len(EVERY_GATE) > 30
    for text in SENTENCES:
        for gate in EVERY_GATE:
            for m in gate.regex.finditer(text):
                assert any(n in m.group(0) for n in gate.needles), (gate.regex.pattern, m.group(0))
            if gate.absent(text):
                assert gate.regex.search(text) is None


_LETTERS = sorted({c for gate in EVERY_GATE for n in gate.needles for c in n} | set(" ،.0123456789"))
_NEEDLES = sorted({n for gate in EVERY_GATE for n in gate.needles})


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_NEEDLES) | st.text(_LETTERS, max_size=6), max_size=10),
       st.integers(0, len(EVERY_GATE) - 1))
def test_a_gate_says_absent_only_where_its_pattern_matches_nowhere(parts: list[str], k: int) -> None:
    gate = EVERY_GATE[k]
    for text in (" ".join(parts), "".join(parts)):
        if gate.absent(text):
            assert all(gate.regex.search(text, lo) is None for lo in range(len(text) + 1))
        for m in gate.regex.finditer(text):
            assert any(n in m.group(0) for n in gate.needles)
