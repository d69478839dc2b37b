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
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from .model import Candidate, Mention, Place

__all__ = ["Escape", "dump_mentions", "iter_mentions_json"]

_INDENT = "  "
_encode_str = json.encoder.encode_basestring  # type: ignore[attr-defined]  # C, ensure_ascii=False
#: Rewrites characters of an encoded JSON string one by one, each alone (see
#: :func:`iter_mentions_json`): :func:`gazetteer.terminal.json_safe` is one.
Escape = Callable[[str], str]


def dump_mentions(mentions: Iterable[Mention], *, escape: Escape | None = None) -> str:
    """The whole JSON array, as ``json.dumps(..., ensure_ascii=False, indent=2)`` writes it
    (then passed through ``escape``, when given)."""
    return "".join(iter_mentions_json(mentions, escape=escape))


def iter_mentions_json(mentions: Iterable[Mention], *,
                       escape: Escape | None = None) -> Iterator[str]:
    """The JSON array in pieces (one per mention), to write as they come.

    ``escape`` (such as :func:`gazetteer.terminal.json_safe`) rewrites characters inside
    JSON strings one by one; it is applied to each distinct string once, not to the whole
    output: the same bytes as ``escape`` over the whole array, without reading megabytes
    of JSON again for the few characters it rewrites (no structural character is one)."""
    strings = _Strings(escape)
    first = True
    for m in mentions:
        yield ("[\n" if first else ",\n") + _INDENT + _mention(m, strings)
        first = False
    yield "[]" if first else "\n]"


class _Strings:
    """The fragments written so far, each made once: encoded strings by their text, place
    objects by (place id, level), candidate objects by (place id, score, reasons)."""

    __slots__ = ("escape", "text", "parts")

    def __init__(self, escape: Escape | None) -> None:
        self.escape = escape
        self.text: dict[str, str] = {}
        self.parts: dict[Any, str] = {}

    def encode(self, value: str) -> str:
        out = self.text.get(value)
        if out is None:
            out = _encode_str(value)
            if self.escape is not None:
                out = self.escape(out)
            self.text[value] = out
        return out


#: One mention object at nesting level 1, its fields in ``Mention.as_dict`` order: one
#: ``%`` per mention instead of a string per field.
_MENTION = "{" + "".join(
    ("," if i else "") + "\n" + _INDENT * 2 + f'"{name}": %s'
    for i, name in enumerate(("start", "end", "text", "place", "confidence", "geo_precision",
                              "role", "approximate", "cue", "candidates"))
) + "\n" + _INDENT + "}"


def _mention(m: Mention, strings: _Strings) -> str:
    place = _place(m.place, 2, strings) if m.place is not None else "null"
    start, end = m.start, m.end
    encode = strings.encode
    return _MENTION % (
        int.__repr__(start) if type(start) is int else _scalar(start),
        int.__repr__(end) if type(end) is int else _scalar(end), encode(m.text), place,
        _scalar(round(m.confidence, 3)), _scalar(m.geo_precision), encode(m.role),
        _scalar(m.approximate), encode(m.cue), _candidates(m.candidates[:5], strings))


def _candidates(candidates: list[Candidate], strings: _Strings) -> str:
    if not candidates:
        return "[]"
    pad = "\n" + _INDENT * 3
    return "[" + pad + ("," + pad).join(_candidate(c, strings) for c in candidates) + "\n" \
        + _INDENT * 2 + "]"


def _candidate(c: Candidate, strings: _Strings) -> str:
    """A candidate is its place's fields, then its score and reasons, in one object."""
    key = (c.place.id, c.score, c.reasons)
    text = strings.parts.get(key)
    if text is None:
        text = strings.parts[key] = _write_candidate(c, strings)
    return text


def _write_candidate(c: Candidate, strings: _Strings) -> str:
    body = _place(c.place, 3, strings)[:-(len(_INDENT) * 3 + 2)]  # the place without its '\n}'
    pad = "\n" + _INDENT * 4
    reasons = ("[" + "".join(("," if i else "") + "\n" + _INDENT * 5 + strings.encode(r)
                             for i, r in enumerate(c.reasons)) + "\n" + _INDENT * 4 + "]"
               if c.reasons else "[]")
    return (body + "," + pad + f'"score": {_scalar(round(c.score, 3))}' + "," + pad
            + f'"reasons": {reasons}' + "\n" + _INDENT * 3 + "}")


def _place(place: Place, level: int, strings: _Strings) -> str:
    """A place object opened at nesting ``level`` (its keys one deeper), written once."""
    key = (place.id, level)
    text = strings.parts.get(key)
    if text is None:
        pad = "\n" + _INDENT * (level + 1)
        text = "{" + pad + ("," + pad).join(f"{strings.encode(k)}: {_value(v, strings)}"
                                            for k, v in place.as_dict().items()) \
            + "\n" + _INDENT * level + "}"
        strings.parts[key] = text
    return text


def _value(value: Any, strings: _Strings) -> str:
    return strings.encode(value) if isinstance(value, str) else _scalar(value)


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
