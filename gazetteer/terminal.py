"""Untrusted text made safe to print on a terminal (the command lines of both packages).

Article text and file names are untrusted: an escape sequence in a file name (ESC, or
the single-byte CSI U+009B) can recolour, retitle or rewrite a terminal, and a bidi
override can make a printed line lie about its order. Printing goes through
:func:`terminal_safe`, which shows such characters as visible ``\\x1b``/``<U+202E>``
escapes and leaves letters, Arabic and ordinary whitespace alone; JSON output goes
through :func:`json_safe`, which writes them as ``\\uXXXX`` (the same JSON value).
"""

from __future__ import annotations

import re
import sys
from typing import TextIO

__all__ = ["echo", "json_safe", "terminal_safe"]

# C0 except \t and \n, DEL, C1; bidi embeddings, overrides and isolates (the marks
# LRM/RLM/ALM only steer neutral characters and are common in Arabic text: kept).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    r"""``text`` with control and bidi characters shown as visible escapes.

    >>> terminal_safe("evil\x1b[31m.txt")
    'evil\\x1b[31m.txt'
    >>> terminal_safe("a\u202eb\tالقامشلي\n")
    'a<U+202E>b\tالقامشلي\n'
    """
    text = _CONTROLS.sub(lambda m: f"\\x{ord(m.group()):02x}", text)
    return _BIDI.sub(lambda m: f"<U+{ord(m.group()):04X}>", text)


def json_safe(dumped: str) -> str:
    r"""JSON text (from ``json.dumps(..., ensure_ascii=False)``) with raw C1 and bidi
    characters written as ``\uXXXX`` escapes: the same value, harmless on a terminal.

    >>> json_safe('["a\u009b2J\u202e"]')
    '["a\\u009b2J\\u202e"]'
    """
    return _UNSAFE_IN_JSON.sub(_as_json_escape, dumped)


#: The characters :func:`json_safe` writes as escapes (compiled once: it is asked of
#: every distinct string of a long ``find --json``).
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _as_json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def echo(text: str, *, file: TextIO | None = None) -> None:
    """``print`` for untrusted text: through :func:`terminal_safe`."""
    print(terminal_safe(text), file=file if file is not None else sys.stdout)
