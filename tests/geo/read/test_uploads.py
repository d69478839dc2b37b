from __future__ import annotations

import os
from pathlib import Path

import pytest

from geo.read import read_article
from geo.read.uploads import (
    LOCK_NAME,
    MAX_UPLOAD_BYTES,
    default_upload_dir,
    list_uploads,
    remove_upload,
    safe_name,
    store_upload,
    store_uploads,
)

TEXT = "قالت مصادر إن دورية أمريكية مرت قرب القامشلي.".encode()


def _outside(tmp_path: Path, folder: Path) -> list[Path]:
    """Every file under tmp_path that is not in the uploads folder."""
    return [p for p in tmp_path.rglob("*") if p.is_file() and p.parent != folder]


@pytest.mark.parametrize("name", [
    "../x.txt", "../../etc/passwd.txt", "/etc/passwd.txt", "C:\\Windows\\x.txt", "C:x.txt",
    "a\x00b.txt", "..\\..\\x.txt", "مقال عن القامشلي.txt", "  .hidden.txt", "..", "....txt",
    "x\u202etxt.exe.txt", "dir/sub/../../x.html", "\\\\server\\share\\x.md", "x\n.txt",
])
def test_names_never_leave_the_folder(tmp_path, name) -> None:
    folder = tmp_path / "uploads"
    outcome = store_upload(name, TEXT, folder=folder)
    if outcome.status == "stored":
        assert outcome.stored.parent == folder.resolve()
        assert not outcome.stored.name.startswith(".")
        assert "\x00" not in outcome.stored.name and "/" not in outcome.stored.name
    else:  # names that are nothing but dots have no extension
        assert outcome.status == "refused" and name in outcome.message
    assert _outside(tmp_path, folder) == []


def test_passwd_is_refused_for_its_extension(tmp_path) -> None:
    outcome = store_upload("/etc/passwd", TEXT, folder=tmp_path)
    assert outcome.status == "refused" and "not a text article" in outcome.message


@pytest.mark.parametrize(("name", "clean"), [
    ("../x.txt", "x.txt"),
    ("/etc/passwd.txt", "passwd.txt"),
    ("C:\\x.txt", "x.txt"),
    ("a\x00b.txt", "ab.txt"),
    ("../مقال.TXT", "مقال.txt"),
    ("تقرير الحسكة (1).html", "تقرير_الحسكة_1.html"),
    ("x\u202etxt.exe.txt", "xtxt_exe.txt"),
    ("CON.txt", "_CON.txt"),
    ("Qamişlo report.md", "Qamişlo_report.md"),
    ("a" * 300 + ".txt", "a" * 80 + ".txt"),
    ("no extension", "no_extension"),
])
def test_safe_name(name, clean) -> None:
    assert safe_name(name) == clean


def test_unicode_name_is_stored_and_read(tmp_path) -> None:
    outcome = store_upload("مقال عن القامشلي.txt", TEXT, folder=tmp_path)
    assert outcome.status == "stored"
    assert outcome.stored.name == "مقال_عن_القامشلي.txt"
    assert "القامشلي" in read_article(outcome.stored).body


def test_same_content_twice_is_deduplicated(tmp_path) -> None:
    first = store_upload("a.txt", TEXT, folder=tmp_path)
    second = store_upload("b.txt", TEXT, folder=tmp_path)
    assert first.status == "stored" and second.status == "duplicate" and second.ok
    assert second.stored == first.stored and "already stored as \u2066a.txt\u2069" in second.message
    assert list_uploads(tmp_path) == [first.stored]


def test_same_name_other_content_keeps_both(tmp_path) -> None:
    first = store_upload("a.txt", TEXT, folder=tmp_path)
    other = store_upload("a.txt", TEXT + b" 2", folder=tmp_path)
    assert other.status == "stored" and other.stored.name != "a.txt"
    assert first.stored.read_bytes() == TEXT  # nothing else is lost
    assert len(list_uploads(tmp_path)) == 2


def test_a_name_that_is_an_article_id_gets_a_suffix(tmp_path) -> None:
    outcome = store_upload("002_032df531970bae2f.txt", TEXT, folder=tmp_path,
                           taken={"002_032df531970bae2f"})
    assert outcome.stored.stem.startswith("002_032df531970bae2f_")
    assert outcome.stored.stem != "002_032df531970bae2f"


def test_a_file_the_corpus_has_is_a_duplicate(tmp_path) -> None:
    import hashlib

    known = {hashlib.sha256(TEXT).hexdigest(): "002_x.txt"}
    outcome = store_upload("copy.txt", TEXT, folder=tmp_path, known=known)
    assert outcome.status == "duplicate" and "in the corpus as \u2066002_x.txt\u2069" in outcome.message
    assert list_uploads(tmp_path) == []


