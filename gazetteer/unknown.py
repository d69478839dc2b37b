"""Names the gazetteer does not know, and names it knows written another way.

Why a module: the resolver chooses among the places a name may mean; this one reads a
name the gazetteer lacks ('قرية "ملوك سراي" بريف القامشلي') from the kind word before it
and places it at the area the text ties it to, approximate, never dropped and never
invented; and it finds a known place written without (or with) its article after a kind
word ('بلدة كسرة' is al-Kisrah), or a town known only with its kind word in a list a
plural kind word leads ('مدن "الرقة" و"الكرامة"': al-Karamah, not 'dignity').
"""

from __future__ import annotations

import bisect
import operator
import re

from .matcher import automaton_of
from .model import AREA_KINDS, Mention, Place
from .normalize import CUE_WORDS, FoldedText, arabic_key, fold, strip_clitics
from .store import Gazetteer

__all__ = ["CUE_KINDS", "PLACED_FOR_UNKNOWN", "countryside", "folded_offset", "is_kind_word",
           "unknown_named_places"]

#: What the cue of a name the gazetteer lacks says once the name is put at an area the text
#: ties it to ("'X' is not in the gazetteer; placed at the area ..."): merging reads it
#: (:mod:`geo.extract.dedupe`), so every such cue holds it.
PLACED_FOR_UNKNOWN = "is not in the gazetteer; placed"

_SENTENCE_END = re.compile(r"[.!?\n]")

#: Which kinds a cue word points at.
CUE_KINDS = {
    "city": {"city", "capital", "town"},
    "town": {"town", "city", "village"},
    "village": {"village", "town"},
    "region": {"region", "district", "governorate", "town", "city", "village", "oilfield"},
    "governorate": {"governorate"},
    "countryside": {"city", "town", "capital", "village"},
    "airport": {"airport", "base"},
    "base": {"base", "airport"},
    "oilfield": {"oilfield", "gasfield"},
    "gasfield": {"gasfield", "oilfield"},
    "border_crossing": {"border_crossing"},
    "camp": {"camp"},
    "dam": {"dam"},
    "neighbourhood": {"neighbourhood"},
    "bridge": {"bridge"},
}


#: A mention's start, as a sort key read in C (no Python call per mention).
_START = operator.attrgetter("start")


def folded_offset(folded: FoldedText, original: int) -> int:
    """The folded offset of an original one (characters deleted by folding before it removed)."""
    return original - bisect.bisect_left(folded.deleted, original)



_UNKNOWN_KIND_RE = re.compile(
    r"(?<![^\W\d_])[وفبل]?(?:ال)?(قريه|بلده|ناحيه|مخيم|حي|مزرعه|قريتي|بلدتي)"
    r"\s+(\"[^\"\n]{2,40}\"|[^\W\d_]{2,}(?:\s+[^\W\d_]{3,})?)"
)
#: The kind words of :data:`_UNKNOWN_KIND_RE`.
_UNKNOWN_KINDS = frozenset({"قريه", "بلده", "ناحيه", "مخيم", "حي", "مزرعه", "قريتي", "بلدتي"})
#: How many characters a clitic and the article may put before a kind word ('وال').
_LEAD_REACH = 3
#: What a match of the kind-word patterns opens with before its kind word: the
#: ``[وفبل]?(?:ال)?`` the patterns allow (see :func:`_kind_word_matches`).
_LEADS = frozenset(c + a for c in ("", "و", "ف", "ب", "ل") for a in ("", "ال"))
_QUOTES = "\"“”«»'"
_NOT_NAMES = {
    "خاضعه", "تابعه", "واقعه", "قريبه", "الواقعه", "التابعه", "صغيره", "كبيره", "اخري", "حدوديه",
    "نائيه", "مجاوره", "المجاوره", "القريبه", "الخاضعه", "في", "من", "على", "عند", "قرب",
    "بالقرب", "شمال", "جنوب", "شرق", "غرب", "شمالي", "جنوبي", "شرقي", "غربي", "يسيطر", "تسيطر",
    "الي", "الى", "التي", "الذي", "واحده", "اخرى", "عدد", "عده", "بين", "ضمن", "داخل", "تقع",
    "يقع", "باتجاه", "لن", "لا", "لم", "قد", "كان", "ان", "كانت", "هذه", "تلك", "ذلك", "ايضا",
    "فيها", "منها", "عليها", "بريف",
    "ريف", "محيط", "بمحيط", "سوريه", "سوريا", "عربيه", "كرديه", "ايزيديه", "مسيحيه",
    # 'القرية ذاتها', 'البلدة نفسها', 'القرية المذكورة': a place named before, referred to again
    "ذاتها", "ذاته", "نفسها", "نفسه", "عينها", "المذكوره", "المذكور", "المستهدفه", "مجددا",
    # people and forces after a village's word ('اتهم أهالي القرية القوات الروسية'): the
    # sentence's subject or object, never a name
    "قوات", "القوات", "جنود", "الجنود", "عناصر", "العناصر", "الجيش", "اهالي", "الاهالي", "سكان",
    "السكان", "ابناء", "مقاتلي", "المقاتلين", "المدنيين", "مدنيين", "الدوريه", "دوريه", "الشرطه",
    "الاسايش", "المليشيات", "الميليشيات", "مسلحين", "المسلحين", "خلايا", "اليوم", "امس",
    # where, not who: 'إلى قرية خلف منطقة الاشتباكات' (to a village behind the front)
    "خلف", "امام", "وراء", "تحت", "فوق", "حول", "نحو", "خارج", "مقابل", "بجانب", "قباله", "منذ",
}


