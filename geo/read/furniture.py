"""Page furniture: the lines of a news page that are not the story, and the headline.

Why a room of its own: a saved page carries menus, share buttons, 'اقرأ أيضاً'
links, related-story lists, comment widgets, copyright lines, the desk dateline
('إسطنبول - متابعات') and the publication stamp around the story. If they stayed,
another story's headline would turn into an incident. This module splits a page
into headline, body and removed lines; the phrases it recognises are data
(``data/furniture.toml``), the shapes of lines (headline, paragraph, hard wrap)
are code.

>>> title, body, removed = strip_furniture("تخطى إلى المحتوى\\n\\nعنوان الخبر\\n\\nنص الخبر.")
>>> title, body, removed
('عنوان الخبر', 'نص الخبر.', ['تخطى إلى المحتوى'])
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicon import load_furniture
from .stamps import glued_date_prefix, is_stamp_line
from .text import ARABIC_RE, fold_letters, forget_keys, key_words, match_key

__all__ = ["Stripped", "strip_furniture", "strip_page"]

_WORDS = load_furniture()

_NAV = set(_WORDS["navigation"])
_FONT_RE = re.compile(r"^(?:[+\-]\s*[aا]|[aا]\s*[+\-]|[aا]{1,3}|"
                      + "|".join(_WORDS["font_size"]) + ")$")
_LIVE = set(_WORDS["live"])
_COMMENTS_RE = re.compile(
    "|".join(_WORDS["comments_anywhere"])
    + r"|^(?:\d+\s*)?(?:" + "|".join(_WORDS["comment_count"]) + r")(?:\s*\(\d+\))?$"
    + r"|^(?:" + "|".join(_WORDS["comments_line"]) + ")$")
_SOCIAL = set(_WORDS["social"])
_FOLLOW_RE = re.compile(r"^(?:" + "|".join(_WORDS["follow"]) + ")")
_COPYRIGHT_RE = re.compile(r"©|\(c\) ?\d{4}|" + "|".join(_WORDS["copyright"]))
_READ_ALSO_RE = re.compile(r"^(?:" + "|".join(_WORDS["read_also_verb"]) + r")\s*"
                           r"(?:" + "|".join(_WORDS["read_also_word"]) + r")(?![\w])")
_RELATED_RE = re.compile(
    r"^(?:(?:" + "|".join(_WORDS["related_noun"]) + r")\s+)?"
    r"(?:" + "|".join(_WORDS["related_adjective"]) + ")$"
    r"|^(?:" + "|".join(_WORDS["related_heading"]) + ")$")
#: A photo's credit closing its caption: '(عنب بلدي)', '(الإدارة الذاتية/ فيس بوك)'.
_CREDIT_RE = re.compile(r"\([^()\n]{2,80}\)\s*$")
_ICON_RE = re.compile(r"^(?:" + "|".join(_WORDS["icon_label"]) + r")\s*")
_IMAGE_RE = re.compile(r"[\w\-.%()~+]+\.(?:jpe?g|png|gif|webp|svg|bmp|tiff?|avif|heic)",
                       re.IGNORECASE)
_DESK = "|".join(_WORDS["desk"])
# Linear on any line (why: a run of tatweel, which is both a letter and a dash, made the
# city and the separator trade characters, O(n^2) on one line): a city word is at most
# _CITY_WORD letters, and the runs that are followed by something they cannot match are
# possessive (``*+``, ``++``), so they never give characters back.
_CITY_WORD = 30
_CITY = rf"(?P<city>[^\W\d_]{{2,{_CITY_WORD}}}(?:\s++[^\W\d_]{{2,{_CITY_WORD}}}){{0,2}})"
_DATELINE_RE = re.compile(rf"^{_CITY}\s*+"
                          rf"(?:[-–—ـ]++\s*+(?:{_DESK})(?:\s++\S++)?|\((?:{_DESK})\))$")
# 'دمشق ـ عمان ـ وكالات:': a paper with desks in two or three cities names them all.
_MORE_CITIES = (rf"(?:\s*+[-–—ـ]++\s*+[^\W\d_]{{2,{_CITY_WORD}}}"
                rf"(?:\s++[^\W\d_]{{2,{_CITY_WORD}}})?){{0,2}}")
_DATELINE_PREFIX_RE = re.compile(
    rf"^{_CITY}{_MORE_CITIES}\s*+"
    rf"(?:[-–—ـ]++\s*+(?:{_DESK})\s*+[:\-–—ـ]++|\((?:{_DESK})\)\s*+[:\-–—ـ]*+)\s+")
_BYLINE_RE = re.compile(r"^(?:" + "|".join(_WORDS["byline"]) + r")\s*:")
_SITE_WORDS = set(_WORDS["site_words"])
_TERMINAL = ".!?؟…\"”»)'"
# Starts only where a whitespace run starts (the same matches as r"\s+(?:...)\s+", but a
# long run of spaces is scanned once, not once per space).
_TITLE_SEP_RE = re.compile(r"(?<!\s)\s++(?:[-|–—:]|::)\s+")


@dataclass(slots=True)
class Stripped:
    """A page split by :func:`strip_page`: what the story is, and what was cut around it.

    ``title`` and ``body`` are what :func:`strip_furniture` returns; ``removed`` the
    lines dropped, in page order. ``dateline`` is the desk's city, ``stamps`` the
    lines read as publication stamps, ``header`` the kept lines above the first
    paragraph (where a stamp may hide), ``byline`` the outlet printed under the
    headline, ``warnings`` what an analyst should know.
    """

    title: str
    body: str
    removed: list[str]
    dateline: str = ""
    stamps: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    byline: str = ""
    warnings: list[str] = field(default_factory=list)
    title_line: int | None = None  # index of the line the title was taken from
    partial: list[tuple[int, str]] = field(default_factory=list)  # pieces cut out of lines


def strip_furniture(text: str, *, title: str | None = None,
                    outlet: str = "") -> tuple[str, str, list[str]]:
    """Split page text into ``(title, body, removed lines)``.

    ``title`` is the known headline (from metadata), if any: lines repeating it
    are dropped from the body. ``outlet`` helps recognise a byline and a site
    name in the headline. Never raises; the body keeps every line that is not
    furniture, one paragraph per line (hard-wrapped lines are re-joined).

    Examples
    --------
    >>> strip_furniture("قصف على القامشلي - It's Over 9000!\\n\\nقصف على القامشلي\\n\\n"
    ...                 "نص الخبر.\\n\\nاقرأ أيضاً: خبر آخر")
    ('قصف على القامشلي', 'نص الخبر.', ['قصف على القامشلي', 'اقرأ أيضاً: خبر آخر'])
    """
    done = strip_page(text, known_title=title, outlet=outlet)
    return done.title, done.body, done.removed


def strip_page(text: str, *, known_title: str | None = None, outlet: str = "") -> Stripped:
    """The work of :func:`strip_furniture`, keeping dateline, stamps and header for later.

    ``known_title`` and ``outlet`` are as ``title`` and ``outlet`` there. Never raises.
    """
    forget_keys()  # the keys of the previous page are of no use here
    lines = [line.strip() for line in text.replace("\r", "\n").split("\n")]
    original = list(lines)
    arabic = _mostly_arabic(text)
    keep = [bool(line) for line in lines]
    out = Stripped(title="", body="", removed=[])
    for i, line in enumerate(lines):
        if not keep[i]:
            continue
        lines[i], reason = _classify(line, arabic)
        if reason == "stamp":
            out.stamps.append(line)
        if reason:
            keep[i] = False
        elif lines[i] != line:
            out.partial.append((i, line.replace(lines[i], "").strip()))
    _drop_captions(lines, keep)
    _drop_read_also_targets(lines, keep)
    _drop_related_lists(lines, keep)
    _drop_dated_widgets(lines, keep)
    _drop_teasers_after_body(lines, keep)
    header_end = _header_end(lines, keep)
    out.header = [lines[i] for i in range(header_end) if lines[i]]
    out.title = _take_title(lines, keep, known_title, outlet, out)
    _drop_header_lines(lines, keep, header_end, outlet, out)
    out.body = _paragraphs(lines, keep, out)
    dropped = [(i, line) for i, line in enumerate(original)
               if line and not keep[i] and i != out.title_line]
    out.removed = [line for _, line in sorted(dropped + out.partial, key=lambda x: x[0])]
    return out


def _mostly_arabic(text: str) -> bool:
    """More Arabic letters than others in the first 20,000 characters.

    Counted with C-level passes: one split at the runs of Arabic letters (what it cuts
    out is their count), then ``str.isalpha`` over what is left (spaces, digits,
    punctuation, Latin: a quarter of an Arabic page), not over every character. A loop in
    Python over every character was a third of the reader's time on real news.
    """
    sample = text[:20000]
    rest = "".join(_ARABIC_LETTERS_RE.split(sample))  # every character but the Arabic letters
    arabic = len(sample) - len(rest)
    # Arabic letters are letters; spaces and line ends (most of what is left) are not
    letters = arabic + sum(map(str.isalpha, rest.replace(" ", "").replace("\n", "")))
    if not letters:
        return False
    return arabic > letters / 2


#: One Arabic letter: the characters of :data:`~geo.read.text.ARABIC_RE` that are letters.
_ARABIC_LETTER_RE = re.compile("[" + re.escape("".join(filter(str.isalpha, ARABIC_RE.findall(
    "".join(map(chr, range(0x0600, 0x10000))))))) + "]")
#: A run of them: a word at a time is half the work of a letter at a time.
_ARABIC_LETTERS_RE = re.compile(_ARABIC_LETTER_RE.pattern + "+")


#: A headline's time in a news ticker scraped as one line ('تركيا وروسيا تسيران الدورية ...
#: (مصادر محلية) - 17:22 أهال يحرقون مقرا ... - 16:36 ...'): three or more make the line a list
#: of other stories.
_TICKER_CLOCK_RE = re.compile(r"\s[-–—|]\s*\d{1,2}:\d{2}(?!\d)(?!:)")


def _classify(line: str, arabic: bool) -> tuple[str, str]:
    """(line without image file names, furniture reason or '') for one stripped line.

    The checks run in order and stop at the first that holds; the cheap bounds on a
    check (length, word count) are read before its pattern runs.
    """
    line = _strip_image_names(line)
    if not line:
        return "", "image file"
    if ":" in line and len(_TICKER_CLOCK_RE.findall(line)) >= 3:
        return line, "news ticker"
    if len(line) > 300:  # long lines are prose; keeps the regexes cheap on huge lines
        return line, ""
    key = match_key(line)
    if not any(c.isalpha() for c in line):
        return line, "no letters"
    words = len(key.split())
    if key in _NAV:
        return line, "navigation"
    if _FONT_RE.match(key):
        return line, "font size"
    if key in _LIVE:
        return line, "live"
    if len(key) < 60 and _COMMENTS_RE.search(key):
        return line, "comments"
    if words <= 8 and _is_share(key):
        return line, "share"
    if words <= 15 and _FOLLOW_RE.match(key):
        return line, "follow"
    if words <= 25 and _COPYRIGHT_RE.search(key):
        return line, "copyright"
    if _READ_ALSO_RE.match(key):
        return line, "read also"
    if _RELATED_RE.match(key):
        return line, "related"
    if is_stamp_line(key):
        return line, "stamp"
    if _is_garbage(line, arabic):
        return line, "garbage"
    return line, ""


def _strip_image_names(line: str) -> str:
    """Drop image file names standing alone or at either end of a line (captions stay)."""
    if not line or "." not in line:
        return line
    if _is_image_name(line):
        return ""
    first, _, rest = line.partition(" ")
    if rest and _is_image_name(first):
        line = rest.strip()
    head, _, last = line.rpartition(" ")
    if head and _is_image_name(last):
        line = head.strip()
    return line


def _is_image_name(token: str) -> bool:
    return len(token) <= 200 and _IMAGE_RE.fullmatch(token) is not None


#: What separates the words of a share bar ('شارك | فيسبوك · تويتر').
_SHARE_SPLIT_RE = re.compile(r"[\s|/·•,،\-]+")


#: The first word of a share bar, as :data:`_SHARE_SPLIT_RE` cuts it.
_SHARE_FIRST_RE = re.compile(r"[\s|/·•,،\-]*([^\s|/·•,،\-]*)")


def _is_share(key: str) -> bool:
    """A share bar: every word a social word. The first word is read alone first: a line
    that does not open with one (nearly every line) is not split."""
    if _SHARE_FIRST_RE.match(key).group(1) not in _SOCIAL:
        return False
    words = [w for w in _SHARE_SPLIT_RE.split(key) if w]
    return 0 < len(words) <= 8 and all(w in _SOCIAL for w in words) and \
        any(w in ("شارك", "share", "مشاركه", "شاركها", "tweet", "شاركوا") or len(words) > 1
            for w in words)


def _is_garbage(line: str, arabic: bool) -> bool:
    """Stray one-token debris ('ئءؤر', a lone UI word in an Arabic page)."""
    if len(line) > 15 or len(line.split()) != 1:  # the length first: no split of a long line
        return False
    if sum(line.count(c) for c in "ءؤئ") >= 2 and len(line) <= 6:
        return True
    return arabic and line.isascii() and line.isalpha() and line.islower()


def _headline_like(line: str) -> bool:
    """A short line without a final full stop: headline, heading, list item."""
    words = line.split()
    return 0 < len(words) <= 30 and len(line) <= 250 and not line.endswith((".", "۔", "…"))


def _paragraph_like(line: str) -> bool:
    """A sentence of prose: long, or ending in a full stop (quotes/brackets aside)."""
    words = len(line.split())
    return words >= 20 or (words >= 6 and line.rstrip("\"”»)'’ ").endswith((".", "۔")))


def _drop_captions(lines: list[str], keep: list[bool]) -> None:
    """A line an icon's label starts ('camera iconتصاعد الدخان ...', 'tag icon ع ع ع') goes,
    and so does every other copy of a caption so marked, or one printed twice in a row that
    ends in its photo's credit ('... - 30 آب 2025 (المركز الإعلامي/تلغرام)'): a photo's
    caption (often with the photo's own date) describes the picture, not the story, whose
    lead may tell another day."""
    captions: set[str] = set()
    previous = -1  # the last kept line: a caption printed twice in a row has no label
    for i, line in enumerate(lines):
        if not keep[i] or not line:
            continue
        if previous >= 0 and line == lines[previous] and _CREDIT_RE.search(line):
            keep[i] = keep[previous] = False
            continue
        previous = i
        if not line[:1].isascii():
            continue
        key = match_key(line)
        label = _ICON_RE.match(key)
        if label:
            keep[i] = False
            captions.add(key[label.end():])
    if captions:
        for i, line in enumerate(lines):
            if keep[i] and line and match_key(line) in captions:
                keep[i] = False


def _drop_read_also_targets(lines: list[str], keep: list[bool]) -> None:
    """A bare 'اقرأ أيضاً' line links the headline on the next line: drop that too, and
    the linked story's teaser under it, cut off with an ellipsis ('في ظل استمرار ...…')."""
    for i, line in enumerate(lines):
        if keep[i] or not line or len(match_key(line).split()) > 3 or \
                not _READ_ALSO_RE.match(match_key(line)):
            continue
        j = _next_line(lines, i)
        if j is not None and keep[j] and _headline_like(lines[j]):
            keep[j] = False
            k = _next_line(lines, j)
            if k is not None and keep[k] and lines[k].rstrip().endswith(("…", "...")):
                keep[k] = False


def _drop_related_lists(lines: list[str], keep: list[bool]) -> None:
    """After a 'مقالات ذات صلة' heading, drop the headlines that follow it."""
    for i, line in enumerate(lines):
        if keep[i] or not line or not _RELATED_RE.match(match_key(line)):
            continue
        for j in range(i + 1, len(lines)):
            if not lines[j] or not keep[j]:
                continue
            if not _headline_like(lines[j]):
                break
            keep[j] = False


def _drop_dated_widgets(lines: list[str], keep: list[bool]) -> None:
    """Two or more lines in a row, each a date glued to a headline, are a list of other
    stories (a 'latest news' box scraped with its dates): none of them is this story."""
    run: list[int] = []
    for i, line in enumerate(lines):
        if not line:
            continue
        if keep[i] and line[:1].isdecimal() and _headline_like(line) \
                and glued_date_prefix(match_key(line)):
            run.append(i)
            continue
        _drop_run(run, keep)
        run = []
    _drop_run(run, keep)


def _drop_teasers_after_body(lines: list[str], keep: list[bool]) -> None:
    """After the story's prose, a headline and under it a paragraph cut off with an ellipsis
    ('جريمة قتل مزدوجة في حمص' then 'حموث (حمص)، سوريا — عُثر ... (حم…') is another story's
    teaser, linked at the foot of the page: neither line is this story. Only at the foot:
    prose after the pair (a section heading, then the story going on) keeps it."""
    kept = [i for i, line in enumerate(lines) if keep[i] and line]
    pairs: list[tuple[int, int]] = []
    prose = False
    for k, i in enumerate(kept):
        line = lines[i]
        if prose and k and line.rstrip().endswith(("…", "...")) \
                and _headline_like(lines[kept[k - 1]]) and not _paragraph_like(lines[kept[k - 1]]):
            pairs.append((kept[k - 1], i))
        elif _paragraph_like(line) and not line.rstrip().endswith(("…", "...")):
            if prose:
                pairs.clear()  # the story goes on below: no foot of the page yet
            prose = True
    for head, teaser in pairs:
        keep[head] = keep[teaser] = False


def _drop_run(run: list[int], keep: list[bool]) -> None:
    if len(run) >= 2:
        for j in run:
            keep[j] = False


def _next_line(lines: list[str], i: int) -> int | None:
    return next((j for j in range(i + 1, len(lines)) if lines[j]), None)


def _header_end(lines: list[str], keep: list[bool]) -> int:
    """Index of the first kept paragraph: above it are headline, byline, dateline, caption."""
    return next((i for i, line in enumerate(lines) if keep[i] and _paragraph_like(line)),
                len(lines))


def _take_title(lines: list[str], keep: list[bool], known: str | None, outlet: str,
                out: Stripped) -> str:
    """The headline: the known one, else the first substantial line; drop its repeats."""
    first = _first_substantial(lines, keep)
    title = " ".join((known or "").split())
    heads = _ShortLines(lines)
    if not title and first is not None:
        if _headline_like(lines[first]):
            title = _strip_site_suffix(lines[first], heads, outlet)
            keep[first] = False
            out.title_line = first
        else:  # prose from the first line: a title is needed, the sentence stays in the body
            out.warnings.append("no headline line found; title taken from the first sentence")
            return _shorten(lines[first])
    elif title and first is not None and _headline_like(lines[first]) and \
            _similar(_strip_site_suffix(lines[first], heads, outlet), title):
        keep[first] = False
    if title:
        target = key_words(title)
        for i, line in enumerate(lines):
            if keep[i] and line and len(line) < 400 and _repeats(line, target, heads, outlet):
                keep[i] = False
    return title


def _repeats(line: str, target: list[str], heads: _ShortLines, outlet: str) -> bool:
    """Does ``line``, or ``line`` without a site name after it, give the words ``target``?

    A site suffix is cut from the end and leaves two words or more: the first word stays,
    so a line whose first word is not the title's is not cut (most lines of a page).
    """
    words = key_words(line)
    if words == target:
        return True
    if not target or not words or words[0] != target[0]:
        return False
    return key_words(_strip_site_suffix(line, heads, outlet)) == target


def _first_substantial(lines: list[str], keep: list[bool]) -> int | None:
    """First kept line of 3+ words (or 15+ characters) above the first paragraph."""
    kept = [i for i, line in enumerate(lines) if keep[i]]
    for i in kept:
        if len(lines[i].split()) >= 3 or len(lines[i]) >= 15:
            return i
        if _paragraph_like(lines[i]):
            break
    return kept[0] if kept else None


class _ShortLines:
    """The word tuples of a page's lines under 400 characters, worked out on first asking
    (why: only a line with a title separator asks, and most pages have none)."""

    __slots__ = ("lines", "words")

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.words: set[tuple[str, ...]] | None = None

    def __contains__(self, words: object) -> bool:
        if self.words is None:
            self.words = {tuple(key_words(line)) for line in self.lines if line and len(line) < 400}
        return words in self.words


#: A character one of :data:`_TITLE_SEP_RE`'s separators holds: a line without any is not split.
_TITLE_SEP_CHARS_RE = re.compile(r"[-|–—:]")


def _strip_site_suffix(line: str, heads: _ShortLines | set[tuple[str, ...]], outlet: str) -> str:
    """'Headline - Site name' -> 'Headline' when the tail is evidently a site name.

    Evident: the headline alone is printed on another line (``heads`` holds the
    word tuples of all short lines), the tail is the outlet, is not Arabic, or is
    a short name with a word like 'نيوز'/'TV'.
    """
    if _TITLE_SEP_CHARS_RE.search(line) is None:
        return line
    parts = _TITLE_SEP_RE.split(line)
    if len(parts) < 2:
        return line
    head, tail = line[: line.rfind(parts[-1])].rstrip(" -|–—:"), parts[-1]
    tail_words = key_words(tail)
    if not head or len(key_words(head)) < 2 or len(tail_words) > 6:
        return line
    evident = (
        tuple(key_words(head)) in heads
        or (outlet and key_words(outlet) == tail_words)
        or not ARABIC_RE.search(tail)
        or (len(tail_words) <= 4 and any(w in _SITE_WORDS for w in tail_words))
    )
    return head if evident else line


def _similar(a: str, b: str) -> bool:
    wa, wb = set(key_words(a)), set(key_words(b))
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.6


def _shorten(line: str, limit: int = 90) -> str:
    return line if len(line) <= limit else line[:limit].rsplit(" ", 1)[0] + "…"


def _drop_header_lines(lines: list[str], keep: list[bool], end: int, outlet: str,
                       out: Stripped) -> None:
    """Above the first paragraph: the desk dateline and a byline/outlet line go."""
    for i in range(min(end, len(lines))):
        line = lines[i]
        if not keep[i] or not line or len(line) > 80:
            continue
        match = _DATELINE_RE.match(fold_letters(line))  # 1:1 fold: spans still fit
        if match and not out.dateline:
            out.dateline = line[match.start("city"):match.end("city")].strip()
        elif _is_outlet_line(line, outlet):
            out.byline = out.byline or line
        elif not _is_author_line(line):
            continue
        keep[i] = False


def _is_outlet_line(line: str, outlet: str) -> bool:
    """'بلدي نيوز' under the headline: the outlet's name printed as a byline."""
    words = key_words(line)
    if outlet and words == key_words(outlet):
        return True
    return 0 < len(words) <= 3 and any(w in _SITE_WORDS for w in words) and \
        not line.endswith(tuple(_TERMINAL))


def _is_author_line(line: str) -> bool:
    """'بقلم: فلان', 'By X': an author byline, not a sentence."""
    return bool(_BYLINE_RE.match(match_key(line))) and len(key_words(line)) <= 6


#: A line ending on a comma goes on below, however short ('قامت القوات الروسية، اليوم
#: الأربعاء،' then 'بإخلاء قاعدتها ...'): no paragraph ends on one.
_RUNS_ON = ("،", ",")


def _paragraphs(lines: list[str], keep: list[bool], out: Stripped) -> str:
    """Kept lines as paragraphs; in hard-wrapped text an open line continues below, and in
    any text a line ending on a comma."""
    paragraphs: list[str] = []
    width = _wrap_width(lines, keep)
    joinable = False
    story = False  # a paragraph of the story itself is kept: no dateline is looked for after it
    for i, line in enumerate(lines):
        if not line:
            joinable = False
            continue
        if not keep[i]:
            continue
        if not out.dateline and not story:
            line = _take_dateline_prefix(line, i, out)
        if joinable and paragraphs:
            paragraphs[-1] = f"{paragraphs[-1]} {line}"
        else:
            paragraphs.append(line)
        story = story or _is_story_paragraph(paragraphs[-1])
        joinable = (bool(width) and len(line) >= 0.8 * width and
                    not line.endswith(tuple(_TERMINAL + ":"))) or line.endswith(_RUNS_ON)
    return "\n\n".join(paragraphs)


def _is_story_paragraph(paragraph: str) -> bool:
    """A paragraph of the story itself, not a kicker or sub-headline above it: a desk
    dateline opens the first such paragraph, so none is looked for after one."""
    return len(paragraph) > 120


def _wrap_width(lines: list[str], keep: list[bool]) -> int:
    """The width text was hard-wrapped at, or 0: lines that end mid-sentence near the
    longest line's length are wrapped lines (a heading is shorter than the width)."""
    kept = [line for i, line in enumerate(lines) if keep[i] and len(line) >= 20]
    if len(kept) < 3:
        return 0
    width = max(map(len, kept))
    if width > 120:
        return 0
    near = [line for line in kept if len(line) >= 0.8 * width]
    open_ended = [line for line in near if not line.endswith(tuple(_TERMINAL + ":"))]
    return width if len(open_ended) >= 2 and len(open_ended) >= 0.5 * len(near) else 0


def _take_dateline_prefix(line: str, index: int, out: Stripped) -> str:
    """'دمشق - خاص: قالت مصادر...' -> dateline 'دمشق', paragraph 'قالت مصادر...'."""
    match = _DATELINE_PREFIX_RE.match(fold_letters(line))
    if not match or len(line) - match.end() < 20:
        return line
    out.dateline = line[match.start("city"):match.end("city")].strip()
    out.partial.append((index, line[: match.end()].strip()))
    return line[match.end():]
