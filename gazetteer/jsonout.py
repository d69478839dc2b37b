"""The JSON of ``python -m gazetteer find --json``, written fast.

``json.dumps(..., indent=2)`` runs the standard library's pure-Python encoder (its C
encoder only serves compact output), and on a long text most of its work is the same
few hundred places written again and again as the chosen place and the candidates of
tens of thousands of mentions. Here each place's fragment is written once per nesting
level and reused; strings go through the C string encoder. The bytes are the ones
``json.dumps([m.as_dict() for m in mentions], ensure_ascii=False, indent=2)`` gives
(a test holds the two equal), so the contract of the command does not move.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from .model import Candidate, Mention, Place

__all__ = ["dump_mentions", "iter_mentions_json"]

_INDENT = "  "
_encode_str = json.encoder.encode_basestring  # type: ignore[attr-defined]  # C, ensure_ascii=False


def dump_mentions(mentions: Iterable[Mention]) -> str:
    """The whole JSON array, as ``json.dumps(..., ensure_ascii=False, indent=2)`` writes it."""
    return "".join(iter_mentions_json(mentions))


def iter_mentions_json(mentions: Iterable[Mention]) -> Iterator[str]:
    """The JSON array in pieces (one per mention), to write as they come."""
    places: dict[Any, str] = {}  # fragments by (place id, level) and by candidate
    first = True
    for m in mentions:
        yield ("[\n" if first else ",\n") + _INDENT + _mention(m, places)
        first = False
    yield "[]" if first else "\n]"


#: One mention object at nesting level 1, its fields in ``Mention.as_dict`` order: one
#: ``%`` per mention instead of a string per field.
_MENTION = "{" + "".join(
    ("," if i else "") + "\n" + _INDENT * 2 + f'"{name}": %s'
    for i, name in enumerate(("start", "end", "text", "place", "confidence", "geo_precision",
                              "role", "approximate", "cue", "candidates"))
) + "\n" + _INDENT + "}"


def _mention(m: Mention, places: dict[Any, str]) -> str:
    place = _place(m.place, 2, places) if m.place is not None else "null"
    return _MENTION % (
        _scalar(m.start), _scalar(m.end), _encode_str(m.text), place,
        _scalar(round(m.confidence, 3)), _scalar(m.geo_precision), _encode_str(m.role),
        _scalar(m.approximate), _encode_str(m.cue), _candidates(m.candidates[:5], places))


def _candidates(candidates: list[Candidate], places: dict[Any, str]) -> str:
    if not candidates:
        return "[]"
    pad = "\n" + _INDENT * 3
    return "[" + pad + ("," + pad).join(_candidate(c, places) for c in candidates) + "\n" \
        + _INDENT * 2 + "]"


def _candidate(c: Candidate, places: dict[Any, str]) -> str:
    """A candidate is its place's fields, then its score and reasons, in one object."""
    key = (c.place.id, c.score, c.reasons)
    text = places.get(key)
    if text is None:
        text = places[key] = _write_candidate(c, places)
    return text


def _write_candidate(c: Candidate, places: dict[Any, str]) -> str:
    body = _place(c.place, 3, places)[:-(len(_INDENT) * 3 + 2)]  # the place without its '\n}'
    pad = "\n" + _INDENT * 4
    reasons = ("[" + "".join(("," if i else "") + "\n" + _INDENT * 5 + _encode_str(r)
                             for i, r in enumerate(c.reasons)) + "\n" + _INDENT * 4 + "]"
               if c.reasons else "[]")
    return (body + "," + pad + f'"score": {_scalar(round(c.score, 3))}' + "," + pad
            + f'"reasons": {reasons}' + "\n" + _INDENT * 3 + "}")


def _place(place: Place, level: int, places: dict[Any, str]) -> str:
    """A place object opened at nesting ``level`` (its keys one deeper), written once."""
    key = (place.id, level)
    text = places.get(key)
    if text is None:
        pad = "\n" + _INDENT * (level + 1)
        text = "{" + pad + ("," + pad).join(f"{_encode_str(k)}: {_value(v)}"
                                            for k, v in place.as_dict().items()) \
            + "\n" + _INDENT * level + "}"
        places[key] = text
    return text


def _value(value: Any) -> str:
    return _encode_str(value) if isinstance(value, str) else _scalar(value)


def _scalar(value: Any) -> str:
    """A number, bool or None as ``json.dumps`` writes it."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if type(value) is int:
        return int.__repr__(value)
    if type(value) is float and value - value == 0:  # finite
        return float.__repr__(value)
    return json.dumps(value)
