"""Trigger words: which event types a sentence reports, read from ``data/triggers.toml``.

Why a module: triggers (:data:`TRIGGERS`) are words of an event type in any of the
forms Arabic news uses: past and present verbs, the verbal noun (مصدر), with clitics
('واعترضت', 'بقصف', 'وإنزالاً جوياً'). Each type has conditions (a trigger's
``need``): an obstruction needs a patrol or convoy, an encounter two sides or
soldiers, a bare 'قصف' is an airstrike only with aircraft words (in its sentence,
else in its article), else shelling; 'غارة' in a sentence that says 'إنزال' is a raid.
The lexicon is data an analyst extends; this module checks it, finds every trigger of
an article in one pass, drops the uses that report nothing (:mod:`.rejections`), keeps
one candidate per type and sentence (:func:`sentence_candidates`), and, once the whole
article is read, leaves out what only retells its news (:func:`settle_repeats`: bullets
of a summary, undated background).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.tables import Field, load_toml_rows

from ..model import Incident
from ..relate import AREA_KINDS
from .document import Doc
from .folding import WORD_END, fold_letters, rx
from .instruments import names_weapon, strike_type
from .lexicon import DATA_DIR, check_pattern, row_error
from .matching import prefix_ok, trigger_hits
from .needs import need_ok
from .own_days import told_on_a_day_of_its_own
from .own_places import opens_on_a_place
from .rejections import (
    attributes_end,
    background,
    context,
    defined_by_relative,
    earlier_event,
    is_anaphoric,
    like_the_news,
    nth_time,
    opens_view_quote,
    pointed_at,
    purposive,
    refers_back,
    rejected,
    social_post,
    summed_up,
    summed_up_after,
    tally,
    target_span,
)
from .sentences import Sentence, clause_of
from .when.names import RECENT_PHRASES
from .when.offsets import offset_before

__all__ = ["ALONGSIDE", "EVENT_KINDS", "HISTORY_DAYS", "HOSTILE", "NEEDS", "PART_OF", "PRIORITY", "SINCE_RE",
           "TRIGGERS", "TRIGGERS_FILE", "Candidate", "Trigger", "load_triggers", "sentence_candidates",
           "settle_repeats"]


@dataclass(frozen=True, slots=True)
class Trigger:
    """One way an event type is written.

    ``need`` names a condition checked on the sentence (see :mod:`.needs`);
    ``form`` is 'verb' (past), 'present' or 'noun' (the verbal noun).
    """

    type: str
    pattern: str
    strength: float
    need: str = ""
    form: str = "verb"
    claim: bool = False  # an army's tally of its operations ('تحييد'): placed only finer than a region


#: Which of several types in one clause wins (the most specific first).
PRIORITY = {t: i for i, t in enumerate((
    "shootdown", "air_incident", "vehicle_collision", "raid", "airstrike", "shelling", "explosion",
    "assassination", "confrontation", "capture", "armed_clash", "riot", "attack", "patrol_obstruction",
    "blockade", "arrest", "patrol_encounter", "withdrawal", "convoy", "deployment", "exercise", "protest",
    "agreement", "patrol",
))}
#: Types kept beside their clause's winner: 'انسحبت قسد من البلدة بعد اشتباكات' tells a
#: clash and a withdrawal, and the ground changing hands is a fact of its own.
ALONGSIDE = frozenset({"withdrawal"})
#: Types kept beside the winner when told before it: 'خرج الأهالي بمظاهرة بعد مقتل امرأة خلال
#: مداهمة' is the protest's news and the raid that set it off; 'قتل مدني خلال احتجاجات' is one
#: killing, the protest only its setting.
ALONGSIDE_FIRST = frozenset({"protest"})
#: Types that are a part of another's event when one sentence tells both: a patrol or a
#: convoy on its way ('توجهت 5 آليات أميركية باتجاه الحاجز، فتم منعها من الدخول') is the
#: movement the obstruction stopped, not a movement of its own.
PART_OF = {"patrol_obstruction": frozenset({"convoy", "patrol"})}
#: Kinds of event one event may be told as ('قصفت الطائرات ...' then 'الهجوم على ...'); a type
#: may be in two. A definite noun of a kind the article already told refers back to it.
EVENT_KINDS: tuple[frozenset[str], ...] = (
    frozenset({"airstrike", "shelling", "raid", "explosion", "attack", "assassination", "shootdown"}),
    frozenset({"armed_clash", "capture", "attack", "confrontation", "riot"}),
    frozenset({"arrest", "raid"}),
    frozenset({"patrol", "deployment", "exercise", "convoy", "withdrawal"}),
    frozenset({"patrol_encounter", "patrol_obstruction", "vehicle_collision", "air_incident", "protest",
               "confrontation", "blockade"}),
)
#: Types where one side acts against another (attackers and targets are told apart).
HOSTILE = frozenset({"patrol_obstruction", "raid", "airstrike", "shelling", "arrest", "attack",
                     "assassination", "capture", "blockade", "shootdown"})

#: The trigger lexicon.
TRIGGERS_FILE = DATA_DIR / "triggers.toml"
#: The conditions a trigger may need (see the header of triggers.toml).
NEEDS = frozenset({"", "instrument", "air", "no_air", "patrol", "patrol_or_road", "heli", "soldiers",
                   "sides", "happened", "signed", "mil_near", "fighting", "gunmen", "no_attack", "vehicles",
                   "airlift", "no_fighting", "forces", "state_near", "air_patrol"})
_FIELDS = (Field("type", choices=frozenset(PRIORITY) | {"strike"}), Field("patterns", list),
           Field("strength", float), Field("need", default="", choices=NEEDS),
           Field("form", default="verb", choices=frozenset({"verb", "present", "noun"})),
           Field("claim", bool, default=False))


def load_triggers(path: str | Path = TRIGGERS_FILE) -> tuple[Trigger, ...]:
    """The ``[[trigger]]`` rows of ``path`` as :class:`Trigger`, in the file's order."""
    out = []
    for number, row in enumerate(load_toml_rows(path, "trigger", _FIELDS), 1):
        if not 0 < row["strength"] <= 1 or not row["patterns"]:
            raise row_error(path, "trigger", number, "strength must be in (0, 1], patterns not empty")
        pattern = check_pattern("|".join(row["patterns"]), path, "trigger", number)
        out.append(Trigger(row["type"], pattern, row["strength"], row["need"], row["form"], row["claim"]))
    return tuple(out)


