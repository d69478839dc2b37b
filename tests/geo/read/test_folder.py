"""geo.read.folder: a whole folder, bad files reported by name, copies and shared stems."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geo.read import (
    Article,
    CorpusError,
    FileReport,
    iter_corpus,
    read_corpus,
)
from geo.read.folder import read_file
from tests.geo.read.samples import HEADLINE, PARA, PARA2
from tests.geo.read.samples import article_text as _article_text
from tests.geo.read.samples import write as _write

# --- the folder ------------------------------------------------------------------------


def test_mixed_folder(tmp_path: Path) -> None:
    good = _article_text(HEADLINE, PARA, PARA2)
    _write(tmp_path, "01_good.txt", good)
    _write(tmp_path, "02_good.html", f"<html><body><h1>{HEADLINE}</h1><p>{PARA}</p></body></html>")
    _write(tmp_path, "03_cp1256.txt", good.encode("cp1256"))
    _write(tmp_path, "04_utf16.txt", good.encode("utf-16"))
    _write(tmp_path, "05_cut.txt", good.rstrip(".").encode("utf-8")[:-1])  # mid-letter
    _write(tmp_path, "10_binary.txt", bytes(range(256)) * 8)
    _write(tmp_path, "11_empty.txt", b"")
    _write(tmp_path, "12_pdf.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    _write(tmp_path, "13_big.txt", good * 40)
    _write(tmp_path, "01_good.md", good)
    _write(tmp_path, "photo.jpg", b"\xff\xd8\xff\xe0")
    _write(tmp_path, ".DS_Store", b"\x00\x00")
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub", "x.txt", good)

    result = read_corpus(tmp_path, max_bytes=5000)
    assert [a.id for a in result.articles] == ["01_good", "02_good", "05_cut"]
    reports = {r.file: r for r in result.reports}
    assert sorted(reports) == ["01_good.md", "01_good.txt", "02_good.html", "03_cp1256.txt",
                               "04_utf16.txt", "05_cut.txt", "10_binary.txt", "11_empty.txt",
                               "12_pdf.txt", "13_big.txt", "photo.jpg"]
    assert {r.file for r in result.reports if r.status == "read"} == {
        "01_good.txt", "02_good.html", "05_cut.txt"}
    # the same text in other encodings decodes to the same article: a duplicate, not a source
    for name in ("03_cp1256.txt", "04_utf16.txt"):
        assert reports[name].status == "duplicate"
        assert reports[name].reason.startswith("same text as 01_good.txt in other bytes")
    # the same bytes under another name: the .txt (which keeps the id) is read, the copy
    # is reported as a duplicate naming it
    assert reports["01_good.md"].status == "duplicate"
    assert reports["01_good.md"].reason == "same content as 01_good.txt (article '01_good'); " \
        "not read twice"
    assert "binary" in reports["10_binary.txt"].reason
    assert reports["11_empty.txt"].reason == "empty"
    assert "PDF" in reports["12_pdf.txt"].reason
    assert "too large" in reports["13_big.txt"].reason
    assert "unsupported file type" in reports["photo.jpg"].reason
    assert reports["03_cp1256.txt"].encoding == "cp1256"
    assert reports["04_utf16.txt"].encoding == "utf-16-le"
    assert any("truncated" in w for w in reports["05_cut.txt"].warnings)
    bodies = {a.id: a.body for a in result.articles}
    assert PARA in bodies["01_good"]

    deep = read_corpus(tmp_path, max_bytes=5000, recursive=True)
    assert "sub/x.txt" in {r.file for r in deep.reports}


def test_files_sharing_a_stem_are_all_read_under_unique_ids(tmp_path: Path) -> None:
    _write(tmp_path, "a.html", f"<html><body><h1>{HEADLINE}</h1><p>{PARA2}</p></body></html>")
    _write(tmp_path, "a.txt", _article_text(HEADLINE, PARA))
    _write(tmp_path, "a.md", _article_text(f"# {HEADLINE}", PARA, PARA2))
    _write(tmp_path, "a.html.txt", _article_text(HEADLINE, PARA, "ثالث"))  # its stem: 'a.html'
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub", "a.txt", _article_text(HEADLINE, "فقرة أخرى في الحسكة."))
    result = read_corpus(tmp_path, recursive=True)
    by_file = {Path(a.path).relative_to(tmp_path).as_posix(): a for a in result.articles}
    # the .txt at the top keeps the id, whatever the sorted order; the others get their path
    assert {f: a.id for f, a in by_file.items()} == {
        "a.txt": "a", "a.md": "a.md", "a.html": "a.html~2", "a.html.txt": "a.html",
        "sub/a.txt": "sub/a.txt"}
    assert PARA in by_file["a.txt"].body and PARA2 in by_file["a.html"].body
    assert "article id 'a' belongs to a.txt (same name); this file is read as article " \
        "'a.html~2'" in by_file["a.html"].warnings
    assert not any("belongs to" in w for w in by_file["a.txt"].warnings)
    assert [r.status for r in result.reports] == ["read"] * 5
    # the same ids on a second read, and when 'a.txt' is unreadable (it keeps its claim)
    assert [a.id for a in read_corpus(tmp_path, recursive=True).articles] == \
        [a.id for a in result.articles]
    _write(tmp_path, "a.txt", b"")
    assert {a.id for a in read_corpus(tmp_path).articles} == {"a.md", "a.html~2", "a.html"}


def test_copies_are_duplicates_unless_the_csv_makes_them_two_publications(
        tmp_path: Path) -> None:
    text = _article_text(HEADLINE, PARA)
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        _write(tmp_path, name, text)
    _write(tmp_path, "articles.csv", "file,title,outlet,url,published\n"
           "a.txt,,عنب بلدي,https://a.example/1,2022-10-08\n"
           "b.txt,,عنب بلدي,https://a.example/1,2022-10-08\n"
           "c.txt,,تلفزيون سوريا,https://b.example/2,2022-10-08\n")
    result = read_corpus(tmp_path)
    assert [a.id for a in result.articles] == ["a", "c"]
    reports = {r.file: r for r in result.reports}
    assert (reports["b.txt"].status, reports["b.txt"].reason) == (
        "duplicate", "same content as a.txt (article 'a'); not read twice")
    assert reports["d.txt"].status == "duplicate"  # no row of its own: a copy
    assert reports["c.txt"].status == "read"  # another outlet published the same text


def test_one_text_in_other_encodings_is_a_duplicate(tmp_path: Path) -> None:
    text = _article_text(HEADLINE, PARA)
    _write(tmp_path, "a.txt", text.encode("utf-8"))
    _write(tmp_path, "b.txt", text.encode("cp1256"))
    _write(tmp_path, "c.txt", text.replace("\n", "\r\n").encode("utf-16"))
    _write(tmp_path, "d.txt", _article_text(HEADLINE, PARA2).encode("cp1256"))  # other text
    result = read_corpus(tmp_path)
    assert [a.id for a in result.articles] == ["a", "d"]
    reports = {r.file: r for r in result.reports}
    for name in ("b.txt", "c.txt"):
        assert reports[name].status == "duplicate"
        assert reports[name].reason.startswith("same text as a.txt in other bytes")


def test_a_csv_row_by_stem_only_applies_when_the_stem_names_one_file(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", _article_text(HEADLINE, PARA))
    _write(tmp_path, "a.html", f"<html><body><h1>{HEADLINE}</h1><p>{PARA2}</p></body></html>")
    _write(tmp_path, "b.txt", _article_text(HEADLINE, PARA2))
    _write(tmp_path, "articles.csv", "file,title,outlet,url,published\n"
           "a,عنوان أ,,,2022-10-08\nb,عنوان ب,,,2022-10-09\na.html,عنوان ه,,,\n")
    arts = {a.id: a for a in read_corpus(tmp_path).articles}
    assert (arts["b"].title, arts["b"].published) == ("عنوان ب", dt.date(2022, 10, 9))
    assert arts["a.html"].title == "عنوان ه"
    assert arts["a"].title == HEADLINE and arts["a"].published_reason != "articles.csv"


def test_iter_corpus_streams(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", _article_text(HEADLINE, PARA))
    _write(tmp_path, "b.txt", b"")
    items = iter_corpus(tmp_path)
    first = next(items)
    assert isinstance(first, Article) and first.id == "a"
    second = next(items)
    assert isinstance(second, FileReport) and second.status == "skipped"
    assert next(items, None) is None


def test_iter_corpus_yields_metadata_warnings_first(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", _article_text(HEADLINE, PARA))
    _write(tmp_path, "articles.csv", "file,title,outlet,url,published\nzzz.txt,,,,\n")
    first = next(iter_corpus(tmp_path))
    assert isinstance(first, FileReport) and first.status == "metadata"
    assert "zzz.txt" in first.warnings[0]


@pytest.mark.parametrize("make", ["missing", "file"])
def test_folder_errors(tmp_path: Path, make: str) -> None:
    target = tmp_path / "corpus"
    if make == "file":
        target.write_text("x")
    message = "does not exist" if make == "missing" else "not a folder"
    with pytest.raises(CorpusError, match=message):
        read_corpus(target)
    with pytest.raises(ValueError):  # eagerly, not on first next()
        iter_corpus(target)


def test_files_read_elsewhere_give_the_same_corpus(tmp_path: Path) -> None:
    """``read_files`` (what ``--jobs`` uses to read in worker processes) reads each file on
    its own; ids, copies and unsupported files are still settled by the folder."""
    text = _article_text(HEADLINE, PARA)
    _write(tmp_path, "a.txt", text)
    _write(tmp_path, "a.html", f"<html><body><h1>{HEADLINE}</h1><p>{PARA2}</p></body></html>")
    _write(tmp_path, "b.txt", text)  # a copy of a.txt
    _write(tmp_path, "c.txt", b"")
    _write(tmp_path, "photo.jpg", b"\xff\xd8\xff\xe0")
    _write(tmp_path, "articles.csv", "file,title,outlet,url,published\n"
           "a.txt,عنوان,عنب بلدي,https://a.example/1,2022-10-08\n")
    asked: list[str] = []

    def elsewhere(tasks):
        for path, name, meta, max_bytes in tasks:
            asked.append(name)
            yield read_file(path, name, meta, max_bytes)

    here = list(iter_corpus(tmp_path))
    there = list(iter_corpus(tmp_path, read_files=elsewhere))
    assert there == here
    assert sorted(asked) == ["a.html", "a.txt", "b.txt", "c.txt"]  # not the .jpg nor the CSV
    assert [x.id for x in there if isinstance(x, Article)] == ["a", "a.html"]
    assert next(x for x in there if isinstance(x, Article)).title == "عنوان"
