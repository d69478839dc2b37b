"""The shipped gazetteer against the analyst's reading of the seeds (../shared/spec/seeds_gold.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gazetteer.normalize import arabic_key, fold, split_cue
from gazetteer.resolver import resolve_text
from gazetteer.store import load_gazetteer
from tests.gazetteer.helpers import km

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
GOLD_PATH = ROOT.parent / "shared" / "spec" / "seeds_gold.json"
# A copy of the facts we test against, so the test runs on a clean clone too.
GOLD_COPY = Path(__file__).parent / "seeds_gold_places.json"


def _gold() -> dict:
    path = GOLD_PATH if GOLD_PATH.exists() else GOLD_COPY
    return json.loads(path.read_text(encoding="utf-8"))




def _seed(article: str) -> str:
    return next(SEEDS.glob(f"{article}_*.txt")).read_text(encoding="utf-8")


# 'محافظة الحسكة' / 'ريف الحسكة' are the governorate / countryside, rightly not the city.
_AREA_KINDS = {"governorate", "region", "district"}
GOLD = _gold()
PLACES = {p["key"]: p for p in GOLD["places"]}
CASES = [(p["key"], a) for p in GOLD["places"] for a in p["mentioned_in"]]


def test_gold_copy_is_current() -> None:
    """The bundled copy carries the same places as the shared spec (when the spec is at hand)."""
    if not GOLD_PATH.exists():
        pytest.skip("shared spec not present on this machine")
    shared = json.loads(GOLD_PATH.read_text(encoding="utf-8"))
    copy = json.loads(GOLD_COPY.read_text(encoding="utf-8"))
    assert shared["places"] == copy["places"] and shared["must_not"] == copy["must_not"]


@pytest.mark.parametrize(("key", "article"), CASES)
def test_every_gold_place_resolves_within_tolerance(key: str, article: str) -> None:
    gold = PLACES[key]
    text = _seed(article)
    full, bare = arabic_key(gold["ar"]), arabic_key(split_cue(gold["ar"])[1])

    def names_it(m) -> bool:
        keys = {arabic_key(m.text), arabic_key(split_cue(m.text)[1])}
        # 'قاعدة التنف' may be written 'التنف' after the kind word: then the kind must agree
        return full in keys or (bare in keys and m.place is not None and m.place.kind == gold["kind"])

    found = [m for m in resolve_text(text, load_gazetteer()) if names_it(m)]
    mentions = [m for m in found if m.approximate or m.place is None
                or m.place.kind not in _AREA_KINDS or gold["kind"] in _AREA_KINDS]
    if found and not mentions:
        pytest.skip(f"{gold['ar']} appears in {article} only as an area ('محافظة'/'ريف')")
    assert mentions, f"{gold['ar']} not found in {article}"
    lat, lon = gold["lat"], gold["lon"]
    if lat is None:  # no verified point: the parent area the text gives
        near = PLACES[gold["near"]]
        lat, lon = near["lat"], near["lon"]
    for m in mentions:
        assert m.place is not None, f"{m.text} in {article} unresolved: {m.cue}"
        assert km(m.place.lat, m.place.lon, lat, lon) <= gold["tol_km"], (m.text, m.place)
        if gold["lat"] is None:
            assert m.approximate


@pytest.mark.parametrize("article", ["000", "001", "002", "003", "004"])
def test_must_not_strings_never_resolve_to_places_in_syria(article: str) -> None:
    gaz = load_gazetteer()
    text = _seed(article)
    traps = ["جسر الرقم", "دمشق", "إسطنبول", "واشنطن", "موسكو", "أنقرة", "الكرملين", "أوكرانيا"]
    for m in resolve_text(text, gaz):
        for trap in traps:
            if fold(trap) in fold(text[max(0, m.start - 4):m.end + 4]) and m.place is not None:
                assert not (m.place.in_area and m.role == "location"), (article, trap, m)
    # 'جسر الرقم' (a typo for the Crimean bridge) must not become Raqqa
    assert all(m.place is None or m.place.id != "raqqa" for m in resolve_text(text, gaz))


def test_timestamp_zone_is_not_damascus() -> None:
    mentions = resolve_text(_seed("002"), load_gazetteer())
    dimashq = [m for m in mentions if m.text == "دمشق"]
    assert dimashq and all(m.place is None and m.role == "timezone" for m in dimashq)


def test_quneitra_namesake_is_not_chosen_in_hasakah_context() -> None:
    gaz = load_gazetteer()
    for article in ("000", "001", "002"):
        for m in resolve_text(_seed(article), gaz):
            if "قحطاني" in fold(m.text):
                assert m.place.governorate == "hasakah"
                assert len(m.candidates) >= 2  # the Quneitra village was considered


def test_same_name_follows_context_with_real_data() -> None:
    gaz = load_gazetteer()
    m = [x for x in resolve_text("قصف على قرية القحطانية في ريف القنيطرة الجنوبي", gaz)
         if "قحطاني" in fold(x.text)][0]
    assert m.place is not None and m.place.governorate == "quneitra"