#: Every trigger, by type. 'strike' becomes 'airstrike' or 'shelling' by the sentence's words.
TRIGGERS: tuple[Trigger, ...] = load_triggers()


def _needles(pattern: str) -> tuple[str, ...]:
    """Literal openings, one of which every match of ``pattern`` starts with ('' if unknown).

    Lets an article skip a trigger with one fast substring test instead of a
    regular-expression scan.
    """
    try:
        from re import _constants as c  # type: ignore[attr-defined]
        from re import _parser  # type: ignore[attr-defined]

        prefixes, _ = _prefixes(list(_parser.parse(pattern)), c)
    except Exception:  # pragma: no cover - another Python: scan always
        return ()
    if not prefixes or any(len(p) < 2 for p in prefixes):
        return ()
    return tuple(sorted(set(prefixes)))


def _prefixes(items: list, c: Any) -> tuple[list[str], bool]:
    """(literal prefixes, whether they cover the whole of ``items``)."""
    out = [""]
    for op, av in items:
        if op is c.LITERAL:
            out = [p + chr(av) for p in out]
            continue
        if op is c.SUBPATTERN:
            sub, complete = _prefixes(list(av[-1]), c)
        elif op is c.BRANCH:
            sub, complete = [], True
            for branch in av[1]:
                part, whole = _prefixes(list(branch), c)
                sub += part
                complete = complete and whole
        elif op is c.IN and len(av) <= 4 and all(o is c.LITERAL for o, _ in av):
            sub, complete = [chr(v) for _, v in av], True
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT) and av[:2] == (0, 1):
            part, complete = _prefixes(list(av[2]), c)  # '(?:ال)?': with it or without
            sub = ["", *part]
        elif op in (c.ASSERT, c.ASSERT_NOT):
            continue  # a look-behind or look-ahead reads no character of the match
        else:
            return out, False
        out = [p + q for p in out for q in sub]
        if not complete or len(out) > 64:
            return out, False
    return out, True


_COMPILED: tuple[tuple[Trigger, re.Pattern[str], tuple[str, ...]], ...] = tuple(
    (t, rx(r"(?:" + t.pattern + r")" + WORD_END), _needles(fold_letters(t.pattern)))
    for t in TRIGGERS
)


@dataclass(slots=True)
class Candidate:
    """A trigger that survived the rejections, with what its sentence says.

    ``incident``, ``date_own`` and ``place_own`` are filled when the incident is built.
    """

    type: str
    strength: float
    form: str
    start: int  # original offsets of the trigger
    end: int
    sentence: Sentence
    clause: tuple[int, int]
    anaphoric: bool
    word: str
    verb_end: int = 0  # original end of the trigger's first word
    incident: Incident | None = None
    date_own: bool = False
    place_own: bool = False
    subordinate: bool = False  # told after 'بعد/عقب/إثر' beside its clause's main event
    cut: bool = False  # its clause was cut at such a subordinator (its place is in its half)
    retold: bool = False  # told as undated background ('وسبق لـ ... أن منعت'): see settle_repeats
    past: bool = False  # told as background, before the news ('وكانت القوات قد استهدفت ...')
    claim: bool = False  # its trigger row is an army's tally (see Trigger.claim)


