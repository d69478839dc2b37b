"""Broken input, end to end: one real folder with every kind of bad file at once.

Empty and whitespace-only files, binary files, a truncated UTF-8 file, Windows-1256
and UTF-16-without-BOM articles, a 50 MB file, 3,000 tiny files, an ``articles.csv``
with missing and malformed fields, duplicate article ids and a byte-identical copy,
next to real articles (the seeds). Each bad file must be named with its reason,
every readable article processed, and the run's report (``run_pipeline`` and
``python -m geo build|report``) must say so.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from geo.pipeline import PipelineResult, run_pipeline
from geo.read import read_article

ROOT = Path(__file__).resolve().parents[3]
SEEDS = ROOT / "seeds"
SEED = {p.name[:3]: p for p in sorted(SEEDS.glob("*.txt"))}
HUGE = 50 * 1024 * 1024
TINY = 3000
WORDS = ("القامشلي", "دورية", "الحسكة", "قصف", "رتل", "مطار", "قرية", "اشتباك", "الرميلان",
         "عامودا")
CSV = (
    "file,title,published,url\n"                                   # no 'outlet' column
    f"{SEED['000'].name},لقاء الجيشين,2022-10-08,https://example.org/000\n"
    f"{SEED['001'].name},صور الجيشين,2022-13-45,\n"                 # impossible date
    "report.txt,تقرير,2022-10-08,javascript:alert(1)\n"             # not an http(s) link
    "ghost.txt,لا ملف له,2022-10-08,\n"                             # names no file
    f"{SEED['000'].name},مكرر,2022-10-09,\n"                        # duplicate row
    ",بلا اسم,2022-10-08,\n"                                        # no file name
    "003_cut.txt,مقطوع,2022-10-08,,x,y\n"                           # too many fields
    'report.md,"عنوان بلا نهاية,2022-10-08,\n'                      # unbalanced quote...
    "tiny_0001.txt,ابتلعه الاقتباس,2022-10-08,\n"                   # ...swallows this row
)


def _tiny(i: int) -> bytes:
    """Empty, one Arabic word, or a few Latin bytes; all different (no two are copies)."""
    if i % 3 == 0:
        return b""
    if i % 3 == 1:
        return f"{WORDS[i % len(WORDS)]} {i}".encode()
    return f"x{i}".encode()


def _cut_mid_letter(raw: bytes) -> bytes:
    """The UTF-8 bytes cut inside the last multi-byte letter."""
    lead = max(i for i, b in enumerate(raw) if b >= 0xC0)
    return raw[:lead + 1]


def build_broken_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for key in ("000", "001"):
        shutil.copy(SEED[key], folder / SEED[key].name)
    (folder / "copy_of_000.txt").write_bytes(SEED["000"].read_bytes())
    (folder / "002_cp1256.txt").write_bytes(SEED["002"].read_text("utf-8").encode("cp1256"))
    (folder / "004_utf16.txt").write_bytes(SEED["004"].read_text("utf-8").encode("utf-16-le"))
    (folder / "003_cut.txt").write_bytes(_cut_mid_letter(SEED["003"].read_bytes()))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \n\r\n\t\n")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    (folder / "noise.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(50))
    with (folder / "huge.txt").open("wb") as handle:
        handle.truncate(HUGE)  # sparse: 50 MB by its size, no disk used
    (folder / "report.txt").write_text("دورية أمريكية قرب القحطانية.\n", encoding="utf-8")
    (folder / "report.md").write_text("# قصف\n\nقصف على تل تمر.\n", encoding="utf-8")
    (folder / "report.html").write_text("<html><body><h1>رتل</h1><p>رتل روسي في عامودا."
                                        "</p></body></html>", encoding="utf-8")
    for i in range(TINY):
        (folder / f"tiny_{i:04d}.txt").write_bytes(_tiny(i))
    (folder / "articles.csv").write_text(CSV, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_broken_corpus(tmp_path_factory.mktemp("broken") / "corpus")


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("broken") / "cache"


@pytest.fixture(scope="module")
def run(corpus: Path, cache: Path) -> PipelineResult:
    return run_pipeline(corpus, cache_dir=cache)


@pytest.fixture(scope="module")
def files(run: PipelineResult) -> dict[str, dict]:
    return {f["file"]: f for f in run.report["files"]}


# --- each bad file named, with its reason ---------------------------------------------


@pytest.mark.parametrize(("name", "status", "reason"), [
    ("empty.txt", "skipped", "empty"),
    ("blank.txt", "skipped", "empty (only whitespace)"),
    ("image.txt", "skipped", "binary file (PNG image); convert it to text first"),
    ("photo.jpg", "skipped", "unsupported file type '.jpg'; expected *.txt, *.html, *.htm, *.md"),
    ("huge.txt", "skipped", "too large: 50 MiB > limit 20 MiB; to read it, raise the limit: "
                            "--max-mb N (python -m geo build|report), or max_bytes="),
    ("copy_of_000.txt", "duplicate", f"same content as {SEED['000'].name} "
                                     f"(article '{SEED['000'].stem}'); not read twice"),
])
def test_each_bad_file_is_named_with_its_reason(files, name, status, reason) -> None:
    assert (files[name]["status"], files[name]["reason"]) == (status, reason)


def test_random_bytes_are_binary(files) -> None:
    assert files["noise.txt"]["status"] == "skipped"
    assert files["noise.txt"]["reason"].startswith("binary file (")


# --- every readable article processed -------------------------------------------------


def test_the_good_articles_are_read_and_yield_incidents(run) -> None:
    for key in ("000", "001"):
        assert run.results[SEED[key].stem].incidents, key
    assert sum(len(r.incidents) for r in run.results.values()) >= 4
    assert len(run.layers.incidents) > 0


def test_windows_1256_and_utf16_without_bom_are_read_with_the_right_text(run, files) -> None:
    for name, key, encoding in (("002_cp1256", "002", "cp1256"),
                                ("004_utf16", "004", "utf-16-le")):
        article = run.articles[name]
        assert article.encoding == files[f"{name}.txt"]["encoding"] == encoding
        assert article.body == read_article(SEED[key]).body
        assert "سوريا" in article.body
        assert run.results[name].incidents, name


def test_truncated_utf8_is_read_with_a_warning(run, files) -> None:
    entry = files["003_cut.txt"]
    assert entry["status"] == "read" and entry["encoding"] == "utf-8"
    assert any("truncated at the end" in w for w in entry["warnings"])
    assert "القامشلي" in run.articles["003_cut"].body


def test_files_sharing_a_stem_are_all_read_under_unique_ids(run, files) -> None:
    assert {files[f"report.{s}"]["article"] for s in ("txt", "md", "html")} == {
        "report", "report.md", "report.html"}
    assert "عامودا" in run.articles["report.html"].body
    assert "تل تمر" in run.articles["report.md"].body
    assert "القحطانية" in run.articles["report"].body
    assert "article id 'report' belongs to report.txt (same name); this file is read as " \
        "article 'report.html'" in files["report.html"]["warnings"]
    assert not any("belongs to" in w for w in files["report.txt"]["warnings"])


def test_csv_metadata_still_applies_to_the_readable_articles(run) -> None:
    first = run.articles[SEED["000"].stem]
    assert (first.title, first.url, first.published_reason) == (
        "لقاء الجيشين", "https://example.org/000", "articles.csv")
    assert run.articles["report"].url == ""  # the javascript: link is dropped


def test_thousands_of_tiny_files_each_appear_in_the_report(files) -> None:
    tiny = {n: f for n, f in files.items() if n.startswith("tiny_")}
    assert len(tiny) == TINY
    for i in range(TINY):
        entry = tiny[f"tiny_{i:04d}.txt"]
        expected = ("skipped", "empty") if i % 3 == 0 else ("read", "")
        assert (entry["status"], entry["reason"]) == expected, i


# --- the run's report says so ---------------------------------------------------------


def test_metadata_warnings_are_in_the_report(run) -> None:
    [meta] = run.report["metadata"]
    assert meta["file"] == "articles.csv" and meta["status"] == "metadata"
    text = "\n".join(meta["warnings"])
    for expected in ("articles.csv: missing column(s) outlet",
                     "line 3: published '2022-13-45' is not an ISO 8601 date",
                     "line 4: url 'javascript:alert(1)' is not an http(s) link",
                     f"line 6: duplicate row for '{SEED['000'].name}' (first at line 2); ignored",
                     "line 7: no file name; row ignored",
                     "line 8: 6 field(s), header has 4",
                     "lines 9-10: one row spans 2 lines",
                     "line 9: 2 field(s), header has 4",
                     "line 5: no file 'ghost.txt' in the folder"):
        assert expected in text, expected


def test_totals_count_every_file_by_status(run, files) -> None:
    t = run.report["totals"]
    # 2 seeds, cp1256, UTF-16, cut, 3 x report, 2/3 of the tiny ones
    read = 2 + 3 + 3 + 2 * TINY // 3
    skipped = 6 + TINY // 3  # empty, blank, image, noise, photo, huge
    assert (t["files"], t["read"], t["skipped"], t["duplicates"], t["failed"]) == (
        read + skipped + 1, read, skipped, 1, 0)
    assert t["files"] == len(files) == TINY + 15
    assert t["articles"] == len(run.results) == read
    assert t["metadata_warnings"] == len(run.report["metadata"][0]["warnings"]) == 9
    assert t["read_with_warnings"] == sum(1 for f in files.values()
                                          if f["status"] == "read" and f["warnings"])
    assert t["read_with_warnings"] >= 3  # the cut file, report.md, report.html


# --- the command line -----------------------------------------------------------------


def geo(*args: str | Path, cache: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "NES_OSINT_CACHE": str(cache), "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "geo", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=600)


def test_cli_build_writes_the_report_and_lists_the_problems(corpus, cache, run, tmp_path):
    out = tmp_path / "out"
    proc = geo("build", corpus, "--out", out, cache=cache)
    assert proc.returncode == 0, proc.stderr
    report = json.loads((out / "report.json").read_text("utf-8"))
    assert report["totals"] == {**run.report["totals"]}
    assert report["files"] == json.loads(json.dumps(run.report["files"], ensure_ascii=False))
    assert report["exported"]["incidents"] > 0
    stdout = proc.stdout
    assert f"{run.report['totals']['articles']} articles" in stdout
    assert "1 duplicate" in stdout and "9 metadata warning(s)" in stdout
    assert "huge.txt: skipped (too large: 50 MiB > limit 20 MiB" in stdout
    assert "more (see report.json)" in stdout  # 1,000 empty tiny files: build shows 20
    assert f"  articles.csv line 6: duplicate row for '{SEED['000'].name}'" in stdout


def test_cli_report_prints_every_problem(corpus, cache, run):
    proc = geo("report", corpus, cache=cache)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    t = run.report["totals"]
    assert f"Files not read ({t['skipped'] + t['duplicates'] + t['failed']}):" in lines
    for name, entry in (("copy_of_000.txt", "duplicate"), ("image.txt", "skipped"),
                        ("tiny_2997.txt", "skipped"), ("photo.jpg", "skipped")):
        assert any(line.startswith(f"  {name}: {entry} (") for line in lines), name
    assert "  003_cut.txt: decoded as utf-8 with replacement characters: truncated at the end" \
        in lines
    assert f"Metadata warnings ({t['metadata_warnings']}):" in lines
    assert not any("more (see report.json)" in line for line in lines)


def test_cli_max_mb_raises_and_lowers_the_limit(tmp_path, cache):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED["004"], corpus)
    size = SEED["004"].stat().st_size
    low = geo("report", corpus, "--json", "--max-mb", "0.001", cache=cache)
    assert low.returncode == 2  # nothing left to read: says which file and why
    assert f"{SEED['004'].name}: too large: {size:,} bytes > limit 1,048 bytes" in low.stderr
    ok = geo("report", corpus, "--json", "--max-mb", "1", cache=cache)
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["totals"]["read"] == 1
    bad = geo("report", corpus, "--max-mb", "-3", cache=cache)
    assert bad.returncode == 2 and "positive number of megabytes" in bad.stderr
