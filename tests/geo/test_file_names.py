"""Issue 10, item 13: a file name that is not UTF-8 is read, and shown with visible escapes.

``b'\\xff\\xfe-report.txt'`` is a legal POSIX name; Python holds it as lone surrogates,
which UTF-8 cannot encode. The article is read and mapped, and its name (and id)
reach report.json, the GeoJSON, the terminal and ``--json`` as ``\\xff\\xfe-report``:
every byte written is valid UTF-8.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from geo.names import _visible_deep, visible, visible_deep
from tests.geo.test_cli import ROOT
from tests.geo.test_pipeline import SEEDS

RAW_NAME = b"\xff\xfe-report.txt"
SHOWN = "\\xff\\xfe-report.txt"


def run_geo(*args: str | Path, cache: Path) -> tuple[int, str, str]:
    """``python -m geo`` with its output as bytes, decoded strictly (invalid UTF-8 fails)."""
    env = {**os.environ, "NES_OSINT_CACHE": str(cache), "PYTHONPATH": str(ROOT),
           "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run([sys.executable, "-m", "geo", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, timeout=300)
    return proc.returncode, proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")


@pytest.fixture()
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEEDS / "002_032df531970bae2f.txt", folder)
    text = (SEEDS / "003_91d580d13336e84c.txt").read_bytes()
    with open(os.fsencode(folder) + b"/" + RAW_NAME, "wb") as handle:
        handle.write(text)
    return folder


def test_visible_shows_each_undecodable_byte():
    assert visible(os.fsdecode(RAW_NAME)) == SHOWN
    assert visible("a\ud800b") == "a<U+D800>b"
    assert visible_deep({"f": [os.fsdecode(b"\x80.txt")]}) == {"f": ["\\x80.txt"]}


_TEXT = st.text(st.sampled_from(["a", "\\", "u", "d", "c", "8", "ق", "😀", "\udc80", "\ud800"]))
_JSONISH = st.recursive(st.none() | st.integers() | st.floats() | _TEXT,
                        lambda inner: st.lists(inner, max_size=3) | st.tuples(inner, inner)
                        | st.dictionaries(_TEXT, inner, max_size=3), max_leaves=12)


@given(st.dictionaries(_TEXT, _JSONISH, max_size=3) | st.lists(_JSONISH, max_size=3))
def test_visible_deep_gives_what_walking_every_string_gives(value):
    """The JSON check that skips the walk of a report with nothing to escape changes
    nothing: the same value, and the very object when nothing needed escaping."""
    walked = _visible_deep(value)
    got = visible_deep(value)
    assert repr(got) == repr(walked) and (got is value) == (walked is value)


def test_build_reads_a_non_utf8_file_name_and_shows_it_escaped(corpus, tmp_path):
    out = tmp_path / "out"
    code, stdout, stderr = run_geo("build", corpus, "--out", out, cache=tmp_path / "cache")
    assert code == 0, stderr
    assert "2 articles" in stdout and "Traceback" not in stderr
    report = json.loads((out / "report.json").read_bytes().decode("utf-8"))
    files = {f["file"]: f for f in report["files"]}
    assert files[SHOWN]["status"] == "read" and files[SHOWN]["article"] == SHOWN[:-4]
    for path in out.glob("*.geojson"):
        path.read_bytes().decode("utf-8")  # strict: valid UTF-8
    articles = json.loads((out / "articles.geojson").read_bytes())
    assert SHOWN[:-4] in {f["properties"]["id"] for f in articles["features"]}


def test_report_prints_the_name_escaped_and_json_stays_utf8(corpus, tmp_path):
    code, stdout, stderr = run_geo("report", corpus, cache=tmp_path / "cache")
    assert code == 0, stderr
    assert "2 articles read" in stdout
    code, stdout, stderr = run_geo("report", corpus, "--json", cache=tmp_path / "cache")
    assert code == 0, stderr
    report = json.loads(stdout)
    assert SHOWN in {f["file"] for f in report["files"]}
    assert SHOWN[:-4] in {a["id"] for a in report["articles"]}


def test_folders_with_non_utf8_names_are_shown_escaped(tmp_path):
    base = os.fsencode(tmp_path)
    corpus, out = Path(os.fsdecode(base + b"/corpus\xe9")), Path(os.fsdecode(base + b"/out\xe9"))
    corpus.mkdir()
    shutil.copy(SEEDS / "002_032df531970bae2f.txt", corpus)
    code, stdout, stderr = run_geo("build", corpus, "--out", out, cache=tmp_path / "cache")
    assert code == 0, stderr
    assert stdout.rstrip().endswith("out\\xe9")
    report = json.loads((out / "report.json").read_bytes())
    assert report["corpus"].endswith("corpus\\xe9")
    code, _, stderr = run_geo("report", Path(os.fsdecode(base + b"/none\xe9")),
                              cache=tmp_path / "cache")
    assert code == 2 and "none\\xe9" in stderr and len(stderr.splitlines()) == 1
