"""Cue words a sentence is checked for, read from ``data/cues.toml``, and their regexes.

Why apart: whether a trigger reports an event often depends on other words of its
sentence (a patrol for an obstruction, aircraft for an airstrike, a threat or a
denial before it). Those word lists are data an analyst extends; this module checks
them (every list present once, every pattern valid) and builds each regex exactly
as the triggers (:mod:`.triggers`), the rejections (:mod:`.rejections`) and the
routes (:mod:`.routes`) use it. Lists marked 'whole words' in the file are wrapped
here in word edges, with the clitics they allow.
"""

from __future__ import annotations

import re
from pathlib import Path

from geo.tables import Field, load_toml_rows

from .folding import WORD_END, WORD_START, fold_letters, rx
from .lexicon import DATA_DIR, check_pattern, rows_by_name

__all__ = [
    "AIR_RE", "AIRLIFT_RE", "ARTILLERY_RE", "ATTACK_RE", "ATTRIBUTE_RE", "ATTRIBUTED_RE", "BACKGROUND_RE",
    "BY_DEAL_RE", "CAUSE_RE",
    "CUES_FILE",
    "DENIAL_RE", "DUAL_RE", "FALSEHOOD_RE",
    "EXPLOSIVE_RE", "FIGHTING_RE",
    "DESCRIPTION_RE", "DRILL_RE", "FORECAST_RE", "GENERAL_RE", "GUNMEN_RE", "HABITUAL_RE", "HAPPENED_RE",
    "HEALTH_RE", "HELI_RE", "HYPOTHETICAL_RE", "MIL_WORD_RE", "NATIONWIDE_RE", "NEG_WORDS",
    "NOT_MIL_SUBJECT_RE",
    "NOT_NEG_AFTER",
    "OFFICIALS_RE", "OUTCOME_WORDS", "PATROL_RE", "REFERENCE_RE", "ROAD_RE", "SAYING_VERBS", "SIGNED_RE",
    "SMALL_ARMS_RE",
    "SOLDIERS_RE",
    "SPAN_RE", "SUMMARY_RE",
    "load_cues",
]

#: The cue lexicon.
CUES_FILE = DATA_DIR / "cues.toml"

#: How each list becomes a pattern: '{}' is the list's words as alternatives.
_SHAPES: dict[str, str] = {
    "patrol": "(?:{})", "road": "{}", "airlift": "{}", "air": "{}", "artillery": "{}", "heli": "{}",
    "small_arms": "{}",
    "soldiers": "{}", "officials": "{}", "dual": "{}",
    "fighting": "{}", "explosive": "{}", "attack": "{}",
    "gunmen": WORD_START + "[وفب]?(?:ال)?(?:{})" + WORD_END,
    "happened": WORD_START + "[وف]?(?:{})" + WORD_END, "signed": "{}", "military": "{}",
    "not_military": WORD_START + "(?:ال)?(?:{})" + WORD_END,
    "drill": WORD_START + "[وفبل]?(?:ال)?(?:{})" + WORD_END,
    "health": WORD_START + "(?:ال)?(?:{})" + WORD_END,
    "hypothetical": WORD_START + "[وف]?(?:{})" + WORD_END,
    "denial": WORD_START + "[وف]?(?:{})" + WORD_END,
    "falsehood": WORD_START + "[وف]?(?:{})" + WORD_END,
    "habitual": WORD_START + "[وف]?(?:{})" + WORD_END,
    "general": WORD_START + "[وف]?(?:{})" + WORD_END,
    "cause": WORD_START + "[وف]?(?:{})" + WORD_END,
    "description": r"^\W*[وف]?(?:{})" + WORD_END,
    "summary": WORD_START + "[وف]?(?:{})" + WORD_END,
    "span": WORD_START + "[وف]?(?:{})" + WORD_END,
    # each pattern ends as its words need ('سبق لنقاط الجيش': the ل is the next word's)
    "background": WORD_START + "[وف]?(?:{})",
    "forecast": WORD_START + "[وف]?(?:{})" + WORD_END + r"(?:\s+\S+){{0,8}}\s*$",
    # matched right after an event noun ('القصف التركي', 'الهجوم بطائرات مسيرة'), one word a time
    "attribute": r"\s+(?:ال|بال|ب)?(?:{})" + WORD_END,
    # the words right before an event noun (searched in the text before it, with one letter added)
    "reference": WORD_START + "[وف]?(?:{})" + r"\s+\S+$",
}
#: Lists of plain words, compared one by one (no pattern).
_WORD_SETS = ("negation", "not_negation", "outcome")


def load_cues(path: str | Path = CUES_FILE) -> dict[str, str | frozenset[str]]:
    """Cue name -> its pattern (not compiled), or its set of folded words for a word list."""
    fields = (Field("name", choices=frozenset(_SHAPES) | frozenset(_WORD_SETS)),
              Field("note", default=""), Field("words", list))
    rows = load_toml_rows(path, "cue", fields)
    named = rows_by_name(rows, path, "cue", (*_SHAPES, *_WORD_SETS))
    number = {row["name"]: k for k, row in enumerate(rows, 1)}
    out: dict[str, str | frozenset[str]] = {}
    for name, shape in _SHAPES.items():
        pattern = shape.format("|".join(named[name]["words"]))
        out[name] = check_pattern(pattern, path, "cue", number[name])
    for name in _WORD_SETS:
        out[name] = frozenset(fold_letters(w) for w in named[name]["words"])
    return out


