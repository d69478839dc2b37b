"""Extraction: one article's text to incidents, bases and routes.

The room between reading a corpus (:mod:`geo.read`) and merging across outlets
(:mod:`geo.merge`). :func:`extract_article` runs the stages in order; each stage is
one module:

``article``      one article -> :class:`geo.model.ArticleResult`, the stages in order
``document``     the article as read once: folded text, sentences, mentions, actors, dates
``sentences``    sentences, paragraphs, headings, clauses, trailing lists of links
``triggers``     the trigger lexicon, its conditions, one candidate per type and sentence
``matching``     where the triggers' patterns match: needles first, a match opens a word
``cues``         the word lists the conditions and rejections check a sentence for
``rejections``   negated, hypothetical, denied, habitual and anaphoric uses of a trigger
``dating``       an incident's date among the sentence's, the paragraph's, the publication's
``when/``        Arabic date expressions anchored on the publication date (and stamps)
``places``       an incident's place, and the article's main place
``place_lists``  the several places one sentence tells an event at (lists, clauses told again)
``place_cues``   the words around a name that say it is no place of the event's
``qualifiers``   names that only say where another lies; the town that frames a village
``anaphora``     nouns that refer back to a place named before ('القرية', 'بريف المحافظة')
``needs``        the conditions a trigger may set on its sentence
``instruments``  a strike's type by its instrument: air, artillery, explosive
``speakers``     places that say where a source spoke from, not where anything happened
``references``   names that only point at another place: a town faced across a border
``gates``        words a pattern cannot match without: a cheap test before it runs
``actors``       forces named in the text, normalised to canonical actors
``roles``        an incident's actors, attackers and targets
``casualties``   killed and injured stated in a sentence
``dedupe``       one event told in several sentences -> one incident
``bases``        forces holding named bases, airports, fields
``routes``       patrol and convoy paths through named places
``folding``      how patterns and words are matched on folded Arabic
``lexicon``      where the data files are and how their rows are checked

The words live in ``data/`` (TOML files an analyst reviews and extends, each with a
header explaining its fields): ``triggers.toml``, ``cues.toml``, ``actors.toml``,
``actor_aliases.toml``, ``calendar.toml``, ``casualties.toml``. A mistake in a row
stops the program at import with the file and the row named
(:class:`geo.tables.TableError`).
"""

from __future__ import annotations

from .actors import ACTORS, ActorHit, ActorInfo, find_actors, normalise_actor, side_of
from .article import extract_article
from .sentences import split_sentences
from .triggers import TRIGGERS, Trigger
from .when import PRECISIONS, DateExpr, find_dates, find_publication_date, parse_date

__all__ = [
    "ACTORS",
    "PRECISIONS",
    "TRIGGERS",
    "ActorHit",
    "ActorInfo",
    "DateExpr",
    "Trigger",
    "extract_article",
    "find_actors",
    "find_dates",
    "find_publication_date",
    "normalise_actor",
    "parse_date",
    "side_of",
    "split_sentences",
]
