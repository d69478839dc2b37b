"""What the words around a place name say: its role in the story, and the kind and
precision words before it.

Why a module: the resolver chooses among the places a name may mean; before it can, every
name found in a text is read in its context (the words before it, the word after it, the
start of its line), tens of thousands of times in a long text. This module owns that
reading, done for all the names of a text in one loop (:func:`read_names`) that works
out each distinct word's facts once and skips the costly looks where a cheap one says
they cannot answer (the persons' reading, :func:`may_name_a_person`):

* the role of the name: a time zone after a clock time ('17:41 دمشق'), a desk dateline
  ('إسطنبول - متابعات'), a media outlet ('قناة الحرة'), a body named after it ('مجلس دير
  الزور العسكري'), part of a person's name ('المتحدث باسم قسد مرفان قامشلو', 'أبو بكر
  الشدادي', or a listed person's: see :mod:`gazetteer.persons`);
* a kind word before it ('قرية', 'مطار', 'محافظة' ...);
* a precision word before it ('ريف', 'شمالي', 'بالقرب من' ...).
"""

from __future__ import annotations

import bisect
import functools
import re
from typing import NamedTuple

from .matcher import RawMatch
from .normalize import CUE_WORDS, PERSON_TITLES, SPOTTED_WORDS, FoldedText, cue_word, strip_clitics
from .persons import default_person_names
from .unknown import is_kind_word

__all__ = ["WINDOW", "NameCues", "may_name_a_person", "read_names", "words_before"]

_NEAR_WORDS = {
    "ريف", "ريفي", "قرب", "بالقرب", "محيط", "اطراف", "ضواحي", "جوار", "مشارف", "مقربه", "حول",
    "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "شمالا", "جنوبا",
    "شرقا", "غربا", "بمحيط", "باطراف", "بريف", "بضواحي",
}
_MEDIA_WORDS = {
    "قناه", "وكاله", "موقع", "شبكه", "صحيفه", "تلفزيون", "اذاعه", "مجله", "راديو", "فضائيه",
    "جريده", "منصه", "مرصد",
    # a local page named after its town: 'شبكة أخبار دير الزور', 'صفحة أخبار القامشلي'
    "اخبار", "صفحه",
}
#: Words naming a body after a place ('مجلس دير الزور العسكري', 'لواء القامشلي'): the place
#: is part of a name, not where the story happens.
_BODY_WORDS = {
    "مجلس", "لواء", "كتيبه", "كتائب", "فرقه", "تجمع", "تنسيقيه", "اتحاد", "حزب", "مكتب", "هيئه",
    "حركه", "قطاع", "فوج",
}
#: Words naming a street or a square after a town ('شارع تل أبيض' in Raqqa, 'دوار الحسكة'
#: in Qamishli): the place is part of a name inside another town, not where the story happens.
_STREET_WORDS = frozenset({"شارع", "دوار", "جاده"})
#: Bodies that are one only with an adjective after the name ('مجلس دير الزور العسكري'); the
#: others are with any place after them ('لواء القامشلي').
_BODY_NEEDS_AFTER = frozenset({"مجلس", "مكتب", "قطاع", "فوج", "هيئه"})
#: After the name, the adjective that makes it a body's name.
_BODY_AFTER = re.compile(r"^\s*(?:ال)?(?:عسكري|مدني|محلي|ثوري|الاعلامي|الاعلاميه|للشباب|العسكريه)"
                         r"(?![^\W\d_])")
_TIME_BEFORE = re.compile(r"\d{1,2}:\d{2}(?:\s*(?:[apAP]\.?[mM]\.?|ص|م))?\s*[|\-]?\s*$")
#: A desk's place opening the story, a dash, then the story on the same line.
_DESK_DASH = re.compile(r"[ \t]*[-\u2013\u2014][ \t]*[^\W\d_]")
_DATELINE_AFTER = re.compile(r"^\s*[-\u2013\u2014\u0640:]\s*\S+(?:\s+\S+){0,2}\s*$")
#: How far (characters) cues are looked for around a mention: bounds the work per mention.
WINDOW = 400
_WORD_RE = re.compile(r"[^\W_]+")
#: The short window :func:`words_before` reads first (characters).
_NEAR = 32


