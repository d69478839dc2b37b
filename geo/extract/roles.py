"""Who took part in an incident, and who attacked whom.

Why a module: the forces named in a sentence (:mod:`.actors`) are not all parties to
its event: a force named for the area it holds ('مناطق سيطرة قوات النظام') is not,
and in a hostile event the subject or agent is the attacker while the object, or the
one killed or hurt, is the target. Word order, the passive ('تعرضت ل', 'تم'), agent
phrases ('من قبل') and victim phrases ('مقتل عنصر من ...') decide here. With no
force in its own sentence an incident takes those of the previous sentence of its
paragraph.
"""

from __future__ import annotations

import re

from .actors import ActorHit, drop_parents
from .casualties import COUNT, ONE_PERSON, TWO_PERSONS
from .document import Doc, unique
from .folding import rx
from .triggers import HOSTILE, Candidate

__all__ = ["SUBJECT_ONLY", "actors_for", "roles"]

#: Types whose party is their subject alone: a force named later in the clause is the
#: one it withdrew from or after.
SUBJECT_ONLY = frozenset({"withdrawal"})
_SUBJECT_NOUN_RE = rx(r"(?<![^\W\d_])(?:ال)?(?:دوري(?:ه|ات)|رتل|ارتال|موكب|قوات|قوه|جيش|جنود|عناصر"
                      r"|طائر(?:ه|ات)|مسير(?:ه|ات)|مدفعيه|وحدات|فصائل|ميليشيا\w*|مليشيا\w*"
                      r"|مسلح(?:ون|ين)|مجهول(?:ون|ين)|ملثم(?:ون|ين)|خلي(?:ه|ات)|خلايا)"
                      r"(?![^\W\d_])")
#: Words between a noun and the actor it belongs to: 'مسلحون من العشائر', 'خلية تابعة لـ'.
_LINK_RE = rx(r"من|ل|لل|ل\S{3,}|تابع(?:ه|ين|ون)?|(?:ال)?تابع(?:ه|ين|ون)?\s*ل?|ينتمون|تنتمي|ينتمي")
#: A trigger that ends on its object's preposition ('أطلقت النار على'): what follows is the target.
_TOWARDS_END_RE = rx(r"(?<![^\W\d_])(?:علي|باتجاه|نحو|ضد)$")
_COORDINATED_RE = re.compile(r"\s*(?:,|و)\s*")
_VICTIM_BEFORE_RE = rx(r"(?<![^\W\d_])[وفلب]?(?:(?:مقتل|اصابه|اعتقال|استهداف|اسر|احتجاز|اختطاف|مصرع"
                       r"|استشهاد|اغتيال|جث(?:ه|تين|تي|ث|مان))(?:\s+\S+){0,3}"
                       # 'قتل 3 عناصر من', 'قتل عنصران من'; not 'قتل شاب برصاص' (the shooter follows)
                       r"|(?:قتل|اصيب|اصيبت|جرح|استشهد)\s+(?:" + COUNT + "|" + ONE_PERSON + "|" + TWO_PERSONS
                       + r"(?![^\W\d_]))(?:\s+(?!ب(?!صفوف))\S+){0,2}"
                       r"|لق(?:ي|يت|وا)(?:\s+\S+){0,3})\s*$")
#: An armed clash told as one side's act ('هاجم', 'هجوم', 'كمين', 'استهدفت خلية'): it has
#: an attacker and a target, as a hostile type has; 'اشتباكات' has two sides, no roles.
_ONE_SIDED_RE = rx(r"[وفبل]?(?:ال)?(?:هاجم|هجوم|هجمات|كمين|استهدف|تستهدف|يستهدف)")
_PASSIVE_HURT_RE = rx(r"(?<![^\W\d_])[وف]?(?:قتل|اصيب|اصيبت|جرح)\s*$")
_PERSON_RE = rx(r"(?:ال)?(?:" + ONE_PERSON + "|" + TWO_PERSONS + r"|اطفال|نساء)(?![^\W\d_])")
_PASSIVE_RE = rx(r"(?<![^\W\d_])[وف]?(?:تعرض(?:ت)?|يتعرض|تتعرض|تم|جري)(?![^\W\d_])")
_AGENT_RE = rx(r"(?:بواسطه|من قبل|من جانب|علي يد|بيد)\s*$")
_CONTROL_BEFORE_RE = rx(r"(?:سيطره|لسيطره|نفوذ|مناطق|منطقه|تسيطر عليها|الخاضعه ل)\s*$")