def sentence_candidates(doc: Doc, s: Sentence) -> list[Candidate]:
    """The events a sentence reports (cached: bases and routes ask again)."""
    cached = doc.cands.get(s.index)
    if cached is not None:
        return cached
    if doc.trigger_hits is None:
        doc.trigger_hits = trigger_hits(doc, _COMPILED)
    text = s.folded
    found: list[Candidate] = []
    actions: list[tuple[int, int]] = []
    in_view = _in_view_quote(doc, s)
    for trig, regex, fpos in doc.trigger_hits.get(s.index, ()):
        m = regex.match(text, fpos - s.fstart)
        if m is None or not prefix_ok(text, m.start()):
            continue
        if trig.type in HOSTILE or trig.type in ("strike", "armed_clash"):
            actions.append(s.to_original(m.start(), m.end()))
        cand = None if in_view else _check(doc, s, trig, m)
        if cand is not None:
            found.append(cand)
    doc.actions[s.index] = sorted(actions)
    doc.events[s.index] = [(c.start, c.end, c.type) for c in found]
    _split_subordinate(doc, s, found)
    own_days = [c for c in found if told_on_a_day_of_its_own(doc, s, c)]
    chosen = _choose([c for c in found if c not in own_days])
    doc.cands[s.index] = sorted(chosen + [c for c in own_days if all(
        o.type != c.type or o.start != c.start for o in chosen)], key=lambda c: c.start)
    return doc.cands[s.index]


#: A sentence opening on 'كان' with the event's past verb a few words on ('كانت قسد فرضت
#: سيطرتها على بلدة الدشيشة', 'وكانت هذه القوات بدأت هجوماً', 'وكان أهالي قرية حامو في ريف
#: القامشلي الشرقي اعترضوا'): the pluperfect without its 'قد', background told before the news.
_PLUPERFECT_OPEN_RE = rx(r"\W*[وف]?(?:كان|كانت|كانوا)\s+(?:\S+\s+){0,8}$")


def _check(doc: Doc, s: Sentence, trig: Trigger, m: re.Match[str]) -> Candidate | None:
    """The candidate of a trigger match, or None when its use or its sentence rules it out."""
    text = s.folded
    if rejected(text, m.start(), m.end()) or (trig.form == "present" and purposive(text, m.start())):
        return None
    clause = clause_of(text, m.start())
    ctype = strike_type(trig.type, trig.need, text, clause, doc.folded, m.end())
    at = s.to_original(m.start(), m.start())[0]
    if ctype is None or not need_ok(doc, s, trig.need, m, text) or _OPERATION_NAME_RE.search(
            doc.body, max(0, at - 24), at):
        return None  # 'معركة "دحر الإرهاب"': the name of an operation, in its quotes
    if _TOPIC_RE.search(text, max(0, m.start() - 16), m.start() + 1):
        return None  # 'وفيما يتعلق بمعركة "دحر الإرهاب" التي أطلقتها قسد': a topic named, not told
    if trig.type == "capture" and trig.form == "noun" and _FRAME_RE.search(
            text, max(0, m.start() - 24), m.start()):
        return None  # 'تستمر المعارك ... في إطار تحرير المدينة': the campaign's aim, not a deed told
    if ctype in _PASSING_TYPES and _WHILE_RE.search(text, max(0, m.start() - 12), m.start()):
        return None  # 'وقع التفجير خلال مرور رتل': the passing dates what hit it, no news of its own
    anaphoric = trig.form == "noun" and is_anaphoric(text, m) and not _first_report(doc, s, m, text, ctype)
    # 'جراء الهجوم الإسرائيلي الذي استهدف المنطقة الوسطى' after the strikes were told: the
    # same strikes named again, defining clause and all
    anaphoric = anaphoric or (trig.form == "noun" and not s.lead and defined_by_relative(text, m)
                              and _kind_told_before(doc, s, ctype) and not _clause_of_its_own(doc, s, m))
    anaphoric = anaphoric or _movement_told_again(doc, s, m, ctype)
    hit_again = trig.form == "verb" and _target_told_again(doc, s, m, ctype)
    anaphoric = anaphoric or hit_again
    anaphoric = anaphoric and not _spread_to_a_place(doc, s, m, text)
    # 'ودوت انفجارات في المنطقة ناجمة عن محاولة إسقاطها': blasts caused by what the text tells,
    # part of it, no explosion of their own
    anaphoric = anaphoric or (ctype == "explosion" and _RESULTING_RE.search(text, m.end(), m.end() + 40)
                              is not None)
    # 'بدأت القوات عمليات تمشيط بحثاً عن الخلايا' after the blast told before: its aftermath,
    # never a patrol of its own
    anaphoric = anaphoric or (ctype == "patrol" and not s.lead and _SWEEP_RE.match(m.group(0))
                              is not None and (_kind_told_before(doc, s, "explosion")
                                               or _kind_told_before(doc, s, "armed_clash")))
    # 'مشيرة إلى أن هذه التعزيزات تأتي في إطار ...': a word pointed at by a demonstrative is
    # the event told before, whatever its row's form
    anaphoric = anaphoric or pointed_at(text, m.start())
    # 'التي كان الهجوم يستهدف مقر قيادتها': a verb whose subject is a noun referring back
    anaphoric = anaphoric or (m.group(0)[:1] in "يت" and _NOUN_SUBJECT_RE.search(
        text, max(0, m.start() - 24), m.start()) is not None)
    # a tally ('135 هجوماً منذ ...', 'جراء القصف خلال 24 ساعة') sums up the events the article
    # tells, before or after it: it is told again, never news of its own beside them
    noun = _as_noun(trig, text, m.start())
    tallied = noun and tally(text, m.start(), m.end()) or summed_up_after(text, m.start())
    # a noun of a sentence of context ('ويأتي التصعيد ...'), or how the casualties of an event
    # told before were hit ('أصيب جنود بجروح برصاص ...' after the clash): evidence for that
    # event, never one more
    # an embedded post ('بالفيديو ـ #انفجار سيارة مفخخة ... https://t.co/...') shows the news
    # the article tells: evidence for it, never an event of its own
    anaphoric = anaphoric or tallied or social_post(s.text) or (noun and context(text, m.start())) or (
        trig.form == "noun" and _means_of_harm(text, m) and _kind_told_before(doc, s, ctype)
        and not opens_on_a_place(doc, s))
    if anaphoric and (ctype in _STRIKES or ctype == "attack" and trig.type == "strike") \
            and (hit_again or not names_weapon(text)):
        # 'وقالت مصادر إن الاستهداف أسفر عن مقتل ...' after an air strike told: that strike's kind
        ctype = _strike_told_before(doc, s) or ctype
    start, end = s.to_original(m.start(), m.end())
    first_word = m.start() + len(m.group(0).split(" ")[0])
    verb_end = s.to_original(m.start(), first_word)[1]
    past = background(text, m.start()) or (noun and earlier_event(text, m.end())) or (
        trig.form == "verb" and _PLUPERFECT_OPEN_RE.match(text, 0, m.start()) is not None)
    retold = (tallied or summed_up(text, m.start()) or nth_time(text, m.start())
              or ((past or (noun and like_the_news(text, m.end()))) and not _dated(doc, s)
                  and not _RECENT_RE.search(text)) or _history(doc, s))
    return Candidate(ctype, trig.strength, trig.form, start, end, s, clause, anaphoric, m.group(0),
                     verb_end, retold=retold, past=bool(past), claim=trig.claim)


