"""Who did what: armed actors named in Arabic news about north-east Syria.

One canonical English name per actor (stable strings used by filters, merging
and exports), found in running Arabic text whatever the outlet's wording:

* clitics in front of a name (و ف ب ل ك, and the article: 'والقوات', 'للقوات');
* hamza, alef, taa marbuta and diacritic variants (the text is folded with
  :func:`gazetteer.normalize.fold`; offsets are mapped back to the original);
* nationality adjectives in every gender and number after a military noun
  ('دورية روسية', 'رتلاً أمريكياً', 'طائرتين مسيّرتين أمريكيتين', 'الجيشين
  الأمريكي والروسي'), with up to two modifiers in between ('رتل عسكري روسي',
  'الطائرات الحربية الروسية');
* nisba plurals used as people ('الروس والأمريكان');
* named organisations ('قسد', 'تنظيم الدولة', 'الحرس الثوري', ...).

Sub-actors: 'Russian air force' (Russian aircraft) and 'Russian military
police' keep their own names, with ``parent='Russian forces'`` in
:data:`ACTORS`; :func:`side_of` puts them on the same side.

States named by their capital or country ('واشنطن', 'موسكو', 'أنقرة',
'روسيا') are returned as *metonyms* (``ActorHit.metonym``): they stand for the
state's forces only when they are the agent of a military act, which the
caller decides (see :mod:`geo.extract.roles`).

The names, nationality adjectives, unit nouns and English aliases are data, in
``data/actors.toml`` and ``data/actor_aliases.toml``, checked row by row when
this module is imported; the matching (clitics, phrase shapes, longest match)
is code, here.

Examples
--------
>>> [h.actor for h in find_actors("اعترضت دورية روسية رتلاً أمريكياً")]
['Russian forces', 'US forces']
>>> normalise_actor("قوات سوريا الديمقراطية")
'SDF'
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ahocorasick

from gazetteer.normalize import FoldedText, fold
from geo.tables import Field, load_toml_rows

from .folding import WORD_END, WORD_START, fold_letters, rx
from .lexicon import DATA_DIR, check_pattern, row_error, rows_by_name

__all__ = [
    "ACTORS", "ACTORS_FILE", "ALIASES_FILE", "SHORT_FORMS", "ActorHit", "ActorInfo", "drop_parents",
    "expand_short_forms", "find_actors", "load_actor_rows", "load_aliases", "load_modifiers", "load_names",
    "load_nations", "load_units", "normalise_actor", "side_of",
]


@dataclass(frozen=True, slots=True)
class ActorInfo:
    """What an actor is: its side in the conflict and an ACLED-like actor type."""

    name: str
    side: str  # 'us', 'russia', 'regime', 'sdf', 'turkey', 'iran', 'isis', ...
    acled_type: str  # 'State forces', 'Rebel group', 'Political militia', 'Civilians', ...
    name_ar: str = ""
    parent: str = ""  # a sub-actor's main actor ('Russian air force' -> 'Russian forces')


#: The actors' lexicon (names, nationality phrases) and the English aliases.
ACTORS_FILE = DATA_DIR / "actors.toml"
ALIASES_FILE = DATA_DIR / "actor_aliases.toml"
_ACTOR_FIELDS = (Field("name"), Field("side"), Field("acled_type"), Field("name_ar"),
                 Field("parent", default=""), Field("unit", default="",
                                                    choices=frozenset({"", "air", "police"})))


def load_actor_rows(path: str | Path = ACTORS_FILE) -> list[dict[str, Any]]:
    """The ``[[actor]]`` rows of ``path``; a parent must be an actor of the file."""
    rows = load_toml_rows(path, "actor", _ACTOR_FIELDS)
    names = [r["name"] for r in rows]
    for number, row in enumerate(rows, 1):
        if names.count(row["name"]) > 1:
            raise row_error(path, "actor", number, f"actor {row['name']!r} is given twice")
        if row["parent"] and row["parent"] not in names:
            raise row_error(path, "actor", number, f"unknown parent {row['parent']!r}")
        if row["unit"] and not row["parent"]:
            raise row_error(path, "actor", number, "a unit sub-actor needs a parent")
    return rows


_ACTOR_ROWS = load_actor_rows()

#: Canonical actor name -> information.
ACTORS: dict[str, ActorInfo] = {r["name"]: ActorInfo(r["name"], r["side"], r["acled_type"],
                                                     r["name_ar"], r["parent"])
                                for r in _ACTOR_ROWS}


@dataclass(frozen=True, slots=True)
class ActorHit:
    """An actor named in a text; offsets index the original text (clitics excluded)."""

    start: int
    end: int
    text: str
    actor: str
    metonym: bool = False  # a state named by its country or capital ('واشنطن')
    unit: str = ""  # what the nationality qualified: 'patrol', 'convoy', 'air', 'ground', 'event'


def side_of(actor: str) -> str:
    """The side of a canonical actor name ('' for an unknown name)."""
    info = ACTORS.get(actor)
    return info.side if info else ""


def drop_parents(actors: list[str]) -> list[str]:
    """``actors`` without the main actor of a sub-actor also in the list.

    >>> drop_parents(["Russian forces", "Russian air force", "US forces"])
    ['Russian air force', 'US forces']
    """
    parents = {ACTORS[a].parent for a in actors if a in ACTORS and ACTORS[a].parent}
    return [a for a in actors if a not in parents]


# --- building blocks (all on folded text) ---------------------------------------------

_B, _E = WORD_START, WORD_END
_CLITIC = r"(?:[وف]?[بلك]?)"
_ART = r"(?:ال|(?<=ل)ل)"  # the article, or its second ل after the clitic ل ('للقوات')
_A = _ART + "?"
_NISBA_END = r"(?:ي(?:ه|ين|ون|تين|تان|ا)?)"  # -ي -يه -يين -يون -يتين -يا ...
_MILITIA = r"(?:" + _A + r"مي?لي?شي(?:ا|ات)|" + _A + r"مجموع(?:ه|ات)|" + _A + r"فصائل|" + _A \
    + r"عناصر|" + _A + r"مسلحين|" + _A + r"مقاتلين|" + _A + r"قوات)"
_LINKED = _A + r"(?:تابع(?:ه|ين|ون)?|موال(?:يه|ين|ون|ي)?|مدعوم(?:ه|ين|ون)?|رديف(?:ه)?" \
    r"|مرتبط(?:ه|ين|ون)?|مقرب(?:ه|ين|ون)?)"

#: The short forms a pattern of actors.toml may use, and the regular expressions they stand for.
SHORT_FORMS: dict[str, str] = {"{ال}": _A, "{linked}": _LINKED, "{militia}": _MILITIA,
                               "{nisba}": _NISBA_END}


def expand_short_forms(pattern: str) -> str:
    """``pattern`` of actors.toml with its short forms ('{ال}', '{linked}' ...) written out.

    >>> expand_short_forms("{ال}تحالف") == "(?:ال|(?<=ل)ل)?تحالف"
    True
    """
    for short, full in SHORT_FORMS.items():
        pattern = pattern.replace(short, full)
    return pattern


_UNIT_KINDS = frozenset({"patrol", "convoy", "air", "police", "event", "ground"})
_NAME_FIELDS = (Field("actor", default=""), Field("patterns", list), Field("needles", list),
                Field("metonym", bool, default=False))
_NATION_FIELDS = (Field("key"), Field("adjective"), Field("actor"), Field("needles", list))


def load_names(path: str | Path = ACTORS_FILE) -> tuple[tuple[str | None, str, tuple[str, ...], bool], ...]:
    """(actor or None, pattern, needles, metonym) of each ``[[name]]`` row, in priority order."""
    out = []
    for number, row in enumerate(load_toml_rows(path, "name", _NAME_FIELDS), 1):
        if row["actor"] and row["actor"] not in ACTORS:
            raise row_error(path, "name", number, f"unknown actor {row['actor']!r}")
        if not row["patterns"] or not row["needles"]:
            raise row_error(path, "name", number, "patterns and needles must not be empty")
        pattern = check_pattern(expand_short_forms("|".join(row["patterns"])), path, "name", number)
        out.append((row["actor"] or None, pattern, tuple(row["needles"]), row["metonym"]))
    return tuple(out)


def load_nations(path: str | Path = ACTORS_FILE) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    """Nation key -> (adjective pattern, actor, needles) of the ``[[nation]]`` rows."""
    out: dict[str, tuple[str, str, tuple[str, ...]]] = {}
    for number, row in enumerate(load_toml_rows(path, "nation", _NATION_FIELDS), 1):
        if not re.fullmatch(r"[a-z]{2,8}", row["key"]) or row["key"] in out:
            raise row_error(path, "nation", number, f"key {row['key']!r}: 2-8 small letters, unique")
        if row["actor"] not in ACTORS:
            raise row_error(path, "nation", number, f"unknown actor {row['actor']!r}")
        adjective = check_pattern(expand_short_forms(row["adjective"]), path, "nation", number)
        out[row["key"]] = (adjective, row["actor"], tuple(fold_letters(n) for n in row["needles"]))
    return out


def load_units(path: str | Path = ACTORS_FILE) -> tuple[tuple[str, str], ...]:
    """(kind, pattern) of the ``[[unit]]`` rows: the nouns a nationality adjective qualifies."""
    fields = (Field("name", choices=_UNIT_KINDS), Field("words", list))
    rows = load_toml_rows(path, "unit", fields)
    rows_by_name(rows, path, "unit", ())
    return tuple((row["name"], check_pattern("|".join(row["words"]), path, "unit", number))
                 for number, row in enumerate(rows, 1))


def load_modifiers(path: str | Path = ACTORS_FILE) -> tuple[str, ...]:
    """The ``[[modifier]]`` words allowed between a unit noun and its nationality."""
    rows = load_toml_rows(path, "modifier", (Field("word"),))
    return tuple(check_pattern(row["word"], path, "modifier", number)
                 for number, row in enumerate(rows, 1))


_NATION_ROWS = load_nations()
_NATIONS: dict[str, tuple[str, str]] = {k: (adj, actor) for k, (adj, actor, _) in _NATION_ROWS.items()}
_ANY_NATION = "|".join(f"(?P<{k}>{v[0]})" for k, v in _NATIONS.items())

#: Military (and military-event) nouns that a nationality adjective can qualify -> unit.
_UNITS: tuple[tuple[str, str], ...] = load_units()
_UNIT_ALT = "|".join(f"(?P<u_{name}>{rx})" for name, rx in _UNITS)
_PRONOUN = r"(?:ها|هم|هما|يها|يهم)?"
_MODIFIER = _A + r"(?:" + "|".join(load_modifiers()) + ")"
_UNIT_NATION = rx(
    _B + _CLITIC + r"(?P<core>" + _A + r"(?:" + _UNIT_ALT + r")(?:ا)?" + _PRONOUN
    + r"(?:\s+" + _MODIFIER + r"){0,2}\s+" + _A + r"(?:" + _ANY_NATION + r"))" + _E
)
#: '... الأمريكي والروسي', '... الروس والأمريكيين'
_COORD = rx(r"\s*[,-]?\s*(?:و|(?:و?" + _A + r"اخري?\s+))?" + _A + r"(?:" + _ANY_NATION + r")" + _E)
#: Nisba plurals used as people: 'الروس', 'الأمريكان', 'الأتراك'.
_PEOPLE = rx(
    _B + _CLITIC + r"(?P<core>" + _ART
    + r"(?:(?P<ru>روس)|(?P<us>ا(?:مريك|ميرك)(?:ان|يين|يون))|(?P<tr>اتراك)"
    r"|(?P<ir>ايرانيين|ايرانيون)|(?P<il>اسرائيليين|اسرائيليون)))" + _E
)

#: (canonical or None to suppress, pattern, needles, metonym). Longest match wins, then order.
_NAMED: tuple[tuple[str | None, str, tuple[str, ...], bool], ...] = load_names()


@dataclass(frozen=True, slots=True)
class _Pattern:
    actor: str | None
    regex: re.Pattern[str]
    needles: tuple[str, ...]
    metonym: bool


_PATTERNS: tuple[_Pattern, ...] = tuple(
    _Pattern(actor, rx(_B + _CLITIC + r"(?P<core>(?:" + pattern + r"))" + _E),
             tuple(fold_letters(n) for n in needles), meto)
    for actor, pattern, needles, meto in _NAMED
)
_AIR_ACTOR = {r["parent"]: r["name"] for r in _ACTOR_ROWS if r["unit"] == "air"}
_POLICE_ACTOR = {r["parent"]: r["name"] for r in _ACTOR_ROWS if r["unit"] == "police"}
_NATION_NEEDLES = tuple(n for _, _, needles in _NATION_ROWS.values() for n in needles)


@dataclass(slots=True)
class _Raw:
    start: int
    end: int
    actor: str | None
    priority: int
    metonym: bool = False
    unit: str = ""


def find_actors(text: str, *, folded: FoldedText | None = None) -> list[ActorHit]:
    """Every actor named in ``text``, in text order, without overlaps.

    Parameters
    ----------
    text : str
        Arabic text (any length: a sentence or a whole article).
    folded : FoldedText, optional
        ``FoldedText.of(text)`` when the caller already has it (saves folding twice).

    Returns
    -------
    list of ActorHit
        Offsets index ``text``; the clitics in front of a name are left out of the span.

    Examples
    --------
    >>> [h.actor for h in find_actors("الجيشين الأمريكي والروسي")]
    ['US forces', 'Russian forces']
    >>> find_actors("تنظيم الدولة")[0].actor
    'ISIS'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if folded is None or folded.original != text:
        folded = FoldedText.of(text)
    raws = _raw_hits(folded.folded)  # its spaces are plain ones (the fold maps NBSP and the rest)
    hits: list[ActorHit] = []
    for raw in _longest_first(raws):
        if raw.actor is None:
            continue
        start = folded.to_original(raw.start)
        end = folded.to_original(raw.end, end=True)
        hits.append(ActorHit(start, end, text[start:end], raw.actor, raw.metonym, raw.unit))
    return hits


