"""geo.extract.gates: the words a pattern cannot match without, and the gate they make."""

from __future__ import annotations

import re

import pytest

from geo.extract import cues
from geo.extract.folding import fold_letters, rx
from geo.extract.gates import Gate, needles_of


@pytest.mark.parametrize(("pattern", "needles"), [
    ("abc", {"abc"}),
    (r"(?<!\w)[وف]?(?:قتل|مقتل)\s+\d+", {"قتل", "مقتل"}),
    (r"x+yz", {"yz"}),  # the longest run wins over a repeat's body
    (r"(?:ab)+c?", {"ab"}),  # a repeat of at least one holds its body
    (r"(?:ab)?c", {"c"}),
    (r"(?:ab|cd)e?", {"ab", "cd"}),
    (r"(?:ab|c?)d", {"d"}),
    (r"[ab]c*", None),  # nothing required as written
    (r"(?:ab|)", None),  # an empty alternative requires nothing
    (r"(?i)abc", None),  # case-insensitive: no gate
    (r"(?=abc)", None),  # a look-ahead consumes nothing: no gate
])
def test_needles_of(pattern: str, needles: set[str] | None) -> None:
    found = needles_of(pattern)
    assert (None if found is None else set(found)) == needles


def test_a_case_insensitive_pattern_has_no_gate() -> None:
    assert Gate(re.compile("abc", re.IGNORECASE)).absent("xyz") is False


SENTENCES = [
    "قالت المصادر إن القوات التركية لن تشن هجوما على القرية في حال انسحبت الوحدات",
    "وتعد هذه المرة الثانية خلال أسبوع التي تتعرض فيها القاعدة لهجوم",
    "وخلال الأشهر الثلاثة الماضية، تمركزت الشرطة العسكرية الروسية في 10 نقاط",
    "تستعد القوات لشن هجوم واسع على المنطقة",
    "أسفر القصف عن مقتل جنديين وإصابة 3 مدنيين بجروح",
    "سيارة تسير على الطريق",
]


@pytest.mark.parametrize("name", ["HYPOTHETICAL_RE", "GENERAL_RE", "FORECAST_RE", "DENIAL_RE",
                                  "HABITUAL_RE", "SPAN_RE", "SUMMARY_RE", "BACKGROUND_RE"])
def test_a_gate_says_absent_only_where_its_pattern_matches_nowhere(name: str) -> None:
    regex = getattr(cues, name)
    gate = Gate(regex)
    for sentence in SENTENCES:
        text = fold_letters(sentence)
        if gate.absent(text):
            assert all(regex.search(text, 0, end) is None for end in range(len(text) + 1))


def test_a_gate_made_after_a_text_was_seen_still_sees_its_needles() -> None:
    text = fold_letters("كلمة نادرة جدا هنا")
    assert Gate(rx("سيارة")).absent(text)
    assert not Gate(rx("نادره")).absent(text)
