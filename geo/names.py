"""Names from the file system as printable text: bytes that are not UTF-8 shown as escapes.

On POSIX a file name is bytes. Python decodes the bytes that are not UTF-8 with
``surrogateescape`` (``b'\\xff'`` becomes the lone surrogate U+DCFF), and a lone
surrogate cannot be written as UTF-8: a report, a GeoJSON file or the terminal
would fail on it, and ``--json`` would print invalid UTF-8. :func:`visible` shows
each such byte as the four characters ``\\xff`` instead, so the name stays
readable and every output stays valid UTF-8. (A name that really holds the
characters ``\\xff`` looks the same: the escape is for people, not a round trip.)
"""

from __future__ import annotations

import json
import operator
import re
from typing import Any

__all__ = ["has_surrogates", "quoted", "visible", "visible_deep"]

_SURROGATE = re.compile("[\ud800-\udfff]")
#: In ``repr`` output: a doubled backslash (a real one), or the escape of a lone surrogate.
_REPR_ESCAPE = re.compile(r"\\\\|\\udc([89a-f][0-9a-f])")


def has_surrogates(text: str) -> bool:
    """Whether ``text`` holds a lone surrogate (a byte that was not UTF-8, or worse)."""
    return not text.isascii() and _SURROGATE.search(text) is not None


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte 0x80..0xff it stands for
        return f"\\x{code - 0xDC00:02x}"
    return f"<U+{code:04X}>"


def visible(text: str) -> str:
    r"""``text`` with each undecodable byte of a file name shown as ``\xNN``.

    >>> import os
    >>> visible(os.fsdecode(b"\xff\xfe-report.txt"))
    '\\xff\\xfe-report.txt'
    >>> visible("القامشلي.txt")
    'القامشلي.txt'
    """
    return _SURROGATE.sub(_escape, text) if has_surrogates(text) else text


def quoted(text: str) -> str:
    r"""``repr(text)`` for messages, with each undecodable byte shown as ``\xNN`` too.

    >>> import os
    >>> print(quoted(os.fsdecode(b"/tmp/out\xe9")))
    '/tmp/out\xe9'
    """
    return _REPR_ESCAPE.sub(lambda m: f"\\x{m.group(1)}" if m.group(1) else m.group(),
                            repr(text))


def visible_deep(value: Any) -> Any:
    """``value`` (JSON-like: dicts, lists, tuples, strings) with :func:`visible` on every
    string, keys included; other values as they are (a report, before it is written).

    A container with nothing to escape is returned as it is, not copied: the report of a
    100,000-article run (or a layer's GeoJSON) is not held twice (issue 14).

    >>> report = {"files": [{"file": "a.txt"}]}
    >>> visible_deep(report) is report
    True
    """
    if isinstance(value, dict | list) and _json_clean(value):
        return value
    return _visible_deep(value)


def _json_clean(value: dict | list) -> bool:
    """Whether ``value`` is JSON that can be written as UTF-8 as it is (no surrogate in it):
    then nothing in it needs escaping.

    Why: a report has tens of thousands of strings; one pass of the JSON encoder and the
    UTF-8 codec (C) costs two thirds of walking them in Python. False (walk it) when the
    value is not JSON.
    """
    try:
        json.dumps(value, check_circular=False, ensure_ascii=False).encode("utf-8")
    except (TypeError, ValueError, RecursionError):  # UnicodeEncodeError is a ValueError
        return False
    return True


def _visible_deep(value: Any) -> Any:
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, dict):
        out = {_visible_deep(k): _visible_deep(v) for k, v in value.items()}
        same = len(out) == len(value) and all(map(operator.is_, out, value)) and \
            all(map(operator.is_, out.values(), value.values()))
        return value if same else out
    if isinstance(value, list | tuple):
        items = [_visible_deep(v) for v in value]
        if all(map(operator.is_, items, value)):
            return value
        return items if isinstance(value, list) else tuple(items)
    return value
