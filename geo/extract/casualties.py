"""Casualties a sentence states: how many killed, how many injured.

Why a module: 'مقتل ثلاثة عناصر', 'خمسة قتلى', 'أودت بحياة', 'قُتل جندي', 'إصابة
شخصين', 'لقي 3 عناصر مصرعهم', 'وأصيب ثالث بجروح' are counted (the largest count of each
kind in the sentence), negated counts ('لم يسفر عن إصابات') are not, and vague ones
('عشرات الجرحى') or joint ones ('مقتل وجرح 7') are noted for the analyst rather than
guessed. The number words, person words and casualty words are
data, in ``data/casualties.toml``; :data:`COUNT` and the person patterns are also
used to tell a victim from an attacker (:mod:`.roles`).
"""

from __future__ import annotations

import re
from pathlib import Path

from geo.tables import Field, load_toml_rows

from .folding import rx
from .gates import Gate
from .lexicon import DATA_DIR, row_error

__all__ = ["CASUALTIES_FILE", "COUNT", "ONE_PERSON", "TWO_PERSONS", "casualties", "load_casualty_words"]

#: The casualty lexicon.
CASUALTIES_FILE = DATA_DIR / "casualties.toml"
_TABLES = {
    "number": (Field("word"), Field("value", int, default=None)),
    "person": (Field("word"), Field("count", int, choices=frozenset({1, 2}))),
    "casualty_word": (Field("word"), Field("counts", choices=frozenset({"killed", "injured"}))),
    "about": (Field("words"),),
    "dual": (Field("word"), Field("counts", choices=frozenset({"killed", "injured"}))),
}


def load_casualty_words(path: str | Path = CASUALTIES_FILE) -> dict[str, list[dict]]:
    """Every table of the casualty lexicon at ``path``, checked row by row.

    Words are kept as written: the patterns fold them (:func:`.folding.rx`), but a number
    word is looked up as written, so one spelled with a letter folding changes ('مائه')
    is found and noted, not counted (as it always was).
    """
    out = {table: load_toml_rows(path, table, fields) for table, fields in _TABLES.items()}
    for table, rows in out.items():
        for number, row in enumerate(rows, 1):
            key = "words" if table == "about" else "word"
            if not re.fullmatch(r"[^\W\d_]+(?: [^\W\d_]+)*", row[key]):
                raise row_error(path, table, number, f"{row[key]!r}: letters and single spaces only")
    return out


_WORDS = load_casualty_words()
_NUMBER_WORDS = {r["word"]: r["value"] for r in _WORDS["number"] if r["value"] is not None}
_VAGUE_NUMBERS = frozenset(r["word"] for r in _WORDS["number"] if r["value"] is None)
_QUANT = r"(?:(?:" + "|".join(r["words"] for r in _WORDS["about"]) + r")\s+)?"
#: A count (group 'n'): digits, a number word or a vague quantity.
COUNT = (r"(?P<n>\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + "|"
         + "|".join(_VAGUE_NUMBERS) + r")(?![^\W\d_])")
