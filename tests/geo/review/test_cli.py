"""``python -m geo review`` and ``build --review`` as a user runs them, on a copy of seeds/."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.geo.test_cli import one_line_exit_2

ROOT = Path(__file__).resolve().parents[3]


def geo(*args: str | Path) -> subprocess.CompletedProcess:
    """The CLI with the test's environment ($NES_OSINT_DATA etc. set by conftest)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "geo", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=300)


def ok(*args: str | Path) -> subprocess.CompletedProcess:
    proc = geo(*args)
    assert proc.returncode == 0, proc.stderr
    return proc


def features(out: Path) -> dict[str, dict]:
    data = json.loads((out / "incidents.geojson").read_text(encoding="utf-8"))
    return {f["properties"]["id"]: f["properties"] for f in data["features"]}


def test_decide_build_and_the_layers_carry_the_review(tmp_path: Path, corpus: Path) -> None:
    machine = tmp_path / "machine"
    ok("build", corpus, "--out", machine)
    ids = sorted(features(machine))
    report = json.loads((machine / "report.json").read_text(encoding="utf-8"))
    merged = report["merges"][0]["id"]
    n_decisions = len(report["merges"][0]["members"]) + 2  # a reject per member, two more
    single = next(i for i in ids if i.startswith("inc-"))
    ok("review", "decide", "reject", merged, "--reason", "false alarm", "--corpus", corpus,
       "--who", "tester")
    ok("review", "decide", "confirm", single, "--corpus", corpus)
    ok("review", "decide", "set-casualties", single, "--fatalities", "2", "--corpus", corpus)
    store = tmp_path / "data" / "review.sqlite"
    assert store.is_file()

    out = tmp_path / "reviewed"
    ok("build", corpus, "--out", out)  # the data folder's store, by default
    got = features(out)
    assert merged not in got
    assert got[single]["review"] == "edited" and got[single]["fatalities"] == 2
    assert {p["review"] for i, p in got.items() if i != single} == {"machine"}
    assert [c["field"] for c in got[single]["review_changes"]] == ["fatalities"]
    review = json.loads((out / "report.json").read_text(encoding="utf-8"))["review"]
    assert review["store"] == str(store) and review["orphaned"] == []

    shown = tmp_path / "shown"
    ok("build", corpus, "--out", shown, "--include-rejected")
    assert {p["review"] for p in features(shown).values()} >= {"rejected"}

    plain = tmp_path / "plain"
    ok("build", corpus, "--out", plain, "--no-review")
    assert (plain / "incidents.geojson").read_bytes() == \
        (machine / "incidents.geojson").read_bytes()
    explicit = tmp_path / "explicit"
    ok("build", corpus, "--out", explicit, "--review", store)
    assert (explicit / "incidents.geojson").read_bytes() == \
        (out / "incidents.geojson").read_bytes()

    listing = ok("review", "list").stdout
    assert "false alarm" in listing and "tester" in listing and f"{n_decisions} decision(s)" in listing
    history = tmp_path / "history.jsonl"
    ok("review", "export", "--out", history)
    exported = [json.loads(line) for line in history.read_text(encoding="utf-8").splitlines()]
    assert len(exported) == n_decisions and {d["kind"] for d in exported} == {
        "reject", "confirm", "set-fatalities"}
    fresh = tmp_path / "fresh.sqlite"
    assert "imported" in ok("review", "import", history, "--store", fresh).stdout
    again = ok("review", "export", "--store", fresh).stdout
    assert again == history.read_text(encoding="utf-8")
    assert "0 orphaned" in ok("review", "orphans", "--corpus", corpus).stdout


def test_article_and_place_decisions(tmp_path: Path, corpus: Path) -> None:
    ok("review", "decide", "set-date", "000_c290c274965af00c", "2022-10-08", "--corpus", corpus)
    ok("review", "decide", "add-place", "--name-ar", "ملوك سراي", "--name-en", "Mulk Saray",
       "--lat", "37.1", "--lon", "41.4", "--kind", "village", "--governorate", "hasakah",
       "--source", "analyst")
    found = subprocess.run([sys.executable, "-m", "gazetteer", "lookup", "ملوك سراي", "--json"],
                           cwd=ROOT, capture_output=True, text=True, timeout=120,
                           env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert json.loads(found.stdout)["best"]["name_en"] == "Mulk Saray"
    out = tmp_path / "out"
    ok("build", corpus, "--out", out)
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    art = next(a for a in report["articles"] if a["id"] == "000_c290c274965af00c")
    assert art["published"] == "2022-10-08" and not art["published_inferred"]
    assert all(e["text"] != "ملوك سراي" for e in report["low_confidence"])


@pytest.mark.parametrize(("args", "words"), [
    (("confirm", "inc-0000000000"), "no incident"),
    (("set-date", "no_such_article", "2022-10-08"), "no article"),
])
def test_decisions_on_things_that_do_not_exist(tmp_path: Path, corpus: Path, args: tuple,
                                               words: str) -> None:
    one_line_exit_2(geo("review", "decide", *args, "--corpus", corpus), words)
    assert not (tmp_path / "data" / "review.sqlite").exists() or \
        sqlite3.connect(tmp_path / "data" / "review.sqlite").execute(
            "SELECT count(*) FROM decisions").fetchone() == (0,)


def test_bad_input_is_one_line_and_loses_nothing(tmp_path: Path, corpus: Path) -> None:
    machine = tmp_path / "machine"
    ok("build", corpus, "--out", machine)
    single = next(i for i in features(machine) if i.startswith("inc-"))
    ok("review", "decide", "confirm", single, "--corpus", corpus)
    store = tmp_path / "data" / "review.sqlite"
    before = ok("review", "export").stdout

    for args in (("replace", single, "--lat", "48.8", "--lon", "2.3"),
                 ("replace", single, "--place", "no_such_place"),
                 ("replace", "inc-0000000000", "--place", "qamishli"),
                 ("set-incident-date", single, "2022-02-30")):
        one_line_exit_2(geo("review", "decide", *args, "--corpus", corpus))
    one_line_exit_2(geo("review", "decide", "add-place", "--name-ar", "باريس", "--lat", "48.8",
                        "--lon", "2.3", "--source", "x"))
    bad = tmp_path / "bad.jsonl"
    bad.write_text(before + "not json\n", encoding="utf-8")
    one_line_exit_2(geo("review", "import", bad))
    assert ok("review", "export").stdout == before

    notdb = tmp_path / "notes.sqlite"
    notdb.write_bytes(b"not a database at all")
    foreign = tmp_path / "foreign.sqlite"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    foreign_bytes = foreign.read_bytes()
    for path in (notdb, foreign, tmp_path / "missing.sqlite"):
        one_line_exit_2(geo("build", corpus, "--out", tmp_path / "x", "--review", path))
        one_line_exit_2(geo("review", "list", "--store", path))
    one_line_exit_2(geo("review", "decide", "confirm", single, "--corpus", corpus,
                        "--store", foreign))
    assert notdb.read_bytes() == b"not a database at all"
    assert foreign.read_bytes() == foreign_bytes
    assert not (tmp_path / "missing.sqlite").exists()
    assert store.is_file() and ok("review", "export").stdout == before