_WORD_RE = re.compile(r"[^\W\d_]+")
#: How many words before its needle a pattern may start.
_WORDS_BEFORE = 5


#: Needle -> the indexes in :data:`_PATTERNS` of the patterns it stands for, in order.
_PATTERNS_OF: dict[str, tuple[int, ...]] = {}
for _prio, _pat in enumerate(_PATTERNS):
    for _needle in dict.fromkeys(_pat.needles):
        _PATTERNS_OF[_needle] = (*_PATTERNS_OF.get(_needle, ()), _prio)


def _raw_hits(s: str) -> list[_Raw]:
    """Candidate hits of every pattern, tried only at word starts just before a needle.

    Only the patterns whose needles the text holds are looked at, in their order (found
    from the needles, not by asking each pattern: most patterns of most articles have
    none); a text with no needle at all is not cut into words.
    """
    positions = _needle_positions(s)
    if not positions:
        return []
    starts = [m.start() for m in _WORD_RE.finditer(s)]
    raws: list[_Raw] = []
    for prio in sorted({prio for needle in positions for prio in _PATTERNS_OF.get(needle, ())}):
        pat = _PATTERNS[prio]
        for j in _starts_near(starts, positions, pat.needles, _WORDS_BEFORE):
            m = pat.regex.match(s, starts[j])
            if m is not None:
                raws.append(_Raw(m.start("core"), m.end("core"), pat.actor, prio, pat.metonym))
    prio = len(_PATTERNS)
    for j in _starts_near(starts, positions, _NATION_NEEDLES, 0):
        raws += _phrase_ending_at(s, starts, j, prio)
    return raws


