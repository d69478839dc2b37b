"""Mixed or damaged encodings are decoded by the majority, with a warning (issue 10,
item 12).

Before: an article with about 1% stray bytes, or with one Windows-1256 paragraph
appended, was read whole as Windows-1256 without a word, and its places went from 26
to 0. Real bytes, real files.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gazetteer import find_mentions
from geo.read import read_article
from geo.read.decode import decode

SEED = Path(__file__).resolve().parents[3] / "seeds" / "002_032df531970bae2f.txt"
CP1256_PARAGRAPH = "\n\nوأفادت مصادر محلية بأن دورية روسية مرت قرب عامودا.\n"


def _places(text: str) -> int:
    return sum(1 for m in find_mentions(text) if m.place is not None)


def _with_stray_bytes(raw: bytes, every: int) -> bytes:
    """A stray 0xFF byte after every ``every``-th newline-free ASCII space."""
    out, spaces = bytearray(), 0
    for byte in raw:
        out.append(byte)
        if byte == 0x20:
            spaces += 1
            if spaces % every == 0:
                out.append(0xFF)
    return bytes(out)


def test_a_windows_1256_paragraph_appended_to_utf8_keeps_both_readable(tmp_path: Path) -> None:
    good = SEED.read_bytes()
    path = tmp_path / "mixed.txt"
    path.write_bytes(good + CP1256_PARAGRAPH.encode("cp1256"))
    article = read_article(path)
    expected = read_article(SEED)
    assert article.body.startswith(expected.body)
    assert "دورية روسية مرت قرب عامودا" in article.body
    assert _places(article.body) >= _places(expected.body) > 0
    assert any("mixed encodings: 1 line(s) read as Windows-1256" in w for w in article.warnings)


@pytest.mark.parametrize("every", [3, 5, 10])
def test_utf8_with_stray_bytes_stays_utf8_with_a_warning(tmp_path: Path, every: int) -> None:
    good = SEED.read_bytes()
    damaged = _with_stray_bytes(good, every)
    assert (len(damaged) - len(good)) / len(damaged) > 0.005  # about 1% and more
    path = tmp_path / "damaged.txt"
    path.write_bytes(damaged)
    article = read_article(path)
    expected = read_article(SEED)
    assert article.encoding == "utf-8"
    assert _places(article.body) >= _places(expected.body) - 2 > 0
    assert any("invalid byte sequence(s)" in w for w in article.warnings)


def test_mostly_windows_1256_with_a_utf8_line_is_still_windows_1256() -> None:
    text = "قصف على القامشلي\n" + "قالت مصادر محلية إن قصفاً استهدف ريف الحسكة اليوم.\n" * 20
    raw = text.encode("cp1256") + "سطر بترميز آخر\n".encode()
    decoded = decode(raw)
    assert decoded.encoding == "cp1256"
    assert "قصفاً استهدف ريف الحسكة" in decoded.text


def test_plain_files_decode_as_before() -> None:
    text = "قصف على القامشلي\nقالت مصادر محلية.\n"
    assert (decode(text.encode()).encoding, decode(text.encode()).warnings) == ("utf-8", [])
    assert (decode(text.encode("cp1256")).encoding,
            decode(text.encode("cp1256")).warnings) == ("cp1256", [])
