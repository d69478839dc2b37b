"""geo.read.article: one file -> one Article (size limits, one-line files, HTML, Markdown)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from geo.read import ArticleReadError, read_article
from tests.geo.read.samples import HEADLINE, PARA, PARA2, PLUS3
from tests.geo.read.samples import article_text as _article_text
from tests.geo.read.samples import write as _write


def test_missing_and_too_large(tmp_path: Path) -> None:
    with pytest.raises(ArticleReadError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    path = _write(tmp_path, "big.txt", _article_text(HEADLINE, PARA * 50))
    with pytest.raises(ArticleReadError, match="too large"):
        read_article(path, max_bytes=1000)


def test_a_too_large_file_is_refused_from_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse NULs: reading it would say 'binary'
    with pytest.raises(ArticleReadError) as info:
        read_article(path)
    assert info.value.reason.startswith("too large: 50 MiB > limit 20 MiB; to read it, "
                                        "raise the limit: --max-mb N")
    with pytest.raises(ArticleReadError, match=r"too large: 1,000 bytes > limit 999 bytes"):
        read_article(_write(tmp_path, "k.txt", "ب" * 500), max_bytes=999)


def test_one_stat_refuses_as_exists_and_is_file_did(tmp_path: Path) -> None:
    with pytest.raises(ArticleReadError, match="no such file"):
        read_article(tmp_path / "no-folder" / "nope.txt")
    (tmp_path / "plain.txt").write_text("نص", "utf-8")
    with pytest.raises(ArticleReadError, match="no such file"):  # a file where a folder should be
        read_article(tmp_path / "plain.txt" / "nope.txt")
    with pytest.raises(ArticleReadError, match="no such file"):
        read_article(str(tmp_path / "nul\x00.txt"))
    with pytest.raises(ArticleReadError, match="not a regular file"):
        read_article(tmp_path)


def test_a_file_that_grew_since_its_stat_is_read_up_to_the_limit(tmp_path: Path,
                                                                monkeypatch) -> None:
    """The read asks for the size stat gave and one byte more, then reads on when the file
    grew: the same bytes (and the same refusal over the limit) as one read of the limit."""
    import geo.read.article as module

    text = _article_text(HEADLINE, PARA * 3)
    path = _write(tmp_path, "grew.txt", text)
    whole = path.read_bytes()
    monkeypatch.setattr(module, "_regular_file_size", lambda p: 10)  # stat before it grew
    assert module._read_bytes(path, 10_000) == whole
    assert read_article(path).body == read_article(_write(tmp_path, "same.txt", text)).body
    with pytest.raises(ArticleReadError, match="too large: over the limit"):
        module._read_bytes(path, len(whole) - 1)
    assert module._read_bytes(path, len(whole)) == whole


# --- odd shapes ------------------------------------------------------------------------


def test_one_line_headline(tmp_path: Path) -> None:
    article = read_article(_write(tmp_path, "one.txt", HEADLINE))
    assert article.title == HEADLINE and article.body == ""
    assert any("body is empty" in w for w in article.warnings)


def test_one_line_sentence(tmp_path: Path) -> None:
    article = read_article(_write(tmp_path, "one.txt", PARA))
    assert article.body == PARA  # a sentence is content, never swallowed as the title
    assert article.title and PARA.startswith(article.title.rstrip("…"))


def test_html_article(tmp_path: Path) -> None:
    html = f"""<!doctype html><html><head><meta charset="utf-8">
    <title>{HEADLINE} - موقع الخبر</title>
    <meta property="article:published_time" content="2022-10-08T17:41:00+03:00">
    <meta property="og:site_name" content="موقع الخبر">
    <link rel="canonical" href="https://example.org/news/1">
    <style>p {{ color: red }}</style><script>alert("hi")</script></head>
    <body><nav><a href="/">الرئيسية</a> قائمة الأقسام</nav>
    <header><h1>{HEADLINE}</h1><span>شارك</span></header>
    <article><p>{PARA}</p><p>اقرأ أيضاً: <a href="/2">خبر آخر عن إدلب</a></p>
    <p>{PARA2.replace("الخبر", "&quot;الخبر&quot;")}</p>
    <figure><img src="x.jpg"><figcaption>صورة من القامشلي</figcaption></figure></article>
    <aside>الأكثر قراءة</aside><footer>© 2022 جميع الحقوق محفوظة</footer></body></html>"""
    article = read_article(_write(tmp_path, "page.html", html))
    assert article.title == HEADLINE
    assert article.body.split("\n\n") == [PARA, PARA2.replace("الخبر", '"الخبر"'),
                                          "صورة من القامشلي"]
    assert article.outlet == "موقع الخبر"
    assert article.url == "https://example.org/news/1"
    assert article.published_at == dt.datetime(2022, 10, 8, 17, 41, tzinfo=PLUS3)
    assert not article.published_inferred


def test_html_unsafe_link_dropped(tmp_path: Path) -> None:
    html = (f'<html><head><link rel="canonical" href="javascript:alert(1)"></head>'
            f"<body><h1>{HEADLINE}</h1><p>{PARA}</p></body></html>")
    article = read_article(_write(tmp_path, "p.htm", html))
    assert article.url == ""
    assert any("http(s)" in w for w in article.warnings)


def test_markdown_article(tmp_path: Path) -> None:
    md = (f"---\ntitle: {HEADLINE}\ndate: 2022-10-08\n---\n\n"
          f"![صورة](al-kamshlw.jpg)\n\n## {PARA2}\n\nقال [المصدر](https://x.org) إن القصف توقف.")
    article = read_article(_write(tmp_path, "a.md", md))
    assert article.title == HEADLINE
    assert article.body == f"{PARA2}\n\nقال المصدر إن القصف توقف."
    assert article.published == dt.date(2022, 10, 8)
