"""geo.extract.when: speed work changes no date found, for many texts and anchors.

Two checks. The seeds' and the development set's texts (whole, and each of their first
lines, as the stamp reader asks), under fixed and random anchors, give the expressions
recorded in ``same_dates.json`` before the speed work (issue 14); and random mixes of
date words give what a plain reading gives: the text folded by ``str.translate`` with a
list for the offset map, every rule scanned over the whole text, no cache.

When a rule changes on purpose, record again:
``python tests/geo/extract/when/test_same_dates.py --record``.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import random
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from geo.extract.when import find_dates, find_publication_date

D = datetime.date
ROOT = Path(__file__).resolve().parents[4]
RECORD = Path(__file__).with_name("same_dates.json")
#: Fixed anchors (None, the seeds' days, a leap day, year ends) and random ones.
_rng = random.Random(14)
ANCHORS: tuple[D | None, ...] = (
    None, D(2022, 10, 8), D(2021, 1, 18), D(2024, 2, 29), D(2020, 1, 1), D(2023, 12, 31),
    D(2021, 3, 1), *(D(2015, 1, 1) + datetime.timedelta(days=_rng.randrange(4400)) for _ in range(6)),
)


def _texts() -> dict[str, str]:
    texts = {f"seeds/{p.name}": p.read_text("utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))}
    for p in sorted((ROOT / "tests" / "data" / "news").glob("*.json")):
        item = json.loads(p.read_text("utf-8"))
        if isinstance(item, dict) and isinstance(item.get("text"), str):
            texts[f"news/{p.name}"] = item["text"]
    return texts


def _readings(text: str) -> list:
    """What the finder gives for ``text``: its expressions under every anchor, each of its
    first lines' with no anchor and one, and its publication stamp."""
    out: list = [[a.isoformat() if a else None,
                  [(e.start, e.end, e.text, e.first.isoformat(), e.last.isoformat(),
                    e.precision, e.relative, e.rule) for e in find_dates(text, a)]]
                 for a in ANCHORS]
    for line in [x for x in text.splitlines() if x.strip()][:15]:
        for a in ANCHORS[:2]:
            out.append([line, [(e.start, e.end, e.rule, e.iso) for e in find_dates(line, a)]])
    stamp = find_publication_date(text)
    out.append(None if stamp is None else [stamp[0].isoformat(), stamp[1]])
    return out


def _digests() -> dict[str, str]:
    return {name: hashlib.sha256(json.dumps(_readings(text), ensure_ascii=False).encode()).hexdigest()
            for name, text in _texts().items()}


def test_real_texts_give_the_recorded_dates_under_every_anchor() -> None:
    recorded = json.loads(RECORD.read_text("utf-8"))
    now = _digests()
    assert len(now) > 200
    changed = sorted(name for name in recorded if now.get(name) != recorded[name])
    assert not changed, f"dates differ from the record for {changed[:10]}"


# --- random mixes against a plain reading ----------------------------------------------


def _plain(text: str, anchor: D | None) -> list[tuple]:
    """:func:`find_dates` without its speed-ups: translate-fold with a list map, every rule
    over the whole text, the same choosing and merging."""
    from geo.extract.when import find
    from geo.extract.when.rules import RuleContext
    from geo.extract.when.text import _DELETED, _FOLD_TABLE

    norm = text.translate(_FOLD_TABLE)
    where = [i for i, ch in enumerate(text) if ch not in _DELETED] + [len(text)]
    ctx = RuleContext(norm, anchor or find._DUMMY_ANCHOR, text, where)
    found = []
    for order, (pattern, handler, _, _) in enumerate(find._ALL_RULES):
        for m in find._scan(pattern, norm):
            try:
                hit = handler(m, ctx)
            except (ValueError, OverflowError):
                continue
            if hit is not None:
                start, end = m.span("e") if "e" in pattern.groupindex else m.span()
                found.append(find._Cand(start, end, order, hit))
    chosen = find._merge_spans(norm, find._merge_weekday_dates(norm, find._select(found)))
    return [(where[c.start], where[c.end], *c.hit) for c in chosen
            if anchor is not None or not c.hit.relative]


_PIECES = ["امس", "الاحد", "الإثنين", "يوم", "5", "29", "2022", "1445", "تشرين الأول", "أكتوبر", "/",
           "10", "\n", " ", "، ", "منذ", "العام الماضي", "ليل", "الجاري", "عام", "قبل", "ساعات",
           "رمضان", "عيد الفطر", "x", "بال", "و", "\u064e", "\u200f", "ـ", "٢٠٢٠", "الماضي", "من"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40),
       st.one_of(st.none(), st.dates(D(1990, 1, 1), D(2060, 12, 31))))
def test_random_mixes_give_the_plain_readings_dates(pieces: list[str], anchor: D | None) -> None:
    text = "".join(pieces)
    got = [(e.start, e.end, e.first, e.last, e.precision, e.relative, e.rule)
           for e in find_dates(text, anchor)]
    assert got == _plain(text, anchor)


def test_folding_by_replacements_is_one_translation() -> None:
    """No replacement makes a character another one replaces or deletes: in turn they give
    what ``str.translate`` gives, and the offset map the list of kept characters."""
    from geo.extract.when.text import _DELETED, _FOLD_TABLE, _REPLACED, fold_with_map

    assert not set(_REPLACED.values()) & (set(_REPLACED) | _DELETED)
    for text in [*_texts().values(), "اَُّب\u200f\u200fت", "", "\u064e", "أً"]:
        folded, where = fold_with_map(text)
        assert folded == text.translate(_FOLD_TABLE)
        assert list(where) == [i for i, ch in enumerate(text) if ch not in _DELETED] + [len(text)]
        assert [where[i] for i in range(-len(where), 0)] == list(where)


def test_the_stamp_reader_sees_every_digit_folding_makes() -> None:
    """A line without a digit is no stamp (:mod:`geo.extract.when.stamps` skips it unread):
    its test must see every character the date finder reads as a digit."""
    from geo.extract.when.stamps import _DIGIT
    from geo.extract.when.text import _FOLD_TABLE

    made = [chr(k) for k, v in _FOLD_TABLE.items() if v and any(c.isdigit() for c in v)]
    assert len(made) == 20
    assert all(_DIGIT.match(ch) for ch in [*made, *"0123456789"])


_MONTH_PIECES = ["اب", "وآب", "فأب", "الاب", "كتاب", "تشرين", "الأول", "تشرين الثاني", "كانون", "2",
                 "فبراير", "وفبراير", "ففبراير", "مارس", "\n", " ", "، ", "x", "و", "ف"]


def _month_gate_lines_agree(norm: str) -> None:
    from geo.extract.when import find
    from geo.extract.when.patterns import MONTH_GATE

    held = find._GateLines(norm)
    assert held[MONTH_GATE] == held.searched(MONTH_GATE)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_MONTH_PIECES), max_size=30))
def test_the_month_gate_tried_where_its_words_begin_holds_the_lines_a_search_finds(
        pieces: list[str]) -> None:
    from geo.extract.when.text import fold_with_map

    _month_gate_lines_agree(fold_with_map("".join(pieces))[0])


def test_the_month_gate_on_real_texts_holds_the_lines_a_search_finds() -> None:
    from geo.extract.when.text import fold_with_map

    for text in _texts().values():
        _month_gate_lines_agree(fold_with_map(text)[0])


if __name__ == "__main__" and sys.argv[1:] == ["--record"]:
    RECORD.write_text(json.dumps(_digests(), indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"recorded {RECORD}")