#: An operation named in quotes ('معركة "دحر الإرهاب"', 'عملية «نبع السلام»'): its name's words
#: are no event (the body's text, where the quotes are kept).
_OPERATION_NAME_RE = re.compile(r"(?<!\w)[وبل]?(?:ال)?(?:معركة|معركه|عملية|عمليه|حملة|حمله|معارك|عمليات)"
                                r"\s*[«\"“”'‘’]\s*$")
#: A topic opened right before an event noun: 'وفيما يتعلق بمعركة', 'بخصوص الهجوم'.
_TOPIC_RE = rx(r"(?<![^\W\d_])(?:[وف]?(?:في\s*ما|فيما)\s+يتعلق\s+ب?|بخصوص\s+|بشان\s+)(?=\S+$)")
#: The frame a verbal noun names: 'في إطار تحرير المدينة', 'ضمن عملية تحرير الرقة'.
_FRAME_RE = rx(r"(?<![^\W\d_])(?:في\s+اطار|ضمن)\s+(?:(?:ال)?(?:معركه|عمليه|عمليات|حمله|مساعي|جهود)\s+)?$")
#: Movements a text may name only as the moment something else happened.
_PASSING_TYPES = frozenset({"convoy", "patrol"})
#: An event noun with the article right before a present-tense verb, its subject: 'كان الهجوم يستهدف'.
_NOUN_SUBJECT_RE = rx(r"(?<![^\W\d_])(?:كان|كانت)?\s*ال(?:هجوم|غاره|ضربه|قصف|عمليه|استهداف|تفجير|انفجار)\s+$")
#: 'خلال', 'أثناء', 'لدى', 'عند' right before the movement's words ('في حين', 'بينما': whereas).
_WHILE_RE = rx(r"(?<![^\W\d_])[وف]?(?:خلال|اثناء|لدي|عند)\s+$")


def _as_noun(trig: Trigger, text: str, start: int) -> bool:
    """Is the match a noun as written? A past-verb pattern after the article ('القصف',
    'بالقصف') reads the verbal noun: counted over a span ('جراء القصف خلال 24 ساعة') it is
    a tally, in a sentence of context it names the news, however its row is written."""
    return trig.form == "noun" or (trig.form == "verb" and text[max(0, start - 2):start] in ("ال", "لل"))


#: 'قبل أيام', 'منذ أسابيع': one earlier time, not long ago (calendar.toml 'recent').
_RECENT_RE = rx(r"(?<![^\W\d_])(?:" + RECENT_PHRASES + r")(?![^\W\d_])")


#: 'منذ 19 أكتوبر': a date a span starts from does not date the event told with it.
#: 'منذ' right before a date: the start of a period, not the day of an event.
SINCE_RE = rx(r"(?<![^\W\d_])[وف]?منذ\s*$")


