"""A long text mended a block of lines at a time reads as the whole text mended at once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer import linefold
from gazetteer.linefold import folded_text, mended_in_blocks
from gazetteer.normalize import FoldedText, mended

NEWS = Path(__file__).resolve().parents[1] / "data" / "news"

#: The signs of every rule of ``mended`` (a dot beside a tatweel, a dual kind word before a
#: name, a quotation mark glued between words or after a clitic, a hashtag's marks), beside
#: blanks and what folding deletes: short lines of them, so a block's edges fall between them.
_PIECES = [" ", "  ", "\t", "\r", "ـ", ".", ". ", "ـ.", ".ـ", "ـ. ـ", "#", "_", "#تل_تمر", '"', "“", "”",
           "«", "»", "″", "لـ", "و", "ب", "ال", "ق", "س", "قسد", "ناحية", "حقلي ", "مطاري ", "قاعدتي ",
           "وحقلي ", "ي ", "العمر", "x", "1", "\u064e", "\u200f"]
_LINES = st.lists(st.lists(st.sampled_from(_PIECES), max_size=8).map("".join), max_size=12)


@settings(max_examples=600, deadline=None)
@given(_LINES, st.sampled_from(["\n", "\r\n", "\n\n"]), st.integers(min_value=0, max_value=12))
def test_blocks_of_lines_mend_as_the_whole_text(lines: list[str], end: str, block: int) -> None:
    text = end.join(lines)
    assert mended_in_blocks(text, block) == mended(text)


@pytest.mark.parametrize("text", ["ق\n_ق", "ق\n#ق", "طـ.\nـردوا", "حقلي\n العمر", 'ق\n"قسد"', "ق\n\u064e_ق"])
def test_a_block_opens_with_the_line_end_a_rule_may_read_back_to(text: str) -> None:
    """The blocks of these texts are cut at their line end: a mark opening the line reads
    the line end before it (a block opening after it would leave '_ق' as it stands)."""
    assert mended_in_blocks(text, 1) == mended(text)


def _long_news() -> str:
    texts = []
    for path in sorted(NEWS.glob("*.json"))[:200]:
        item = json.loads(path.read_text("utf-8"))
        if isinstance(item, dict) and isinstance(item.get("text"), str):
            texts.append(item["text"])
    return "\n\n".join(texts)


def test_a_long_text_folds_as_foldedtext_of_folds_it() -> None:
    text = _long_news() + '\n#مخيم_الهول طـ.ـردوا اشتـ. ـباك قاعدتي حقلي العمر وكونيكو لـ"قسد"'
    assert len(text) >= linefold.LONG_TEXT
    made = folded_text(text)
    whole = FoldedText._fold(text, False, True)  # worked out afresh, not from the memo
    assert made.original is text
    assert (made.folded, made.deleted, made.deleted_at) == (whole.folded, whole.deleted,
                                                            whole.deleted_at)
    assert made == whole
    assert folded_text(text) is made  # the last long texts' folds are kept


@pytest.mark.parametrize("text", ["", "قرية تل شعير", "x" * 100])
def test_a_short_text_is_folded_by_foldedtext_of_itself(text: str) -> None:
    """An article shares its fold with its reader through the memo of ``FoldedText.of``."""
    assert folded_text(text) is FoldedText.of(text)


def test_the_matcher_finds_the_same_names_in_a_long_text() -> None:
    from gazetteer import load_gazetteer

    text = _long_news()
    matcher = load_gazetteer().matcher
    _, raws, marked, spotted = matcher.find_spotted(text)
    assert (raws, marked, spotted) == matcher.scan_spotted(FoldedText._fold(text, False, True).folded)