_AUTOMATON: ahocorasick.Automaton | None = None


def _needle_positions(s: str) -> dict[str, list[int]]:
    """Where each needle of every pattern starts in ``s`` (one Aho-Corasick pass)."""
    global _AUTOMATON
    if _AUTOMATON is None:
        automaton = ahocorasick.Automaton()
        for needle in {n for p in _PATTERNS for n in p.needles} | set(_NATION_NEEDLES):
            automaton.add_word(needle, needle)
        automaton.make_automaton()
        _AUTOMATON = automaton
    out: dict[str, list[int]] = {}
    for end, needle in _AUTOMATON.iter(s):
        out.setdefault(needle, []).append(end - len(needle) + 1)
    return out


def _starts_near(starts: list[int], positions: dict[str, list[int]], needles: tuple[str, ...],
                 before: int) -> list[int]:
    """Indexes of the words holding a needle and of the ``before`` words in front of each."""
    found: set[int] = set()
    for needle in needles:
        for pos in positions.get(needle, ()):
            k = bisect.bisect_right(starts, pos) - 1
            found.update(range(max(0, k - before), k + 1))
    return sorted(found)


def _phrase_ending_at(s: str, starts: list[int], k: int, prio: int) -> list[_Raw]:
    """A nationality word (word ``k``) as the end of 'unit (modifier){0,2} nationality'."""
    end = starts[k]
    while end < len(s) and s[end].isalpha():
        end += 1
    for j in range(max(0, k - 3), k):  # the longest phrase first
        m = _UNIT_NATION.match(s, starts[j], end)
        if m is not None and m.end() == end:
            return _nation_hit(s, m, prio)
    m = _PEOPLE.match(s, starts[k], end)
    return _nation_hit(s, m, prio) if m is not None else []