#: 'أصيبوا بجروح بليغة برصاص', 'قتل عنصر برصاص': the weapon that hurt someone.
_HURT_BEFORE_RE = rx(r"(?<![^\W\d_])[وف]?(?:قتل\S*|مقتل|اصيب\S*|اصابه|جرح\S*|استشهد\S*|استشهاد)"
                     r"(?:\s+\S+){0,4}\s+$")


def _means_of_harm(text: str, m: re.Match[str]) -> bool:
    """Is the event noun at ``m`` only the means by which people were killed or hurt ('بـ')?"""
    by = m.group(0).startswith("ب") or text[m.start() - 1:m.start()] == "ب"
    return by and bool(_HURT_BEFORE_RE.search(text, max(0, m.start() - 50), m.start()))


def _dated(doc: Doc, s: Sentence) -> bool:
    """Does sentence ``s`` hold a date expression of its own (not one after 'منذ')?"""
    return any(not SINCE_RE.search(doc.fspan(max(s.start, d.start - 8), d.start))
               for d in doc.in_sentence(doc.dates, s))


#: How long before the publication an event told beside the news is history, not news.
HISTORY_DAYS = 365


def _history(doc: Doc, s: Sentence) -> bool:
    """Does sentence ``s`` tell history: every date of its own ends more than a year before the
    publication ('وسيطرت تركيا على تل أبيض في عملية نبع السلام عام 2019')? Beside an article's
    news such an event is background, not news of the article. The lead tells the article's
    news whatever its date (a report on an old event)."""
    if doc.anchor is None or s.lead:
        return False
    # 'لأول مرة منذ 17 شهراً': how long since the last time, not the day of the news
    dates = [d for d in doc.in_sentence(doc.dates, s)
             if not SINCE_RE.search(doc.fspan(max(s.start, d.start - 8), d.start + 4))]
    return bool(dates) and all((doc.anchor - d.last).days > HISTORY_DAYS for d in dates)


def _in_view_quote(doc: Doc, s: Sentence) -> bool:
    """Does ``s`` go on with a quotation that the sentence before it opened after a view or an
    opinion ('أعرب الوزير عن تفاؤله وقال: «هناك معارك قليلة.' then 'بعض القصف المتقطع»')?"""
    if s.index == 0:
        return False
    prev = doc.sentences[s.index - 1]
    return prev.para == s.para and opens_view_quote(
        prev.text, lambda k: doc.fspan(prev.start, prev.start + k))


#: A line of a bulleted summary ('• طيران التحالف رد بغارة جوية ...').
_BULLETS = "•●▪◦·*-–"


def settle_repeats(cands: list[Candidate]) -> list[Candidate]:
    """The article's candidates without those that retell rather than report: bulleted
    summary lines that repeat the article's events, and background told around its news.

    Outlets open with a summary in bullets, then tell the same events in full: a bullet's
    event of a kind the body tells (outside the bullets) is left out; one the body does not
    tell stays an event of its own. Likewise an event told as background with no date of
    its own ('وسبق لنقاط الجيش أن منعت دوريات', 'وكانت القوات قد انسحبت') in an article that
    reports some other event is not news of this article. (With a date of its own it is an
    earlier event the text dates; alone in its article it is that article's news.) Left
    out rather than kept as references: a reference joins the first event of its type
    whatever its place, and a retelling names other places.
    """
    def bullet(c: Candidate) -> bool:
        return c.sentence.text.lstrip()[:1] in _BULLETS

    told = {c.type for c in cands if not c.anaphoric and not bullet(c) and not c.retold}
    news = any(not c.anaphoric and not c.retold for c in cands)
    return [c for c in cands
            if not (bullet(c) and any(c.type in k and told & k for k in EVENT_KINDS))
            and not (c.retold and news)]


def _first_report(doc: Doc, s: Sentence, m: re.Match[str], text: str, ctype: str) -> bool:
    """Does a definite event noun tell an event of its own?

    Many reports open on the noun: 'القصف التركي على قرية تل جمعة أدى إلى ...', 'الغارة
    الإسرائيلية على مواقع في البوكمال', 'الهجوم بالطائرات المسيرة على قاعدة التنف'. The
    noun names a place it hit ('على', 'ضد'), its attacker or weapon and where it was
    ('في'), or (in the article's lead) at least its attacker or its sides ('مع', 'بين'). A
    demonstrative or a word of sequence ('عقب', 'إثر', 'هذه') keeps it a reference, and so
    does an event of its kind told earlier in the article
    ('اعترضت قوة روسية دورية ...' then 'ووقعت المواجهة على أطراف عامودا'): a retelling
    with its place adds evidence, not an incident.
    """
    if refers_back(text, m) or _kind_told_before(doc, s, ctype):
        return False
    if _OCCURS_BEFORE_RE.search(text, max(0, m.start() - 30), m.start()):
        return True  # 'تجددت الاشتباكات بين قسد ومقاتلي العشائر', nothing told before it
    after = attributes_end(text, m.end())
    span = target_span(text, after, locative=after > m.end())
    if span is not None and _names_a_location(doc, s, *span):
        return True
    return s.lead and (after > m.end() or _PARTIES_RE.match(text, after) is not None)


