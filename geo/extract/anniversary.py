"""An article that marks an anniversary: what it tells without this year's day is remembered.

Why a module: 'في ذكرى القضاء عليه.. قسد تدعو ...' then 'إعلان النصر جاء بعد ... إطلاق المعركة
النهائية': a piece written for an anniversary retells the battle it remembers, and that
retelling is no news of the day. A careful reader maps nothing of it (an anniversary is not an
event, issue 11); what the piece reports as happening now carries its own day ('يحتفل اليوم
الأهالي ...'), and is kept. The sentence-level rule (:mod:`.rejections`, 'في الذكرى' before a
trigger) does not reach a retelling a paragraph below the headline.
"""

from __future__ import annotations

import datetime as dt

from .document import Doc
from .folding import fold_letters, rx

__all__ = ["marks_anniversary", "remembered"]

#: 'في ذكرى', 'بمناسبة الذكرى الخامسة', 'تحيي الذكرى', 'بالذكرى السنوية', 'الذكرى السادسة لتحرير'.
_ANNIVERSARY_RE = rx(r"(?<![^\W\d_])[وف]?(?:ب|ل)?(?:ال)?ذكري(?![^\W\d_])")
#: How long ago a day must be to be the remembered event rather than this year's news.
_REMEMBERED_DAYS = 300


def marks_anniversary(doc: Doc) -> bool:
    """Whether the title, a heading before the lead or the lead names an anniversary: asked once
    per article, before its events are built."""
    title = fold_letters(getattr(doc.article, "title", "") or "")
    if _ANNIVERSARY_RE.search(title):
        return True
    lead = doc.lead()
    opening = [s for s in doc.sentences if s.heading and (lead is None or s.start < lead.start)]
    return any(_ANNIVERSARY_RE.search(s.folded) for s in (*opening, *([lead] if lead else [])))


def remembered(doc: Doc, first: dt.date | None, own: bool) -> bool:
    """Whether an event of an anniversary piece (:func:`marks_anniversary`) dated ``first``
    (``own``: by words of its own) is the one the piece remembers: it has no day of its own (the
    publication day it might borrow is not its day), or a day a year or so before."""
    if first is None or not own:
        return True
    published = doc.anchor
    return published is not None and (published - first).days > _REMEMBERED_DAYS
