"""One article to incidents, bases and routes: the extraction's stages, in order.

What happened, when, where, and who was involved; one article at a time (merging
across outlets is :mod:`geo.merge`'s job). :func:`extract_article` reads the body
once (:mod:`.document`) and runs the stages, each a module of this package:

1. **Sentences** (:mod:`.sentences`) are cut at '.', '!', '؟' and line ends (not
   inside numbers such as '2022.10.08'); blank lines separate paragraphs. Short
   lines without punctuation (section headings, photo captions, lists of related
   links) are headings: they never yield incidents.
2. **Triggers** (:mod:`.triggers`, lexicon in ``data/triggers.toml``) are words
   of an event type in any of the forms Arabic news uses: past and present
   verbs, the verbal noun (مصدر), with clitics ('واعترضت', 'بقصف', 'وإنزالاً
   جوياً'). Each type has conditions: an obstruction needs a patrol or convoy,
   an encounter two sides or soldiers, a bare 'قصف' is an airstrike only with
   aircraft words, else shelling; 'غارة' in a sentence that says 'إنزال' is a raid.
3. **Rejections** (:mod:`.rejections`): negated, hypothetical or purposive uses
   ('لن تخوض اشتباكات', 'لتجنب أي اشتباك', 'لمنع التصادم'), future and threats,
   habitual statements ('تكررت حوادث اعتراض'), 'the first time that ...' meta
   statements, and anaphoric nouns ('الغارة', 'هذه العملية') that only refer
   back to an event already reported (they may add detail to it, never a new
   incident). Once every sentence is read, bullets of a summary that repeat the
   body and undated background ('وسبق لـ ... أن') beside other news are left out.
4. **Date** (:mod:`.dating`, expressions from :mod:`.when`): the date expression
   of the sentence nearest the trigger (one after 'منذ' or naming another event,
   'حلقة 2020', is skipped); else the previous sentence's of the same paragraph;
   else the publication date, for the lead sentence only. Relative expressions
   are anchored on the publication date only when it is known to the day; on an
   inferred day, only those that a week's error would not move ('5 تشرين الأول
   الجاري', not 'قبل يومين').
5. **Place** (:mod:`.places`): the most specific in-area mention of the sentence
   attached to the event (a qualifier such as 'الحسكة' in 'القامشلي شمالي
   الحسكة' is skipped); else a noun referring back ('القاعدة', 'المدينة') to a
   place named before; else the nearest place of the paragraph; else a region
   named in the article. Places outside Syria, datelines, time zones and media
   names are never used. An event told at a list of places ('غارات على مواقع في
   البوكمال والميادين') becomes one incident per place, split after step 7 so that
   de-duplication does not fold neighbouring villages back into one.
6. **Actors** (:mod:`.actors`), attackers (subject, agent noun) and targets
   (object) (:mod:`.roles`), casualty numbers (:mod:`.casualties`), and a
   confidence from the strength of each of these.
7. **De-duplication** (:mod:`.dedupe`): the same event told in several sentences
   becomes one incident with the most precise date and place and the best evidence.

Not emitted: officials' statements (a press conference is not an event where
it talks about), agreements and explosions with no place named in their own
sentence, and anything with no place at all (no made-up location). An event whose only
place is a region of the country borrowed from another sentence is kept without a place
(listed for review, never drawn at the region's point).

Bases (:mod:`.bases`: a force holds a named base, airport, field, or a town's
security square) and routes (:mod:`.routes`: a patrol or convoy path 'من X باتجاه
Y', 'بين مدينتي X وY', 'طريق X - Y') come from the same sentences.
"""

from __future__ import annotations

import dataclasses
import hashlib
from typing import Any

from gazetteer.model import Place

from ..model import ArticleResult, Incident
from ..relate import is_macro_region
from .anniversary import marks_anniversary, remembered
from .bases import bases
from .casualties import casualties
from .dating import date_for
from .dedupe import PLACELESS_CUE, dedupe
from .detentions import as_arrest, detention_type
from .document import Doc, read_article, source
from .main_place import main_place
from .place_lists import places_for
from .places import AREA_KINDS, UNPLACED_CUE, PlaceFound
from .roles import actors_for
from .routes import routes
from .triggers import Candidate, sentence_candidates, settle_repeats

__all__ = ["extract_article"]


