"""The extraction's figures on real news items, held as floors: no change may lower them.

The figures come from ``bench/eval_news.py`` (see its doc for how each is counted). Our
own items (``tests/data/news``) are always scored; the shared set
(``../shared/spec/news_dev``) when it is there. Raise a floor when a change lifts a
figure; never lower one to let a change through.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FLOORS = json.loads((ROOT / "tests" / "data" / "news" / "floors.json").read_text(encoding="utf-8"))


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_news", ROOT / "bench" / "eval_news.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_news", module)
    spec.loader.exec_module(module)
    return module


EVAL = _eval_module()


@pytest.fixture(scope="module")
def scores():
    return EVAL.evaluate(EVAL.load_items())


@pytest.mark.parametrize("set_name", sorted(FLOORS))
def test_figures_do_not_fall_below_their_floors(scores, set_name):
    if set_name in ("all", "news_dev") and not EVAL.SETS["news_dev"].is_dir():
        pytest.skip("../shared/spec/news_dev is not beside this checkout")
    figures, floor = EVAL.totals(EVAL.chosen_scores(scores, set_name)), FLOORS[set_name]
    assert figures["items"] >= floor["items"]
    assert figures["placed_ratio"] >= floor["placed_ratio"] - 1e-9, figures
    assert figures["dated_ratio"] >= floor["dated_ratio"] - 1e-9, figures
    assert figures["false_alarm_ratio"] <= floor["false_alarm_ratio"] + 1e-9, figures
    assert figures["decoys"] <= floor["decoys"], figures


def test_every_item_follows_the_schema():
    for path in sorted((ROOT / "tests" / "data" / "news").glob("[0-9]*.json")):
        item = json.loads(path.read_text(encoding="utf-8"))
        assert item["url"].startswith("http") and item["text"].strip(), path.name
        assert len(item["published"]) == 10 and item["outlet"], path.name
        for inc in item["incidents"]:
            assert inc["family"] in ("movement", "obstruction", "violence"), path.name
            assert 32 <= inc["lat"] <= 38 and 35 <= inc["lon"] <= 43, path.name
            assert inc["tol_km"] in (10, 30, 60) and inc["coord_source"], path.name
            assert inc["date"] is None or len(inc["date"]) == 10, path.name


def test_the_scorer_counts_a_wrong_place_and_a_false_alarm():
    """The scorer itself: an incident 100 km off is not placed and is a false alarm."""
    from types import SimpleNamespace as NS

    place = NS(lat=37.0, lon=42.5, name_en="far", name_ar="")
    output = [NS(type="airstrike", place=place, date="2023-10-18", date_precision="day",
                 place_text="", sources=[])]
    item = {"incidents": [{"family": "violence", "lat": 37.05, "lon": 41.23, "tol_km": 10,
                           "date": "2023-10-18"}], "not_places": []}
    s = EVAL.score_item("own", "x", item, output)
    assert (s.placed, s.dated, s.false_alarms) == (0, 0, 1)
    near = NS(lat=37.06, lon=41.25, name_en="Qamishli", name_ar="القامشلي")
    s = EVAL.score_item("own", "x", item, [NS(**{**vars(output[0]), "place": near})])
    assert (s.placed, s.dated, s.false_alarms) == (1, 1, 0)


def test_an_unplaced_incident_is_counted_apart_not_as_a_decoy_placed():
    """An incident kept without a place (a region too coarse to map) is not on the map."""
    from types import SimpleNamespace as NS

    output = [NS(type="airstrike", place=None, date="", date_precision=None,
                 place_text="شمال شرق سوريا", sources=[])]
    item = {"incidents": [], "not_places": ["شمال شرق سوريا (vague region)"]}
    s = EVAL.score_item("own", "x", item, output)
    assert (s.decoys, s.false_alarms, s.unplaced) == (0, 0, 1)
    assert EVAL.totals([s])["false_alarm_ratio"] == 0.0
