"""Property tests (Hypothesis) over the reader and the date parsers: no input makes them
raise anything but their documented errors, and what they return stays consistent.

Complements the examples in test_corpus.py / test_dates.py (which already cover
``decode_bytes``, ``strip_furniture`` and ``find_dates`` on arbitrary text).
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.extract.when import DateExpr, find_dates, find_publication_date, parse_date
from geo.layers import parse_date_bound
from geo.read import (
    Article,
    ArticleReadError,
    CorpusError,
    decode_bytes,
    read_article,
    read_corpus,
    read_metadata,
)

SETTINGS = settings(max_examples=200, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SUFFIXES = (".txt", ".html", ".htm", ".md")
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256")
ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءؤئأإآ"

# Pieces of real pages: furniture, stamps, dates, markup, bidi controls, odd bytes' text.
_PIECES = st.sampled_from([
    *ARABIC_LETTERS, " ", "\n", "\n\n", "\r\n", "\t", "ً", "ّ", "ـ", "،", ".", ":", "|", "-", "/",
    "0", "1", "2", "٢", "9", "2022", "08", "10", "31", "12:30", "تشرين الأول", "أكتوبر", "أمس",
    "الخميس الماضي", "نشر في", "آخر تحديث", "دمشق", "2022.10.08 | 17:41 دمشق", "8/10/2022",
    "اقرأ أيضاً", "شارك", "مقالات ذات صلة", "إسطنبول - متابعات", "القامشلي", "ريف الحسكة",
    "<html>", "<p>", "</p>", "<h1>", "<meta property=\"article:published_time\" content=\"",
    "<script>", "<!--", "&amp;", "&#x202e;", "# ", "---\n", "date: ", "title: ", "![x](a.jpg)",
    "\u202e", "\u2067", "\u200f", "\ufeff", "\x00", "\x0c", "\ufffd", "A", "z", "©",
])
page_text = st.one_of(st.text(max_size=300), st.lists(_PIECES, max_size=80).map("".join))
anchors = st.one_of(
    st.none(), st.dates(),
    st.sampled_from([dt.date.min, dt.date.max, dt.date(1, 1, 2), dt.date(9999, 12, 30),
                     dt.date(2024, 2, 29), dt.date(2022, 10, 8)]),
    st.datetimes(timezones=st.one_of(st.none(), st.timezones())),
    st.sampled_from([dt.datetime.min, dt.datetime.max]),
)


def _in_tmp(name: str, data: bytes) -> tuple[tempfile.TemporaryDirectory, Path]:
    """A real file in a fresh folder (tmp_path is one folder for all examples)."""
    folder = tempfile.TemporaryDirectory()
    path = Path(folder.name) / name
    path.write_bytes(data)
    return folder, path


def _read_or_refuse(name: str, data: bytes) -> Article | None:
    """read_article's result, or None when it refused the file with ArticleReadError."""
    folder, path = _in_tmp(name, data)
    with folder:
        try:
            article = read_article(path)
        except ArticleReadError as exc:
            assert exc.reason and name in str(exc)
            return None
    _check_article(article)
    return article


def _check_article(article: Article) -> None:
    assert isinstance(article.body, str) and isinstance(article.title, str)
    assert "\n\n\n" not in article.body and "\x00" not in article.body + article.title
    assert article.url == "" or article.url.startswith(("http://", "https://"))
    assert article.published is None or isinstance(article.published, dt.date)
    assert all(isinstance(w, str) and w for w in article.warnings)


# --- (a) the reader -------------------------------------------------------------------


@SETTINGS
@given(st.binary(max_size=2000), st.sampled_from(SUFFIXES))
def test_read_article_on_any_bytes_raises_only_article_read_error(data, suffix) -> None:
    _read_or_refuse(f"a{suffix}", data)


@SETTINGS
@given(page_text, st.sampled_from(ENCODINGS), st.sampled_from(SUFFIXES))
def test_read_article_on_any_text_in_any_encoding(text, encoding, suffix) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:  # cp1256 has no CJK, and no Arabic-Indic digits
        data = text.encode(encoding, errors="ignore")
    _read_or_refuse(f"a{suffix}", data)


arabic_text = st.text(alphabet=st.sampled_from([*ARABIC_LETTERS, " ", " ", "\n", "،", ".",
                                                "0", "7", ":", "-", "(", ")", "a", "Q"]),
                      min_size=1, max_size=400)


@SETTINGS
@given(arabic_text, st.sampled_from(("cp1256", "utf-16-le", "utf-16-be", "utf-8")))
def test_arabic_text_comes_back_from_any_encoding_without_bom(text, encoding) -> None:
    """Windows-1256 and BOM-less UTF-16 are guessed right whenever Arabic dominates."""
    arabic = sum(1 for c in text if c in ARABIC_LETTERS)
    latin = sum(1 for c in text if c in "aQ")
    if arabic < 3 or arabic < 2 * latin:
        return
    assert decode_bytes(text.encode(encoding)) == (text, encoding)


def test_cp1256_arabic_after_ascii_is_not_a_truncated_utf8_file() -> None:
    """Hypothesis found 'ؤ' in Windows-1256 (one byte, 0xC4) read as a cut UTF-8 letter."""
    for text in ("ؤ", "  ؤ", "1 ع", "ابن"[:1]):
        assert decode_bytes(text.encode("cp1256")) == (text, "cp1256")
    assert decode_bytes("نص".encode()[:-1])[0] == "ن\ufffd"  # a real cut UTF-8 letter


