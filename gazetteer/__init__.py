"""Syrian place names in Arabic, Kurdish and English, resolved to coordinates offline.

Public surface::

    from gazetteer import load_gazetteer, find_mentions, lookup
    gaz = load_gazetteer()
    lookup("القامشلي", gaz).best
    find_mentions("قرب بلدة القحطانية في محافظة الحسكة", gaz)

This package never imports ``geo`` or Streamlit.
"""

from __future__ import annotations

from .errors import GazetteerDataError, GazetteerError, GeocoderUnavailable
from .lookup import LookupResult, lookup
from .model import Candidate, Mention, Place
from .store import Gazetteer, load_gazetteer


def find_mentions(text: str, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """Every place mention in ``text`` with its span, place, confidence and reasons."""
    from .resolver import resolve_text

    return resolve_text(text, gazetteer or load_gazetteer())


__all__ = [
    "Candidate", "Gazetteer", "GazetteerDataError", "GazetteerError", "GeocoderUnavailable",
    "LookupResult", "Mention", "Place", "find_mentions", "load_gazetteer", "lookup",
]