#: Words that end a name when they follow its first word ('قرية دوكركا على طريق ...'): the
#: folded 'على' (as a first word it may be the name 'علي').
_NOT_SECOND = frozenset({"علي", "الي", "حتي", "لدي", "خلال", "اثناء", "بعد", "قبل", "عبر"})


def unknown_named_places(text: str, folded: FoldedText, known: list[Mention],
                          gaz: Gazetteer, *,
                          marked: list[tuple[int, str]] | None = None) -> list[Mention]:
    """'قرية "ملوك سراي" بريف القامشلي': a village we cannot place exactly.

    The name is reported (never dropped, never invented): located at the area the
    text gives next to it ('بريف X', 'قرب X', 'في X'), flagged approximate; with
    no such area it stays unresolved for review. ``marked``: where the kind words of
    :data:`gazetteer.normalize.INTRODUCING_WORDS` stand before a blank in ``folded``, as
    the matcher's pass found them (looked for here when not given).
    """
    quoted = FoldedText.of(text, keep_quotes=True)
    src = quoted.folded
    taken = _Taken(sorted((m.start, m.end) for m in known), len(text))
    known_starts = [m.start for m in known]
    out: list[Mention] = []
    seen: set[str] = set()
    memo: dict[tuple[str, str], Place | None] = {}  # a text repeats its names: looked up once

    def known_as(name: str, kind: str) -> Place | None:
        if (name, kind) not in memo:
            memo[name, kind] = _known_with_other_article(name, kind, gaz)
        return memo[name, kind]

    folds: dict[str, str] = {}  # each distinct name folded once

    at = None if marked is None else _quoted_offsets(folded, quoted, marked)
    unknown_kinds, plural_kinds = _kind_word_matches(src, at)
    for match in unknown_kinds:
        word, written = match.group(1, 2)
        # the kind word's last letter as written: 'بلده' (his country), not 'بلدة' (town)
        # (only a folded 'ه' may be one)
        if word[-1] == "ه" and text[quoted.to_original(match.end(1), end=True) - 1] == "ه":
            continue
        if not written.startswith('"') and src[max(0, match.start(1) - 2):match.start(1)] == "ال":
            # a kind word with the article names no place after it: 'كان نصيب القرية كبيراً',
            # 'الحي الغربي', 'بالرصاص الحي المباشر' (a name follows the bare word: 'قرية X')
            continue
        name = written.strip(_QUOTES + " ")
        words = name.split()
        first = words[0] if name else ""
        if not name or first in _NOT_NAMES or strip_clitics(first) in _NOT_NAMES:
            continue
        quoted_name = written.startswith('"')
        if len(words) == 2 and not quoted_name:
            second = words[1]
            if (second in _NOT_NAMES or strip_clitics(second) in _NOT_NAMES
                    or (folds.get(first) or fold(first)) in seen
                    or is_kind_word(second) or second in _NOT_SECOND
                    or second.endswith(("هم", "هن", "كم"))):  # 'حي الرميلة لتفريقهم': a verb's
                name = first  # 'حي الفردوس بمدينة الرقة': 'بمدينة' starts the area, not the name
        kind = CUE_WORDS.get(word, "village")
        if (" " in name and not quoted_name
                and known_as(name, kind) is None and known_as(first, kind) is not None):
            name = first  # 'في بلدة كسرة قتل ...': the known town, then a verb
        name_start = match.start(2) + (1 if quoted_name else 0)
        s = quoted.to_original(name_start)
        e = quoted.to_original(name_start + len(name), end=True)
        overlaps = taken.overlaps(s, e)
        if overlaps and " " in name and not quoted_name:
            name = first  # 'حي طي بالقامشلي': the second word is a known place, the area
            e = quoted.to_original(name_start + len(name), end=True)
            overlaps = taken.overlaps(s, e)
        if overlaps:
            continue
        key = folds.get(name)
        if key is None:
            key = folds[name] = fold(name)
        mention = Mention(start=s, end=e, text=text[s:e], key=key, kind_word=kind)
        same = known_as(name, kind)
        if same is not None:
            mention.place, mention.geo_precision, mention.confidence = same, 1, 0.7
            mention.cue = (f"'{name}' after its kind word is {same.name_ar}, written with or "
                           "without the article")
            out.append(mention)
            seen.add(mention.key)
            taken.add(s, e)
            continue
        parent = _area_after(e, known, known_starts, gaz)
        where = "gives next to it"
        if parent is None:
            parent = _countryside_before(folded, quoted.to_original(match.start(1)), known,
                                         known_starts)
            where = "sets it in earlier in the sentence"
        if parent is not None and mention.kind_word == "neighbourhood" and parent.place.kind in (
                "city", "capital", "town"):
            # 'حي الفردوس بمدينة الرقة': a quarter lies in its town, not in the countryside
            mention.place, mention.geo_precision, mention.approximate = parent.place, 1, True
            mention.confidence = 0.5
            mention.cue = (f"the quarter '{name}' {PLACED_FOR_UNKNOWN} at the town the "
                           f"text {where} ({parent.text}), approximate")
        elif parent is not None:
            mention.place = countryside(parent, gaz)
            mention.geo_precision = 2
            mention.approximate = True
            mention.confidence = 0.4
            mention.cue = (f"'{name}' {PLACED_FOR_UNKNOWN} at the area the text "
                           f"{where} ({parent.text}), approximate")
        else:
            mention.cue = f"'{name}' is not in the gazetteer and no area is given: needs review"
        out.append(mention)
        seen.add(mention.key)
        taken.add(s, e)
    out += _recurrences(folded, out, taken)
    out += _list_members(quoted, plural_kinds, known + out, gaz)
    _share_areas(out, gaz)
    return out


