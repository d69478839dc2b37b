from __future__ import annotations

import pytest

from geo.uploads import safe_name, store_upload

TEXT = "قالت مصادر إن دورية أمريكية مرت قرب القامشلي.".encode()


@pytest.mark.parametrize("name", ["../x.txt", "../../etc/passwd.txt", "/etc/passwd.txt",
                                  "C:\\Windows\\x.txt", "a\x00b.txt", "..\\..\\x.txt",
                                  "مقال عن القامشلي.txt", "  .hidden.txt"])
def test_names_never_leave_the_folder(tmp_path, name) -> None:
    folder = tmp_path / "uploads"
    outcome = store_upload(name, TEXT, folder=folder)
    assert outcome.status == "stored", outcome.message
    assert outcome.stored.parent == folder.resolve()
    assert not any(p for p in tmp_path.iterdir() if p.name != "uploads")


def test_same_content_twice_is_deduplicated(tmp_path) -> None:
    first = store_upload("a.txt", TEXT, folder=tmp_path)
    second = store_upload("b.txt", TEXT, folder=tmp_path)
    assert first.status == "stored" and second.status == "duplicate"
    assert len(list(tmp_path.iterdir())) == 1


def test_same_name_other_content_keeps_both(tmp_path) -> None:
    store_upload("a.txt", TEXT, folder=tmp_path)
    other = store_upload("a.txt", TEXT + b" 2", folder=tmp_path)
    assert other.status == "stored" and other.stored.name != "a.txt"


@pytest.mark.parametrize(("name", "raw", "why"), [
    ("x.exe", TEXT, "not a text article"),
    ("x.txt", b"", "empty"),
    ("x.txt", b"\x00\x01\x02" * 1000, "x.txt"),
    ("x.txt", b"a" * 3_000_000, "limit"),
])
def test_bad_uploads_are_refused_with_a_reason(tmp_path, name, raw, why) -> None:
    outcome = store_upload(name, raw, folder=tmp_path)
    assert outcome.status == "refused" and why in outcome.message
    assert list(tmp_path.iterdir()) == []


def test_safe_name_keeps_arabic() -> None:
    assert safe_name("../مقال.TXT") == "مقال.txt"
