from __future__ import annotations

import json

from hypothesis import given
from hypothesis import strategies as st

from gazetteer.terminal import echo, json_safe, terminal_safe

DANGEROUS = {chr(c) for c in [*range(0, 9), *range(11, 32), *range(0x7F, 0xA0),
                              *range(0x202A, 0x202F), *range(0x2066, 0x206A)]}


def test_escapes_are_shown_not_run() -> None:
    assert terminal_safe("evil\x1b]0;pwned\x07.txt") == "evil\\x1b]0;pwned\\x07.txt"
    assert terminal_safe("csi\x9b2J") == "csi\\x9b2J"
    assert terminal_safe("\u202etxt.exe") == "<U+202E>txt.exe"


def test_arabic_whitespace_and_marks_are_kept() -> None:
    text = "دورية قرب القامشلي\u200f\tفي 2022\n"
    assert terminal_safe(text) == text


@given(st.text())
def test_nothing_dangerous_is_left(text: str) -> None:
    assert not DANGEROUS & set(terminal_safe(text))


@given(st.recursive(st.none() | st.text() | st.integers(),
                    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_json_safe_is_the_same_value_without_raw_controls(value) -> None:
    dumped = json_safe(json.dumps(value, ensure_ascii=False))
    assert json.loads(dumped) == value
    assert not DANGEROUS & set(dumped)


def test_echo_prints_the_safe_text(capsys) -> None:
    echo("a\x1bb")
    assert capsys.readouterr().out == "a\\x1bb\n"
