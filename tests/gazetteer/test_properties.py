"""Property tests (Hypothesis) over the gazetteer's text keys and its finders, with the
shipped data: no text makes them raise, and what they return stays consistent.

Complements test_normalize.py (fold and latin_key idempotent) and test_resolver.py
(spans on the small hand-made gazetteer).
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gazetteer import Gazetteer, find_mentions, load_gazetteer, lookup
from gazetteer.lookup import MAX_QUERY
from gazetteer.normalize import (
    CUE_WORDS,
    FoldedText,
    arabic_key,
    core_form,
    fold,
    is_arabic,
    latin_key,
    mended,
    name_keys,
    skeleton_key,
    split_cue,
    strip_article,
    strip_clitics,
)

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
ROLES = {"location", "dateline", "timezone", "metonymy", "outside"}

# Names, clitics, cue words, diacritics, invisible and bidi characters, quotes, digits.
_PIECES = st.sampled_from([
    *"ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءؤئأإآٱکیگپچژڤە", " ", "  ", "\n", "-", ".", "،", "/",
    "ال", "و", "ب", "ل", "ف", "ك", "وال", "بال", "لل", "القامشلي", "القحطانية", "الحسكة",
    "تل تمر", "عين العرب", "ريف ", "قرية ", "بلدة ", "مطار ", "محافظة ", "قاعدة ", "حقل ",
    "ً", "ٌ", "ٍ", "َ", "ُ", "ِ", "ّ", "ْ", "ـ", "\u0670", "\u200c", "\u200d", "\u200f", "\u202b",
    "\u202e", "\u2067", "\u2069", "\ufeff", "\u00ad", '"', "“", "”", "«", "»", "'", "’",
    "٢", "۵", "7", "Al-", "al ", "el-", "Qāmishlī", "Kamishli", "Qamişlo", "iyah", "eh", "ou",
    "ee", "Tirbespî", "Hasakah", "ÇĞŞ", "ʿ", "ı",
])
names = st.one_of(st.text(max_size=60), st.lists(_PIECES, max_size=20).map("".join))
texts = st.one_of(st.text(max_size=400), st.lists(_PIECES, max_size=120).map("".join))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return load_gazetteer()


# --- fold and its offsets -------------------------------------------------------------


@SETTINGS
@given(texts, st.booleans())
def test_folded_offsets_map_every_span_back(text, keep_quotes) -> None:
    """Every folded span maps to an original span that folds to it (any Unicode text)."""
    ft = FoldedText.of(text, keep_quotes=keep_quotes)
    assert len(ft.folded) <= len(text)
    if not keep_quotes:
        assert ft.folded == fold(text)
    starts = [ft.to_original(n) for n in range(len(ft.folded))]
    assert starts == sorted(set(starts)) and all(0 <= o < len(text) for o in starts)
    n = len(ft.folded)
    for i, j in ((0, n), (0, n // 2), (n // 3, n), (n // 3, 2 * n // 3)):
        if i >= j:
            continue
        a, b = ft.to_original(i), ft.to_original(j, end=True)
        assert 0 <= a < b <= len(text)
        # a slice folds as the text read it: a glued quote (or a dotted word) mended in context
        source = text if keep_quotes else mended(text)
        assert FoldedText.of(source[a:b], keep_quotes=keep_quotes, mend=False).folded == ft.folded[i:j]


@pytest.mark.parametrize("text", ["0#A", "وصلت إلى حقلي العمر", "غادرت حقلي", "x _y"])
def test_folded_offsets_map_back_where_mending_reads_context(text) -> None:
    """Examples Hypothesis found or may find: a mark read by what stands around it."""
    test_folded_offsets_map_every_span_back.hypothesis.inner_test(text, False)


@SETTINGS
@given(texts)
def test_fold_drops_every_invisible_and_bidi_character(text) -> None:
    assert not re.search("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad\u0640]",
                         fold(text))


# --- name keys ------------------------------------------------------------------------


@SETTINGS
@given(names)
def test_arabic_key_is_a_clean_key_of_the_folded_name(name) -> None:
    key = arabic_key(name)
    assert key == key.strip() and "  " not in key
    assert arabic_key(fold(name)) == key  # folding first changes nothing
    core, had_article = core_form(name)
    assert core == core.strip() and isinstance(had_article, bool)


@SETTINGS
@given(names)
def test_latin_and_skeleton_keys_are_ascii_and_stable(name) -> None:
    key = latin_key(name)
    assert re.fullmatch(r"[a-z0-9]+(?: [a-z0-9]+)*|", key), key
    assert latin_key(key) == key
    skeleton = skeleton_key(name)
    assert re.fullmatch(r"[a-z0-9]+(?: [a-z0-9]+)*|", skeleton), skeleton
    assert bool(skeleton) == bool(key)


@SETTINGS
@given(names)
def test_split_cue_and_name_keys(name) -> None:
    cue, rest = split_cue(name)
    assert cue == "" or cue in CUE_WORDS.values()
    assert rest == rest.strip() and "  " not in rest
    keys = name_keys(name)
    assert all(isinstance(k, str) and k for k in keys)
    if is_arabic(name) and arabic_key(name):
        assert keys == {arabic_key(name)}


@SETTINGS
@given(st.lists(_PIECES, max_size=6).map("".join).map(fold))
def test_stripping_prefixes_only_cuts_the_front(word) -> None:
    for stripped in (strip_article(word), strip_clitics(word)):
        assert word.endswith(stripped) and len(stripped) >= min(len(word), 3)


# --- finding and looking up, with the shipped gazetteer -------------------------------


@SETTINGS
@given(texts)
def test_find_mentions_on_any_text_gives_spans_inside_it(gaz, text) -> None:
    end = 0
    for m in find_mentions(text, gaz):
        assert end <= m.start < m.end <= len(text) and text[m.start:m.end] == m.text
        end = m.end
        assert 0.0 <= m.confidence <= 1.0 and m.role in ROLES
        assert m.place is None or m.place.id in gaz.places or m.approximate
        assert all(c.place.id in gaz.places for c in m.candidates)


@SETTINGS
@given(names)
def test_lookup_any_name_raises_only_for_empty_or_long_queries(gaz, query) -> None:
    try:
        result = lookup(query, gaz)
    except ValueError as exc:
        assert not query.strip() or len(query.strip()) > MAX_QUERY, exc
        return
    assert 0.0 <= result.confidence <= 1.0
    assert result.best is None or result.best.id in gaz.places
