"""The conditions a trigger's row may set on its sentence (its ``need`` in triggers.toml).

Why a module: a trigger word alone often says too little ('دورية' may be a police round,
'قصف' a word of politics); its row names a condition the sentence must meet ('patrol':
a patrol word, 'mil_near': a military word or a force near the word, 'fighting': words of
fighting and no deal). Each condition is one small check here, read by
:mod:`.triggers` for every match.
"""

from __future__ import annotations

import re

from .actors import side_of
from .cues import (
    AIR_RE,
    AIRLIFT_RE,
    ATTACK_RE,
    BY_DEAL_RE,
    DRILL_RE,
    DUAL_RE,
    FIGHTING_RE,
    GUNMEN_RE,
    HAPPENED_RE,
    HEALTH_RE,
    HELI_RE,
    MIL_WORD_RE,
    NOT_MIL_SUBJECT_RE,
    OFFICIALS_RE,
    PATROL_RE,
    ROAD_RE,
    SIGNED_RE,
    SOLDIERS_RE,
)
from .document import Doc
from .folding import rx
from .sentences import Sentence, clause_of

__all__ = ["need_ok"]


def need_ok(doc: Doc, s: Sentence, need: str, m: re.Match[str], text: str) -> bool:
    """Does the sentence meet a trigger's ``need`` (see the header of triggers.toml)?"""
    check = _NEED_CHECKS.get(need)
    return True if check is None else check(doc, s, m, text)


def _no_air_near(doc: Doc, s: Sentence, m: re.Match[str], text: str) -> bool:
    near = text[max(0, m.start() - 20):m.end() + 30]
    return not re.search(r"طائر|مسير|في الجو|مقاتل", near)


def _patrol(doc: Doc, s: Sentence, m: re.Match[str], text: str) -> bool:
    return bool(PATROL_RE.search(text)) and not re.match(
        r"\s*(?:ال)?(?:طائر|مقاتل|مسير|مروحي|صاروخ)", text[m.end():])


def _a_strike(text: str, m: re.Match[str]) -> bool:
    """'قصف الجيش ... في أول عملية عسكرية': the operation is the strike its clause tells,
    not a landing (unless the clause says إنزال or مداهمة)."""
    lo, hi = clause_of(text, m.start())
    part = text[lo:hi]
    return bool(_STRIKE_WORD_RE.search(part)) and "انزال" not in part and "مداهم" not in part


_STRIKE_WORD_RE = rx(r"قصف|غار(?:ه|ات)|ضرب(?:ه|ات)|استهدف")


def _two_sides(doc: Doc, s: Sentence, m: re.Match[str], text: str) -> bool:
    sides = {side_of(h.actor) for h in doc.in_sentence(doc.actors, s) if not h.metonym} - {""}
    return len(sides) >= 2 or bool(DUAL_RE.search(text) and SOLDIERS_RE.search(text))


#: A picture that shows what follows ('أظهر شريط فيديو دخول وحدات الجيش'), news that it happened
#: ('وردت أنباء عن أن سيارات عسكرية ... توجهت'): the event it shows or reports stands; a picture
#: or a news word is no event only as what spread ('انتشار صور ...').
_SHOWS_RE = rx(r"(?<![^\W\d_])(?:[وف]?(?:اظهر(?:ت)?|يظهر|تظهر|وثق(?:ت)?|يوثق|توثق|بين(?:ت)?|يبين|تبين)"
               r"(?:\s+\S+){0,3}|(?:انباء|انبا|اخبار|انباءا)\s+(?:عن\s+)?(?:ان|بان)(?:\s+\S+){0,1})\s+$")


def _state_near(doc: Doc, s: Sentence, m: re.Match[str], text: str) -> bool:
    """As :func:`_military_near`, or a state named by its name or its capital right by the
    trigger ('أغلق النظام معابر تربط مناطق سيطرته بمناطق قسد'): closing a crossing is a
    state's act, whoever carries it out."""
    if _military_near(doc, s, m, text):
        return True
    if NOT_MIL_SUBJECT_RE.search(text) or HEALTH_RE.search(text):
        return False  # a health measure ('للحد من انتشار فيروس كورونا'), not a force's act
    at = s.to_original(m.start(), m.end())[0]
    return any(h.metonym and abs(h.start - at) < 30 for h in doc.in_sentence(doc.actors, s))