@pytest.mark.parametrize(("name", "raw", "why"), [
    ("x.exe", TEXT, "not a text article"),
    ("x.csv", TEXT, "not a text article"),
    ("x.txt", b"", "empty"),
    ("x.txt", b"   \n\t ", "empty"),
    ("x.txt", b"\x00\x01\x02" * 1000, "not readable as text"),
    ("x.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "not readable as text"),
    ("x.txt", b"a" * (MAX_UPLOAD_BYTES + 1), "2,097,153 bytes is over the 2 MiB (2,097,152 bytes) "
                                             "limit"),
])
def test_bad_uploads_are_refused_with_a_reason(tmp_path, name, raw, why) -> None:
    store_upload("keep.txt", TEXT, folder=tmp_path)
    outcome = store_upload(name, raw, folder=tmp_path)
    assert outcome.status == "refused" and not outcome.ok
    assert why in outcome.message and outcome.message.startswith(f"\u2066{name}\u2069: ")
    assert [p.name for p in tmp_path.iterdir() if p.name != LOCK_NAME] == ["keep.txt"]


def test_custom_size_limit(tmp_path) -> None:
    assert store_upload("x.txt", TEXT, folder=tmp_path, max_bytes=10).status == "refused"


@pytest.mark.parametrize("raw", ["سوريا".encode("utf-16"), "القامشلي".encode("cp1256"),
                                 "\ufeffالحسكة".encode()])
def test_other_encodings_are_taken(tmp_path, raw) -> None:
    assert store_upload("x.txt", raw, folder=tmp_path).status == "stored"


def test_a_link_out_of_the_folder_is_not_followed(tmp_path) -> None:
    folder = tmp_path / "uploads"
    folder.mkdir()
    outside = tmp_path / "outside.txt"
    outside.write_text("secret", encoding="utf-8")
    os.symlink(outside, folder / "x.txt")
    outcome = store_upload("x.txt", TEXT, folder=folder)
    assert outside.read_text(encoding="utf-8") == "secret"
    assert outcome.status == "stored" and outcome.stored.parent == folder.resolve()


def test_no_temporary_file_is_left(tmp_path) -> None:
    store_upload("a.txt", TEXT, folder=tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [LOCK_NAME, "a.txt"]  # the lock stays


def test_remove_upload_only_removes_inside(tmp_path) -> None:
    folder = tmp_path / "uploads"
    stored = store_upload("a.txt", TEXT, folder=folder).stored
    (tmp_path / "other.txt").write_text("x", encoding="utf-8")
    for name in ("../other.txt", "/etc/passwd", "", ".", "..", "missing.txt"):
        assert remove_upload(name, folder=folder) is False
    assert (tmp_path / "other.txt").exists()
    assert remove_upload("a.txt", folder=folder) is True and not stored.exists()


def test_default_folder(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("NES_OSINT_DATA", str(tmp_path))
    assert default_upload_dir() == tmp_path / "uploads"
    monkeypatch.delenv("NES_OSINT_DATA")
    assert default_upload_dir().parts[-2:] == ("data", "uploads")


def test_allowed_suffixes_are_what_the_corpus_reads() -> None:
    from geo.read import DEFAULT_PATTERNS
    from geo.read.uploads import ALLOWED_SUFFIXES

    assert {p.lstrip("*") for p in DEFAULT_PATTERNS} == set(ALLOWED_SUFFIXES)


# --- batches ------------------------------------------------------------------------------

def _article(i: int) -> bytes:
    return f"دورية رقم {i} مرت قرب القامشلي.".encode()


def test_a_batch_over_the_count_limit_names_every_refused_file(tmp_path) -> None:
    folder = tmp_path / "uploads"
    files = [(f"a{i}.txt", _article(i)) for i in range(5)]
    outcomes = store_uploads(files, folder=folder, max_files=3)
    assert [o.status for o in outcomes] == ["stored"] * 3 + ["refused"] * 2
    assert "a3.txt" in outcomes[3].message and "only 3 files are taken at a time" in outcomes[3].message
    assert sorted(p.name for p in list_uploads(folder)) == ["a0.txt", "a1.txt", "a2.txt"]


def test_the_same_file_twice_in_a_batch_is_stored_once(tmp_path) -> None:
    folder = tmp_path / "uploads"
    outcomes = store_uploads([("x.txt", TEXT), ("x.txt", TEXT), ("copy.txt", TEXT)], folder=folder)
    assert [o.status for o in outcomes] == ["stored", "duplicate", "duplicate"]
    assert "already stored as" in outcomes[2].message
    assert [p.name for p in list_uploads(folder)] == ["x.txt"]


def test_a_full_folder_refuses_with_the_limits(tmp_path) -> None:
    folder = tmp_path / "uploads"
    store_uploads([(f"a{i}.txt", _article(i)) for i in range(2)], folder=folder)
    outcomes = store_uploads([("b.txt", _article(9))], folder=folder, max_stored_files=2)
    assert outcomes[0].status == "refused" and "uploads folder is full (2 files" in outcomes[0].message
    big = store_uploads([("c.txt", _article(10))], folder=folder,
                        max_stored_bytes=sum(p.stat().st_size for p in list_uploads(folder)) + 5)
    assert big[0].status == "refused" and "remove some uploads first" in big[0].message
    assert len(list_uploads(folder)) == 2


def test_a_hostile_batch_writes_nothing_outside_the_folder(tmp_path) -> None:
    folder = tmp_path / "data" / "uploads"
    names = ["../escape.txt", "/tmp/abs.txt", "..\\win.txt", "sub/../../up.md", "ok.html",
             "x\u202egnp.txt", "CON.txt", "a" * 500 + ".txt", ".bashrc.txt", "e.exe"]
    outcomes = store_uploads([(n, _article(i)) for i, n in enumerate(names)], folder=folder)
    assert len(outcomes) == len(names)
    assert outcomes[-1].status == "refused" and "not a text article" in outcomes[-1].message
    assert all(o.stored is None or o.stored.parent == folder.resolve() for o in outcomes)
    assert _outside(tmp_path, folder) == []
    assert len(list_uploads(folder)) == len(names) - 1
