"""Sizes in messages: in MiB, the unit the limits are set in.

Why a module of its own: the limits are binary (2 MiB an upload, 20 MiB an article),
and a message that printed 2,097,152 bytes as '2.1MB' refused a file of exactly the
limit in words that contradicted the limit. Every size the reader prints goes
through :func:`mib`, so sizes and limits are always in one unit, and two sizes that
would print alike (a file one byte over its limit) are printed in bytes.

>>> mib(2 * 1024 * 1024)
'2 MiB'
>>> mib(2 * 1024 * 1024 + 1, beside=2 * 1024 * 1024)
'2,097,153 bytes'
>>> over_limit(2 * 1024 * 1024 + 1, 2 * 1024 * 1024)
('2,097,153 bytes', '2 MiB (2,097,152 bytes)')
"""

from __future__ import annotations

__all__ = ["MIB", "mib", "over_limit"]

MIB = 1024 * 1024


def mib(size: int, *, beside: int | None = None) -> str:
    """``size`` for a message: '2 MiB', '2.5 MiB', or bytes when small or when it would
    print the same as ``beside`` (the limit it is compared with)."""
    if size < 100 * 1024:
        return f"{size:,} bytes"
    shown = _short(size)
    if beside is not None and beside != size and _short(beside) == shown:
        return f"{size:,} bytes"
    return shown


def _short(size: int) -> str:
    value = round(size / MIB, 1)
    return f"{value:.0f} MiB" if value == int(value) else f"{value:.1f} MiB"


def over_limit(size: int, limit: int) -> tuple[str, str]:
    """``(size, limit)`` as a message compares them: in bytes too when MiB would hide
    the difference."""
    shown = mib(size, beside=limit)
    if shown.endswith("bytes") and limit >= 100 * 1024:
        return shown, f"{mib(limit)} ({limit:,} bytes)"
    return shown, mib(limit)
