"""Markup to text: HTML pages and Markdown files as plain text, and what they say besides.

Why a room of its own: a saved web page is mostly scripts, styles, menus and
footers, and its metadata (headline, site name, canonical link, publication
time) is in tags rather than text; a Markdown file has front matter, image and
link syntax. Both become plain text with one block per paragraph, ready for
:mod:`geo.read.furniture`, plus :class:`Hints`. The HTML is parsed, never run.

>>> text, hints = html_to_text("<html><head><meta property='og:site_name' content='عنب بلدي'>"
...                            "<script>alert(1)</script></head><body><h1>عنوان</h1><p>نص.</p>")
>>> text, hints.outlet
('عنوان\\n\\nعنوان\\n\\nنص.', 'عنب بلدي')
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["Hints", "html_to_text", "looks_html", "markdown_to_text"]


@dataclass(slots=True)
class Hints:
    """What markup says about an article besides its text (title, site, date, link)."""

    title: str = ""
    outlet: str = ""
    url: str = ""
    published: str = ""
    published_source: str = ""


_SKIP_TAGS = frozenset({"script", "style", "nav", "header", "footer", "aside", "noscript",
                        "template", "form", "button", "select", "svg", "iframe", "object",
                        "canvas", "textarea", "menu"})
_BLOCK_TAGS = frozenset({"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
                         "blockquote", "figcaption", "article", "section", "main", "tr",
                         "td", "th", "pre", "dd", "dt", "table", "hr", "body", "figure",
                         "address"})
_VOID_TAGS = frozenset({"br", "hr", "img", "meta", "link", "input", "source", "wbr", "area",
                        "base", "col", "embed", "param", "track"})
_DATE_META = ("article:published_time", "og:published_time", "datepublished", "pubdate",
              "publishdate", "publish-date", "dc.date", "dc.date.issued", "date",
              "parsely-pub-date", "sailthru.date")


class _HTMLText(HTMLParser):
    """Block text of a page, without scripts and site chrome; nothing is executed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.chunks: list[str] = []
        self.skip = 0
        self.in_title = False
        self.in_h1 = False
        self.title = ""
        self.h1 = ""
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {k.lower(): (v or "") for k, v in attrs}
        if tag in ("meta", "link"):
            self._meta(tag, attr)
        if tag == "title":
            self.in_title = True
        elif tag == "h1" and not self.h1:
            self.in_h1 = True
        if tag in _SKIP_TAGS and tag not in _VOID_TAGS:
            self.skip += 1
        if tag == "br":
            self.chunks.append("\n")
        elif tag in _BLOCK_TAGS:
            self.chunks.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag == "h1":
            self.in_h1 = False
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag == "body":
            self.skip = 0
        if tag in _BLOCK_TAGS:
            self.chunks.append("\n\n")

    def handle_data(self, data: str) -> None:
        data = re.sub(r"[ \t\r\n\f]+", " ", data)
        if self.in_title:
            self.title += data
        if self.in_h1:
            self.h1 += data
        if not self.skip and not self.in_title:
            self.chunks.append(data)

    def _meta(self, tag: str, attr: dict[str, str]) -> None:
        if tag == "link" and "canonical" in attr.get("rel", "").lower().split():
            self.meta.setdefault("canonical", attr.get("href", ""))
            return
        name = (attr.get("property") or attr.get("name") or attr.get("itemprop") or "").lower()
        if name and attr.get("content"):
            self.meta.setdefault(name, attr["content"].strip())


def html_to_text(html: str) -> tuple[str, Hints]:
    """Headline first, then block text; the page's metadata as hints."""
    parser = _HTMLText()
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # html.parser is lenient; this is only a last guard
        pass
    meta = parser.meta
    title = " ".join((parser.h1 or parser.title or meta.get("og:title", "")).split())
    body = "".join(parser.chunks)
    body = "\n".join(line.strip() for line in body.split("\n"))
    body = re.sub(r"\n{3,}", "\n\n", body).strip()
    hints = Hints(outlet=meta.get("og:site_name", ""),
                   url=meta.get("canonical") or meta.get("og:url", ""))
    for name in _DATE_META:
        if meta.get(name):
            hints.published, hints.published_source = meta[name], f"html meta {name}"
            break
    text = f"{title}\n\n{body}" if title else body
    return text, hints


_FRONT_MATTER_RE = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
# Link text holds no '[' (as in CommonMark) and a target no '[' either (why: then no
# attempt scans over the start of another, and a line of '[[[[' or '[a](' repeated is
# read once, not once per bracket).
_MD_IMAGE_RE = re.compile(r"!\[[^\[\]\n]*\]\([^)\[\n]*\)")
_MD_LINK_RE = re.compile(r"\[([^\[\]\n]+)\]\([^)\[\n]*\)")


def markdown_to_text(text: str) -> tuple[str, Hints]:
    """Drop front matter (reading its title/date/url), heading marks, images, link targets."""
    hints = Hints()
    match = _FRONT_MATTER_RE.match(text)
    if match:
        fields = dict(_front_matter_pairs(match.group(1)))
        hints.title = fields.get("title", "")
        hints.outlet = fields.get("outlet") or fields.get("source") or fields.get("site", "")
        hints.url = fields.get("url") or fields.get("link", "")
        hints.published = fields.get("published") or fields.get("date", "")
        hints.published_source = "markdown front matter" if hints.published else ""
        text = text[match.end():]
    text = _MD_IMAGE_RE.sub("", text)
    text = _MD_LINK_RE.sub(r"\1", text)
    text = re.sub(r"(?m)^#{1,6}\s+", "", text)
    if hints.title:
        text = f"{hints.title}\n\n{text}"
    return text, hints


def _front_matter_pairs(block: str) -> Iterator[tuple[str, str]]:
    for line in block.split("\n"):
        key, sep, value = line.partition(":")
        if sep:
            yield key.strip().lower(), value.strip().strip("\"'")


def looks_html(text: str) -> bool:
    """Whether a file of another type is an HTML page (a doctype or <html> near the top)."""
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head
