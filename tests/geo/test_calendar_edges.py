"""Issue 10, item 2: an article dated 0001-01-01 or 9999-12-31 costs only a warning.

The merge, the layers, the filters, the pipeline and both command lines hold the
whole calendar (year 1 to 9999); a publication date before 1900 or after tomorrow
is a warning on that article in report.json (the article is kept), and the
report's ``dates`` gives the plausible span a date slider may use.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from geo.layers import build_layers, filter_layers
from geo.merge import merge_incidents
from geo.model import ArticleResult, Incident, Source, published_problem, shift_date
from geo.pipeline import run_pipeline
from tests.geo.test_cli import geo
from tests.geo.test_merge import QAHTANIYAH, QAMISHLI
from tests.geo.test_pipeline import SEEDS

FIRST, LAST = dt.date.min, dt.date.max


def incident(iid: str, first: dt.date, last: dt.date, precision: str, place=QAHTANIYAH
             ) -> Incident:
    src = Source(iid, f"title {iid}", "", first.isoformat(), "", f"evidence {iid}")
    return Incident(iid, "patrol_encounter", first, last, precision, place, 1,
                    ["US forces"], sources=[src])


EDGE_INCIDENTS = [
    incident("a", FIRST, FIRST, "day"),
    incident("b", FIRST, dt.date(1, 1, 31), "month"),
    incident("c", FIRST, dt.date(1, 12, 31), "year"),
    incident("d", LAST, LAST, "day"),
    incident("e", dt.date(9999, 12, 1), LAST, "month"),
    incident("f", dt.date(9999, 1, 1), LAST, "year", place=QAMISHLI),
    incident("g", dt.date(2022, 10, 8), dt.date(2022, 10, 8), "day"),
]


def test_shift_date_holds_year_1_to_9999():
    assert shift_date(LAST, 5) == LAST and shift_date(FIRST, -5) == FIRST
    assert shift_date(dt.date(2022, 10, 8), -2) == dt.date(2022, 10, 6)


@pytest.mark.parametrize("tolerance", [0, 2, 30])
def test_merge_holds_the_calendar_edges(tolerance):
    merged, records = merge_incidents(EDGE_INCIDENTS, tolerance_days=tolerance)
    dates = sorted((i.date_first, i.date_last) for i in merged)
    assert dates[0][0] == FIRST and dates[-1][1] == LAST
    # the day at the edge and the month/year holding it are one event each side; the
    # year-precise report at Qamishli stays apart (a town 28 km away is near, not the same)
    assert len(merged) == 4 and len(records) == 2


def test_layers_and_every_filter_hold_the_calendar_edges():
    results = [ArticleResult(i.id, incidents=[i]) for i in EDGE_INCIDENTS]
    layers = build_layers(results, {}, incidents=EDGE_INCIDENTS)
    assert set(layers.incidents["date_first"]) >= {"0001-01-01", "9999-01-01", "9999-12-01"}
    for lo, hi, kept in [("0001", "0001", 3), ("9999", "9999", 3), ("0001-01-01", "9999-12-31", 7),
                         ("9999-12-31", None, 3), (None, "0001-01-01", 3), ("2022", "2022", 1)]:
        assert len(filter_layers(layers, date_from=lo, date_to=hi).incidents) == kept, (lo, hi)


def test_publication_dates_outside_1900_to_tomorrow_are_implausible():
    today = dt.date(2024, 5, 1)
    assert published_problem(dt.date(1899, 12, 31), today=today)
    assert not published_problem(dt.date(1900, 1, 1), today=today)
    assert not published_problem(dt.date(2024, 5, 2), today=today)  # tomorrow: time zones
    assert "after tomorrow" in published_problem(dt.date(2024, 5, 3), today=today)
    assert published_problem(None) == ""


def edge_corpus(folder: Path) -> Path:
    """The seeds with 000 dated 0001-01-01 and 001 dated 9999-12-31 in articles.csv."""
    shutil.copytree(SEEDS, folder)
    with open(SEEDS / "articles.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["published"], rows[1]["published"] = "0001-01-01", "9999-12-31"
    with open(folder / "articles.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return folder


def test_an_article_dated_0001_or_9999_is_kept_with_a_warning(tmp_path):
    result = run_pipeline(edge_corpus(tmp_path / "corpus"), use_cache=False)
    report = result.report
    assert report["totals"]["articles"] == 5 and report["totals"]["implausible_dates"] == 2
    by_id = {a["id"]: a for a in report["articles"]}
    stems = sorted(by_id)
    assert [by_id[s]["published"] for s in stems[:2]] == ["0001-01-01", "9999-12-31"]
    assert [by_id[s]["published_plausible"] for s in stems] == [False, False, True, True, True]
    files = {f["file"]: f for f in report["files"]}
    warned = [f for f in files.values() if any("implausible publication date" in w
                                              for w in f["warnings"])]
    assert sorted(f["article"] for f in warned) == stems[:2]
    dates = report["dates"]
    assert [i["published"] for i in dates["implausible"]] == ["0001-01-01", "9999-12-31"]
    assert dates["published"] == {"first": "2021-01-18", "last": "2022-10-08"}
    lo, hi = dates["plausible"]["first"], dates["plausible"]["last"]
    assert lo == "1900-01-01" and hi == (dt.date.today() + dt.timedelta(days=1)).isoformat()
    assert lo <= dates["incidents"]["first"] <= dates["incidents"]["last"] <= hi
    # the far dates are still on the map, filterable
    assert "9999" in set(result.layers.incidents["date"].str[:4])


def test_a_far_date_never_anchors_the_undated_articles(tmp_path):
    corpus = edge_corpus(tmp_path / "corpus")
    (corpus / "undated.txt").write_text(
        "دورية أمريكية في القحطانية\n\nقالت مصادر محلية إن دورية أمريكية وصلت إلى بلدة "
        "القحطانية بريف القامشلي يوم الخميس الماضي.\n", encoding="utf-8")
    undated = run_pipeline(corpus, use_cache=False).articles["undated"]
    # an article's dates depend on that article alone: no year 9999, and no corpus anchor either
    assert undated.published is None


@pytest.mark.parametrize("command", ["build", "report"])
def test_cli_holds_the_calendar_edges(tmp_path, command):
    corpus = edge_corpus(tmp_path / "corpus")
    extra = ["--out", tmp_path / "out", "--date-from", "0001", "--date-to", "9999"] \
        if command == "build" else ["--json"]
    proc = geo(command, corpus, *extra, cache=tmp_path / "cache")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    report = json.loads(proc.stdout if command == "report"
                        else (tmp_path / "out" / "report.json").read_text("utf-8"))
    assert report["totals"]["implausible_dates"] == 2
    if command == "build":
        assert "implausible publication date 9999-12-31" in proc.stdout