#: Who fought, right after a definite event noun ('الاشتباك مع عصابة من داعش', 'الاشتباكات
#: بين قسد ومقاتلي العشائر'): in the lead, the sides told as its attacker would be.
_PARTIES_RE = rx(r"\s+(?:مع|بين)\s")


#: A fight that spread to a place ('امتدت الاشتباكات إلى مدينة القورية', 'الاشتباكات امتدت
#: إلى'): the verb right before or after the noun, then 'إلى' or 'نحو'.
_SPREAD = r"(?:امتدت|تمتد|توسعت|تتوسع|انتقلت|تنتقل|تمددت|تتمدد)"
_TO = r"(?:\s+\S+){0,3}?\s+(?:الي|نحو)\s"
_SPREAD_BEFORE_RE = rx(r"(?<![^\W\d_])[وف]?" + _SPREAD + r"\s+(?:ال)?$")
_SPREAD_AFTER_RE = rx(r"\S*\s+(?:(?:قد|لاحقا|بعدها)\s+)?" + _SPREAD + _TO)
_TO_RE = rx(_TO)


def _spread_to_a_place(doc: Doc, s: Sentence, m: re.Match[str], text: str) -> bool:
    """Is the event noun told spreading to a place named right after ('امتدت الاشتباكات إلى
    مدينة القورية')? The fight told before, now at a new place: an event there of its own."""
    if _SPREAD_BEFORE_RE.search(text, max(0, m.start() - 16), m.start()):
        to = _TO_RE.match(text, m.end())
    else:
        to = _SPREAD_AFTER_RE.match(text, m.end())
    if to is None:
        return False
    return _names_a_location(doc, s, to.end(), min(len(text), to.end() + 40))


def _names_a_location(doc: Doc, s: Sentence, lo: int, hi: int) -> bool:
    """Does a resolved place, named as a location, begin between folded offsets ``lo`` and
    ``hi`` of sentence ``s``?"""
    start, end = s.to_original(lo, hi)
    return any(x.place is not None and x.role == "location"
               for x in doc.starting_in(doc.mentions, start, end))


#: A verb saying a fight broke out, went on or flared up, right before its definite noun.
_OCCURS_BEFORE_RE = rx(r"(?<![^\W\d_])[وف]?(?:(?:تجددت|تستمر|استمرت|تتواصل|تواصلت|اندلعت|تندلع|دارت|تدور"
                       r"|اشتدت|تشتد|احتدمت|تحتدم|وقعت|جرت|تجري)(?:\s+\S+)?"
                       # 'ارتفعت وتيرة المعارك', 'تصاعدت حدة الاشتباكات' (not 'ارتفعت حصيلة': a toll)
                       r"|(?:ارتفعت|ترتفع|تصاعدت|تتصاعد|ازدادت|تزداد)(?:\s+(?:وتيره|حده))?)\s+(?:ال)?$")
#: Types a bare 'الهجوم' may take: the generic word for an attack recalls any violent event
#: told before ('قصفت المدفعية القرية' then 'ولم تعلق القوات على الهجوم على القرية').
_ANY_ATTACK = frozenset({"armed_clash", "attack"})


def _clause_of_its_own(doc: Doc, s: Sentence, m: re.Match[str]) -> bool:
    """Does the relative clause after an event noun give the event a day or a town of its own
    ('بعد التفجير الذي وقع في منبج الأسبوع الماضي')? Then it is another event, not one
    told before named again."""
    lo, hi = s.to_original(m.end(), clause_of(s.folded, m.start())[1])
    return bool(doc.starting_in(doc.dates, lo, hi)) or any(
        x.place.kind not in AREA_KINDS for x in doc.starting_in(doc.usable, lo, hi))


#: A sweep: 'عمليات تمشيط', 'حملة تمشيط', 'مشطت القوات'.
_SWEEP_RE = rx(r"(?:(?:عمليات|حمله) )?(?:تمشيط|مشط)")


def _movement_told_again(doc: Doc, s: Sentence, m: re.Match[str], ctype: str) -> bool:
    """Does a patrol's or a convoy's trigger after the lead tell the movement told before again?

    'سيرت الدورية الخامسة' after the fifth patrol was told ('the patrol'); 'الدورية المؤلفة من
    ثماني عربات ... انطلقت من قرية آشمة وجابت قرى' (its route told) and 'عادت العربات الروسية
    إلى مركزها' after it (its way back); 'إن القافلة التي وصلت من قاعدة تل بيدر ضمت 20 شاحنة'
    after the convoy's arrival was told (defined by what it did)."""
    if s.lead or ctype not in ("patrol", "convoy"):
        return False
    text, word = s.folded, m.group(0)
    if ctype == "patrol" and ("الدوريه" in text[m.start():m.end() + 10]
                              or _THE_PATROL_BEFORE_RE.search(text, 0, m.start()) is not None):
        return _kind_told_before(doc, s, ctype)
    if ctype == "convoy" and _BACK_RE.match(word) is not None and _kind_told_before(doc, s, "patrol"):
        return True
    return _DEFINED_MOVER_RE.match(word) is not None and _kind_told_before(doc, s, ctype)