def _nation_hit(s: str, m: re.Match[str], prio: int) -> list[_Raw]:
    unit = next((k[2:] for k, v in m.groupdict().items() if v and k.startswith("u_")), "")
    nation = _nation_of(m)
    if nation is None or (nation == "sy" and unit not in ("ground", "air", "patrol", "convoy")):
        return []
    out = [_Raw(m.start("core"), m.end("core"), _nation_actor(nation, unit), prio,
                unit=unit or "ground")]
    pos = m.end()
    while (c := _COORD.match(s, pos)) is not None:
        nation2 = _nation_of(c)
        if nation2 is None:
            break
        start = c.start() + len(c.group(0)) - len(c.group(0).lstrip(" ,و"))
        out.append(_Raw(start, c.end(), _nation_actor(nation2, unit), prio, unit=unit or "ground"))
        pos = c.end()
    return out


def _nation_of(m: re.Match[str]) -> str | None:
    groups = m.groupdict()  # once: a dict of every named group, not one per nation
    for key in _NATIONS:
        if groups.get(key):
            return key
    return None


def _nation_actor(nation: str, unit: str) -> str:
    actor = _NATIONS[nation][1]
    if unit == "air":
        return _AIR_ACTOR.get(actor, actor)
    if unit == "police":
        return _POLICE_ACTOR.get(actor, actor)
    return actor


