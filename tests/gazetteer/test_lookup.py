from __future__ import annotations

import pytest

from gazetteer.lookup import lookup
from gazetteer.store import load_gazetteer


@pytest.mark.parametrize(
    ("query", "expected_id"),
    [
        ("القامشلي", "qamishli"),
        ("وبالقامشلي", "qamishli"),
        ("القامشلى", "qamishli"),
        ("Qamishli", "qamishli"),
        ("Kamishli", "qamishli"),
        ("Qamişlo", "qamishli"),
        ("al-Qamishli", "qamishli"),
        ("القحطانيّة", "qahtaniyah_hasakah"),
        ("Qahtaniyah", "qahtaniyah_hasakah"),
        ("Tirbespî", "qahtaniyah_hasakah"),
        ("تربه سبيه", "qahtaniyah_hasakah"),  # the Kurdish name as Arabic outlets spell it
        ("تربسبيه", "qahtaniyah_hasakah"),
        ("الحسكة", "hasakah"),
        ("مطار القامشلي", "qamishli_airport"),
        ("قاعدة التنف", "tanf_base"),
    ],
)
def test_lookup_finds_names_in_every_script(query: str, expected_id: str) -> None:
    result = lookup(query, load_gazetteer())
    assert result.best is not None, result
    assert result.best.id == expected_id
    assert 0 < result.confidence <= 1


def test_lookup_lists_namesakes_as_candidates() -> None:
    result = lookup("القحطانية", load_gazetteer())
    govs = {c.place.governorate for c in result.candidates}
    assert {"hasakah", "quneitra"} <= govs
    assert result.best.governorate == "hasakah"  # prior: the area the corpus is about


def test_lookup_with_context_in_the_query() -> None:
    result = lookup("القحطانية في محافظة القنيطرة", load_gazetteer())
    assert result.best is not None and result.best.governorate == "quneitra"


def test_unknown_name_is_explicitly_unresolved() -> None:
    result = lookup("زيزفونستان", load_gazetteer())
    assert result.best is None and result.confidence == 0
    assert result.as_dict()["best"] is None


def test_misspelling_offers_candidates_only_when_close() -> None:
    result = lookup("Qamishly", load_gazetteer())
    assert result.best is None or result.best.id == "qamishli"
    assert result.candidates and result.candidates[0].place.id == "qamishli"


def test_json_shape_is_the_contract() -> None:
    d = lookup("القامشلي", load_gazetteer()).as_dict()
    assert set(d) >= {"query", "best", "candidates"}
    assert set(d["best"]) >= {"id", "name_ar", "name_en", "lat", "lon", "kind", "governorate",
                              "confidence"}


@pytest.mark.parametrize(("bad", "error"), [(None, TypeError), (5, TypeError), ("", ValueError),
                                            ("   ", ValueError), ("x" * 10_000, ValueError)])
def test_bad_queries_raise_clear_errors(bad, error) -> None:
    with pytest.raises(error):
        lookup(bad, load_gazetteer())
