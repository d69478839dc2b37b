"""An article body as sentences: cutting, paragraphs, headings, clauses, trailing link lists.

Why a module: every later stage works sentence by sentence and must map offsets
between the folded text it matches and the original text it reports. Sentences are
cut at '.', '!', '؟' and line ends (not inside numbers such as '2022.10.08'); blank
lines separate paragraphs. Short lines without punctuation (section headings, photo
captions, lists of related links) are headings: they never yield incidents. The
first prose sentence is the lead (it may take the publication date).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from gazetteer.normalize import FoldedText

from .folding import rx
from .when.names import MONTH_NAMES, REL_CUR, REL_PAST, WEEKDAYS

__all__ = ["Sentence", "clause_of", "cut_furniture", "mark_headings", "split_sentences"]

_CUT_RE = rx(r"^\s*(?:مقالات ذات صله|مواضيع ذات صله|اخبار ذات صله|مقالات مشابهه|اقرا المزيد"
             r"|قد يهمك ايضا|الاكثر قراءه|تابعونا علي|\d+/Post a Comment)(?![^\W\d_])")
#: A link's words glued to the sentence after them ('إقرأ المزيدكما رصد مراسلنا رتلاً'): the
#: words go, the sentence stays.
_GLUED_LINK_RE = rx(r"^\s*(?:اقرا|إقرأ) (?:المزيد|ايضا)(?=[^\W\d_])")
_SKIP_LINE_RE = rx(r"^\s*(?:اقرا|إقرأ|شاهد|طالع|للمزيد|المصدر|اقرا ايضا)\b[^\n]{0,3}(?:ايضا)?")
#: A run of dots ends a sentence only whole: '(?<!\.)' never retries inside a run, which made
#: a long run of dots not followed by a space quadratic.
#: A sentence ends at a line end, '!', '?', a '.' before a space or a closing mark, or a '.'
#: with no space after it before a sentence's opening 'و/ف' ('بمدينة حمص.وقال مدير'): not
#: an abbreviation ('د.محمد'), nor a word cut to dodge filters ('إرهـ.ـابيين', read folded).
#: Every end begins at one of '\n!?.': the look-ahead says so first, and the search skips
#: the characters between in one step (three times faster than trying each alternative at
#: each character); the same matches.
_SENTENCE_END_RE = re.compile(r"(?=[\n!?.])(?:\n|[!?]+|(?<!\.)\.++(?=\s|$|[\"'»”)\]])"
                              r"|(?<=[\u0621-\u064A]{2})\.(?=[وف][\u0621-\u064A]{2}))")
#: Where a paragraph ends: a blank line, or the text's end.
_PARAGRAPH_END_RE = re.compile(r"\n\s*\n|\Z")
_CLAUSE_RE = re.compile(r"[,;:]|\s(?:حيث|عندما|بينما|فيما|لكن|الا ان|في حين)\s")
_WORD_RE = re.compile(r"[^\W_]+")
#: Punctuation a heading does without; a sentence's end ('.', '!', '?', '؟' before non-words).
_PUNCTUATION_RE = re.compile(r"[.!?؟،,:؛;]")
_ENDS_SENTENCE_RE = re.compile(r"[.!?؟]\W*$")


@dataclass(slots=True)
class Sentence:
    """One sentence of an article: where it is (original offsets), its paragraph, its folded text."""

    index: int
    start: int  # original offsets, whitespace trimmed
    end: int
    para: int
    text: str
    folded: str
    heading: bool = False
    lead: bool = False
    fstart: int = 0  # where the sentence starts in the article's folded text
    ft: FoldedText | None = None  # the article's folded text, to map offsets back

    def to_original(self, fstart: int, fend: int) -> tuple[int, int]:
        """Original offsets of ``folded[fstart:fend]`` (offsets within this sentence's folded text).

        ``FoldedText.to_original`` of both ends, written out (one bisection each, no call:
        the stages ask this tens of times per article)."""
        ft = self.ft
        if ft is None:
            return self.start + fstart, self.start + fend
        a, b = self.fstart + fstart, self.fstart + fend
        at = ft.deleted_at
        if not at:
            return a, b
        return a + bisect.bisect_right(at, a), (b + bisect.bisect_right(at, b - 1) if b > 0 else 0)

    def folded_offset(self, start: int) -> int:
        """The first offset within this sentence's folded text whose original offset is at
        least ``start`` (the folded text's length when none is): the inverse of
        :meth:`to_original`'s start.

        In closed form: the kept characters before ``start`` (those of the original text
        less the deleted ones, one bisection) are the article's folded offset of the first
        kept one at or after it; a search over the sentence asked the map at each step."""
        size, ft = len(self.folded), self.ft
        if ft is None:
            return min(size, max(0, start - self.start))
        kept_before = start - bisect.bisect_left(ft.deleted, start) if ft.deleted else start
        return min(size, max(0, kept_before - self.fstart))


def split_sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph) of each sentence of ``text`` (offsets index ``text``).

    Examples
    --------
    >>> t = "قصفت طائرات البلدة. ثم انسحبت\\n\\nفقرة ثانية في 2022.10.08 هنا.وقال د.محمد"
    >>> [t[s:e] for s, e, _ in split_sentences(t)]
    ['قصفت طائرات البلدة.', 'ثم انسحبت', 'فقرة ثانية في 2022.10.08 هنا.', 'وقال د.محمد']
    """
    out: list[tuple[int, int, int]] = []
    para = 0
    pos = 0
    for m in _PARAGRAPH_END_RE.finditer(text):
        block_end = m.start()
        start = pos
        for end_m in _SENTENCE_END_RE.finditer(text, pos, block_end):
            _add_span(text, start, end_m.end(), para, out)
            start = end_m.end()
        _add_span(text, start, block_end, para, out)
        para += 1
        pos = m.end()
        if m.end() >= len(text):
            break
    return out


def _add_span(text: str, start: int, end: int, para: int, out: list) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if any(ch.isalpha() for ch in text[start:end]):
        out.append((start, end, para))


#: A line this long, or one ending a sentence, is the story's prose (a header's menu or box
#: line is shorter and has no full stop).
_PROSE_WORDS = 15


def cut_furniture(body: str, folded: str) -> tuple[str, str]:
    """Blank out a trailing list of related links and 'read also' lines in both texts.

    Folding keeps line ends, so line ``k`` of one text is line ``k`` of the other;
    blanking keeps every length, so no offset moves.
    """
    lines, flines = body.split("\n"), folded.split("\n")
    changed = False
    told = False  # has a line of the story's prose come yet?
    for k, fline in enumerate(flines):
        glued = _GLUED_LINK_RE.match(fline)
        if glued is not None and len(lines[k]) == len(fline):  # (no letter folded away: same offsets)
            n = glued.end()
            lines[k], flines[k] = " " * n + lines[k][n:], " " * n + fline[n:]
            fline = flines[k]
            changed = True
        if _CUT_RE.match(fline) and not told:
            # 'الأكثر قراءة' above the story: a box of the page's header, not the story's end
            lines[k], flines[k] = " " * len(lines[k]), " " * len(fline)
            changed = True
            continue
        if _CUT_RE.match(fline):
            lines[k:] = [" " * len(x) for x in lines[k:]]
            flines[k:] = [" " * len(x) for x in flines[k:]]
            changed = True
            break
        told = told or len(fline.split()) >= _PROSE_WORDS or fline.rstrip().endswith((".", "!", "?", "؟"))
        if _SKIP_LINE_RE.match(fline) and ":" in fline[:25]:
            lines[k], flines[k] = " " * len(lines[k]), " " * len(fline)
            changed = True
    if not changed:
        return body, folded
    return "\n".join(lines), "\n".join(flines)


def mark_headings(body: str, sentences: list[Sentence], title: str = "") -> None:
    """Short punctuation-less single-line paragraphs are headings; the first prose one is the lead.
    A paragraph that opens with a headline given above it or with the article's ``title`` is
    that headline again."""
    by_para: dict[int, list[Sentence]] = {}
    for s in sentences:
        by_para.setdefault(s.para, []).append(s)
    paras = sorted(by_para)
    looks = {p: _heading_like(by_para[p]) for p in paras}
    for k, p in enumerate(paras):
        heading = looks[p]
        if heading and k == len(paras) - 1:
            heading = k > 0 and looks[paras[k - 1]]
        for s in by_para[p]:
            s.heading = heading
        if k:  # not before the story's first paragraph
            _mark_inline_headlines(body, by_para[p])
    _mark_headline_copies([by_para[p] for p in paras], title)
    _mark_opening_headline(body, sentences)
    for p in paras:
        if _stamp_line(by_para[p]) or _caption(by_para[p]):
            continue  # 'تاريخ النشر: 17.07.2019 | 12:07 دمشق' is the page's, not the story's lead
        if not looks[p] or all(s.heading is False for s in by_para[p]):
            prose = next((s for s in by_para[p] if not s.heading), None)
            if prose is not None and (prose is by_para[p][0] or by_para[p][0].heading):
                prose.lead = True  # (under a headline told on the paragraph's first line)
                break


def _mark_headline_copies(paras: list[list[Sentence]], title: str) -> None:
    """A one-line paragraph that opens with a headline told above it (or with the article's
    title) is that headline again ('بدماً بارد.. القوات التركية تقتل مدنياً خلال احتجاج ...'
    then the same words and a photo's caption 'قوات الجيش التركى'): furniture, no news."""
    heads = [" ".join(title.split())] if len(_WORD_RE.findall(title)) >= 5 else []
    for sentences in paras:
        if all(s.heading for s in sentences):
            text = _one_line(sentences)
            if len(_WORD_RE.findall(text)) >= 5:
                heads.append(text)
        elif heads and len(sentences) <= 3 and _may_open_with(sentences[0], heads) and \
                "\n" not in (text := _one_line(sentences)) and any(
                text.startswith(h) and 0 < len(_WORD_RE.findall(text[len(h):])) <= 6 for h in heads):
            # the headline and a short caption; the headline alone is judged as any line is,
            # and a lead run on after it stays
            for s in sentences:
                s.heading = True


def _may_open_with(first: Sentence, heads: list[str]) -> bool:
    """Could a paragraph opening with ``first`` open with one of ``heads``? Its one line
    starts with the first sentence's (white space made single): the two agree as far as
    both go, or it does not (most paragraphs: the whole paragraph is not joined for them)."""
    line = " ".join(first.text.split())
    return any(h[:len(line)] == line[:len(h)] for h in heads)


def _one_line(sentences: list[Sentence]) -> str:
    """A paragraph's sentences as one line, each run of white space one space."""
    return " ".join(" ".join(s.text.split()) for s in sentences)


def _mark_opening_headline(body: str, sentences: list[Sentence]) -> None:
    """The page's first line of text, with no punctuation, over a line of prose: its headline
    ('الهجوم نفذه تنظيم داعش على حافلة لقوات النظام في بادية تدمر بريف حمص الشرقي' then
    'قتل 14 عنصراً ...'), however long; the lead is the prose under it."""
    first = next((k for k, s in enumerate(sentences) if not s.heading), None)
    if first is None or first + 1 >= len(sentences):
        return
    s, nxt = sentences[first], sentences[first + 1]
    whole_line = body[s.start - 1:s.start] in ("\n", "") and body[s.end:s.end + 1] == "\n"
    if (whole_line and not _PUNCTUATION_RE.search(s.text) and len(_WORD_RE.findall(s.text)) <= 20
            and len(_WORD_RE.findall(nxt.text)) > len(_WORD_RE.findall(s.text))
            and _ENDS_SENTENCE_RE.search(nxt.text.rstrip())):
        s.heading = True


def _mark_inline_headlines(body: str, sentences: list[Sentence]) -> None:
    """A headline inside a paragraph: a whole line of at most twelve words, with no
    punctuation, after a sentence that ended and before one that opens with 'و' ('Sputnik'
    then 'قافلة ضخمة للجيش الأمريكي تتسلل إلى شرق سوريا' then 'وأفاد مراسل ...'): a
    related article's title a page slipped into the text, no news of its own."""
    for k in range(len(sentences) - 1):
        s, nxt = sentences[k], sentences[k + 1]
        whole_line = body[s.start - 1:s.start] in ("\n", "") and body[s.end:s.end + 1] in ("\n", "")
        if (whole_line and not _PUNCTUATION_RE.search(s.text)
                and len(_WORD_RE.findall(s.text)) <= 12 and nxt.text.lstrip().startswith("و")
                and _ENDS_SENTENCE_RE.search(nxt.text.rstrip())):  # the outlet ends its sentences
            s.heading = True


def _heading_like(sentences: list[Sentence]) -> bool:
    if len(sentences) != 1 and not all(_ELLIPSIS_RE.search(s.text.rstrip()[-3:]) for s in sentences[:-1]):
        return False
    whole = " ".join(s.text for s in sentences)
    # 'وكالة أوقات الشام الاخبارية / shaamtimes.com': no full stop (a domain has a dot
    # between two of its characters: a quick search says whether one can be there)
    text = _DOMAIN_RE.sub("", whole) if _DOMAIN_DOT_RE.search(whole) else whole
    # 'بقنابل مسيلة للدموع..', 'عين العرب.. مروحيات روسية تفرّق ...': a headline's ellipsis
    # joins a kicker to what follows, it ends no sentence
    if ".." in text or "…" in text:  # what every match of _ELLIPSIS_RE holds
        text = _ELLIPSIS_RE.sub(" ", text)
    counted = whole
    if ":" in text:  # '"سانا": القوات الأمريكية تدخل رتلاً ...': a source or a place as the kicker
        text = counted = _KICKER_RE.sub("", text, count=1)
    if _PUNCTUATION_RE.search(text) and not _ends_in_parenthesis(text):
        return False
    return len(_WORD_RE.findall(counted)) <= 12


#: A headline's kicker before a colon, one to three words ('"سانا":', 'عاجل:', 'دير الزور:').
_KICKER_RE = re.compile(r"^\W*[^\s:.!?؟،,]+(?:\s+[^\s:.!?؟،,]+){0,2}[\"'”»]?\s*:\s")
#: Two dots or more, or the ellipsis character: a headline's joint, no full stop.
_ELLIPSIS_RE = re.compile(r"\.{2,}|…")


#: A web address or a site's domain ('shaamtimes.com', 'https://x.org/a'): its dots end nothing.
_DOMAIN_RE = re.compile(r"(?:https?://)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/\S*)?")
#: What every match of :data:`_DOMAIN_RE` holds: a dot between two of a domain's characters.
_DOMAIN_DOT_RE = re.compile(r"[A-Za-z0-9-]\.[A-Za-z0-9-]")


#: A numeric date or a clock time: what a page's date stamp line is made of.
_STAMP_PART_RE = re.compile(r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}:\d{2}")


def _stamp_line(sentences: list[Sentence]) -> bool:
    """Is this paragraph a short line with a numeric date or a time ('آخر تحديث: 17.07.2019 |
    12:10')? Such a line stamps the page; it tells no event."""
    return (len(sentences) == 1 and bool(_STAMP_PART_RE.search(sentences[0].text))
            and len(_WORD_RE.findall(sentences[0].text)) <= 12)


#: A photo's credit closing its caption: '(عنب بلدي/ عبادة الشيخ)', '(أرشيف)', '(AFP)'.
#: A dated credit closes one too: '- 9 من آذار 2020 (نورث برس)'.
_CREDIT_RE = re.compile(r"(?:\((?:[^()\n]{0,40}/[^()\n]{0,40}|[^()\n]{0,30}(?:أرشيف|ارشيف|صورة|تعبيرية|تصوير"
                        r"|AFP|Reuters|رويترز|الأناضول|فرانس برس|ناشطون|إنترنت|انترنت)[^()\n]{0,30})\)"
                        r"|\d{4}\s*\([^()\n]{1,40}\))\s*$")


#: A photo's credit told as a sentence of its own after the caption, in brackets: 'مقاتلون من
#: لواء فاطميون في أطراف محافظة دير الزور. [صورة انتشرت على وسائل التواصل الاجتماعي]'.
_CREDIT_ALONE_RE = re.compile(r"\s*[\[(][^\[\]()\n]{0,60}(?:صورة|الصورة|أرشيف|ارشيف|تعبيرية|تصوير|AFP"
                              r"|Reuters|رويترز|الأناضول|فرانس برس)[^\[\]()\n]{0,60}[\])]\s*")


def _caption(sentences: list[Sentence]) -> bool:
    """Is this paragraph a photo's caption ('أطفال يلعبون ببقايا آلية ... - 6 من أيلول 2023
    (عنب بلدي/ عبادة الشيخ)', or a line then its credit in brackets, '[صورة انتشرت على وسائل
    التواصل الاجتماعي]')? It shows a scene, often of another day, and is not the lead."""
    if len(sentences) == 1:
        return bool(_CREDIT_RE.search(sentences[0].text))
    return len(sentences) == 2 and _CREDIT_ALONE_RE.fullmatch(sentences[1].text) is not None


def _ends_in_parenthesis(text: str) -> bool:
    """``re.fullmatch(r".*\\(.*\\)\\s*", text)`` without its backtracking (quadratic on many '(').

    The ')' is the last character before trailing white space, a '(' precedes it,
    and no line end comes before it ('.' does not match one).
    """
    body = text.rstrip()
    return body.endswith(")") and "(" in body[:-1] and "\n" not in body


def clause_of(text: str, pos: int) -> tuple[int, int]:
    """(start, end) of the clause of ``text`` around ``pos``: between commas, ';', ':', 'حيث', 'لكن' ..."""
    starts, ends = _clause_marks(text)
    i = bisect.bisect_right(ends, pos)  # the marks ending at or before pos: the last one opens the clause
    j = bisect.bisect_left(starts, pos)  # the first mark starting at or after pos closes it
    return (ends[i - 1] if i else 0), (starts[j] if j < len(starts) else len(text))


@functools.lru_cache(maxsize=64)
def _clause_marks(text: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Starts and ends of the clause marks of ``text``, in order (they never overlap nor are
    empty, so both are sorted): a sentence's clauses are asked for at each of its triggers,
    places and dates, and one pass serves them all."""
    marks = [m.span() for m in _CLAUSE_RE.finditer(text)]
    if "," in text:
        # 'شهدت مدينة منبج، اليوم، انفجاراً': a day between two commas cuts no clause
        days = [m.span() for m in _DAY_BETWEEN_COMMAS_RE.finditer(text)]
        # 'استهدفوا عربة عسكرية، تابعة لقوات قسد، على طريق عين عيسى': whose it is, between two
        # commas, cuts none either
        days += [m.span() for m in _OWNER_BETWEEN_COMMAS_RE.finditer(text)]
        if days:
            inner = {a for a, _ in days} | {b - 1 for _, b in days}
            marks = [(a, b) for a, b in marks if a not in inner]
    return tuple(a for a, _ in marks), tuple(b for _, b in marks)


#: A day told between two commas ('، اليوم،', '، أمس السبت،', '، فجر اليوم الاثنين،', '، في 5 من
#: أيار الماضي،'): a parenthesis in its clause, not a clause of its own. Folded text (the
#: clauses' own).
_WEEKDAY = "|".join(WEEKDAYS)  # the calendar's weekday names, folded ('الاحد', 'الاتنين', ...)
_RELATIVE = "|".join((*REL_PAST, *REL_CUR))  # 'الماضي', 'الفائت', 'الجاري', ...
_DAY_BETWEEN_COMMAS_RE = re.compile(
    rf",(?=\s*(?:(?:(?:صباح|مساء|فجر|ظهر|ليل|ليله|عصر|يوم)\s+)?(?:اليوم|امس|{_WEEKDAY})"
    rf"(?:\s+(?:{_WEEKDAY}|{_RELATIVE}))?"
    rf"|(?:في|يوم)?\s*(?:ال)?\d{{1,2}}\s+(?:من\s+)?(?:شهر\s+)?(?:{'|'.join(MONTH_NAMES.values())})"
    rf"(?:\s*/\s*\S+)?(?:\s+(?:\d{{4}}|{_RELATIVE}))?)\s*,)[^,]*,")
#: Whose a thing is, told between two commas ('، تابعة لقوات قسد،', '، التابعة للتحالف الدولي،'):
#: an attribute of the noun before, not a clause of its own. Folded text.
_OWNER_BETWEEN_COMMAS_RE = re.compile(r",(?=\s*(?:ال)?(?:تابع|تتبع|يتبع)\S*\s+[^,.]{1,40},)[^,]*,")
