"""Unreadable and malformed inputs around the articles (issue 10, item 17).

A bad ``articles.csv`` costs only itself: it is one warning, and the articles are
read without their metadata. A corpus folder that cannot be listed is a
:class:`CorpusError` naming it, raised when the corpus is opened. Real files, real
permissions (checked as an unprivileged user even when the tests run as root).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from geo.read import CorpusError, FileReport, iter_corpus, read_corpus

from .unprivileged import as_unprivileged, unreadable_folder

ARTICLE = "قصف على القامشلي\n\nقالت مصادر محلية إن قصفاً استهدف ريف القامشلي اليوم.\n"

BAD_CSVS = {
    "nul_bytes": b"file,title\n" + b"\x00" * 400 + b"a.txt,x\n",
    "binary": bytes(range(256)) * 8,
    "pdf": b"%PDF-1.4\n" + b"\x00\x01" * 100,
    "no_file_column": "name,title\na.txt,عنوان\n".encode(),
    "semicolons": "file;title;outlet\na.txt;عنوان;منصة\n".encode(),
    "huge_header_field": b'"' + b"x" * 200_000 + b'"\n',
}


@pytest.mark.parametrize("raw", BAD_CSVS.values(), ids=BAD_CSVS.keys())
def test_a_bad_metadata_csv_is_a_warning_and_the_articles_are_read(tmp_path: Path,
                                                                   raw: bytes) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "articles.csv").write_bytes(raw)
    result = read_corpus(tmp_path)
    assert [a.id for a in result.articles] == ["a"]
    assert result.articles[0].title == "قصف على القامشلي"  # the text's, not the CSV's
    assert result.warnings, "the bad CSV must be a warning"
    assert "articles.csv" in result.warnings[0]
    first = next(iter_corpus(tmp_path))
    assert isinstance(first, FileReport) and first.status == "metadata"


def test_a_semicolon_csv_says_how_to_fix_it(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "articles.csv").write_text("file;title\na.txt;x\n", encoding="utf-8")
    (warning,) = read_corpus(tmp_path).warnings
    assert "separated by semicolons; save it with commas" in warning
    assert "read without their metadata" in warning


def test_a_metadata_csv_linked_from_outside_is_not_read(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    outside = tmp_path / "other.csv"
    outside.write_text("file,title\na.txt,عنوان من خارج المجلد\n", encoding="utf-8")
    (corpus / "articles.csv").symlink_to(outside)
    result = read_corpus(corpus)
    assert result.articles[0].title == "قصف على القامشلي"
    assert "outside the corpus folder" in result.warnings[0]


def test_an_unreadable_metadata_csv_is_a_warning() -> None:
    with unreadable_folder() as (top, _locked):
        (top / "a.txt").write_text(ARTICLE, encoding="utf-8")
        csv = top / "articles.csv"
        csv.write_text("file,title\na.txt,x\n", encoding="utf-8")
        csv.chmod(0)
        result = as_unprivileged(lambda: read_corpus(top))
    assert [a.id for a in result.articles] == ["a"]
    assert "cannot read the metadata CSV" in result.warnings[0]


def test_an_unreadable_corpus_folder_is_a_corpus_error_naming_it() -> None:
    with unreadable_folder() as (_top, locked):
        with pytest.raises(CorpusError, match="cannot be read") as caught:
            as_unprivileged(lambda: iter_corpus(locked))  # raised on opening, not later
    assert str(locked) in str(caught.value)
    assert "\n" not in str(caught.value)


def test_an_unreadable_article_is_reported_and_the_rest_read() -> None:
    with unreadable_folder() as (top, _locked):
        (top / "a.txt").write_text(ARTICLE, encoding="utf-8")
        (top / "b.txt").write_text(ARTICLE + "ثانية.\n", encoding="utf-8")
        os.chmod(top / "b.txt", 0)
        result = as_unprivileged(lambda: read_corpus(top))
    reports = {r.file: r for r in result.reports}
    assert reports["a.txt"].status == "read"
    assert reports["b.txt"].status == "skipped" and "unreadable" in reports["b.txt"].reason