def extract_article(article: Any, gazetteer: Any) -> ArticleResult:
    """Incidents, bases, routes and the main place of one article.

    Parameters
    ----------
    article : geo.read.Article
        Any object with the attributes of :class:`geo.read.Article` (``id``,
        ``title``, ``outlet``, ``url``, ``published``, ``published_precision``,
        ``body`` ...).
    gazetteer : gazetteer.store.Gazetteer
        From :func:`gazetteer.store.load_gazetteer`.

    Returns
    -------
    ArticleResult
        Incidents de-duplicated within the article, each with one source whose
        evidence is the Arabic sentence; every place mention of the body.
    """
    if not hasattr(article, "body") or not hasattr(article, "id"):
        raise TypeError("article must have 'id' and 'body' (a geo.read.Article)")
    doc = read_article(article, gazetteer)
    cands: list[Candidate] = []
    for s in doc.sentences:
        if not s.heading:
            cands.extend(sentence_candidates(doc, s))
    cands = settle_repeats(cands)
    others: dict[int, list[PlaceFound]] = {}  # id(candidate) -> its event's further places
    anniversary = bool(cands) and marks_anniversary(doc)
    for c in cands:
        found = places_for(doc, c)
        c.incident = _build_incident(doc, c, found[0], anniversary)
        if c.incident is not None and len(found) > 1:
            others[id(c)] = found[1:]
    incidents = dedupe([c for c in cands if c.incident is not None])
    if others:
        incidents = _at_every_place(doc, cands, incidents, others)
    incidents = _regions_told_finer(incidents)
    main = main_place(doc, incidents)
    return ArticleResult(
        article_id=str(article.id), mentions=doc.mentions, incidents=incidents,
        bases=bases(doc), routes=routes(doc), main_place=main,
    )


def _regions_told_finer(incidents: list[Incident]) -> list[Incident]:
    """The incidents, with one placed only at a region of the country kept for review
    instead when the article places another event of its type, of the same days, at a town
    or an area.

    'قتل 26 جندياً في هجوم على حافلة عسكرية في شرق سوريا' then 'استهدف عناصر التنظيم حافلة
    في بادية الميادين': the region says which part of the country, the article then says
    where; a point at the region's middle, 100 km or more from anything, would be one more
    event on the map that no one reported. Alone in its article, a region stays the
    event's place (it is all the text gives)."""
    finer = [inc for inc in incidents if inc.place is not None and not is_macro_region(inc.place)]

    def same_time(a: Incident, b: Incident) -> bool:  # undated, or days that overlap
        return (a.date_first is None or b.date_first is None
                or (a.date_first <= b.date_last and b.date_first <= a.date_last))

    out = []
    for inc in incidents:
        if inc.place is not None and is_macro_region(inc.place) and any(
                f.type == inc.type and same_time(f, inc) for f in finer):
            inc = dataclasses.replace(
                inc, place=None, geo_precision=None, approximate=True,
                place_cue=f"{UNPLACED_CUE}: only a region of the country ({inc.place_text}) is "
                          "named for it, and the article places its other events of the kind")
        out.append(inc)
    return out


def _build_incident(doc: Doc, c: Candidate, found: PlaceFound, anniversary: bool) -> Incident | None:
    """The incident of a candidate: its place, date, actors, casualties; None without a place,
    unless a region too coarse to map was named for it (kept unplaced, for review), and None for
    the event an ``anniversary`` piece remembers."""
    s = c.sentence
    place, gp, approx, place_text, place_cue, place_own = found
    placeless = place is None and not place_cue.startswith(UNPLACED_CUE)
    if placeless and not doc.in_sentence(doc.dates, s):
        return None  # (its own day would be in its sentence: most tellings have none)
    first, last, precision, date_text, date_own, date_source = date_for(doc, c)
    if anniversary and remembered(doc, first, date_own):
        return None  # an anniversary piece retelling the event it remembers
    if placeless:
        if not (date_own and precision == "day"):
            return None
        # no place, its own day: kept to date the telling that places it ('وفي العاشر من
        # حزيران دخلت قافلة ...' then 'واتجهت القافلة إلى قاعدة قسرك'), dropped after merging
        place_cue = PLACELESS_CUE
    actors, attackers, targets = actors_for(doc, c)
    kind = detention_type(c.type, attackers, targets, s.folded)
    killed, injured, notes = casualties(s.folded)
    notes.insert(0, f"trigger: {c.word}")
    c.date_own, c.place_own = date_own, place_own
    conf = _confidence(c, date_own, first is not None, place, gp, approx, place_own, actors)
    digest = hashlib.sha1(f"{doc.article.id}|{c.type}|{s.start}".encode()).hexdigest()[:10]
    return Incident(
        id=f"inc-{digest}", type=kind, date_first=first, date_last=last,
        date_precision=precision, place=place, geo_precision=gp, actors=actors,
        fatalities=killed, injuries=injured, confidence=conf, sources=[source(doc, s.text.strip())],
        approximate=approx, attackers=attackers, targets=targets, date_text=date_text,
        date_source=date_source, place_text=place_text, place_cue=place_cue, notes=notes,
    )


