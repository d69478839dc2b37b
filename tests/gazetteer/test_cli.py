"""The command line is a contract: run it for real, in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

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
