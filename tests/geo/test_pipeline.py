"""The pipeline on real folders: streaming, cache by content, report, errors.

Most tests plug a toy reader and extractor into :func:`run_pipeline` (its
``reader``/``extract`` arguments), so they test the pipeline's own work and
not the extraction; the last ones run the real modules on the seeds.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from gazetteer.model import Mention, Place
from gazetteer.store import Gazetteer
from geo.layers import LAYER_NAMES
from geo.model import ArticleResult, Incident, Source
from geo.pipeline import (
    CorpusNotFoundError,
    NoArticlesError,
    PipelineError,
    ResultCache,
    default_cache_dir,
    gazetteer_version,
    run_pipeline,
)
from tests.geo.test_merge import HASAKAH, QAHTANIYAH, QAMISHLI

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


@dataclass(frozen=True)
class ToyArticle:
    id: str
    path: Path
    title: str
    body: str
    sha256: str
    outlet: str = ""
    url: str = ""
    published: dt.date | None = None
    published_at: str = ""
    encoding: str = "utf-8"


@dataclass(frozen=True)
class ToyReport:
    file: str
    status: str
    reason: str = ""
    encoding: str = ""
    warnings: tuple[str, ...] = ()


def toy_reader(folder: Path):
    """One article per .txt file: first line title, the rest body; empty files skipped."""
    for path in sorted(folder.iterdir()):
        if path.suffix != ".txt":
            yield ToyReport(path.name, "skipped", "not a .txt file")
            continue
        data = path.read_bytes()
        if not data.strip():
            yield ToyReport(path.name, "skipped", "empty file")
            continue
        title, _, body = data.decode("utf-8").partition("\n")
        date = dt.date(2022, 10, 8) if "2022" in title else None
        yield ToyArticle(path.stem, path, title, body, hashlib.sha256(data).hexdigest(),
                         published=date)


GAZ = Gazetteer([QAMISHLI, QAHTANIYAH, HASAKAH])


@dataclass
class ToyExtractor:
    """Finds the three toy places; an article naming a place has one incident there."""

    calls: list[str] = field(default_factory=list)

    def __call__(self, article: ToyArticle, gazetteer: Gazetteer) -> ArticleResult:
        self.calls.append(article.id)
        if "انهيار" in article.body:
            raise RuntimeError("boom")
        mentions, incidents = [], []
        for place in gazetteer.places.values():
            at = article.body.find(place.name_ar)
            if at < 0:
                continue
            mentions.append(Mention(at, at + len(place.name_ar), place.name_ar, place.name_ar,
                                    place, 0.9 if place is not HASAKAH else 0.3, 1))
            src = Source(article.id, article.title, "", "", "", article.body[:80])
            type_ = "shelling" if place is HASAKAH else "patrol_encounter"
            incidents.append(Incident(f"{article.id}-{place.id}", type_,
                                      dt.date(2022, 10, 8), dt.date(2022, 10, 8), "day",
                                      place, 1, ["US forces"], sources=[src]))
        unknown = article.body.find("ملوك سراي")
        if unknown >= 0:
            mentions.append(Mention(unknown, unknown + 9, "ملوك سراي", "ملوك سراي",
                                    cue="not in the gazetteer"))
        main = mentions[0].place if mentions and mentions[0].place else None
        return ArticleResult(article.id, mentions=mentions, incidents=incidents,
                             main_place=main)


def write_corpus(folder: Path, texts: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


CORPUS = {
    "a.txt": "لقاء 2022\nالتقت الدوريات قرب القحطانية.",
    "b.txt": "تقرير\nدوريات في القحطانية وقرية ملوك سراي.",
    "c.txt": "خبر 2022\nفي الحسكة.",
    "notes.md": "not an article",
    "empty.txt": "",
}


def run(folder: Path, **kw):
    kw.setdefault("gazetteer", GAZ)
    kw.setdefault("reader", toy_reader)
    kw.setdefault("extract", ToyExtractor())
    return run_pipeline(folder, **kw)


# --- the run --------------------------------------------------------------------------


def test_a_run_reads_extracts_merges_and_builds_layers(tmp_path):
    folder = write_corpus(tmp_path / "corpus", CORPUS)
    result = run(folder, use_cache=False)
    assert sorted(result.articles) == ["a", "b", "c"]
    assert sorted(result.results) == ["a", "b", "c"]
    assert set(result.layers) == set(LAYER_NAMES)
    # a and b report the same patrol at al-Qahtaniyah: one incident, two sources
    merged = [i for i in result.incidents if i.place is QAHTANIYAH]
    assert len(merged) == 1 and {s.article for s in merged[0].sources} == {"a", "b"}
    assert [m.members for m in result.merges] == [("a-qahtaniyah_hasakah",
                                                   "b-qahtaniyah_hasakah")]
    assert len(result.layers.incidents) == 2


def test_report_lists_files_counts_review_and_totals(tmp_path):
    folder = write_corpus(tmp_path / "corpus", CORPUS)
    report = run(folder, use_cache=False).report
    files = {f["file"]: f for f in report["files"]}
    assert files["notes.md"]["status"] == "skipped"
    assert files["empty.txt"]["reason"] == "empty file"
    assert files["a.txt"]["status"] == "read" and files["a.txt"]["article"] == "a"
    counts = {a["id"]: a["counts"] for a in report["articles"]}
    assert counts["b"] == {"mentions": 2, "resolved": 1, "unresolved": 1, "incidents": 1,
                           "bases": 0, "routes": 0}
    body = CORPUS["b.txt"].partition("\n")[2]
    [unresolved] = report["unresolved"]
    start, end = unresolved["span"]
    assert unresolved["article"] == "b" and body[start:end] == unresolved["text"] == "ملوك سراي"
    assert unresolved["cue"] == "not in the gazetteer" and unresolved["candidates"] == []
    assert [x["article"] for x in report["low_confidence"]] == ["c"]
    assert report["merges"][0]["articles"] == ["a", "b"]
    t = report["totals"]
    assert (t["files"], t["read"], t["skipped"], t["articles"]) == (5, 3, 2, 3)
    assert (t["incidents_extracted"], t["incidents"], t["merges"]) == (3, 2, 1)
    assert set(report["run"]["seconds"]) >= {"read", "extract", "merge", "layers"}


def test_progress_is_called_per_file(tmp_path):
    folder = write_corpus(tmp_path / "corpus", CORPUS)
    seen: list[int] = []
    run(folder, use_cache=False, progress=lambda done, label: seen.append(done))
    assert seen == [1, 2, 3, 4, 5]


def test_one_failing_article_is_reported_and_the_run_goes_on(tmp_path):
    folder = write_corpus(tmp_path / "corpus", {**CORPUS, "d.txt": "x\nانهيار"})
    result = run(folder, use_cache=False)
    assert "d" not in result.results
    failed = {f["file"]: f for f in result.report["files"]}["d.txt"]
    assert failed["status"] == "failed" and "RuntimeError: boom" in failed["reason"]
    assert result.report["totals"]["failed"] == 1


def test_keep_text_false_keeps_only_an_excerpt(tmp_path):
    folder = write_corpus(tmp_path / "corpus", {"a.txt": "t\n" + "القحطانية " * 100})
    result = run(folder, use_cache=False, keep_text=False)
    assert len(result.articles["a"].body) == 300


# --- errors ---------------------------------------------------------------------------


def test_missing_folder(tmp_path):
    with pytest.raises(CorpusNotFoundError, match="does not exist"):
        run(tmp_path / "nope")
    with pytest.raises(FileNotFoundError):  # also a built-in
        run(tmp_path / "nope")


def test_a_file_is_not_a_folder(tmp_path):
    (tmp_path / "f.txt").write_text("x")
    with pytest.raises(CorpusNotFoundError, match="is not a folder"):
        run(tmp_path / "f.txt")


def test_empty_folder(tmp_path):
    (tmp_path / "corpus").mkdir()
    with pytest.raises(NoArticlesError, match="no article files"):
        run(tmp_path / "corpus", use_cache=False)


def test_nothing_readable_says_why(tmp_path):
    folder = write_corpus(tmp_path / "corpus", {"empty.txt": "", "notes.md": "x"})
    with pytest.raises(NoArticlesError, match="empty.txt: empty file") as info:
        run(folder, use_cache=False)
    assert isinstance(info.value, PipelineError) and isinstance(info.value, ValueError)


# --- cache ----------------------------------------------------------------------------


def test_second_run_comes_from_the_cache(tmp_path):
    folder = write_corpus(tmp_path / "corpus", CORPUS)
    first_x, second_x = ToyExtractor(), ToyExtractor()
    first = run(folder, cache_dir=tmp_path / "cache", extract=first_x)
    second = run(folder, cache_dir=tmp_path / "cache", extract=second_x)
    assert sorted(first_x.calls) == ["a", "b", "c"] and second_x.calls == []
    assert (first.cache_hits, first.cache_misses) == (0, 3)
    assert (second.cache_hits, second.cache_misses) == (3, 0)
    assert second.report["run"]["cache"]["hits"] == 3
    assert [i.id for i in second.incidents] == [i.id for i in first.incidents]
    assert second.report["totals"] == first.report["totals"]


def test_a_changed_file_is_extracted_again(tmp_path):
    folder = write_corpus(tmp_path / "corpus", CORPUS)
    run(folder, cache_dir=tmp_path / "cache")
    (folder / "c.txt").write_text("خبر 2022\nفي القامشلي.", encoding="utf-8")
    again = ToyExtractor()
    result = run(folder, cache_dir=tmp_path / "cache", extract=again)
    assert again.calls == ["c"]
    assert result.results["c"].main_place is QAMISHLI


def test_another_gazetteer_invalidates_the_cache(tmp_path):
    folder = write_corpus(tmp_path / "corpus", CORPUS)
    run(folder, cache_dir=tmp_path / "cache")
    other = Gazetteer([QAMISHLI, QAHTANIYAH, HASAKAH,
                       Place("x", "س", "X", "village", 36.0, 40.0, "hasakah")])
    assert gazetteer_version(other) != gazetteer_version(GAZ)
    again = ToyExtractor()
    run(folder, cache_dir=tmp_path / "cache", gazetteer=other, extract=again)
    assert sorted(again.calls) == ["a", "b", "c"]


def test_no_cache_neither_reads_nor_writes(tmp_path):
    folder = write_corpus(tmp_path / "corpus", CORPUS)
    run(folder, cache_dir=tmp_path / "cache", use_cache=False)
    assert not (tmp_path / "cache").exists()


def test_a_corrupt_cache_entry_is_a_miss(tmp_path):
    cache = ResultCache(tmp_path, salt="s")
    key = "ab" + "0" * 62
    (tmp_path / "ab").mkdir(mode=0o700)
    (tmp_path / "ab" / f"{key}.json").write_bytes(b"{not json")
    assert cache.get(key, article_id="a") is None and cache.misses == 1
    cache.put(key, ArticleResult("a"), article_id="a")
    assert cache.get(key, article_id="a") == ArticleResult("a") and cache.hits == 1


def test_cache_dir_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("NES_OSINT_CACHE", str(tmp_path / "c1"))
    assert default_cache_dir() == tmp_path / "c1"
    monkeypatch.delenv("NES_OSINT_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "nes-osint"


# --- the real modules on the seeds ----------------------------------------------------



def test_seeds_run_end_to_end_and_the_cache_gives_the_same_result(tmp_path):
    first = run_pipeline(SEEDS, cache_dir=tmp_path / "cache")
    second = run_pipeline(SEEDS, cache_dir=tmp_path / "cache")
    assert len(first.results) == 5
    assert second.cache_hits == 5 and second.cache_misses == 0
    assert [i.id for i in second.incidents] == [i.id for i in first.incidents]
    assert len(first.layers.incidents) > 0


def test_seed_report_has_every_file(tmp_path):
    result = run_pipeline(SEEDS, use_cache=False)
    names = {f["file"] for f in result.report["files"]}
    assert {p.name for p in SEEDS.glob("*.txt")} <= names


# --- the real reader with the toy extractor -------------------------------------------



def test_real_reader_reports_every_file(tmp_path):
    folder = write_corpus(tmp_path / "corpus", {
        "a.txt": "لقاء\n\nالتقت الدوريات قرب القحطانية.\n",
        "b.txt": "تقرير\n\nدوريات في القحطانية.\n",
        "image.png": "x",
    })
    (folder / "binary.txt").write_bytes(b"%PDF-1.4 \x00\x01\x02")
    result = run_pipeline(folder, gazetteer=GAZ, extract=ToyExtractor(), use_cache=False)
    assert sorted(result.results) == ["a", "b"]
    files = {f["file"]: f for f in result.report["files"]}
    assert set(files) == {"a.txt", "b.txt", "image.png", "binary.txt"}
    assert files["a.txt"]["status"] == "read" and files["a.txt"]["encoding"]
    assert files["binary.txt"]["status"] == "skipped" and files["binary.txt"]["reason"]
    assert files["image.png"]["status"] == "skipped"
    assert result.report["totals"]["skipped"] == 2


def test_real_reader_with_nothing_readable_raises(tmp_path):
    folder = write_corpus(tmp_path / "corpus", {"image.png": "x"})
    with pytest.raises(NoArticlesError, match="image.png"):
        run_pipeline(folder, gazetteer=GAZ, extract=ToyExtractor(), use_cache=False)


# --- files named by their path in the corpus ------------------------------------------


def test_report_keys_files_by_path_in_the_corpus(tmp_path):
    from geo.read import iter_corpus

    folder = write_corpus(tmp_path / "corpus", {
        "a.txt": "لقاء\n\nالتقت الدوريات قرب القحطانية.\n",
        "sub/a.txt": "تقرير\n\nدوريات في الحسكة.\n",
        "sub/b.txt": "",
        "b.txt": "خبر\n\nفي القحطانية.\n"})
    result = run_pipeline(folder, gazetteer=GAZ, extract=ToyExtractor(), use_cache=False,
                          reader=lambda f: iter_corpus(f, recursive=True))
    files = {f["file"]: f for f in result.report["files"]}
    assert set(files) == {"a.txt", "b.txt", "sub/a.txt", "sub/b.txt"}
    assert (files["a.txt"]["article"], files["sub/a.txt"]["article"]) == ("a", "sub/a.txt")
    assert files["sub/b.txt"]["status"] == "skipped" and files["b.txt"]["status"] == "read"
    assert result.report["totals"]["read"] == 3 and sorted(result.results) == [
        "a", "b", "sub/a.txt"]


def test_a_reader_giving_one_id_twice_loses_nothing_silently(tmp_path):
    folder = write_corpus(tmp_path / "corpus", {"a.txt": "خبر\nفي القحطانية."})
    (folder / "sub").mkdir()
    (folder / "sub" / "a.txt").write_text("تقرير\nفي الحسكة.", encoding="utf-8")

    def reader(f: Path):
        yield from toy_reader(f / "sub")
        yield from (item for item in toy_reader(f) if getattr(item, "file", "") != "sub")

    result = run(folder, use_cache=False, reader=reader)
    assert result.articles["a"].path == folder / "sub" / "a.txt"  # the first one stays
    files = {f["file"]: f for f in result.report["files"]}
    assert files["a.txt"] == {"file": "a.txt", "status": "skipped", "encoding": "",
                              "reason": "duplicate article id 'a' (already read from sub/a.txt)",
                              "warnings": []}
    assert result.report["totals"]["skipped"] == 1


def test_max_bytes_reaches_the_reader_and_the_totals_count_every_status(tmp_path):
    folder = write_corpus(tmp_path / "corpus", {
        "a.txt": "لقاء\n\nالتقت الدوريات قرب القحطانية.\n",
        "copy.txt": "لقاء\n\nالتقت الدوريات قرب القحطانية.\n",
        "big.txt": "تقرير\n\n" + "دوريات في الحسكة. " * 100,
        "c.txt": "خبر\n\nانهيار مبنى في القامشلي.\n",
        "articles.csv": "file,title\nghost.txt,x\n"})
    result = run_pipeline(folder, gazetteer=GAZ, extract=ToyExtractor(), use_cache=False,
                          max_bytes=1000)
    files = {f["file"]: f for f in result.report["files"]}
    assert files["big.txt"]["reason"].startswith("too large: ")
    assert "limit 1,000 bytes" in files["big.txt"]["reason"]
    t = result.report["totals"]
    assert (t["files"], t["read"], t["skipped"], t["duplicates"], t["failed"],
            t["metadata_warnings"]) == (4, 1, 1, 1, 1, 2)
    assert result.report["metadata"][0]["warnings"][1] == \
        "articles.csv line 2: no file 'ghost.txt' in the folder"
    assert len(run_pipeline(folder, gazetteer=GAZ, extract=ToyExtractor(),
                            use_cache=False).results) == 2  # the default limit reads it