def read_names(raws: list[RawMatch], folded: FoldedText,
               spotted: dict[str, list[int]] | None = None) -> list[NameCues]:
    """What the words around each name found in ``folded`` say, in the names' order.

    The words before a name are read once for all the cues they give; each distinct
    word's facts are worked out once (:func:`_facts`). ``raws`` come in text order, as
    the matcher gives them (the line ends before them are then searched once in all).
    ``spotted``: where the matcher's pass found each of its spotted words (see
    :meth:`gazetteer.matcher.PlaceMatcher.find_spotted`); a person's title is then looked
    for only where one of them stands before the name.

    A long text (from :data:`MEMO_FROM` names: a file of many articles) repeats its
    phrases: a name in the same words as one read before is read once (see
    :func:`_context_key`).
    """
    text = folded.folded
    titles = _title_places(spotted)
    out: list[NameCues] = []
    append = out.append
    memo: dict[tuple[str, int, int, int, int], NameCues] | None = (
        {} if len(raws) >= MEMO_FROM and titles is not None else None)
    rfind = text.rfind
    read_to, line = 0, -1  # the last line end before ``read_to``, carried from name to name
    for raw in raws:
        start = raw.start
        if start >= read_to:  # names in text order: each stretch of text searched once
            found = rfind("\n", read_to, start)
            line = found if found >= 0 else line
        else:
            line = rfind("\n", 0, start)
        read_to = start
        newline = line if line >= start - WINDOW else -1
        if memo is None or _opens_line(text, raw, newline):
            append(_name_cues(raw, folded, newline, titles))
            continue
        key = _context_key(text, raw)
        cues = memo.get(key)
        if cues is None:
            cues = memo[key] = _name_cues(raw, folded, newline, titles)
        append(cues)
    return out


#: From this many names in one text, :func:`read_names` remembers each context it read.
MEMO_FROM = 512
#: The characters before a name's word and after its end that its reading may look at:
#: :func:`words_before` (60), the title and kunya look (80), the persons' (40 each side),
#: the body's adjective (24) and the word after it.
_READ_BEFORE, _READ_AFTER = 80, 40


def _context_key(text: str, raw: RawMatch) -> tuple[str, int, int, int, int]:
    """What the reading of a name not opening a line depends on: the text it may look at
    around the name, and where in it the name's word, the name and its core stand.

    Why exact: every look :func:`_name_cues` makes at such a name reads within
    :data:`_READ_BEFORE` characters before its word and :data:`_READ_AFTER` after it (a
    title's place is a word of that window, spotted wherever it stands), and the line's
    start is only read for a name that opens one (:func:`_opens_line`)."""
    word_start = raw.word_start
    lo = word_start - _READ_BEFORE if word_start > _READ_BEFORE else 0
    return (text[lo:raw.end + _READ_AFTER], word_start - lo, raw.start - word_start,
            raw.end - word_start, len(raw.prefix))


def _opens_line(text: str, raw: RawMatch, newline: int) -> bool:
    """Whether a name's word opens its line (only blanks after the last line end, at
    ``newline``, within :data:`WINDOW`; or the text's start) or follows a photo credit's
    ')': where :func:`_role` reads the original text after it for a dateline."""
    word_start = raw.word_start
    if word_start > 0 and text[word_start - 1] == ")":
        return True
    return (newline >= 0 or raw.start <= WINDOW) and (
        newline + 1 >= word_start or text[newline + 1].isspace()) and \
        not text[newline + 1:word_start].strip()


