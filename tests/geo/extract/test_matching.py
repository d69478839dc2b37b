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