def _military_near(doc: Doc, s: Sentence, m: re.Match[str], text: str) -> bool:
    # a verb joined by 'و' goes on with the subject of the one before ('قدمت 3 مدرعات تابعة
    # لجيش الاحتلال من قاعدة قسرك بمحيط بلدة تل تمر، وتمركزت بالقرب من جسر الدردارة')
    reach = 120 if text[max(0, m.start() - 1):m.start()] == "و" else 30
    if _SAME_SUBJECT_RE.search(text, max(0, m.start() - 14), m.start()) or _PRONOUN_END_RE.match(m.group(0)):
        # 'كما أنهم انسحبوا', 'استكملت انسحابها': the pronoun's force is named before, however far
        reach = m.start()
        at = s.to_original(m.start(), m.end())[0]
        if any(not h.metonym and h.start < at for h in doc.in_sentence(doc.actors, s)):
            return True
    window = text[max(0, m.start() - reach):m.end() + 40]
    if NOT_MIL_SUBJECT_RE.search(text[max(0, m.start() - 25):m.end() + 15]) and not _SHOWS_RE.search(
            text, max(0, m.start() - 30), m.start()):
        return False
    if MIL_WORD_RE.search(window) or any(abs(h.start - s.to_original(m.start(), m.end())[0]) < 50
                                         for h in doc.in_sentence(doc.actors, s) if not h.metonym):
        return True
    if _LOADED_WITH_ARMS_RE.search(text, m.end(), m.end() + 160):
        return True
    # a sentence going on from the one before with no subject of its own ('وانتشرت قسد في ريف
    # دير الزور مساء أمس. بينما أكملت انتشارها اليوم في المدينة'): that one's forces
    if _GOES_ON_RE.match(text) and m.start() < 40 and s.index > 0:
        prev = doc.sentences[s.index - 1]
        return prev.para == s.para and not prev.heading and (
            MIL_WORD_RE.search(prev.folded) is not None
            or any(not h.metonym for h in doc.in_sentence(doc.actors, prev)))
    return False


#: A first word ending in a pronoun ('انسحابها', 'انسحابهم'): whose it is was named before.
_PRONOUN_END_RE = re.compile(r"[^\s]+(?:ها|هم|هما)(?!\S)")
#: 'كما أنهم', 'كما أنها' right before a verb: its subject is the sentence's, named before;
#: so is a relative clause's verb with the place as its object ('التي سيطرت عليها').
_SAME_SUBJECT_RE = rx(r"(?<![^\W\d_])(?:كما\s+ان(?:هم|ها|ه)|(?:التي|الذي|اللتين|اللذين))\s+$")
#: A sentence opening on a conjunction that goes on from the one before: 'بينما', 'فيما'.
_GOES_ON_RE = rx(r"^\W*(?:بينما|فيما|في حين|ثم)\s")
#: Vehicles said to carry arms, however far on in their clause: 'دخلت 5 شاحنات مخصصة لنقل الخضار
#: ... قادمة من العراق محملة بالأسلحة' are a force's shipment, not trade.
_LOADED_WITH_ARMS_RE = rx(r"(?<![^\W\d_])(?:محمل(?:ه|ات)?|تحمل|يحمل|تقل)\s+"
                          r"(?:[^\s.،,؛]+\s+){0,2}?(?:ب)?(?:ال)?(?:اسلحه|ذخائر|ذخيره|صواريخ|عتاد|اعتده|معدات\s+عسكريه)(?![^\W\d_])")


#: Helicopters told as what went with another event ('القافلة التي وصلت ... وسط تحليق مروحيات
#: أميركية', 'بالتزامن مع تحليق مكثف'): its escort, not an air patrol of their own.
_ESCORT_BEFORE_RE = rx(r"(?<![^\W\d_])[وف]?(?:وسط|بالتزامن مع|تزامنا مع|برفقه|بمرافقه|بحمايه|بمواكبه)\s+$")