#: The patrol told before as the subject of its route's verbs, opening the sentence or after
#: 'أن': 'وأضافت أن الدورية المؤلفة من ... انطلقت'.
_THE_PATROL_BEFORE_RE = rx(r"(?:^\W*[وف]?|(?<![^\W\d_])[وف]?(?:ان|بان)\s+)الدوريه(?![^\W\d_])")
#: 'ناجمة عن محاولة إسقاطها', 'ناتجة عن القصف': a blast from an act told (not 'ناجم عن عبوة
#: ناسفة': the device is the blast's own).
_RESULTING_RE = rx(r"(?<![^\W\d_])(?:ناجم|ناتج)(?:ه|ا)?\s+(?:عن|من)\s+(?:ال)?(?:محاول|اعتراض|اسقاط|تصدي"
                   r"|قصف|استهداف|غار|هجوم|ضرب)")
#: A convoy or a patrol, definite, defined by a relative clause: 'القافلة التي وصلت'.
_DEFINED_MOVER_RE = rx(r"[وفبل]?ال(?:رتل|ارتال|قافله|قوافل|دوريه|دوريات)\s+(?:التي|الذي|اللتان|اللذان)\s")
#: Vehicles going back ('عادت العربات الروسية إلى مركزها', 'ورجعت العربات التركية').
_BACK_RE = rx(r"[وف]?(?:عاد|رجع)(?:ت|وا)?\s+(?:ال)")

#: A target told before, definite and defined by what it was or carried, before a strike's
#: verb: 'وقال شهود إن السيارة التي كانت تقل العناصر استهدفت بصاروخ'.
_DEFINED_TARGET_RE = rx(r"(?<![^\W\d_])[وفبل]?ال(?:سياره|اليه|عربه|مركبه|شاحنه|حافله|دراجه|منزل|مقر|موقع"
                        r"|نقطه)\s+(?:التي|الذي)\s")


def _target_told_again(doc: Doc, s: Sentence, m: re.Match[str], ctype: str) -> bool:
    """Is a strike's verb after the lead told of the target of a strike told before ('السيارة
    التي كانت تقل العناصر استهدفت بصاروخ' after the drone's strike on the car)? The same
    strike, a witness's account of it, whatever weapon it names."""
    if s.lead or ctype not in _STRIKES:
        return False
    if _DEFINED_TARGET_RE.search(s.folded, max(0, m.start() - 90), m.start()) is None:
        return False
    return _strike_told_before(doc, s) is not None


#: Strikes a bare 'القصف' may be: by air or by artillery.
_STRIKES = frozenset({"airstrike", "shelling"})


def _strike_told_before(doc: Doc, s: Sentence) -> str | None:
    """The kind of the strike told last before ``s`` (not referred to), if one was."""
    for earlier in reversed(doc.sentences[:s.index]):
        if earlier.heading:
            continue
        for c in reversed(sentence_candidates(doc, earlier)):
            if not c.anaphoric and c.type in _STRIKES:
                return c.type
    return None


def _kind_told_before(doc: Doc, s: Sentence, ctype: str) -> bool:
    """Did a sentence before ``s`` tell (not refer to) an event of ``ctype``'s kind?"""
    kinds = [k for k in EVENT_KINDS if ctype in k or (ctype in _ANY_ATTACK and "attack" in k)]
    kinds = kinds or [frozenset({ctype})]
    for earlier in doc.sentences[:s.index]:
        if earlier.heading:
            continue
        for c in sentence_candidates(doc, earlier):
            if not c.anaphoric and any(c.type in k for k in kinds):
                return True
    return False


#: A subordinator and the words up to the trigger it governs: 'بعد قصف', 'عقب هجوم بطائرات
#: مسيرة استهدف', 'إثر استهداف', 'بعد أن قصفت'.
_SUBORDINATOR_RE = rx(r"(?<![^\W\d_])[وف]?(?:بعد|عقب|اثر|علي اثر|في اعقاب)(?: ان)?(?: \S+){0,4} $")


def _split_subordinate(doc: Doc, s: Sentence, found: list[Candidate]) -> None:
    """Two events in one clause: 'وصلت تعزيزات إلى قاعدة الشدادي بعد قصف استهدف حقل كونيكو'.

    A reader maps both: the move at its destination, the strike at its target. An event
    named after 'بعد/عقب/إثر' is one of its own when the clause tells another event before
    the subordinator, or a clause of its own before or after ('، عقب هجوم ...'), and the
    subordinate event names a place after its trigger. A clause shared is cut at the
    subordinator: each event keeps its own half (its place and date); the subordinate one
    is marked so that it borrows no date from the main event's words.
    """
    text = s.folded
    for c in found:
        lo, hi = c.clause
        fstart = _fpos(s, c.start)
        m = _SUBORDINATOR_RE.search(text[lo:fstart])
        if m is None:
            continue
        cut = lo + m.start()
        # an event told in a clause of its own opening 'كما/فيما' is another, not the main
        # one ('مقتل عنصر إثر تعرضه لطلق ناري في الشدادي، كما قتل آخر بانفجار عبوة')
        mains = [o for o in found if o.type != c.type and not o.anaphoric
                 and not cut <= _fpos(s, o.start) < hi
                 and not (o.clause != (lo, hi) and _ALSO_RE.match(text, o.clause[0]))]
        if not mains or not _place_after(doc, s, c.end, s.to_original(cut, hi)[1]):
            continue
        whole = text[lo:cut].strip(" ،,")
        for o in found:
            if o.clause != (lo, hi):
                continue
            o.subordinate = _fpos(s, o.start) >= cut
            if whole:  # the main event in the same clause: each keeps its own half
                o.clause = (cut, hi) if o.subordinate else (lo, cut)
                o.cut = True