_CUES = load_cues()


def _cue_rx(name: str) -> re.Pattern[str]:
    pattern = _CUES[name]
    assert isinstance(pattern, str)
    return rx(pattern)


def _cue_words(name: str) -> frozenset[str]:
    words = _CUES[name]
    assert isinstance(words, frozenset)
    return words


# --- conditions of triggers (the 'need' of triggers.toml) and the type of a strike ---------

PATROL_RE = _cue_rx("patrol")
ROAD_RE = _cue_rx("road")
AIR_RE = _cue_rx("air")
AIRLIFT_RE = _cue_rx("airlift")
ARTILLERY_RE = _cue_rx("artillery")
SMALL_ARMS_RE = _cue_rx("small_arms")
HELI_RE = _cue_rx("heli")
SOLDIERS_RE = _cue_rx("soldiers")
OFFICIALS_RE = _cue_rx("officials")
DUAL_RE = _cue_rx("dual")
HAPPENED_RE = _cue_rx("happened")
SIGNED_RE = _cue_rx("signed")
MIL_WORD_RE = _cue_rx("military")
FIGHTING_RE = _cue_rx("fighting")
EXPLOSIVE_RE = _cue_rx("explosive")
GUNMEN_RE = _cue_rx("gunmen")
ATTACK_RE = _cue_rx("attack")
NOT_MIL_SUBJECT_RE = _cue_rx("not_military")
DRILL_RE = _cue_rx("drill")
HEALTH_RE = _cue_rx("health")
#: A sentence telling what a source said: 'وأفادت وكالة الأناضول ... بأن', 'وقال مراسل ...: إن',
#: 'وبحسب مصادر محلية، ...'.
#: The verbs of a source's saying, a sentence's first word (folded).
SAYING_VERBS = (r"قال|قالت|ذكر|ذكرت|افاد|افادت|اكد|اكدت|اوضح|اوضحت|اشار|اشارت|نقل|نقلت"
                r"|كشف|كشفت|اضاف|اضافت|تابع|تابعت|بين|بينت")
ATTRIBUTED_RE = rx(r"^\W*[وف]?(?:" + SAYING_VERBS + r")(?![^\W\d_])[^.!؟]*?"
                    r"(?<![^\W\d_])(?:ان|بان|انه|بانه)(?![^\W\d_])"
                    r"|^\W*[وف]?(?:بحسب|حسب|وفقا ل|طبقا ل|نقلا عن)")

#: Over the whole country or many provinces: 'في مختلف المحافظات السورية', 'على مستوى البلاد'.
#: A sentence that spreads its events so is a tally: its places are not one event's.
NATIONWIDE_RE = rx(r"(?<![^\W\d_])(?:(?:في|ب|علي)\s+(?:مختلف|كافه|جميع|عموم|معظم)\s+"
                   r"(?:ال)?(?:محافظات|مناطق|مدن)|علي\s+مستوي\s+(?:ال)?(?:بلاد|سوريا|محافظات|دوله))(?![^\W\d_])")

#: Under a deal: 'بموجب اتفاق', 'وفق اتفاق', 'بالاتفاق مع', 'باتفاق مع'.
BY_DEAL_RE = rx(r"(?<![^\W\d_])(?:بموجب|وفق|وفقا ل|تنفيذا ل|بعد)\s*(?:ال)?اتفاق"
                r"|(?<![^\W\d_])ب(?:ال)?اتفاق مع")

# --- uses of a trigger word that report no event ---------------------------------------------

HYPOTHETICAL_RE = _cue_rx("hypothetical")
DENIAL_RE = _cue_rx("denial")
#: A verdict of falsehood told after what it judges ('... هو عارٍ عن الصحة').
FALSEHOOD_RE = _cue_rx("falsehood")
HABITUAL_RE = _cue_rx("habitual")
GENERAL_RE = _cue_rx("general")
#: The cause of a protest: it governs its own clause only (:mod:`.rejections`).
CAUSE_RE = _cue_rx("cause")
#: A sentence opening with where a place lies ('وتقع مدينة جرابلس في ...'): geography.
DESCRIPTION_RE = _cue_rx("description")
SUMMARY_RE = _cue_rx("summary")
SPAN_RE = _cue_rx("span")
#: An event told as background ('وكان ... قد', 'سبق أن', 'في وقت سابق'): the one home of this
#: grammar, for :mod:`.rejections` (no news) and :mod:`.dating` (no borrowed date).
BACKGROUND_RE = _cue_rx("background")
FORECAST_RE = _cue_rx("forecast")
NEG_WORDS = _cue_words("negation")
NOT_NEG_AFTER = _cue_words("not_negation")
OUTCOME_WORDS = _cue_words("outcome")

# --- a definite event noun: an event of its own, or one told before ----------------------------

ATTRIBUTE_RE = _cue_rx("attribute")
REFERENCE_RE = _cue_rx("reference")