def actors_for(doc: Doc, c: Candidate) -> tuple[list[str], list[str], list[str]]:
    """(actors, attackers, targets) of candidate ``c``; a sub-actor replaces its parent."""
    s = c.sentence
    in_sentence = doc.in_sentence(doc.actors, s)
    hits = [h for h in in_sentence if not h.metonym]
    lo, hi = s.to_original(*c.clause)
    if not hits:
        hits = [h for h in in_sentence if h.metonym and lo <= h.start < hi]
    if not hits:
        siblings = doc.earlier_in_paragraph(s)
        if siblings:
            hits = [h for h in doc.in_sentence(doc.actors, siblings[-1]) if not h.metonym]
    hits = [h for h in hits if not _in_control_phrase(doc, h)] or hits
    attackers: list[str] = []
    targets: list[str] = []
    if c.type in HOSTILE or (c.type == "armed_clash" and _ONE_SIDED_RE.match(c.word)):
        attackers, targets = roles(doc, c, [h for h in hits if s.start <= h.start < s.end])
    if attackers or targets:
        actors = unique([*attackers, *targets])
    elif c.type in SUBJECT_ONLY and any(lo <= h.start < c.end for h in hits):
        # 'انسحبت قوات قسد من البلدة بعد اشتباكات مع العشائر': the tribes did not withdraw
        actors = unique(h.actor for h in hits if lo <= h.start < c.end)
    else:
        in_clause = [h for h in hits if lo <= h.start < hi]
        before = [h for h in hits if h.end <= c.start]
        actors = unique(h.actor for h in (in_clause or before or hits))
    return drop_parents(actors), drop_parents(attackers), drop_parents(targets)


def _in_control_phrase(doc: Doc, h: ActorHit) -> bool:
    """'في مناطق سيطرة قوات النظام': an actor named for the area it holds, not a party."""
    return bool(_CONTROL_BEFORE_RE.search(doc.fspan(max(0, h.start - 20), h.start)))


def roles(doc: Doc, c: Candidate, hits: list[ActorHit]) -> tuple[list[str], list[str]]:
    """Attackers and targets around the trigger: subject/agent vs object.

    Active voice: actors before the first hostile verb of the sentence are its
    subject; with none, the first actor right after it (verb-subject-object
    order, or the agent of a verbal noun: 'قصف روسي'). Passive ('تعرضت ل',
    'تم'): actors before are targets. An actor after a second hostile verb
    ('التي استهدفت ...') is a target; one after 'بواسطة'/'من قبل' an attacker.
    """
    floor = max([e for b, e, t in doc.events.get(c.sentence.index, [])
                 if e <= c.start and t != c.type and t not in HOSTILE], default=0)
    actions = [a for a in doc.actions.get(c.sentence.index, []) if a[0] >= floor]
    verb_start = min([a[0] for a in actions] + [c.start])
    passive = bool(_PASSIVE_RE.search(doc.fspan(max(0, c.start - 40), c.start)))
    if passive:
        verb_start = c.start
    clause_lo, clause_hi = c.sentence.to_original(*c.clause)
    attackers: list[str] = []
    targets: list[str] = []
    before = [h for h in hits if floor <= h.start and h.end <= verb_start]
    after = [h for h in hits if h.end > verb_start]
    victims = [h for h in before if _is_victim(doc, c, h)]
    targets += [h.actor for h in victims]
    before = [h for h in before if h not in victims]
    if passive:
        targets += [h.actor for h in before]
    else:
        attackers += [h.actor for h in before]
    for k, h in enumerate(after):
        if k > 0 and _COORDINATED_RE.fullmatch(doc.fspan(after[k - 1].end, h.start)):
            (attackers if after[k - 1].actor in attackers else targets).append(h.actor)
            continue
        if _is_victim(doc, c, h):
            targets.append(h.actor)
            continue
        agent = _AGENT_RE.search(doc.fspan(max(0, h.start - 16), h.start))
        later_verb = any(verb_start < a[0] and a[1] <= h.start for a in actions if a[0] != c.start)
        adjective = (c.form == "noun" and c.start <= h.start <= c.end + 2
                     and not _TOWARDS_END_RE.search(c.word))
        subject_slot = _subject_slot(doc.fspan(c.verb_end, h.start))
        if agent or adjective:
            attackers.append(h.actor)
        elif not attackers and k == 0 and not later_verb and subject_slot and h.start - c.end < 60:
            attackers.append(h.actor)
        elif h.start < clause_hi or later_verb:
            targets.append(h.actor)
    attackers = unique(attackers)
    return attackers, unique(t for t in targets if t not in attackers)


def _is_victim(doc: Doc, c: Candidate, h: ActorHit) -> bool:
    """'مقتل قيادي في داعش', 'قتل ثلاثة جنود أتراك', 'قُتل طفل': the actor is hit, not hitting."""
    before = doc.fspan(max(c.sentence.start, h.start - 45), h.start)
    if _VICTIM_BEFORE_RE.search(before):
        return True
    return bool(_PASSIVE_HURT_RE.search(before) and _PERSON_RE.match(doc.fspan(h.start, h.end)))


def _subject_slot(gap: str) -> bool:
    """Can an actor after ``gap`` (the words since the verb) be the verb's subject?

    Not when a definite noun that could itself be the subject comes first ('أجبرت
    الدورية الرتل الروسي'); a noun in construct with the actor is fine ('قوات الأسايش').
    """
    words = gap.split()
    while words and _LINK_RE.fullmatch(words[-1]):  # 'مسلحون من العشائر', 'خلية تابعة لداعش'
        words = words[:-1]
    if words and _SUBJECT_NOUN_RE.fullmatch(words[-1]) and not words[-1].startswith("ال"):
        words = words[:-1]
    return not any(_SUBJECT_NOUN_RE.fullmatch(w) for w in words)