#: A clause that adds another event: '، كما قتل', '، فيما أصيب', '، في حين'.
_ALSO_RE = rx(r"[\s,]*[و]?(?:كما|فيما|بينما|في حين)(?![^\W\d_])")


def _fpos(s: Sentence, start: int) -> int:
    """The folded offset, within ``s``, of the original offset ``start``."""
    return s.folded_offset(start)


def _place_after(doc: Doc, s: Sentence, lo: int, hi: int) -> bool:
    """Does an in-area place of the sentence begin between ``lo`` and ``hi`` (original offsets)?"""
    return any(lo <= m.start < hi for m in doc.in_sentence(doc.usable, s))


#: A second event that came after the first, told in its clause: 'قصف جوي ... تبعه قصف بري'.
_FOLLOWED_RE = rx(r"(?<![^\W\d_])[و]?(?:تبعه|تبعها|تلاه|تلاها|اعقبه|اعقبها|اعقبته|اعقبتها|ثم)(?![^\W\d_])")


def _followed(first: Candidate, later: Candidate) -> bool:
    """Is ``later`` an event of its own told after ``first`` as what followed it?"""
    if later.anaphoric or later.start <= first.end:
        return False
    s = later.sentence
    return bool(_FOLLOWED_RE.search(s.folded, _fpos(s, first.end), _fpos(s, later.start)))


def _days_apart(c: Candidate) -> bool:
    """Is ``c`` counted days from its clause's event ('سيطرتها على البلدة بعد يومين من اندلاع
    اشتباكات')? Told on another day, it is an event of its own."""
    at = _fpos(c.sentence, c.start)
    return bool(offset_before(c.sentence.folded[max(0, at - 80):at]))


#: A type that ranks right after another told in its clause, as a part of that event:
#: 'مجهولين اغتالوا رئيس البلدية بعد اقتحام مبنى البلدية' (the storming was the killers' way
#: in, not a raid of forces; a landing, 'إنزال', stays a raid), 'ألقوا قنابل حارقة وحجارة على
#: مدرعة روسية أثناء قيامها بدورية' (residents' fire bombs thrown with their stones at a patrol),
#: 'قام أهالي القرية بطرد القوات الروسية من قريتهم' (residents drove them out: nobody took ground).
_YIELDS_TO = {"raid": "assassination", "explosion": "patrol_obstruction", "capture": "patrol_obstruction"}


def _rank(c: Candidate, group: list[Candidate]) -> int:
    """``c``'s place in :data:`PRIORITY` among its clause's candidates (:data:`_YIELDS_TO`)."""
    other = _YIELDS_TO.get(c.type)
    if other is not None and "انزال" not in c.word and any(o.type == other for o in group):
        return PRIORITY[other] + 1
    return PRIORITY.get(c.type, 99)


def _choose(found: list[Candidate]) -> list[Candidate]:
    """One candidate per type and sentence: the strongest, earliest; clause winners only."""
    by_clause: dict[tuple[int, int], list[Candidate]] = {}
    for c in found:
        by_clause.setdefault(c.clause, []).append(c)
    winners: dict[str, Candidate] = {}
    for group in by_clause.values():
        # a noun that refers back ('عقب الهجوم') never hides the clause's own event
        best = min(group, key=lambda c: (c.anaphoric, _rank(c, group), -c.strength, c.start))
        kept = [best] + [c for c in group if c.type != best.type and (
            c.type in ALONGSIDE or c.type in ALONGSIDE_FIRST and c.start < best.start
            or _followed(best, c) or _days_apart(c) and not _days_apart(best))]
        for pick in kept:
            same = [c for c in group if c.type == pick.type]
            pick = min(same, key=lambda c: (c.anaphoric, c.retold, -c.strength, c.start))
            old = winners.get(pick.type)
            # 'ويعد هذا ثاني تفجير ... بعد التفجير الذي وقع في منبج': the count retells the
            # news, the event it came after is one of its own
            if old is None or (old.anaphoric and not pick.anaphoric) or (
                    old.retold and not pick.retold and not pick.anaphoric):
                winners[pick.type] = pick
    parts = frozenset().union(*(PART_OF.get(t, frozenset()) for t in winners))
    return sorted((c for t, c in winners.items() if t not in parts), key=lambda c: c.start)
