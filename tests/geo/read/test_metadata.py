"""geo.read.metadata: the articles.csv reader; a bad row is a warning naming its line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geo.read import CorpusError, read_corpus, read_metadata
from tests.geo.read.samples import HEADLINE, PARA, SEEDS
from tests.geo.read.samples import article_text as _article_text
from tests.geo.read.samples import write as _write

# --- metadata CSV ----------------------------------------------------------------------


def test_read_metadata_of_the_seeds() -> None:
    rows, warnings = read_metadata(SEEDS / "articles.csv")
    assert warnings == []
    assert rows["002_032df531970bae2f.txt"] is rows["002_032df531970bae2f"]
    assert rows["003_91d580d13336e84c"]["outlet"] == "بلدي نيوز"


def test_malformed_csv_rows_warn_and_lose_nothing(tmp_path: Path) -> None:
    for name in ("a", "b", "c", "d"):
        _write(tmp_path, f"{name}.txt", _article_text(f"{HEADLINE} {name}", PARA))
    _write(tmp_path, "articles.csv", (
        "file,title,published,extra\n"
        "a.txt,عنوان أ,2022-13-45,x\n"
        "b.txt,عنوان ب\n"
        "ghost.txt,لا ملف,2022-10-08,\n"
        "c.txt,عنوان ج,2022-10-08,,surplus\n"
        "a.txt,مكرر,2022-10-08,\n"
        ",بلا اسم,2022-10-08,\n"
    ).encode("utf-8-sig"))
    rows, warnings = read_metadata(tmp_path / "articles.csv")
    text = "\n".join(warnings)
    assert "missing column(s) outlet, url" in text
    assert "line 2: published '2022-13-45'" in text
    assert "line 3: 2 field(s)" in text
    assert "line 5: 5 field(s)" in text
    assert "line 6: duplicate row for 'a.txt'" in text
    assert "line 7: no file name" in text
    assert rows["a.txt"]["title"] == "عنوان أ"

    result = read_corpus(tmp_path)
    assert sorted(a.id for a in result.articles) == ["a", "b", "c", "d"]
    assert [r.status for r in result.reports] == ["read"] * 4
    assert any("no file 'ghost.txt'" in w for w in result.warnings)
    a = next(x for x in result.articles if x.id == "a")
    assert a.title == "عنوان أ"
    assert any("2022-13-45" in w for w in a.warnings)
    assert a.published_reason != "articles.csv"  # inference went on
    c = next(x for x in result.articles if x.id == "c")
    assert (c.published, c.published_at, c.published_reason) == (dt.date(2022, 10, 8), None,
                                                                  "articles.csv")


def test_csv_precisions_and_urls(tmp_path: Path) -> None:
    for name in ("m", "y", "j", "h"):
        _write(tmp_path, f"{name}.txt", _article_text(HEADLINE, PARA))
    _write(tmp_path, "articles.csv", (
        "file,title,outlet,url,published\n"
        "m.txt,,,data:text/html;base64;xx,2022-10\n"
        "y,,,,2021\n"
        "j.txt,,,javascript:alert(1),2022-10-08T17:41Z\n"
        "h.txt,,,https://example.org/a?b=1,\n"
    ).encode("cp1256"))
    arts = {a.id: a for a in read_corpus(tmp_path).articles}
    assert (arts["m"].published, arts["m"].published_precision) == (dt.date(2022, 10, 1), "month")
    assert (arts["y"].published, arts["y"].published_precision) == (dt.date(2021, 1, 1), "year")
    assert arts["j"].published_at == dt.datetime(2022, 10, 8, 17, 41, tzinfo=dt.UTC)
    assert arts["m"].url == arts["j"].url == ""
    assert arts["h"].url == "https://example.org/a?b=1"
    assert arts["m"].title == HEADLINE  # empty CSV title: the text's headline


def test_csv_without_file_column(tmp_path: Path) -> None:
    _write(tmp_path, "articles.csv", "name,title\na.txt,x\n")
    with pytest.raises(CorpusError, match="'file' column"):
        read_metadata(tmp_path / "articles.csv")


def test_csv_row_over_several_lines_is_warned(tmp_path: Path) -> None:
    _write(tmp_path, "articles.csv", 'file,title\na.txt,"two\nlines"\nb.txt,"open\nc.txt,x\n')
    rows, warnings = read_metadata(tmp_path / "articles.csv")
    assert rows["a.txt"]["title"] == "two\nlines" and rows["a.txt"]["_line"] == 2
    assert "articles.csv lines 2-3: one row spans 2 lines" in warnings[1]
    assert "articles.csv lines 4-5: one row spans 2 lines" in warnings[2]
    assert "c.txt" not in rows  # swallowed by the open quote, which the warning points at
