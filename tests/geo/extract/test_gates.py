"""geo.extract.gates: the words a pattern cannot match without, and the gate they make."""

from __future__ import annotations

import re

import pytest

from geo.extract import cues
from geo.extract.folding import fold_letters, rx
from geo.extract.gates import Gate, needles_of


@pytest.mark.parametrize(("pattern", "needles"), [
    ("abc", {"abc"}),
    (r"(?<!\w)[وف]?(?:قتل|مقتل)\s+\d+", {"قتل"}),  # 'مقتل' holds 'قتل': one is enough
    (r"x+yz", {"yz"}),  # the longest run wins over a repeat's body
    (r"(?:ab)+c?", {"ab"}),  # a repeat of at least one holds its body
    (r"(?:ab)?c", {"c"}),
    (r"(?:ab|cd)e?", {"ab", "cd"}),
    (r"(?:ab|c?)d", {"d"}),
    (r"[ab]c*", {"a", "b"}),  # a class of letters is spelled out
    (r"[a-z]c*", None),  # a wide range is not
    (r"ني(?:ه|ته|تها)(?![^\W\d_])", {"نيه", "نيته"}),  # a run spelled out through its group
    (r"قدر(?:ه|ته) علي", {"قدره علي", "قدرته علي"}),  # ... and past it (not ' علي' alone)
    (r"(?:ال)?قرار(?=\s)", {"قرار"}),  # a look-around takes no character: the run reads through it
    (r"x(?:ab){1,2}y", {"xaby", "xababy"}),  # a short repeat is spelled out
    (r"[وف]?(?:ب|بال)\s+", {"ب"}),
    (r"(?:ab|)", None),  # an empty alternative requires nothing
    (r"(?i)abc", None),  # case-insensitive: no gate
    (r"(?=abc)", None),  # a look-ahead consumes nothing: no gate
])
def test_needles_of(pattern: str, needles: set[str] | None) -> None:
    found = needles_of(pattern)
    assert (None if found is None else set(found)) == needles


def test_a_long_spelling_is_cut_to_a_part_of_at_most_64_strings() -> None:
    pattern = "".join(f"[{a}{b}]" for a, b in zip("abcdefgh", "ijklmnop", strict=True))  # 2**8 strings
    found = needles_of(pattern)
    assert found is not None and len(found) == 64 and {len(n) for n in found} == {6}
    longer = needles_of(pattern + "xyz")
    assert longer is not None and len(longer) <= 64 and all(n.endswith("xyz") for n in longer)


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
