"""Bytes to text: the encoding of an article file, recognised or guessed.

Why a room of its own: files come from scrapers, Windows editors and phones, so
the same story arrives as UTF-8, UTF-16 with or without a byte-order mark,
Windows-1256 or something stranger; binary files (PDFs, images, archives) arrive
too and must be refused by name rather than read as 'articles'. Nothing here
knows about page layout or dates.

>>> text, encoding = decode_bytes("قصف على القامشلي\\n".encode("cp1256"))
>>> encoding, text.strip()
('cp1256', 'قصف على القامشلي')
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from .errors import UndecodableError
from .text import ARABIC_RE

__all__ = ["Decoded", "decode", "decode_bytes"]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (docx/odt/xlsx?)"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"7z\xbc\xaf", "7z archive"),
    (b"\xd0\xcf\x11\xe0", "old MS Office document"),
    (b"\x7fELF", "executable"),
    (b"MZ", "Windows executable"),
)
_CONTROL_BYTES = bytes([*range(0, 9), *range(14, 32), 127])


@dataclass(slots=True)
class Decoded:
    """Decoded text, the encoding it was read in, and what was lossy about it."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Decode a file's bytes; return ``(text, encoding name)``.

    Tried in order: a BOM (UTF-8/16/32), UTF-16 without BOM (recognised by its
    NUL / 0x06 byte pattern), UTF-8, mixed UTF-8 and Windows-1256 line by line when
    UTF-8 holds most non-ASCII bytes (with a warning), Windows-1256 when the result is mostly
    Arabic letters, then charset-normalizer's guess. The text is returned as
    decoded (see :func:`read_article` for the newline/NFC clean-up).

    Raises
    ------
    UndecodableError
        For binary data (a known file signature, NUL bytes outside a UTF-16
        pattern, many control bytes) or bytes no encoding explains.

    Examples
    --------
    >>> decode_bytes("سوريا".encode("utf-16"))
    ('سوريا', 'utf-16-le')
    """
    decoded = decode(raw)
    return decoded.text, decoded.encoding


def decode(raw: bytes) -> Decoded:
    """:func:`decode_bytes`, keeping the warnings a lossy decode deserves (a guessed
    encoding, replacement characters, stray NUL bytes removed)."""
    if not raw:
        return Decoded("", "utf-8")
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            name = "utf-8" if encoding == "utf-8-sig" else encoding
            decoded = _lenient(raw[len(bom):], name, label=f"{name} (BOM)") or _fail(
                f"starts with a {name} byte-order mark but is not valid {name}")
            if not _plausible(decoded.text, cjk=True):
                _fail(f"binary file (a {name} byte-order mark, then mostly control or "
                      "unassigned characters)")
            return decoded
    utf16 = _utf16_without_bom(raw)
    if utf16 is not None:
        return utf16
    _reject_binary(raw)
    decoded = (_utf8(raw) or _by_lines(raw) or _cp1256(raw) or _guess(raw)
               or _fail("not UTF-8, UTF-16 or Windows-1256, and charset detection found no "
                        "plausible encoding; re-save the file as UTF-8"))
    if b"\x00" in raw:
        decoded.warnings.append(f"{raw.count(0)} stray NUL byte(s) removed")
    return decoded


def _fail(message: str) -> Any:
    raise UndecodableError(message)


def _reject_binary(raw: bytes) -> None:
    """Raise for data that is not text at all (why: garbage must not become 'articles')."""
    for magic, what in _MAGIC:
        if raw.startswith(magic) and (what != "Windows executable" or b"\x00" in raw[:64]):
            raise UndecodableError(f"binary file ({what}); convert it to text first")
    nuls = raw.count(0)
    if nuls > len(raw) / 1000:  # a stray NUL in a long text is tolerated (and removed)
        raise UndecodableError(f"binary file ({nuls} NUL bytes, not in a UTF-16 pattern)")
    controls = len(raw) - len(raw.translate(None, _CONTROL_BYTES))
    if controls / len(raw) > 0.02:
        raise UndecodableError(f"binary file ({controls} control bytes in {len(raw)})")


def _utf16_without_bom(raw: bytes) -> Decoded | None:
    """UTF-16 without BOM: one byte parity is mostly 0x00 (Latin) or 0x06 (Arabic)."""
    if len(raw) < 2:
        return None
    even, odd = raw[0::2], raw[1::2]
    high = {name: (part.count(0) + part.count(6)) / len(part)
            for name, part in (("be", even), ("le", odd)) if part}
    low = {"be": odd, "le": even}
    for order in ("le", "be"):
        other = low[order]
        if not other or high.get(order, 0) < 0.6:
            continue
        if (other.count(0) + other.count(6)) / len(other) > 0.2:
            continue
        decoded = _lenient(raw, f"utf-16-{order}")
        if decoded is not None and _plausible(decoded.text, cjk=False):
            return decoded
    return None


def _lenient(raw: bytes, encoding: str, *, label: str = "") -> Decoded | None:
    """Strict decode; else accept a truncated tail or <=1% bad characters, with a warning."""
    try:
        return Decoded(raw.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        truncated = exc.reason in ("unexpected end of data", "truncated data") and \
            exc.end >= len(raw) - 3
    text = raw.decode(encoding, errors="replace")
    bad = text.count("\ufffd") - _count_fffd_valid(raw, encoding)
    base = sum(1 for c in text if ord(c) > 127) if encoding == "utf-8" else len(text)
    if not truncated and bad > 0.01 * max(base - bad, 0):
        return None
    what = "truncated at the end" if truncated else f"{bad} invalid byte sequence(s)"
    note = f"decoded as {label or encoding} with replacement characters: {what}"
    return Decoded(text, encoding, [note])


def _utf8(raw: bytes) -> Decoded | None:
    """UTF-8, unless its only non-ASCII bytes are invalid and Windows-1256 reads them as
    Arabic (why: 'x ؤ' in cp1256 ends in one byte that looks like a cut UTF-8 letter)."""
    decoded = _lenient(raw, "utf-8")
    if decoded is None or not decoded.warnings or _VALID_NON_ASCII.search(decoded.text):
        return decoded
    return _cp1256(raw) or decoded


_VALID_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")


def _by_lines(raw: bytes) -> Decoded | None:
    """A file of mixed or damaged encodings, decoded line by line, when UTF-8 holds most
    of its non-ASCII bytes; None otherwise (the whole is then tried as Windows-1256).

    Why: one Windows-1256 paragraph appended to a UTF-8 article, or a few stray bytes
    over the 1% that :func:`_lenient` forgives, made the whole file Windows-1256, and
    every UTF-8 word mojibake (its places went from 26 to 0) without a warning. Each
    line is read in the encoding that explains it (see :func:`_line`), and what was
    not plain UTF-8 is counted in a warning.
    """
    lines = raw.split(b"\n")
    decoded = [_line(line) for line in lines]
    utf8_bytes = sum(_non_ascii(line) for line, (_, enc, _) in zip(lines, decoded, strict=True)
                     if enc == "utf-8")
    if utf8_bytes * 2 <= _non_ascii(raw):
        return None
    warnings = []
    cp1256_lines = sum(1 for _, enc, _ in decoded if enc == "cp1256")
    if cp1256_lines:
        warnings.append(f"mixed encodings: {cp1256_lines} line(s) read as Windows-1256, the "
                        "rest as UTF-8")
    bad = [n for _, enc, n in decoded if enc == "utf-8" and n]
    if bad:
        warnings.append(f"decoded as utf-8 with replacement characters: {sum(bad)} invalid "
                        f"byte sequence(s) in {len(bad)} line(s)")
    return Decoded("\n".join(text for text, _, _ in decoded), "utf-8", warnings)


def _line(line: bytes) -> tuple[str, str, int]:
    """``(text, encoding, invalid sequences)`` of one line: UTF-8 if valid or if most of
    its non-ASCII characters are valid UTF-8 (stray bytes), Windows-1256 if Arabic
    letters dominate it that way, else UTF-8 with replacement characters."""
    try:
        return line.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError:
        pass
    text = line.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - _count_fffd_valid(line, "utf-8")
    valid = sum(1 for c in text if ord(c) > 127 and c != "\ufffd")
    if valid > bad:
        return text, "utf-8", bad
    cp1256 = _cp1256(line)
    if cp1256 is not None:
        return cp1256.text, "cp1256", 0
    return text, "utf-8", bad


def _non_ascii(raw: bytes) -> int:
    """How many bytes of ``raw`` are not ASCII (what is left once the ASCII bytes are deleted)."""
    return len(raw.translate(None, bytes(range(128))))


def _count_fffd_valid(raw: bytes, encoding: str) -> int:
    """U+FFFD characters genuinely present in the bytes (not produced by replacement)."""
    marker = "\ufffd".encode(encoding, errors="ignore")
    return raw.count(marker) if marker else 0


def _cp1256(raw: bytes) -> Decoded | None:
    """Windows-1256 decodes any byte, so only accept it when Arabic letters dominate."""
    text = raw.decode("cp1256", errors="replace")
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return None
    arabic = sum(1 for c in letters if ARABIC_RE.match(c))
    if arabic / len(letters) < 0.5:
        return None
    return Decoded(text, "cp1256")


def _guess(raw: bytes) -> Decoded | None:
    """Last resort: charset-normalizer's best guess, if the result looks like text."""
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(raw).best()
        if best is None:
            return None
        text = str(best)
    except Exception:  # a detector bug must not crash a corpus read
        return None
    if not _plausible(text, cjk=False):
        return None
    note = f"encoding guessed by charset-normalizer: {best.encoding}"
    return Decoded(text, best.encoding, [note])


def _plausible(text: str, *, cjk: bool) -> bool:
    """Mostly printable characters (why: a wrong UTF-16 guess yields CJK soup or controls).

    ``cjk=True`` accepts CJK-heavy text (a BOM vouches for the encoding).
    """
    if not text:
        return True
    bad = sum(1 for c in text if unicodedata.category(c) in ("Cc", "Cs", "Co", "Cn")
              and c not in "\n\r\t\f\v")
    if bad / len(text) > 0.02:
        return False
    letters = [c for c in text if c.isalpha()]
    if not letters or cjk:
        return True
    han = sum(1 for c in letters if "\u3400" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af")
    return han / len(letters) < 0.3