#: 'عقب الاستهداف', 'بعد الهجوم', 'توقف القصف': an attack the article told before, named as a
#: point in time.
_AFTER_TOLD_RE = rx(r"(?<![^\W\d_])[وف]?(?:عقب|بعد|اثر|اعقاب|جراء|توقف|وقف|انتهاء)\s+ال$")


def _attack_told(text: str) -> bool:
    """Does the sentence tell an attack? 'شهدت المنطقة عقب الاستهداف استنفاراً' does not:
    the attack was told before and only dates the alert, which is this sentence's news; nor
    does 'رغم توقف القصف المتبادل' (the shelling that stopped was told before)."""
    return any(not _AFTER_TOLD_RE.search(text, max(0, m.start() - 12), m.start())
               for m in ATTACK_RE.finditer(text))


def _no_attack(text: str, m: re.Match[str]) -> bool:
    """No attack told in the sentence, and the trigger no escort of one."""
    return not _attack_told(text) and not _ESCORT_BEFORE_RE.search(text, max(0, m.start() - 24), m.start())


def _fight_told(text: str, m: re.Match[str]) -> bool:
    """Words of a fight outside the trigger's own words: 'أعلنت قسد السيطرة على الرقة' tells
    control, not the fight it took ('... بعد معارك مع داعش')."""
    return bool(FIGHTING_RE.search(text, 0, m.start()) or FIGHTING_RE.search(text, m.end()))


#: need -> its check on the sentence (no entry: no condition, as for '' and 'instrument').
_NEED_CHECKS = {
    "air": lambda doc, s, m, text: bool(AIR_RE.search(text)),
    "no_air": _no_air_near,
    # a collision is of vehicles: 'يصطدم بطموح قسد' (runs up against an ambition) is none
    "vehicles": lambda doc, s, m, text: _no_air_near(doc, s, m, text) and bool(PATROL_RE.search(text)),
    "patrol": _patrol,
    "patrol_or_road": lambda doc, s, m, text: bool(PATROL_RE.search(text) or ROAD_RE.search(text)),
    "heli": lambda doc, s, m, text: bool(HELI_RE.search(text)) and not _a_strike(text, m),
    "soldiers": lambda doc, s, m, text: bool(SOLDIERS_RE.search(text)) and not OFFICIALS_RE.search(text),
    "sides": _two_sides,
    "happened": lambda doc, s, m, text: bool(HAPPENED_RE.search(text)),
    "signed": lambda doc, s, m, text: bool(SIGNED_RE.search(text)),
    "mil_near": _military_near,
    "state_near": _state_near,
    # residents objecting to forces: the forces named anywhere in the sentence ('اعترض سكان
    # قرية قصر ديب ...، والتي حاول الروس التمركز فيها')
    "forces": lambda doc, s, m, text: bool(MIL_WORD_RE.search(text)) or any(
        not h.metonym for h in doc.in_sentence(doc.actors, s)),
    # an entry under a deal is a deployment, whatever fighting it was to face: 'دخلت قوات الحكومة
    # مدينة كوباني بموجب اتفاق مع الإدارة الذاتية لمواجهة الهجوم التركي'
    "fighting": lambda doc, s, m, text: _fight_told(text, m) and not BY_DEAL_RE.search(text)
    and _military_near(doc, s, m, text),
    "no_fighting": lambda doc, s, m, text: not FIGHTING_RE.search(text) and _military_near(doc, s, m, text),
    "gunmen": lambda doc, s, m, text: bool(GUNMEN_RE.search(text[max(0, m.start() - 60):m.end() + 60])),
    "no_attack": lambda doc, s, m, text: _no_attack(text, m),
    "airlift": lambda doc, s, m, text: bool(AIRLIFT_RE.search(text)) and not ATTACK_RE.search(text),
    # aircraft flying over an area: not in an attack, nor in a drill ('المناورات الروسية شاركت
    # فيها مروحيات حلقت فوق ...': the drill's flights)
    "air_patrol": lambda doc, s, m, text: _no_attack(text, m) and not DRILL_RE.search(text),
}