def _longest_first(raws: list[_Raw]) -> list[_Raw]:
    """Keep the longest of overlapping hits (then the earlier pattern); text order out."""
    raws.sort(key=lambda r: (-(r.end - r.start), r.priority, r.start))
    taken = bytearray(max((r.end for r in raws), default=0) + 1)  # 1: inside a kept hit
    begins = bytearray(len(taken))  # 1: a kept hit starts here
    kept: list[_Raw] = []
    for r in raws:
        if _free(taken, begins, r.start, r.end):
            kept.append(r)
            taken[r.start:r.end] = b"\x01" * (r.end - r.start)
            begins[r.start] = 1
    kept.sort(key=lambda r: r.start)
    return kept


def _free(taken: bytearray, begins: bytearray, start: int, end: int) -> bool:
    """No kept hit overlaps ``[start, end)``.

    Why a mark per character instead of comparing with every kept hit: that made
    the pass quadratic in the number of actors named in an article. Hits are a few
    words long, so marking costs about the length of the text. An empty hit
    overlaps a kept one only strictly inside it (both neighbours marked, not a start).
    """
    if start < end:
        return 1 not in taken[start:end]
    return not (start > 0 and taken[start - 1] and taken[start] and not begins[start])


# --- normalising a name -------------------------------------------------------------------


def load_aliases(path: str | Path = ALIASES_FILE) -> dict[str, str]:
    """English alias -> canonical actor, from the ``alias`` rows of ``path``."""
    out: dict[str, str] = {}
    for number, row in enumerate(load_toml_rows(path, "alias", (Field("alias"), Field("actor"))), 1):
        if row["actor"] not in ACTORS:
            raise row_error(path, "alias", number, f"unknown actor {row['actor']!r}")
        out[row["alias"]] = row["actor"]
    return out


_ENGLISH_ALIASES: dict[str, str] = load_aliases()
_ENGLISH = {fold(k): v for k, v in _ENGLISH_ALIASES.items()} | {fold(k): k for k in ACTORS}


def normalise_actor(text: str) -> str | None:
    """The canonical actor a short name denotes, or None.

    Accepts Arabic surface forms ('والقوات الأميركية', 'تنظيم "الدولة"'), the
    canonical English names and common English aliases ('Coalition', 'YPG').

    Examples
    --------
    >>> normalise_actor("الجيش الأمريكي")
    'US forces'
    >>> normalise_actor("Daesh")
    'ISIS'
    >>> normalise_actor("طقس") is None
    True
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    key = " ".join(fold(text).split())
    if not key:
        return None
    if key in _ENGLISH:
        return _ENGLISH[key]
    hits = find_actors(text)
    if not hits:
        return None
    letters = sum(ch.isalpha() for ch in text)
    best = max(hits, key=lambda h: h.end - h.start)
    covered = sum(ch.isalpha() for ch in best.text)
    return best.actor if covered * 2 >= letters else None