#: A plural or dual kind word leading a list of names: 'في مدن "الرقة" و"الطبقة" و"الكرامة"'.
_PLURAL_KIND_RE = re.compile(r"(?<![^\W\d_])[وفبل]?(?:ال)?(مدن|بلدات|قري|مدينتي|بلدتي|قريتي)\s+")
#: The kind words of :data:`_PLURAL_KIND_RE`.
_PLURAL_KINDS = frozenset({"مدن", "بلدات", "قري", "مدينتي", "بلدتي", "قريتي"})
#: Every kind word of both patterns where a blank follows it: where their matches may be.
_KIND_AT = re.compile("(?:" + "|".join(sorted(_UNKNOWN_KINDS | _PLURAL_KINDS, key=len, reverse=True))
                      + r")(?=\s)")


def _kind_word_matches(src: str, kinds_at: list[tuple[int, str]] | None = None,
                       ) -> tuple[list[re.Match[str]], list[re.Match[str]]]:
    """The matches of :data:`_UNKNOWN_KIND_RE` and of :data:`_PLURAL_KIND_RE` in ``src``:
    what each one's ``finditer`` yields, from one pass over the text for both.

    Why: tried at every position, their look-behind and optional clitics cost 40 ms a
    MB; a search for each kind word by itself cost a pass over the text per word and a
    Python step at each of its many hits inside other words ('حي' in 'الحياة'). One
    compiled pass finds each kind word with a blank after it (every match has one: no
    kind word ends another, so none hides one), and a pattern is tried only where one of
    :data:`_LEADS` stands before such a word, leftmost first, never inside a match made.
    ``kinds_at``, when given, are those kind words (offset in ``src``, word), in text
    order, as the matcher's pass found them: then ``src`` is not searched at all (a
    place given that holds no kind word before a blank is tried in vain, harmlessly).
    """
    tries: tuple[list[int], list[int]] = ([], [])
    leads = _LEADS
    if kinds_at is None:
        kinds_at = [(found.start(), found.group()) for found in _KIND_AT.finditer(src)]
    for at, kind in kinds_at:
        # both patterns open a word: only where the letters before the kind word begin (a
        # lead, or none) may one match
        lead = at
        while lead > at - _LEAD_REACH - 1 and lead and (ch := src[lead - 1]).isalnum() \
                and not ch.isdecimal():
            lead -= 1
        if lead and (ch := src[lead - 1]).isalnum() and not ch.isdecimal() or \
                src[lead:at] not in leads:
            continue
        if kind in _UNKNOWN_KINDS:
            tries[0].append(lead)
        if kind in _PLURAL_KINDS:
            tries[1].append(lead)
    return (_matches_at(_UNKNOWN_KIND_RE, src, tries[0]),
            _matches_at(_PLURAL_KIND_RE, src, tries[1]))