def test_ascii_lines_do_not_count_as_utf8_arabic() -> None:
    """Hypothesis found '00\\nءءء' in Windows-1256 read as mixed UTF-8: the line-by-line
    reader counted ASCII bytes as the non-ASCII bytes UTF-8 explained."""
    assert decode_bytes("00\nءءء".encode("cp1256")) == ("00\nءءء", "cp1256")


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["a", "b", "a.b", "ب", "sub/a", "sub/c", ".h"]),
                          st.sampled_from([*SUFFIXES, ".csv", ".jpg", ""]),
                          st.sampled_from([b"", b"\x89PNG\r\n\x1a\n", "خبر\n\nنص.".encode(),
                                           "خبر\n\nنص آخر.".encode("cp1256"), b"x" * 3]),
                          ), max_size=12),
       st.booleans())
def test_every_file_of_a_folder_is_reported_once_and_ids_are_unique(files, recursive) -> None:
    with tempfile.TemporaryDirectory() as name:
        root = Path(name)
        for stem, suffix, data in files:
            path = root / f"{stem}{suffix}"
            path.parent.mkdir(exist_ok=True)
            path.write_bytes(data)
        visible = {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()
                   and not p.name.startswith(".") and (recursive or p.parent == root)}
        result = read_corpus(root, recursive=recursive, metadata=None)
    names = [r.file for r in result.reports]
    assert sorted(names) == sorted(visible)  # each file once, by its path in the folder
    assert {r.status for r in result.reports} <= {"read", "skipped", "duplicate"}
    assert all(r.reason for r in result.reports if r.status != "read")
    ids = [a.id for a in result.articles]
    assert len(ids) == len(set(ids)) == sum(r.status == "read" for r in result.reports)
    assert len({a.sha256 for a in result.articles}) == len(ids)  # no copy read twice


# --- (b) the metadata CSV -------------------------------------------------------------

_CSV_PIECES = st.sampled_from([
    "file", "title", "outlet", "url", "published", ",", ",", "\n", "\r\n", '"', '""', " ",
    "a.txt", "b", "sub/c.html", "..\\d.md", "عنوان", "2022-10-08", "2022-13-45", "2022-10",
    "2021", "2022-10-08T17:41:00+03:00", "2022-10-08T25:00", "https://x.org/a", "javascript:1",
    "\x00", "\ufeff", "\u202e", "9" * 30, "x" * 200,
])
csv_text = st.one_of(
    st.text(max_size=400),
    st.lists(_CSV_PIECES, max_size=80).map("".join),
    st.lists(_CSV_PIECES, max_size=60).map(lambda p: "file,title,outlet,url,published\n"
                                           + "".join(p)),
)


@SETTINGS
@given(csv_text, st.sampled_from(("utf-8", "utf-8-sig", "utf-16", "cp1256")))
def test_read_metadata_raises_only_corpus_error(text, encoding) -> None:
    folder, path = _in_tmp("articles.csv", text.encode(encoding, errors="ignore"))
    with folder:
        try:
            rows, warnings = read_metadata(path)
        except CorpusError as exc:
            assert "articles.csv" in str(exc)
            return
    assert all(isinstance(w, str) and w for w in warnings)
    for key, row in rows.items():
        assert row["file"] and key in (Path(row["file"].replace("\\", "/")).name,
                                       Path(Path(row["file"].replace("\\", "/")).name).stem)
        assert row["_source"] == "articles.csv" and row["_line"] >= 2


@SETTINGS
@given(st.binary(max_size=1000))
def test_read_metadata_on_any_bytes_raises_only_corpus_error(data) -> None:
    folder, path = _in_tmp("articles.csv", data)
    with folder:
        try:
            read_metadata(path)
        except CorpusError:
            pass


@SETTINGS
@given(csv_text)
def test_a_bad_csv_never_stops_the_corpus(text) -> None:
    with tempfile.TemporaryDirectory() as name:
        root = Path(name)
        (root / "a.txt").write_text("خبر\n\nدورية قرب القامشلي.", encoding="utf-8")
        (root / "articles.csv").write_text(text, encoding="utf-8")
        try:
            result = read_corpus(root)
        except CorpusError as exc:  # only an unreadable CSV or one without 'file' stops it
            assert "articles.csv" in str(exc)
            return
    assert [a.path for a in result.articles] == [str(root / "a.txt")]


# --- (c) the date parsers -------------------------------------------------------------


def _check_dates(text: str, found: list[DateExpr]) -> None:
    end = 0
    for e in found:
        assert end <= e.start < e.end <= len(text) and text[e.start:e.end] == e.text
        assert e.first <= e.last
        end = e.end


@SETTINGS
@given(page_text, anchors)
def test_find_and_parse_date_on_any_text_and_anchor(text, anchor) -> None:
    found = find_dates(text, anchor)
    _check_dates(text, found)
    assert parse_date(text, anchor) == (found[0] if found else None)
    if anchor is None:
        assert not any(e.relative for e in found)


@SETTINGS
@given(page_text)
def test_publication_stamp_on_page_like_text(text) -> None:
    found = find_publication_date(text)
    assert found is None or (isinstance(found[0], dt.date) and found[1])


@SETTINGS
@given(st.one_of(st.text(max_size=40),
                 st.from_regex(r"-?[0-9]{1,6}(-[0-9]{1,3}(-[0-9]{1,3})?)?", fullmatch=True)),
       st.booleans())
def test_date_bounds_raise_only_value_error(text, end) -> None:
    try:
        bound = parse_date_bound(text, end=end)
    except ValueError as exc:
        assert str(exc)
        return
    assert bound is None or isinstance(bound, dt.date)
