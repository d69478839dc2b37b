"""Casualties a sentence states: how many killed, how many injured.

Why a module: 'مقتل ثلاثة عناصر', 'خمسة قتلى', 'أودت بحياة', 'قُتل جندي', 'إصابة
شخصين' are counted (the largest count of each kind in the sentence), negated counts
('لم يسفر عن إصابات') are not, and vague ones ('عشرات الجرحى') are noted for the
analyst rather than guessed. The number words, person words and casualty words are
data, in ``data/casualties.toml``; :data:`COUNT` and the person patterns are also
used to tell a victim from an attacker (:mod:`.roles`).
"""

from __future__ import annotations

import re
from pathlib import Path

from geo.tables import Field, load_toml_rows

from .folding import rx
from .lexicon import DATA_DIR, row_error

__all__ = ["CASUALTIES_FILE", "COUNT", "ONE_PERSON", "TWO_PERSONS", "casualties", "load_casualty_words"]

#: The casualty lexicon.
CASUALTIES_FILE = DATA_DIR / "casualties.toml"
_TABLES = {
    "number": (Field("word"), Field("value", int, default=None)),
    "person": (Field("word"), Field("count", int, choices=frozenset({1, 2}))),
    "casualty_word": (Field("word"), Field("counts", choices=frozenset({"killed", "injured"}))),
    "about": (Field("words"),),
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
#: One person ('جندي', 'مدني' ...) and two persons ('جنديين' ...).
ONE_PERSON = "(?:" + "|".join(r["word"] for r in _WORDS["person"] if r["count"] == 1) + ")"
TWO_PERSONS = "(?:" + "|".join(r["word"] for r in _WORDS["person"] if r["count"] == 2) + ")"
_KILL = "(?:" + "|".join(r["word"] for r in _WORDS["casualty_word"] if r["counts"] == "killed") + ")"
_HURT = "(?:" + "|".join(r["word"] for r in _WORDS["casualty_word"] if r["counts"] == "injured") + ")"
_CASUALTY_RES: tuple[tuple[str, re.Pattern[str], int | None], ...] = (
    ("killed", rx(r"(?<![^\W\d_])[وفلب]?" + _KILL + r"\s+" + _QUANT + COUNT), None),
    ("killed", rx(r"(?<![^\W\d_])" + _QUANT + COUNT + r"\s+(?:من \S+\s+)?(?:ال)?(?:قتلي|قتيلا|قتيل|ضحايا"
                  r"|ضحيه|اشخاص قتلوا|قتلوا)(?![^\W\d_])"), None),
    ("killed", rx(r"(?<![^\W\d_])[وفلب]?" + _KILL + r"\s+" + ONE_PERSON + r"(?![^\W\d_])"), 1),
    ("killed", rx(r"(?<![^\W\d_])[وفلب]?" + _KILL + r"\s+" + TWO_PERSONS + r"(?![^\W\d_])"), 2),
    ("killed", rx(r"اودت(?: \S+){0,8} بحياه"), 1),
    ("killed", rx(r"(?<![^\W\d_])(?:ان|بان|انه)\s+\S+\s+قتل\s+(?:خلال|في|اثناء|جراء|اثر|ب)"), 1),
    ("injured", rx(r"(?<![^\W\d_])[وفلب]?" + _HURT + r"\s+" + _QUANT + COUNT), None),
    ("injured", rx(r"(?<![^\W\d_])" + _QUANT + COUNT + r"\s+(?:من \S+\s+)?(?:ال)?(?:جرحي|جريحا|جريح"
                   r"|مصابين|مصابا|اصابات|اخرين بجروح|بجروح)(?![^\W\d_])"), None),
    ("injured", rx(r"(?<![^\W\d_])[وفلب]?" + _HURT + r"\s+" + ONE_PERSON + r"(?![^\W\d_])"), 1),
    ("injured", rx(r"(?<![^\W\d_])[وفلب]?" + _HURT + r"\s+" + TWO_PERSONS + r"(?![^\W\d_])"), 2),
)
_CASUALTY_HINT_RE = rx(r"قتل|مقتل|مصرع|استشهاد|وفاه|قتيل|ضحايا|ضحيه|اصاب|اصيب|جرح|جريح|مصاب|حياه")
_CASUALTY_NEG_RE = rx(r"(?<![^\W\d_])(?:لم|لا|دون|بدون|عدم|اي|ولم|ولا)(?:\s+\S+){0,2}\s*$")


def casualties(text: str) -> tuple[int | None, int | None, list[str]]:
    """(killed, injured, notes) stated in a folded sentence; negated counts are ignored."""
    best: dict[str, int] = {}
    notes: list[str] = []
    if not _CASUALTY_HINT_RE.search(text):
        return None, None, notes
    for kind, regex, fixed in _CASUALTY_RES:
        for m in regex.finditer(text):
            if _CASUALTY_NEG_RE.search(text[:m.start()]):
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