def _name_cues(raw: RawMatch, folded: FoldedText, newline: int,
               titles: list[int] | None) -> NameCues:
    """The cues of one name (:func:`read_names`); ``newline`` as :func:`_role` takes it."""
    get = _FACTS.get
    before = words_before(folded.folded, raw.word_start, 4)
    cue_kind, near, near_word, last = "", False, "", None
    if before:  # the last word gives the kind; a precision word may stand further back
        fact = last = get(before[-1]) or _facts(before[-1])
        cue_kind = last.cue_kind
        k = len(before) - 1
        while True:
            if fact.near_word:
                near, near_word = True, fact.near_word
                break
            if not fact.passes or not k:
                break
            k -= 1
            fact = get(before[k]) or _facts(before[k])
    role = _role(raw, folded, before, last, newline, titles)
    return tuple.__new__(NameCues, (cue_kind, near, near_word, role))


class NameCues(NamedTuple):
    """What the words around one name say."""

    cue_kind: str  # the kind its kind word names ('' when none)
    near: bool  # a precision word stands before it ('ريف', 'قرب' ...): geo precision 2
    near_word: str
    role: str  # location, timezone, media, body, street, person or dateline


class _WordFacts(NamedTuple):
    """What the cues read from one word before a name; a news text repeats its words, so
    each distinct word is read once (:func:`_facts`), not once per mention after it."""

    cue_kind: str  # the kind its cue word names ('' when it is none)
    near_word: str  # the precision word it is ('' when none)
    passes: bool  # a cue word or 'من'/'في': the look for a precision word goes on past it
    media: bool  # it names an outlet
    body: bool  # it names a body ('مجلس', 'لواء' ...)
    body_needs_after: bool  # ... of a kind that is one only with an adjective after the name
    given: bool  # it may be a given name before a surname-like place name (:func:`_is_person_name`)
    street: bool  # it names a street or a square ('شارع', 'دوار')


_FACTS: dict[str, _WordFacts] = {}
_FACTS_MAX = 200_000  # a long-running server reads endless text: the memo stays bounded


def _facts(word: str) -> _WordFacts:
    facts = _FACTS.get(word)
    if facts is None:
        if len(_FACTS) >= _FACTS_MAX:
            _FACTS.clear()
        forms = (word, strip_clitics(word), word.lstrip("وفبل"))
        kind = cue_word(word)
        cue = CUE_WORDS[kind] if kind else ""
        near = next((w for w in forms if w in _NEAR_WORDS), "")
        passes = bool(kind) or any(w in ("من", "في") for w in forms)
        named = {*forms, forms[1].removeprefix("ال")}  # the word as a name's kind word
        body_forms = named & _BODY_WORDS
        facts = _FACTS[word] = _WordFacts(
            cue, near, passes, _is_media_word(word), bool(body_forms),
            bool(body_forms & _BODY_NEEDS_AFTER), _may_be_given(word), bool(named & _STREET_WORDS))
    return facts


def words_before(text: str, pos: int, n: int) -> list[str]:
    """The last ``n`` words of the sentence before ``pos``, within 60 characters.

    Most names have their words close by: a short window with no sentence end and more
    than ``n`` words gives the same last ``n`` (only its first word may be cut short),
    and is cheaper to read than the full one; when its last ``n`` blank-separated words
    are letters and digits only they are those words, cut without the regex."""
    if pos > _NEAR:
        near = text[pos - _NEAR:pos]
        if "." not in near and "\n" not in near and "!" not in near and "?" not in near:
            words = near.rsplit(None, n)  # the last n words, and the rest before them
            if len(words) > n and "".join(words := words[-n:]).isalnum():
                return words
            words = _WORD_RE.findall(near)
            if len(words) > n:
                return words[-n:]
    window = text[max(0, pos - 60):pos]
    cut = max(window.rfind("."), window.rfind("\n"), window.rfind("!"), window.rfind("?"))
    return _WORD_RE.findall(window[cut + 1:])[-n:]



