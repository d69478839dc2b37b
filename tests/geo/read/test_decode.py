"""geo.read.decode: every encoding gives the same text; binary and undecodable bytes are refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.read import (
    ArticleReadError,
    UndecodableError,
    decode_bytes,
    read_article,
)
from tests.geo.read.samples import PARA, SAMPLE
from tests.geo.read.samples import write as _write

# --- encodings -------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                      "utf-32", "cp1256"])
def test_encodings_give_identical_text(tmp_path: Path, encoding: str) -> None:
    reference = read_article(_write(tmp_path, "ref.txt", SAMPLE))
    path = _write(tmp_path, f"{encoding}.txt", SAMPLE.encode(encoding))
    article = read_article(path)
    assert (article.title, article.body) == (reference.title, reference.body)
    text, _ = decode_bytes(path.read_bytes())
    assert text.lstrip("\ufeff") == SAMPLE


@pytest.mark.parametrize(("encoding", "expected"), [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8"), ("utf-16", "utf-16-le"),
    ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"), ("cp1256", "cp1256"),
])
def test_encoding_names(encoding: str, expected: str) -> None:
    assert decode_bytes(SAMPLE.encode(encoding)) == (SAMPLE, expected)


def test_utf16_without_bom_and_without_spaces() -> None:
    text = "القامشلي" * 20  # no NUL byte at all: recognised by the 0x06 high bytes
    assert decode_bytes(text.encode("utf-16-le")) == (text, "utf-16-le")
    assert decode_bytes(text.encode("utf-16-be")) == (text, "utf-16-be")


def test_cp1256_needs_arabic() -> None:
    latin = "Crème brûlée à la française, déjà vu".encode("cp1252")
    text, encoding = decode_bytes(latin)  # a European code page, whichever charset-normalizer picks
    assert encoding != "cp1256"
    assert text.startswith("Cr") and "fran" in text


def test_truncated_utf8_is_read_with_a_warning(tmp_path: Path) -> None:
    raw = SAMPLE.encode("utf-8")[:-1]  # cut inside the last (two-byte) letter
    article = read_article(_write(tmp_path, "cut.txt", raw))
    assert article.encoding == "utf-8"
    assert article.body.endswith("\ufffd")
    assert any("truncated" in w for w in article.warnings)


def test_text_is_normalised_but_arabic_kept(tmp_path: Path) -> None:
    raw = "عنوان الخبر\r\n\r\nقرية القحطانيّة\x00 قرب ا\u0653لقامشلي\x07.\r" + PARA * 10
    article = read_article(_write(tmp_path, "n.txt", raw))  # one NUL in 1.5 kB: a stray
    assert any("NUL" in w for w in article.warnings)
    assert "\r" not in article.body and "\x00" not in article.body and "\x07" not in article.body
    assert "القحطانيّة" in article.body  # shadda kept: spans must match what the user sees
    assert "آلقامشلي" in article.body  # NFC composed alef + madda


@pytest.mark.parametrize(("data", "reason"), [
    (bytes(range(256)) * 4, "binary"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"abc\x00\x01\x02\x03def\x00" * 10, "binary"),
    (b"", "empty"),
    (b"   \n\n\t \n", "empty"),
])
def test_bad_files_raise_naming_the_file(tmp_path: Path, data: bytes, reason: str) -> None:
    path = _write(tmp_path, "bad.txt", data)
    with pytest.raises(ArticleReadError, match=r"bad\.txt") as info:
        read_article(path)
    assert reason in info.value.reason
    assert isinstance(info.value, ValueError)


def test_decode_bytes_raises_undecodable() -> None:
    with pytest.raises(UndecodableError, match="binary"):
        decode_bytes(b"\x00\x01\x02\x03" * 50)
    assert issubclass(UndecodableError, ValueError)


# --- properties ------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=600),
                 st.text(max_size=200).map(lambda t: t.encode("utf-16-le", "surrogatepass")),
                 st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")[:-1])))
def test_decode_bytes_only_raises_undecodable(raw: bytes) -> None:
    try:
        text, encoding = decode_bytes(raw)
    except UndecodableError:
        return
    assert isinstance(text, str) and encoding