def _quoted_offsets(folded: FoldedText, quoted: FoldedText,
                    marked: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The marked words' offsets in ``folded`` as offsets in ``quoted`` (the same text
    folded keeping its quotation marks): a kind word's first letter is kept by both, so
    its offset in the original text maps into either."""
    originals = folded.to_original_many([at for at, _ in marked])
    offsets = [folded_offset(quoted, o) for o in originals] if len(marked) < 256 else \
        _folded_many(quoted, originals)
    return [(at, word) for at, (_, word) in zip(offsets, marked, strict=True)]


def _folded_many(folded: FoldedText, originals: list[int]) -> list[int]:
    """:func:`folded_offset` of many original offsets, in one vectorised search."""
    import numpy as np

    at = np.asarray(originals, dtype=np.int64)
    if folded.deleted:
        at = at - np.searchsorted(np.asarray(folded.deleted, dtype=np.int64), at, side="left")
    return at.tolist()


def _matches_at(pattern: re.Pattern[str], src: str, tries: list[int]) -> list[re.Match[str]]:
    """``pattern`` matched at each of ``tries`` in order, none inside a match made."""
    out: list[re.Match[str]] = []
    end = 0
    for pos in sorted(set(tries)):
        if pos >= end and (match := pattern.match(src, pos)) is not None:
            end = match.end()
            out.append(match)
    return out
#: One member of such a list: a quoted name, or one word, after a comma or 'و'.
_MEMBER_RE = re.compile(r"\s*[,،]?\s*(?:و\s*)?(?:[\"“«]([^\"”»\n]{2,30})[\"”»]|([^\W\d_]{2,}))")
#: The words a gazetteer may register a town under, with its kind word ('بلدة الكرامة').
_REGISTERED_WITH = ("بلده", "ناحيه", "مدينه", "قريه")
#: How many members a list may have.
_MAX_MEMBERS = 8


def _list_members(quoted: FoldedText, leads: list[re.Match[str]], known: list[Mention],
                  gaz: Gazetteer) -> list[Mention]:
    """The members of a list a plural kind word leads that the gazetteer knows only with
    their kind word: 'مدن "الرقة" و"الطبقة" و"الكرامة"' names the town of al-Karamah,
    registered as 'بلدة الكرامة' because a bare 'الكرامة' means 'dignity'.

    The list runs member by member (known places are stepped over); a member is taken
    only when one place in the area is registered under a kind word and its name.
    """
    src = quoted.folded
    spans: list[tuple[int, int]] = []
    starts: list[int] = []
    out: list[Mention] = []
    registered: dict[str, Place | None] = {}  # each distinct member looked up once
    for lead in leads:
        if not starts and known:  # made on first need: most texts hold no such list
            spans = _folded_spans(quoted, known)
            starts = [s0 for s0, _ in spans]
        pos = lead.end()
        for _ in range(_MAX_MEMBERS):
            member = _MEMBER_RE.match(src, pos)
            if member is None:
                break
            start = member.start(1) if member.group(1) else member.start(2)
            idx = bisect.bisect_left(starts, member.end())
            known_ends = [e0 for _, e0 in spans[max(0, idx - 3):idx] if e0 > start]
            if known_ends:
                pos = max(member.end(), *known_ends)  # a known member ('دير الزور'): step over it
                pos += 1 if src[pos:pos + 1] in "\"”»" else 0
                continue
            name = (member.group(1) or member.group(2)).strip()
            if name in registered:
                place = registered[name]
            else:
                place = registered[name] = _registered_with_kind(name, gaz)
            if place is None:
                break
            s = quoted.to_original(start)
            e = quoted.to_original(start + len(name), end=True)
            out.append(Mention(start=s, end=e, text=quoted.original[s:e], key=fold(name),
                               place=place, confidence=0.6, geo_precision=1,
                               kind_word=CUE_WORDS[lead.group(1)],
                               cue=f"'{name}' in a list of {lead.group(1)} is {place.name_ar}"))
            pos = member.end()
    return out


def _folded_spans(folded: FoldedText, mentions: list[Mention]) -> list[tuple[int, int]]:
    """The mentions' spans as folded offsets, sorted: :func:`folded_offset` of every start
    and end, in one vectorised search rather than a bisect per offset (a long text has
    tens of thousands of mentions)."""
    if len(mentions) < 256:  # an article's few names: NumPy's set-up costs more
        return sorted((folded_offset(folded, m.start), folded_offset(folded, m.end))
                      for m in mentions)
    import numpy as np

    starts = np.array([m.start for m in mentions], dtype=np.int64)
    ends = np.array([m.end for m in mentions], dtype=np.int64)
    if folded.deleted:
        deleted = np.array(folded.deleted, dtype=np.int64)
        starts -= np.searchsorted(deleted, starts, side="left")
        ends -= np.searchsorted(deleted, ends, side="left")
    return sorted(zip(starts.tolist(), ends.tolist(), strict=True))  # mostly in order already


def _registered_with_kind(name: str, gaz: Gazetteer) -> Place | None:
    """The one place in the area registered as 'بلدة X' / 'ناحية X' (not as bare X)."""
    found = {p.id: p for word in _REGISTERED_WITH
             for p in gaz.by_key(arabic_key(f"{word} {name}")) if p.in_area}
    return next(iter(found.values())) if len(found) == 1 else None


#: Shorter names are too likely to be ordinary words when they recur without a kind word.
_MIN_RECURRING = 4


def _recurrences(folded: FoldedText, found: list[Mention],
                 taken: _Taken) -> list[Mention]:
    """The same unknown name again, without its kind word ('أهالي خربة عمو' after 'قرية خربة عمو').

    A name the text introduced as a village or town is a place name wherever it recurs.
    """
    text = folded.folded
    out: list[Mention] = []
    keys = [key for key in dict.fromkeys(m.key for m in found)
            if len(key.replace(" ", "")) >= _MIN_RECURRING]
    places = _occurrences(text, keys)
    hits = [(key, at) for key in keys for at in _whole_word_hits(text, key, places[key])]
    # every hit's original span in one search (a long text has thousands of them)
    starts = folded.to_original_many([at for _, at in hits])
    ends = folded.to_original_many([at + len(key) for key, at in hits], end=True)
    cues: dict[str, str] = {}
    for (key, _), start, end in zip(hits, starts, ends, strict=True):
        if taken.overlaps(start, end):
            continue
        cue = cues.get(key)
        if cue is None:
            cue = cues[key] = f"'{key}' named again (introduced with a kind word)"
        out.append(Mention(start=start, end=end, text=folded.original[start:end], key=key,
                           cue=cue))
        taken.add(start, end)
    return out


#: Up to this many names are looked for by ``str.find``, each (see :func:`_occurrences`).
_FEW_KEYS = 12


def _occurrences(text: str, keys: list[str]) -> dict[str, list[int]]:
    """Where each key occurs in ``text`` (every start, overlapping ones too, ascending).

    Why one automaton: ``str.find`` per key reads the whole text once per name, and a
    long input (``gazetteer find`` on a file of many articles) introduces many names;
    one Aho-Corasick pass reads it once for all of them.
    """
    places: dict[str, list[int]] = {key: [] for key in keys}
    if len(keys) <= _FEW_KEYS:  # an article's few names: a C search each costs less than
        for key in keys:  # making an automaton
            found, at = places[key], text.find(key)
            while at != -1:
                found.append(at)
                at = text.find(key, at + 1)
        return places
    automaton = automaton_of({key: key for key in keys})  # (its branches commonest first)
    for end_idx, key in automaton.iter(text):
        places[key].append(end_idx + 1 - len(key))
    return places


#: The clitics a recurring name may carry: 'و', 'ف', 'ب', 'ل', 'وب', 'فب', 'ول'.
_CLITICS = frozenset({"", "و", "ف", "ب", "ل", "وب", "فب", "ول"})


def _whole_word_hits(text: str, key: str, occurrences: list[int]) -> list[int]:
    r"""Which of the ``occurrences`` of ``key`` in ``text`` are a word, perhaps after a
    clitic, read left to right (a hit taken is not overlapped by the next one).

    The checks are those of ``(?<![^\W\d_])(?:[وفبل]|وب|فب|ول)?(key)(?![^\W\d_])``,
    made in plain Python at each occurrence rather than by one regex per name; a letter
    is what ``[^\W\d_]`` matches: ``str.isalnum()`` and not ``str.isdecimal()``.
    """
    hits: list[int] = []
    after = 0  # a hit ends here: the next one starts no earlier
    n, size = len(text), len(key)
    for at in occurrences:
        if at < after:
            continue
        end = at + size
        if end < n and (ch := text[end]).isalnum() and not ch.isdecimal():
            continue
        if _opens_word(text, at):
            hits.append(at)
            after = end
    return hits


def _opens_word(text: str, at: int) -> bool:
    """Whether a word, or one of :data:`_CLITICS` opening a word, ends at ``at``."""
    for j in range(at, at - 3 if at >= 2 else -1, -1):
        if j == 0 or not ((ch := text[j - 1]).isalnum() and not ch.isdecimal()):
            return text[j:at] in _CLITICS  # a word starts at j: the text from j is a clitic, or not
        if text[j - 1:at] not in _CLITIC_TAILS:
            return False  # no clitic ends so: reading further back cannot make one
    return False


#: Every ending of a clitic of :data:`_CLITICS` ('ب', 'وب' end in 'ب'): reading back past
#: a letter only goes on while the letters read are one.
_CLITIC_TAILS = frozenset(c[i:] for c in _CLITICS for i in range(len(c)))


def _share_areas(mentions: list[Mention], gaz: Gazetteer) -> None:
    """Every mention of an unknown name takes the area the text gives it once, the finest
    when it gives several.

    'قرية خربة عمو بريف القامشلي' early on places a later 'في قرية خربة عمو' too; and
    'قرية خربة عمو في الحسكة' (the province, named by its seat) then 'خربة عمو إلى الشرق من
    مدينة القامشلي' puts every mention in Qamishli's countryside.
    """
    area: dict[str, Mention] = {}
    known: dict[int, int] = {}  # each place's coarseness worked out once (a long text names
    # thousands of unknown villages in the same few areas), by identity: every place read
    # is held by a mention while this runs

    def coarseness(place: Place) -> int:
        value = known.get(id(place))
        if value is None:
            value = known[id(place)] = _coarseness(place, gaz)
        return value

    for m in sorted(mentions, key=_START):
        if m.place is not None and (m.key not in area
                                    or coarseness(m.place) < coarseness(area[m.key].place)):
            area[m.key] = m
    for m in mentions:
        given = area.get(m.key)
        if (m.place is not None and given is not None and given is not m and m.approximate
                and given.approximate and coarseness(given.place) < coarseness(m.place)):
            m.place = given.place
            m.cue = (f"'{m.key}' {PLACED_FOR_UNKNOWN} at the finest area the text gives "
                     f"it ({given.place.name_ar}), approximate")
        elif m.place is None and given is not None and not given.approximate:
            m.place, m.geo_precision, m.confidence = given.place, 1, given.confidence
            m.cue = f"'{m.key}' named again ({given.cue})"
        elif m.place is None and given is not None:
            m.place, m.geo_precision, m.approximate = given.place, 2, True
            m.confidence = 0.35
            m.cue = (f"'{m.key}' {PLACED_FOR_UNKNOWN} at the area the text gives it "
                     f"elsewhere ({given.place.name_ar}), approximate")


def _coarseness(place: Place, gaz: Gazetteer) -> int:
    """1 for the countryside of a governorate's seat ('في الحسكة' after a village often means
    the province), 0 for a finer area."""
    town = gaz.get(place.parent) if place.kind == "region" and place.parent else None
    gov = gaz.get(town.parent) if town is not None and (town.parent or "").startswith("gov_") else None
    return int(gov is not None and gov.name_ar.endswith(town.name_ar))


def _known_with_other_article(name: str, kind: str, gaz: Gazetteer) -> Place | None:
    """The one place of the kind a kind word names, known by ``name`` with the article
    added or taken off: 'بلدة كسرة' is al-Kisrah, 'قرية الرميلان' Rmelan. (Without a kind
    word a short name lacking its article is too often an ordinary word to be matched.)"""
    bare = name.removeprefix("ال") if name.startswith("ال") else name
    keys = {arabic_key(bare), arabic_key("ال" + bare)}
    kinds = CUE_KINDS.get(kind, {kind})
    found = {p.id: p for key in keys for p in gaz.by_key(key) if p.in_area and p.kind in kinds}
    return next(iter(found.values())) if len(found) == 1 else None


def is_kind_word(word: str) -> bool:
    """'بمدينة', 'وقرية', 'المدينة': a kind word (with its clitics), never part of a name."""
    for prefix in ("", "و", "ف", "ب", "ل", "وب", "ول", "فب", "فل"):
        if word.startswith(prefix) and word[len(prefix):].removeprefix("ال") in CUE_WORDS:
            return True
    return strip_clitics(word) in CUE_WORDS


class _Taken:
    """The spans of the text named so far: the known mentions' (fixed) and those this
    module adds.

    Why two kinds: inserting into one sorted list of every mention of a long text moved
    tens of thousands of entries per insert. The fixed spans are held as two flat lists
    of starts and ends, ordered as the (start, end) pairs are (a search among integers
    costs a third of one among pairs). The added ones mark the characters they cover in
    an array as long as the text: a long text adds thousands (a name's every recurrence),
    and a sorted list moved half of them at each insert. A span overlaps the union exactly
    when it overlaps a span of either; an added span of no length, or one overlapping
    another, is read as the sorted lists read it (never here: kept exact all the same).
    """

    __slots__ = ("fixed", "added", "covered", "odd")

    def __init__(self, fixed: list[tuple[int, int]], size: int = 0) -> None:
        self.fixed = _Spans([s for s, _ in fixed], [e for _, e in fixed])
        self.added: list[tuple[int, int]] = []  # in the order added
        self.covered = bytearray(size)  # 1 where an added span covers the character
        self.odd = False  # an added span the array cannot answer for: the lists answer

    def overlaps(self, start: int, end: int) -> bool:
        if self.fixed.overlaps(start, end):
            return True
        if not self.added:
            return False
        if self.odd or not start < end <= len(self.covered):
            return self._sorted().overlaps(start, end)
        return self.covered.find(1, start, end) >= 0

    def add(self, start: int, end: int) -> None:
        if not self.odd and (not start < end <= len(self.covered)
                             or self.covered.find(1, start, end) >= 0):
            self.odd = True
        self.added.append((start, end))
        if not self.odd:
            self.covered[start:end] = b"\x01" * (end - start)

    def _sorted(self) -> _Spans:
        spans = _Spans([], [])
        for start, end in self.added:
            spans.insert(start, end)
        return spans


class _Spans:
    """Spans sorted as (start, end) pairs, as two lists; every end at or after its start."""

    __slots__ = ("starts", "ends")

    def __init__(self, starts: list[int], ends: list[int]) -> None:
        self.starts, self.ends = starts, ends

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) overlaps one of the spans, which overlap no other."""
        starts, ends = self.starts, self.ends
        i = bisect.bisect_left(starts, start)  # the spans at i - 1 and i are the only ones
        if i and starts[i - 1] < end and start < ends[i - 1]:  # that may overlap it
            return True
        return i < len(starts) and starts[i] < end and start < ends[i]

    def insert(self, start: int, end: int) -> None:
        """Add a span where ``bisect.insort`` puts the pair: after the equal ones."""
        starts = self.starts
        lo, hi = bisect.bisect_left(starts, start), bisect.bisect_right(starts, start)
        at = bisect.bisect_right(self.ends, end, lo, hi) if hi > lo else hi
        starts.insert(at, start)
        self.ends.insert(at, end)


def _area_after(pos: int, known: list[Mention], starts: list[int], gaz: Gazetteer) -> Mention | None:
    """A resolved place within a few words after ``pos`` (the 'بريف X' / 'قرب X' that follows):
    the first, unless it only names a governorate's seat and a finer one follows ('قرية أبو
    النيتل شمالي دير الزور بناحية الصور': the sub-district, not the province's countryside)."""
    near = [m for m in known[bisect.bisect_left(starts, pos):bisect.bisect_right(starts, pos + 30)]
            if m.place is not None and m.role == "location" and m.place.in_area]
    if len(near) > 1 and _coarseness(countryside(near[0], gaz), gaz):
        return next((m for m in near[1:] if m.place.kind not in AREA_KINDS
                     and not _coarseness(countryside(m, gaz), gaz)), near[0])
    return near[0] if near else None


#: A countryside named before a village of the same sentence ('الريف الشرقي لمدينة X').
_COUNTRYSIDE_BEFORE = re.compile(r"(?:ال)?ريف(?: \S+)? (?:[لب]|ل?ال)?(?:(?:مدينه|بلده|ناحيه) )?$")
#: How far back (characters) a countryside frames a village named after it.
_FRAME_WINDOW = 120


def _countryside_before(folded: FoldedText, pos: int, known: list[Mention],
                        starts: list[int]) -> Mention | None:
    """'سكان ريف القامشلي ... في بلدة X': the countryside the sentence set the village in.

    Only a countryside ('ريف X', 'الريف الشرقي لمدينة X') counts, the last one named
    before the village in its sentence: a town named before is often somewhere else.
    """
    text = folded.folded
    lo = bisect.bisect_left(starts, pos - _FRAME_WINDOW)
    for m in reversed(known[lo:bisect.bisect_left(starts, pos)]):
        if m.place is None or m.role != "location" or not m.place.in_area:
            continue
        between = text[folded_offset(folded, m.end):folded_offset(folded, pos)]
        if _SENTENCE_END.search(between):
            return None
        fstart = folded_offset(folded, m.start)
        if (m.place.kind == "region" and m.place.parent) or _COUNTRYSIDE_BEFORE.search(
                text[max(0, fstart - 30):fstart]):
            return m
    return None


def countryside(parent: Mention, gaz: Gazetteer) -> Place:
    """The 'ريف X' region of a resolved town if the gazetteer has one, else the town."""
    place = parent.place
    assert place is not None
    if place.kind == "region":
        return place
    return gaz.countryside_of.get(place.id, place)
