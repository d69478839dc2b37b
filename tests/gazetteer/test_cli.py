"""The command line is a contract: run it for real, in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from gazetteer.__main__ import _read_text

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, stdin: bytes | None = None, home: Path | None = None):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    if home is not None:
        env["GAZETTEER_HOME"] = str(home)
    return subprocess.run([sys.executable, "-m", "gazetteer", *args], input=stdin, cwd=ROOT,
                          capture_output=True, env=env, timeout=120)


def test_lookup_json(tmp_path: Path) -> None:
    proc = _run("lookup", "القامشلي", "--json", home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["query"] == "القامشلي"
    assert data["best"]["id"] == "qamishli"
    assert abs(data["best"]["lat"] - 37.05) < 0.05 and abs(data["best"]["lon"] - 41.23) < 0.05
    assert isinstance(data["candidates"], list)


def test_lookup_unknown_is_null(tmp_path: Path) -> None:
    data = json.loads(_run("lookup", "زيزفونستان", "--json", home=tmp_path).stdout)
    assert data["best"] is None


def test_find_file_json(tmp_path: Path) -> None:
    text = "اعترضت دورية روسية رتلاً أمريكياً قرب بلدة القحطانية في محافظة الحسكة."
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    proc = _run("find", str(path), "--json", home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    mentions = json.loads(proc.stdout)
    first = mentions[0]
    assert set(first) >= {"start", "end", "text", "place", "confidence", "geo_precision"}
    assert text[first["start"]:first["end"]] == first["text"]
    assert first["place"]["id"] == "qahtaniyah_hasakah" and first["geo_precision"] == 2


@pytest.mark.parametrize("text", [
    "دورية قرب القامش\u202eلي ثم في الحسكة\u0085 وفي تل تمر.\n" * 40,  # bidi in a name
    "لا مكان هنا.",  # no mention: []
    "دورية في القامشلي وفي الحسكة.\n" * 300,  # more mentions than one batch of writes
])
def test_find_json_is_written_a_mention_at_a_time_as_one_document(tmp_path: Path,
                                                                   text: str) -> None:
    """Streamed, the output is still the one JSON document json.dumps(indent=2) writes,
    with control and bidi characters escaped as in one pass over it."""
    from gazetteer.jsonout import dump_mentions
    from gazetteer.resolver import resolve_text
    from gazetteer.store import load_gazetteer
    from gazetteer.terminal import json_safe

    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    proc = _run("find", str(path), "--json", home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    mentions = resolve_text(text, load_gazetteer(home=tmp_path))
    assert proc.stdout.decode("utf-8") == json_safe(dump_mentions(mentions)) + "\n"
    assert json.loads(proc.stdout) == [m.as_dict() for m in mentions]
    assert ("\\u202e" in proc.stdout.decode("utf-8")) == ("\u202e" in text)


def test_find_stdin_and_windows_1256(tmp_path: Path) -> None:
    proc = _run("find", "-", "--json", stdin="في القامشلي".encode("cp1256"), home=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)[0]["place"]["id"] == "qamishli"


def test_find_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    proc = _run("find", str(tmp_path / "nope.txt"), home=tmp_path)
    assert proc.returncode == 2 and b"nope.txt" in proc.stderr


def test_import_then_lookup_uses_both(tmp_path: Path) -> None:
    row = ["9999001", "Tall Zizfun", "Tall Zizfun", "Tall Zizfun,تل زيزفون", "36.9", "41.0", "P",
           "PPL", "SY", "", "01", "", "", "", "0", "", "350", "Asia/Damascus", "2024-01-01"]
    dump = tmp_path / "SY.txt"
    dump.write_text("\t".join(row) + "\n", encoding="utf-8")
    proc = _run("import", str(dump), home=tmp_path / "home")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(_run("lookup", "تل زيزفون", "--json", home=tmp_path / "home").stdout)
    assert data["best"]["id"] == "gn9999001"
    assert json.loads(_run("lookup", "القامشلي", "--json", home=tmp_path / "home").stdout)[
        "best"]["id"] == "qamishli"


def test_import_malformed_names_file_and_line(tmp_path: Path) -> None:
    dump = tmp_path / "bad.txt"
    dump.write_text("1\tonly\tthree\n", encoding="utf-8")
    proc = _run("import", str(dump), home=tmp_path / "home")
    assert proc.returncode == 2
    assert b"bad.txt" in proc.stderr and b"line 1" in proc.stderr


# --- hostile input to `find` ------------------------------------------------------------------

ARTICLE = "دورية أمريكية قرب القامشلي"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                      "cp1256"])
def test_read_text_takes_every_article_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(ARTICLE.encode(encoding))
    assert _read_text(str(path)).lstrip("\ufeff") == ARTICLE


@pytest.mark.parametrize(("raw", "why"), [
    (b"", "empty"),
    (b"  \n\t ", "empty"),
    (bytes(range(256)) * 20, "binary or another encoding"),
    (b"\x7fELF\x02\x01\x01\x00" + bytes(2000), "binary or another encoding"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary or another encoding"),
    (b"caf\xe9 cr\xe8me, Latin-1 and no Arabic", "binary or another encoding"),
])
def test_read_text_refuses_with_the_reason(tmp_path: Path, raw: bytes, why: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(raw)
    with pytest.raises(ValueError, match=why) as info:
        _read_text(str(path))
    assert "bad.txt" in str(info.value)


def test_read_text_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(ARTICLE.encode() * 30000)  # ~1.4 MB
    with pytest.raises(ValueError, match="larger than 1 MB.*--max-mb"):
        _read_text(str(path), max_mb=1)
    assert _read_text(str(path), max_mb=2).startswith(ARTICLE)


def test_find_binary_file_exits_2_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    proc = _run("find", str(path), home=tmp_path)
    assert proc.returncode == 2 and proc.stdout == b""
    assert b"image.txt" in proc.stderr and b"binary" in proc.stderr


def test_find_too_large_exits_2_and_names_the_option(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    path.write_bytes(ARTICLE.encode() * 30000)
    proc = _run("find", str(path), "--max-mb", "0.5", home=tmp_path)
    assert proc.returncode == 2 and b"--max-mb" in proc.stderr


# --- the local store: an oversized row is refused, a broken store is one line -----------------

def _dump_row(gid: int, name: str, alt: str = "") -> str:
    return "\t".join([str(gid), name, name, alt, "36.9", "41.0", "P", "PPL", "SY", "", "01", "",
                      "", "", "0", "", "350", "Asia/Damascus", "2024-01-01"])


def _one_line_error(proc: subprocess.CompletedProcess) -> str:
    """The single stderr line of a failed command; anything else fails the test."""
    err = proc.stderr.decode("utf-8")
    assert proc.returncode == 2, err
    assert proc.stdout == b"" and "Traceback" not in err
    assert err.count("\n") == 1 and err.startswith("gazetteer: error: "), err
    return err


def test_oversized_row_is_refused_and_every_command_still_works(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (tmp_path / "ok.txt").write_text(_dump_row(9999001, "Tall Zizfun", "تل زيزفون") + "\n",
                                     encoding="utf-8")
    assert _run("import", str(tmp_path / "ok.txt"), home=home).returncode == 0
    before = (home / "imported.csv").read_bytes()
    names = ",".join(f"Name{i}" for i in range(20_000))[:140_000]
    big = tmp_path / "big.txt"
    big.write_text(_dump_row(9999002, "Tall Big", names) + "\n", encoding="utf-8")
    err = _one_line_error(_run("import", str(big), home=home))
    assert f"{big}, line 1: row of 65,538 bytes or more" in err
    assert (home / "imported.csv").read_bytes() == before
    for args in (("lookup", "تل زيزفون", "--json"), ("stats",), ("find", str(tmp_path / "ok.txt")),
                 ("import", str(tmp_path / "ok.txt"))):
        proc = _run(*args, home=home)
        assert proc.returncode == 0, (args, proc.stderr)
    assert json.loads(_run("lookup", "تل زيزفون", "--json", home=home).stdout)["best"]["id"] == (
        "gn9999001")


_HEADER = b"id,name_ar,name_en,alt_names,kind,governorate,lat,lon,population,in_area,parent,source\n"
BROKEN_STORES = {  # what the hostile run (and older versions) left in imported.csv
    "field over the csv limit": _HEADER + b"gn1,,Big," + b"N|" * 70_000 + b",village,,1,1,,1,,s\n",
    "binary": bytes(range(256)) * 4,
    "no header": b"gn1,,One,,village,,1,1,,1,,s\n",
    "bad coordinate": _HEADER + b"gn1,,One,,village,,north,1,,1,,s\n",
    "quote never closed": _HEADER + b'gn1,,"One,,village,,1,1,,1,,s\n',
    "empty": b"",
}


@pytest.mark.parametrize("breakage", sorted(BROKEN_STORES))
def test_broken_store_is_one_line_naming_it_and_exit_2(tmp_path: Path, breakage: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "imported.csv").write_bytes(BROKEN_STORES[breakage])
    err = _one_line_error(_run("stats", home=home))
    assert f"{home / 'imported.csv'}" in err
    assert "move imported.csv out of" in err and "import your GeoNames dumps again" in err


@pytest.mark.parametrize("command", ["lookup", "find", "stats", "import"])
@pytest.mark.parametrize("breakage", ["field over the csv limit", "a folder"])
def test_every_command_reports_a_broken_store_in_one_line(tmp_path: Path, command: str,
                                                          breakage: str) -> None:
    home = tmp_path / "home"
    home.mkdir()
    if breakage == "a folder":
        (home / "imported.csv").mkdir()
    else:
        (home / "imported.csv").write_bytes(BROKEN_STORES[breakage])
    article = tmp_path / "a.txt"
    article.write_text("دورية قرب القامشلي", encoding="utf-8")
    dump = tmp_path / "SY.txt"
    dump.write_text(_dump_row(9999003, "Tall Three") + "\n", encoding="utf-8")
    args = {"lookup": ("lookup", "القامشلي", "--json"), "find": ("find", str(article)),
            "stats": ("stats",), "import": ("import", str(dump))}[command]
    err = _one_line_error(_run(*args, home=home))
    assert f"{home / 'imported.csv'}" in err
    if breakage == "a folder":
        assert "not a regular file" in err
    else:
        assert "line 2: bad CSV: field larger than field limit (131072)" in err
        assert "delete that row (line 2)" in err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="needs POSIX permissions and a user that is not root")
def test_unreadable_store_is_one_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    store = home / "imported.csv"
    store.write_bytes(_HEADER)
    store.chmod(0)
    try:
        err = _one_line_error(_run("stats", home=home))
    finally:
        store.chmod(0o600)
    assert str(store) in err and "Permission denied" in err and "may read it" in err


@pytest.mark.parametrize("was_on", [True, False])
def test_find_in_process_leaves_the_collector_as_it_found_it(tmp_path: Path, capsys,
                                                            was_on: bool) -> None:
    """find keeps the collector off while its mentions live (and writes the same JSON);
    a caller's collector is on again, or still off, when it returns."""
    import gc

    from gazetteer.__main__ import main
    from gazetteer.jsonout import dump_mentions
    from gazetteer.resolver import resolve_text
    from gazetteer.store import load_gazetteer
    from gazetteer.terminal import json_safe

    text = "دورية في القامشلي وفي الحسكة.\n" * 20
    path = tmp_path / "a.txt"
    path.write_text(text, encoding="utf-8")
    before = gc.isenabled()
    try:
        (gc.enable if was_on else gc.disable)()
        assert main(["find", str(path), "--json"]) == 0
        assert gc.isenabled() is was_on
    finally:
        (gc.enable if before else gc.disable)()
    out = capsys.readouterr().out
    assert out == json_safe(dump_mentions(resolve_text(text, load_gazetteer()))) + "\n"
