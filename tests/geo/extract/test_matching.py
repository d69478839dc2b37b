"""geo.extract.matching: where the triggers' patterns match in an article's folded text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from geo.extract.matching import _matches, _word_matches, prefix_ok


def _plain(regex: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """The same matches worked out plainly: from each start in turn, a match opening a word
    (after clitics at most) is kept and read past; any other start is skipped by one."""
    out, pos = [], 0
    while pos <= len(text):
        m = regex.match(text, pos)
        if m is not None and prefix_ok(text, pos):
            out.append((m.start(), m.end()))
            pos = max(m.end(), pos + 1)
        else:
            pos += 1
    return out


_PATTERN = re.compile(r"رصد(?: \S+){0,3}? (?:ال)?رتل|توجه (?:ال)?رتل")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["المرصد", "رصد", "توجه", "الرتل", "رتل", " ", "و", "فقد ", "x"]),
                max_size=12).map("".join))
def test_matches_are_the_word_opening_matches_from_every_start(text: str) -> None:
    starts = [m.start() for m in re.finditer("رصد|توجه", text)]
    assert [(m.start(), m.end()) for m in _matches(_PATTERN, text, starts)] == _plain(_PATTERN, text)
    assert [(m.start(), m.end()) for m in _word_matches(_PATTERN, text)] == _plain(_PATTERN, text)


def test_a_match_inside_a_word_hides_none_after_it() -> None:
    text = "وبحسب مصادر المرصد السوري, فقد توجه الرتل نحو قاعده قسرك"
    starts = [m.start() for m in re.finditer("رصد|توجه", text)]
    assert [m.group(0) for m in _matches(_PATTERN, text, starts)] == ["توجه الرتل"]


def _every_trigger(doc, compiled) -> dict[int, list]:
    """trigger_hits as first written: every trigger of the table visited in its order."""
    import bisect

    from geo.extract.matching import _needle_starts

    fstarts = [s.fstart for s in doc.sentences]
    out: dict[int, list] = {}
    starts = _needle_starts(doc.folded, compiled)
    for k_trig, (trig, regex, needles) in enumerate(compiled):
        if needles and k_trig not in starts:
            continue
        found = _matches(regex, doc.folded, starts[k_trig]) if needles else _word_matches(regex, doc.folded)
        for m in found:
            k = bisect.bisect_right(fstarts, m.start()) - 1
            s = doc.sentences[k]
            if k >= 0 and m.end() <= s.fstart + len(s.folded) and not s.heading:
                out.setdefault(k, []).append((trig, regex, m.start()))
    return out


def test_trigger_hits_are_those_of_a_visit_of_every_trigger() -> None:
    """Visiting only the triggers whose needles the text holds (and those without needles)
    finds what a visit of the whole table finds, in the same order, on the seeds' articles."""
    from pathlib import Path

    from gazetteer import load_gazetteer
    from geo.extract.document import read_article
    from geo.extract.matching import trigger_hits
    from geo.extract.triggers import _COMPILED
    from geo.read import iter_corpus

    gaz = load_gazetteer()
    wordy = (_COMPILED[0][0], re.compile(r"(?:ال)?رتل"), ())  # a trigger without needles
    tables = (_COMPILED, (*_COMPILED[:5], wordy, *_COMPILED[5:]))
    seeds = Path(__file__).resolve().parents[3] / "seeds"
    docs = [read_article(a, gaz) for a in iter_corpus(seeds) if hasattr(a, "body")]
    assert docs and any(trigger_hits(doc, _COMPILED) for doc in docs)
    for table in tables:
        for doc in docs:
            assert trigger_hits(doc, table) == _every_trigger(doc, table)