#: 'مدنيين اثنين': the number two after its noun.
_TWO = r"(?:اثنين|اثنان|اثنتين|اثنتان)(?![^\W\d_])"
#: One person ('جندي', 'مدني' ...) and two persons ('جنديين' ...).
ONE_PERSON = "(?:" + "|".join(r["word"] for r in _WORDS["person"] if r["count"] == 1) + ")"
TWO_PERSONS = "(?:" + "|".join(r["word"] for r in _WORDS["person"] if r["count"] == 2) + ")"
_KILL = "(?:" + "|".join(r["word"] for r in _WORDS["casualty_word"] if r["counts"] == "killed") + ")"
_HURT = "(?:" + "|".join(r["word"] for r in _WORDS["casualty_word"] if r["counts"] == "injured") + ")"
_CASUALTY_RES: tuple[tuple[str, re.Pattern[str], int | None], ...] = (
    ("killed", rx(r"(?<![^\W\d_])[وفلب]?" + _KILL + r"\s+" + _QUANT + COUNT), None),
    ("killed", rx(r"(?<![^\W\d_])و?" + _QUANT + COUNT + r"\s+(?:من \S+\s+)?(?:ال)?(?:قتلي|قتيلا|قتيل|ضحايا"
                  r"|ضحيه|اشخاص قتلوا|قتلوا)(?![^\W\d_])"), None),
    ("killed", rx(r"(?<![^\W\d_])[وفلب]?" + _KILL + r"\s+" + ONE_PERSON + r"(?![^\W\d_])"), 1),
    ("killed", rx(r"(?<![^\W\d_])[وفلب]?" + _KILL + r"\s+" + TWO_PERSONS + r"(?![^\W\d_])"), 2),
    ("killed", rx(r"اودت(?: \S+){0,8} بحياه"), 1),
    ("killed", rx(r"(?<![^\W\d_])(?:ان|بان|انه)\s+\S+\s+قتل\s+(?:خلال|في|اثناء|جراء|اثر|ب)"), 1),
    ("injured", rx(r"(?<![^\W\d_])[وفلب]?" + _HURT + r"\s+" + _QUANT + COUNT), None),
    ("injured", rx(r"(?<![^\W\d_])و?" + _QUANT + COUNT + r"\s+(?:من \S+\s+)?(?:ال)?(?:جرحي|جريحا|جريح"
                   r"|مصابين|مصابا|اصابات|اخرين بجروح|بجروح)(?![^\W\d_])"), None),
    ("injured", rx(r"(?<![^\W\d_])[وفلب]?" + _HURT + r"\s+" + ONE_PERSON + r"(?![^\W\d_])"), 1),
    ("injured", rx(r"(?<![^\W\d_])[وفلب]?" + _HURT + r"\s+" + TWO_PERSONS + r"(?![^\W\d_])"), 2),
    ("killed", rx(r"(?<![^\W\d_])[وف]?لق(?:ي|يت|وا)\s+" + _QUANT + COUNT
                  + r"(?:\s+\S+){0,5}?\s+(?:مصرع|حتف)"), None),
    ("killed", rx(r"(?<![^\W\d_])[وف]?لق(?:ي|يت)\s+" + ONE_PERSON
                  + r"(?:\s+\S+){0,5}?\s+(?:مصرع|حتف)"), 1),
    ("killed", rx(r"(?<![^\W\d_])[وف]?لقي(?:ا|تا)\s+(?:مصرع|حتف)"), 2),
    ("killed", rx(r"(?<![^\W\d_])[وف]?لق(?:ي|يت|يا|وا)\s+" + TWO_PERSONS
                  + r"(?:\s+\S+){0,5}?\s+(?:مصرع|حتف)"), 2),
    # 'قتلت القوات التركية 3 عناصر': a killer named between the verb and the count
    ("killed", rx(r"(?<![^\W\d_])[وف]?قتل(?:ت|وا) (?:ال)?"
                  r"(?:قوات|طائر|مسير|جيش|عناصر|خلي|خلايا|مدفعي|مسلح)\S*(?: \S+){0,2}? "
                  + COUNT + r" (?:من )?(?:ال)?"
                  r"(?:عناصر|جنود|مدنيين|مقاتلين|اشخاص|افراد|عنصر|جنديا|مدنيا)"), None),
    # 'مقتل مدنيين اثنين': the number after its noun
    ("killed", rx(r"(?<![^\W\d_])[وفلب]?" + _KILL + r"\s+\S+\s+" + _TWO), 2),
    ("injured", rx(r"(?<![^\W\d_])[وفلب]?" + _HURT + r"\s+\S+\s+" + _TWO), 2),
    *((r["counts"], rx(r"(?<![^\W\d_])[وفب]?(?:ال)?" + r["word"] + r"(?![^\W\d_])"), 2)
      for r in _WORDS["dual"]),
)
#: Each pattern with the words its matches hold: a sentence without them is not searched
#: (:mod:`.gates`; most sentences name no dual, 'قتيلين').
_GATES = tuple(Gate(regex) for _, regex, _ in _CASUALTY_RES)
#: 'مقتل وجرح 5', '5 قتلى وجرحى', 'بين قتيل وجريح': one count for both, not split.
_COMBINED_RES = (
    rx(r"(?<![^\W\d_])[وفلب]?" + _KILL + r"\s+و(?:" + _HURT + r")\s+" + _QUANT + COUNT),
    rx(r"(?<![^\W\d_])" + _QUANT + COUNT + r"\s+(?:من \S+\s+)?(?:بين )?(?:ال)?(?:قتلي|قتيلا|قتيل)"
       r"\s+و(?:ال)?(?:جرحي|جريحا|جريح|مصابين)"),
)
#: A count followed by an injured word counts the injured, whatever verb is before it
#: ('سقوط 3 جرحى' is not three killed).
_INJURED_AFTER_RE = rx(r"^\s*(?:من \S+\s+)?(?:ال)?(?:جرحي|جريحا|جريح|مصابين|مصابا|بجروح)(?![^\W\d_])")
_CASUALTY_HINT_RE = rx(r"قتل|مقتل|مصرع|حتف|استشهاد|استشهد|وفاه|قتيل|ضحايا|ضحيه|اصاب|اصيب|جرح|جريح|مصاب|حياه")
_CASUALTY_NEG_RE = rx(r"(?<![^\W\d_])(?:لم|لا|دون|بدون|عدم|اي|ولم|ولا)(?:\s+\S+){0,2}\s*$")