def _at_every_place(doc: Doc, cands: list[Candidate], incidents: list[Incident],
                    others: dict[int, list[PlaceFound]]) -> list[Incident]:
    """One incident more for each further place a sentence names for its event.

    Why after de-duplication: the places of one list are often a few kilometres apart
    (villages of one countryside), and de-duplication would fold them back into one
    event. Each copy is the de-duplicated event (type, date, actors) at its own place,
    with the listing sentence as evidence and a stable id of its own (article, type,
    sentence, place); casualties stay with the first place, as the text gives them for
    the whole event. A place another incident of the type (a detention counting as an arrest)
    already stands at is skipped.
    """
    out = list(incidents)
    taken = {(as_arrest(i.type), i.place.id) for i in incidents if i.place is not None}
    for c in cands:
        if id(c) not in others or c.incident is None:
            continue
        event = _event_of(c, incidents)
        if event is None:
            continue  # de-duplication dropped the event (a retelling, a telling with no place)
        # by id: an earlier listing may have given the event its day (a new value in ``out``)
        at = next(k for k, i in enumerate(out) if i.id == event.id)
        event = out[at]
        at += 1
        for place, gp, approx, text, cue, _own in others[id(c)]:
            if (as_arrest(event.type), place.id) in taken:
                _date_the_one_there(doc, c, out, event, place.id)
                continue
            taken.add((as_arrest(event.type), place.id))
            digest = hashlib.sha1(f"{doc.article.id}|{event.type}|{c.sentence.start}|{place.id}"
                                  .encode()).hexdigest()[:10]
            out.insert(at, dataclasses.replace(
                event, id=f"inc-{digest}", place=place, geo_precision=gp, approximate=approx,
                place_text=text, place_cue=cue, fatalities=None, injuries=None,
                sources=[source(doc, c.sentence.text.strip())],
                notes=[*event.notes, f"one of several places named for the event (first: "
                                     f"{event.place.name_ar if event.place else ''})"]))
            at += 1
    return out


def _date_the_one_there(doc: Doc, c: Candidate, out: list[Incident], event: Incident,
                        place_id: str) -> None:
    """Give the incident already at a listed place the listing's day when it has none.

    'غادرت قوات أميركية، يوم الجمعة، حقلي العمر وكونيكو' then 'وسحبت القوات كامل جنودها من
    حقل كونيكو': the second tells one of the listed places again without its day; it is the
    listing's event there, so it takes that day (and the listing as evidence)."""
    if event.date_first is None:
        return
    for k, there in enumerate(out):
        if (as_arrest(there.type) == as_arrest(event.type) and there.place is not None
                and there.place.id == place_id and there.date_first is None):
            out[k] = dataclasses.replace(
                there, date_first=event.date_first, date_last=event.date_last,
                date_precision=event.date_precision, date_text=event.date_text,
                date_source=event.date_source, sources=[*there.sources, source(doc, c.sentence.text.strip())])
            return


def _event_of(c: Candidate, incidents: list[Incident]) -> Incident | None:
    """The de-duplicated incident ``c`` went into: its own id, else the one its sentence tells;
    None when de-duplication kept no incident with its evidence."""
    assert c.incident is not None
    evidence = c.incident.sources[0].evidence
    return next((i for i in incidents if i.id == c.incident.id), None) or next(
        (i for i in incidents if any(s.evidence == evidence for s in i.sources)
         and i.type == c.incident.type), None) or next(
        (i for i in incidents if any(s.evidence == evidence for s in i.sources)), None)


def _confidence(c: Candidate, date_own: bool, dated: bool, place: Place | None, gp: int | None,
                approx: bool, place_own: bool, actors: list[str]) -> float:
    """From the trigger's strength, more for an own date and place, a point, named actors."""
    conf = c.strength
    conf += 0.15 if date_own else (0.07 if dated else 0.0)
    point = place is not None and place.kind not in AREA_KINDS and not approx
    conf += (0.15 if point else 0.06) if place_own else (0.04 if point else 0.0)
    conf += 0.08 if actors else 0.0
    conf -= 0.1 if c.form == "present" else 0.0
    return round(min(0.95, max(0.05, conf)), 3)