def _title_places(spotted: dict[str, list[int]] | None) -> list[int] | None:
    """Where a title's word may stand: the folded offsets of the spotted words every title
    holds, ascending (None when they were not all spotted: then every name is read)."""
    stems = [w for w in SPOTTED_WORDS if w in PERSON_TITLES]
    if spotted is None or any(w not in spotted for w in stems):
        return None
    return sorted(at for w in stems for at in spotted[w])


def _role(raw: RawMatch, folded: FoldedText, before: list[str], last: _WordFacts | None,
          newline: int, titles: list[int] | None = None) -> str:
    """The role of a name; ``newline`` is the last line end within :data:`WINDOW`
    characters before it (-1 when none); ``titles`` as :func:`_is_person_name` takes them."""
    text = folded.folded
    start, end, _, _, _, word_start = raw
    if text.find(":", word_start - 16 if word_start > 16 else 0, word_start) >= 0 and \
            _TIME_BEFORE.search(text[max(0, word_start - 16):word_start]):
        return "timezone"
    if last is not None and last.media:
        return "media"
    if text[end:end + 1].isdigit():
        return "media"  # 'ديرالزور24', 'الخابور24': an outlet's name
    if last is not None and last.body and (
            not last.body_needs_after or _BODY_AFTER.match(text[end:end + 24])):
        return "body"
    if last is not None and last.street:
        return "street"
    if (last is not None and last.given and _is_person_name(raw, before, text, titles)) or (
            may_name_a_person(raw, before, text) and
            _PERSONS().is_person_at(text, word_start, start, end)):
        return "person"
    line_start = (newline >= 0 or start <= WINDOW) and (
        newline + 1 >= word_start or text[newline + 1].isspace()) and \
        not text[newline + 1:word_start].strip()  # (a line opening with a letter: no)
    # right after a photo credit glued to it: '(أ ف ب)دمشق- قُتل ...'
    after_credit = word_start > 0 and text[word_start - 1] == ")"
    if line_start or after_credit:
        original = folded.original
        end = folded.to_original(end, end=True)
        line_end = original.find("\n", end, end + 80)
        if line_end >= 0 and _DATELINE_AFTER.match(original[end:line_end]):
            return "dateline"
        if _DESK_DASH.match(original, end):  # 'دمشق - وكالات: أعلن ...', 'دمشق- قُتل ...'
            return "dateline"
    return "location"


_PERSONS = default_person_names


@functools.cache
def _person_words() -> tuple[frozenset[str], frozenset[str], tuple[str, ...], bool]:
    """The listed persons' name words; the first four letters of the longer ones and the
    shorter ones whole (what a word after a name must open with to be one); and whether
    the cheap test of :func:`may_name_a_person` holds for them (every word shorter than
    the words the reading before a name may cut short)."""
    words = _PERSONS().words
    return (words, frozenset(w[:4] for w in words if len(w) >= 4),
            tuple(w for w in words if len(w) < 4), all(0 < len(w) < _NEAR - 8 for w in words))


def may_name_a_person(raw: RawMatch, before: list[str], text: str) -> bool:
    """False only where :meth:`PersonNames.is_person_at` is surely False: the name itself
    is no listed word, nor are the words right before and after it.

    Why: it reads the word on each side of every name, a tenth of the time spent on
    names; here the word before is the one :func:`words_before` already read (``before``:
    the last word of the sentence, when one space parts it from the name), and the
    word after is only looked at when it opens as a listed word does. A test holds this
    to the full reading on varied text.
    """
    words, openings, short, sound = _person_words()
    if not sound or before and not before[-1].isalpha():
        return True
    start, end, core, _, prefix, word_start = raw
    if prefix not in ("", "ال") and " " not in core and prefix + core in words:
        return True  # the whole word is a listed name ('باراك', not 'ب' + Arak)
    if not before or before[-1] in words or word_start < 2 or text[word_start - 1] != " " \
            or text[word_start - 2].isspace():
        return True  # (one space after the last word: the word before is that word)
    if not text[end:end + 1].isspace():
        return False
    after = text[end + 1:end + 5]  # the word after opens here, after one space or line end
    return after[:1].isspace() or after in openings or text.startswith(short, end + 1)