#: The last sentence counted and its counts: an article's events of one sentence (a strike and
#: the clash after it) ask for the same sentence's counts one after the other.
_LAST: list[tuple[str, tuple[int | None, int | None, list[str]]]] = []


def casualties(text: str) -> tuple[int | None, int | None, list[str]]:
    """(killed, injured, notes) stated in a folded sentence; negated counts are ignored.

    The notes are a new list on every call (the caller adds its own to them)."""
    if _LAST and _LAST[0][0] == text:
        killed, injured, notes = _LAST[0][1]
        return killed, injured, list(notes)
    found = _count(text)
    _LAST[:] = [(text, (found[0], found[1], list(found[2])))]
    return found


def _count(text: str) -> tuple[int | None, int | None, list[str]]:
    """The work of :func:`casualties` for a sentence not just counted."""
    best: dict[str, int] = {}
    notes: list[str] = []
    if not _CASUALTY_HINT_RE.search(text):
        return None, None, notes
    text = _set_aside_combined(text, notes)
    for (kind, regex, fixed), gate in zip(_CASUALTY_RES, _GATES, strict=True):
        if gate.absent(text):
            continue
        for m in regex.finditer(text):
            if _CASUALTY_NEG_RE.search(text[:m.start()]):
                continue
            if kind == "killed" and fixed is None and _INJURED_AFTER_RE.match(text[m.end():]):
                continue
            if fixed is not None:
                n: int | None = fixed
            else:
                word = m.group("n")
                n = int(word) if word.isdigit() else _NUMBER_WORDS.get(word)
                if n is None:
                    notes.append(f"{kind}: '{m.group(0).strip()}' (no number)")
                    continue
            if n is not None and n < 100000:
                best[kind] = max(best.get(kind, 0), n)
    return best.get("killed"), best.get("injured"), notes


def _set_aside_combined(text: str, notes: list[str]) -> str:
    """``text`` with killed-and-injured counts blanked out, each noted for the analyst.

    'أسفر عن مقتل وجرح 7 عناصر' gives one count for both: counting it as 7 injured (or
    7 killed) would be a guess.
    """
    for regex in _COMBINED_RES:
        for m in regex.finditer(text):
            if not _CASUALTY_NEG_RE.search(text[:m.start()]):
                notes.append(f"killed and injured together: '{m.group(0).strip()}' (not split)")
            text = text[:m.start()] + " " * (m.end() - m.start()) + text[m.end():]
    return text
