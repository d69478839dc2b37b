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

__all__ = ["Escape", "dump_mentions", "iter_mentions_json", "iter_mentions_utf8"]

_INDENT = "  "
_encode_str = json.encoder.encode_basestring  # type: ignore[attr-defined]  # C, ensure_ascii=False
#: Rewrites characters of an encoded JSON string one by one, each alone (see
#: :func:`iter_mentions_json`): :func:`gazetteer.terminal.json_safe` is one.
Escape = Callable[[str], str]
#: Mentions per piece: a piece is one write of ``find --json`` (one a mention was a tenth
#: of the command's time on a long file).
BATCH = 256


def dump_mentions(mentions: Iterable[Mention], *, escape: Escape | None = None) -> str:
    """The whole JSON array, as ``json.dumps(..., ensure_ascii=False, indent=2)`` writes it
    (then passed through ``escape``, when given)."""
    return "".join(iter_mentions_json(mentions, escape=escape))


def iter_mentions_json(mentions: Iterable[Mention], *, escape: Escape | None = None,
                       batch: int = BATCH) -> Iterator[str]:
    """The JSON array in pieces of ``batch`` mentions, to write as they come.

    ``escape`` (such as :func:`gazetteer.terminal.json_safe`) rewrites characters inside
    JSON strings one by one; it is applied to each distinct string once, not to the whole
    output: the same bytes as ``escape`` over the whole array, without reading megabytes
    of JSON again for the few characters it rewrites (no structural character is one)."""
    return _pieces(mentions, _Strings(escape, _same), batch)


def iter_mentions_utf8(mentions: Iterable[Mention], *, escape: Escape | None = None,
                       batch: int = BATCH) -> Iterator[bytes]:
    """:func:`iter_mentions_json` encoded in UTF-8, for a binary sink.

    Why: the output is ten times the text, and most of it is the same few hundred
    mention tails written again and again; each distinct fragment is encoded once here,
    where a text sink encoded every one of its copies (a fifth of the writer's time)."""
    return _pieces(mentions, _Strings(escape, str.encode), batch)


def _same(text: str) -> str:
    return text


def _pieces(mentions: Iterable[Mention], strings: _Strings, batch: int) -> Iterator[Any]:
    final = strings.final
    head, sep, later = final(_HEAD), final("[\n" + _INDENT), final(",\n" + _INDENT)
    get_tail, get_text = strings.tails.get, strings.final_text.get
    parts: list[Any] = []
    append = parts.append
    for m in mentions:  # one loop, no call per mention but the string's: tens of thousands
        start, end = m.start, m.end
        place, confidence, geo, approximate = m.place, m.confidence, m.geo_precision, m.approximate
        candidates = m.candidates
        if len(candidates) > 5:
            candidates = candidates[:5]
        if type(confidence) is float and confidence and type(approximate) is bool and (
                geo is None or type(geo) is int):
            # the common values, whose type their value says: a shorter key (a type
            # object never stands where this one has the precision: no key is both)
            key = ((id(place), confidence, geo, m.role, approximate, m.cue, id(candidates[0]))
                   if len(candidates) == 1 else  # (most mentions: no iterator to unpack)
                   (id(place), confidence, geo, m.role, approximate, m.cue, *map(id, candidates)))
        else:
            key = (id(place), confidence if confidence else repr(confidence), type(confidence),
                   geo, type(geo), m.role, approximate, type(approximate), m.cue,
                   *map(id, candidates))
        tail = get_tail(key)
        text = get_text(m.text) or strings.text(m.text)
        if type(start) is int and type(end) is int:
            append(head % (sep, start, end, text))
        else:
            append(final(_ODD_HEAD % (_of(sep), _scalar(start), _scalar(end), _of(text))))
        append(tail[0] if tail is not None else _tail(m, candidates, key, strings))
        sep = later
        if len(parts) >= 2 * batch:
            yield parts[0][:0].join(parts)
            parts.clear()
    if parts:
        yield parts[0][:0].join(parts) + final("\n]")
    else:
        yield final("[]" if sep is not later else "\n]")


def _of(piece: str | bytes) -> str:
    return piece if isinstance(piece, str) else piece.decode()


class _Strings:
    """The fragments written so far, each made once: encoded strings by their text, place
    objects by (place id, level), candidate objects by (place id, score, reasons), and the
    part of a mention object after its text (see :func:`_tail`), the last two in their
    final form (``final``: text, or UTF-8 bytes)."""

    __slots__ = ("escape", "final", "strings", "final_text", "parts", "tails")

    def __init__(self, escape: Escape | None, final: Callable[[str], Any]) -> None:
        self.escape, self.final = escape, final
        self.strings: dict[str, str] = {}
        self.final_text: dict[str, Any] = {}
        self.parts: dict[Any, str] = {}
        self.tails: dict[tuple[Any, ...], tuple[Any, Any]] = {}

    def encode(self, value: str) -> str:
        out = self.strings.get(value)
        if out is None:
            out = _encode_str(value)
            if self.escape is not None:
                out = self.escape(out)
            self.strings[value] = out
        return out

    def text(self, value: str) -> Any:
        """A mention's text as a JSON string, in its final form."""
        out = self.final_text[value] = self.final(self.encode(value))
        return out


#: One mention object at nesting level 1, its fields in ``Mention.as_dict`` order, cut
#: after its text: the head is made per mention, the tail once per distinct tail.
_FIELDS = ("start", "end", "text", "place", "confidence", "geo_precision", "role", "approximate",
           "cue", "candidates")
_MENTION = "{" + "".join(
    ("," if i else "") + "\n" + _INDENT * 2 + f'"{name}": %s' for i, name in enumerate(_FIELDS)
) + "\n" + _INDENT + "}"
_HEAD, _TAIL = _MENTION.split('"place": %s', 1)
_HEAD, _TAIL = "%s" + _HEAD, '"place": %s' + _TAIL  # the head opens with the separator
_ODD_HEAD = _HEAD  # (its start and end written as json.dumps writes them)
_HEAD = _HEAD.replace('"start": %s', '"start": %d').replace('"end": %s', '"end": %d')
#: Distinct mention tails remembered: a long text repeats a few thousand (place, cue,
#: candidates); bounded, as ambiguous names make fresh candidates each time.
_TAILS_MAX = 50_000


def _tail(m: Mention, candidates: list[Candidate], key: tuple[Any, ...],
          strings: _Strings) -> str:
    """The mention's fields after its text, written once per distinct set of values.

    Why: most mentions of a long text repeat a place, cue and candidate list seen
    before, and the same objects stand behind them (a single candidate is scored once
    per place and kind word). They are keyed by identity, the objects kept with the
    fragment so an identity is never reused while the key lives; the scalars by value
    and type (``1`` and ``1.0``, ``True`` and ``1`` write differently; ``-0.0`` too).
    """
    place, encode = m.place, strings.encode
    tail = _TAIL % (
        _place(place, 2, strings) if place is not None else "null",
        _scalar(round(m.confidence, 3)), _scalar(m.geo_precision), encode(m.role),
        _scalar(m.approximate), encode(m.cue), _candidates(candidates, strings))
    if len(strings.tails) >= _TAILS_MAX:
        strings.tails.clear()
    made = strings.final(tail)
    strings.tails[key] = (made, (place, tuple(candidates)))  # kept: their ids stay theirs
    return made


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