def _is_media_word(word: str) -> bool:
    """'قناة', 'لقناة', 'ولوكالة', 'للمرصد': a word naming an outlet, with its clitics
    ('وفقاً لقناة الميادين' cites the channel, not the town)."""
    forms = {word, strip_clitics(word)}
    forms |= {w[len(p):] for w in tuple(forms) for p in ("ل", "ول", "فل") if w.startswith(p)}
    return any(w in _MEDIA_WORDS or w.lstrip("ال") in _MEDIA_WORDS for w in forms)


def _may_be_given(word: str) -> bool:
    """Whether a word before a name may be a given name (:func:`_is_person_name`): no
    article, no preposition, kind or precision word, letters only."""
    return not (word.startswith("ال") or word in _NOT_GIVEN_NAMES or word in CUE_WORDS
                or word in _NEAR_WORDS or not word.isalpha())


#: Every word that is a title: one of :data:`gazetteer.normalize.PERSON_TITLES`, perhaps
#: after 'و' or 'ف' and the article ('والقيادي'). A set, not a pattern: the words before each name are tested.
#: (The words are cut at blanks: a title of two words, 'الرئيس المشترك', is never one.)
_TITLE_WORDS = frozenset(c + a + t for c in ("", "و", "ف") for a in ("", "ال") for t in PERSON_TITLES)
#: Words that cannot be a given name right before a place name.
_NOT_GIVEN_NAMES = frozenset({
    "في", "من", "الي", "علي", "عن", "مع", "باسم", "قرب", "عند", "داخل", "بين", "نحو", "حول", "لدي",
    "منطقه", "مدينه", "بلده", "قريه", "ريف", "محافظه", "ناحيه", "عام", "العام", "قوات", "قسد",
})


def _is_person_name(raw: RawMatch, before: list[str], text: str,
                    titles: list[int] | None = None) -> bool:
    """'المتحدث باسم قسد مرفان قامشلو': a place name as a person's surname (a nom de guerre,
    a nisba), right after a given name that follows a title a few words back, or a kunya
    ('أبو بكر الشدادي').

    Only a bare name (no preposition glued to it) directly after one word that can be a
    given name, with a title at most five words before that word, in the same sentence.
    ``titles``, when given, are the places where a title's word may stand (ascending, see
    :func:`_title_places`): the words before the name are read only if one is near.
    """
    if raw.prefix.strip("ال") or len(before) < 2 or not _may_be_given(before[-1]):
        return False
    if before[-2] in ("ابو", "وابو", "ام", "وام"):
        # a kunya: 'أبو بكر الشدادي', a man from al-Shaddadi; not 'قرى أبو حمام الكشكية'
        lead = before[-3] if len(before) > 2 else ""
        return not (lead in _NOT_GIVEN_NAMES or is_kind_word(lead) or lead.startswith("ب")
                    or lead in ("وفي", "فى", "و"))
    lo = max(0, raw.word_start - 80)
    if titles is not None:  # a title in the window holds one of the spotted words
        i = bisect.bisect_left(titles, lo)
        if i == len(titles) or titles[i] >= raw.word_start:
            return False
    window = text[lo:raw.word_start]
    cut = max(window.rfind("."), window.rfind("!"), window.rfind("?"), window.rfind("\n"),
              window.rfind("،"), window.rfind(","))
    words = window[cut + 1:].split()
    # the last title, if it is one of the last six words (one further back is too far)
    titles = _TITLE_WORDS
    last = next((i for i in range(len(words) - 1, max(-1, len(words) - 7), -1)
                 if words[i] in titles), None)
    return last is not None and not any(w in _NOT_BETWEEN for w in words[last + 1:])


#: Words that end a title's phrase before a place name: a clause ('إن', 'أن') or a place.
_NOT_BETWEEN = frozenset({"ان", "بان", "انه", "انها", "بريف", "قرب", "بمدينه", "بلده", "الي"})

