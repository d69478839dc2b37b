"""An article's dates and places depend on that article alone, never on the folder it is in.

Issue 11: an undated article used to borrow the latest publication day of its folder, so
adding one new article moved the seeds' incidents by years. These tests add an undated and
a dated article (years away from the seeds) to a copy of the seeds and compare every other
article's publication date and every one of its incidents.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from geo.pipeline import run_pipeline

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"

#: No publication date anywhere, only relative expressions: nothing fixes its day.
UNDATED = (
    "قصف مدفعي على قرية قرب تل تمر\n\n"
    "قالت مصادر محلية إن القوات التركية قصفت مساء أمس الأربعاء قرية تل طويل بريف تل تمر "
    "شمال غربي الحسكة، ما أدى إلى إصابة مدنيين اثنين.\n\n"
    "وأضافت المصادر أن دورية أمريكية وصلت يوم الخميس الماضي إلى بلدة القحطانية.\n"
)
#: Dated in articles.csv, three years after the seeds.
DATED = (
    "مسيّرة تستهدف سيارة في القامشلي\n\n"
    "استهدفت طائرة مسيّرة تركية، اليوم الأحد، سيارة على طريق القامشلي عامودا، "
    "ما أدى إلى مقتل عنصرين من قوات سوريا الديمقراطية.\n"
)


def _copy_seeds(folder: Path) -> Path:
    shutil.copytree(SEEDS, folder)
    return folder


def _with_new_articles(folder: Path) -> Path:
    _copy_seeds(folder)
    (folder / "zz_undated.txt").write_text(UNDATED, encoding="utf-8")
    (folder / "zz_dated.txt").write_text(DATED, encoding="utf-8")
    with (folder / "articles.csv").open("a", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerow(["zz_dated.txt", "مسيّرة تستهدف سيارة", "", "", "2025-03-16"])
    return folder


def _incident_key(inc) -> tuple:
    return (inc.type, inc.date, inc.date_precision, inc.place.id if inc.place else None,
            inc.geo_precision, inc.place_text)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("independence")
    alone = run_pipeline(_copy_seeds(base / "seeds"), use_cache=False)
    grown = run_pipeline(_with_new_articles(base / "grown"), use_cache=False)
    return alone, grown


def test_other_articles_keep_their_publication_dates(runs):
    alone, grown = runs
    for aid, article in alone.articles.items():
        other = grown.articles[aid]
        assert (other.published, other.published_precision, other.published_inferred,
                other.published_reason) == (article.published, article.published_precision,
                                            article.published_inferred, article.published_reason)


def test_other_articles_keep_every_incident_date_and_place(runs):
    alone, grown = runs
    for aid, result in alone.results.items():
        before = sorted(map(_incident_key, result.incidents), key=repr)
        after = sorted(map(_incident_key, grown.results[aid].incidents), key=repr)
        assert after == before, aid


def test_merged_incidents_of_the_seeds_change_only_by_merging(runs):
    """A merged seed incident is unchanged, unless a new article's report joined it."""
    alone, grown = runs
    new = {"zz_undated", "zz_dated"}
    grown_keys = {_incident_key(i) for i in grown.incidents
                  if not {s.article for s in i.sources} & new}
    joined = [i for i in grown.incidents if {s.article for s in i.sources} & new
              and {s.article for s in i.sources} - new]
    for inc in alone.incidents:
        seed_sources = {s.article for s in inc.sources}
        assert _incident_key(inc) in grown_keys or any(
            seed_sources <= {s.article for s in j.sources} for j in joined), _incident_key(inc)


def test_an_undated_article_borrows_no_day(runs):
    _, grown = runs
    article = grown.articles["zz_undated"]
    assert article.published is None
    assert all(i.date_first is None for i in grown.results["zz_undated"].incidents)


def test_the_dated_article_is_dated_from_its_own_metadata(runs):
    _, grown = runs
    assert str(grown.articles["zz_dated"].published)[:10] == "2025-03-16"
    dates = {i.date for i in grown.results["zz_dated"].incidents}
    assert dates <= {"2025-03-16"}
