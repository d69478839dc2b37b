"""geo.extract.when: one text read again under another anchor, as the pipeline does.

The rules' matches are kept per text (the reader reads a body with no anchor, the
extractor with the publication day and, when that day is inferred, a week and a few
days either way): a later reading must follow its own anchor, never an earlier one's.
"""

from __future__ import annotations

import datetime

from geo.extract.when import find_dates
from geo.extract.when.text import fold_with_map

D = datetime.date
TEXT = "قُتل جندي أمس، وقبل عامين هاجم مسلحون القرية يوم الخميس 6 تشرين الأول 2022"


def _read(anchor: D | None) -> list[tuple[str, str, str]]:
    return [(e.text, e.iso, e.rule) for e in find_dates(TEXT, anchor)]


def test_each_anchor_gives_its_own_dates_whatever_was_read_before() -> None:
    first = _read(D(2022, 10, 8))
    assert ("أمس", "2022-10-07", "yesterday") in first
    later = _read(D(2023, 3, 1))
    assert ("أمس", "2023-02-28", "yesterday") in later
    assert ("قبل عامين", "2021", "years_ago") in later
    none = _read(None)
    assert all(iso not in {"2022-10-07", "2023-02-28"} for _, iso, _ in none)
    assert _read(D(2022, 10, 8)) == first  # the same again, after the others


def test_spans_index_the_original_text_with_marks_between_words() -> None:
    text = "قُتِلَ\u200f جنديٌّ أمسِ"
    found = find_dates(text, D(2022, 10, 8))
    assert [(text[e.start:e.end], e.iso) for e in found] == [("أمسِ", "2022-10-07")]


def test_fold_map_skips_runs_of_deleted_marks() -> None:
    folded, where = fold_with_map("اَُّب\u200f\u200fت")
    assert folded == "ابت"
    assert list(where) == [0, 4, 7, 8]
