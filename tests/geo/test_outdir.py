"""Issue 10, item 7: ``--out`` always holds one run's complete set, whatever happens.

Real ``python -m geo build`` processes: killed with SIGKILL at chosen points of the
write (before the first file, half-way, before the last, after the swap), run two at
once into one folder, made to wait on the lock. After each, the folder holds exactly
the seven files of ONE run: its GeoJSON bytes, its report and its GeoPackage agree.
"""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pyogrio
import pytest

from geo.outdir import OutputError, replace_folder
from tests.geo.test_cli import ROOT, geo
from tests.geo.test_pipeline import SEEDS

SET = sorted(["articles.geojson", "bases.geojson", "incidents.geojson", "layers.gpkg",
              "places.geojson", "report.json", "routes.geojson"])
RUNS = {"all": [], "raids": ["--type", "raid"]}

#: Runs ``python -m geo`` after arranging to SIGKILL itself at KILL_AT ('replace:N': at the
#: N-th file moved into the staging folder; 'swapped': once the new set is in place, before
#: the old one is removed; 'between': between the two renames when no atomic exchange).
KILLER = """
import ctypes, os, shutil, signal, sys
point = os.environ["KILL_AT"]
count = [0]
def die():
    os.kill(os.getpid(), signal.SIGKILL)
if point.startswith("replace:"):
    real_replace, n = os.replace, int(point.split(":")[1])
    def replace(src, dst, *a, **k):
        if ".staging-" in os.fsdecode(dst):
            count[0] += 1
            if count[0] == n:
                die()
        return real_replace(src, dst, *a, **k)
    os.replace = replace
elif point == "swapped":
    real_rmtree, mine = shutil.rmtree, f".staging-{os.getpid()}-"
    def rmtree(path, *a, **k):
        if mine in os.fsdecode(path):
            die()
        return real_rmtree(path, *a, **k)
    shutil.rmtree = rmtree
elif point == "between":
    def no_exchange(*a, **k):
        raise OSError("no renameat2 here")
    ctypes.CDLL = no_exchange
    real_rename = os.rename
    def rename(src, dst, *a, **k):
        real_rename(src, dst, *a, **k)
        if ".old-" in os.fsdecode(dst):
            die()
    os.rename = rename
from geo.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture(scope="module")
def cache(tmp_path_factory) -> Path:
    """One warm cache for every build here: each process then takes about a second."""
    folder = tmp_path_factory.mktemp("cache") / "c"
    assert geo("report", SEEDS, cache=folder).returncode == 0
    return folder


@pytest.fixture(scope="module")
def refs(tmp_path_factory, cache) -> dict[str, dict[str, bytes]]:
    """The GeoJSON bytes of each run, built on their own."""
    out = {}
    for name, args in RUNS.items():
        folder = tmp_path_factory.mktemp(name) / "out"
        assert geo("build", SEEDS, "--out", folder, *args, cache=cache).returncode == 0
        out[name] = {p.name: p.read_bytes() for p in folder.glob("*.geojson")}
    assert out["all"]["incidents.geojson"] != out["raids"]["incidents.geojson"]
    return out


def build(out: Path, run: str, cache: Path, kill_at: str = "") -> subprocess.CompletedProcess:
    if not kill_at:
        return geo("build", SEEDS, "--out", out, *RUNS[run], cache=cache)
    env = {**os.environ, "NES_OSINT_CACHE": str(cache), "PYTHONPATH": str(ROOT),
           "KILL_AT": kill_at}
    return subprocess.run([sys.executable, "-c", KILLER, "build", str(SEEDS), "--out", str(out),
                           *RUNS[run]], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)


def one_set(out: Path, refs: dict) -> str:
    """Which run ``out`` holds, checking that all its files come from that run."""
    assert out.is_dir() and not out.is_symlink()
    assert sorted(p.name for p in out.iterdir()) == SET
    report = json.loads((out / "report.json").read_text("utf-8"))
    run = "raids" if report["filter"].get("types") == ["raid"] else "all"
    assert {p.name: p.read_bytes() for p in out.glob("*.geojson")} == refs[run]
    counts = {name: n for name, *_, n in _layer_counts(out / "layers.gpkg")}
    assert counts == {k: v for k, v in report["exported"].items() if k != "articles"}
    return run


def _layer_counts(gpkg: Path) -> list[tuple[str, int]]:
    return [(name, pyogrio.read_info(gpkg, layer=name)["features"])
            for name, _ in pyogrio.list_layers(gpkg)]


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir()
                  if p.name.startswith((f".{out.name}.staging-", f".{out.name}.old-")))


def test_a_killed_build_leaves_the_previous_set_or_the_new_one_never_a_mix(tmp_path, cache,
                                                                          refs):
    out = tmp_path / "out"
    assert build(out, "all", cache).returncode == 0
    for kill_at, expected in [("replace:1", "all"), ("replace:4", "all"), ("replace:7", "all"),
                              ("swapped", "raids")]:
        proc = build(out, "raids", cache, kill_at)
        assert proc.returncode == -9, (kill_at, proc.stderr)
        assert one_set(out, refs) == expected, kill_at
    assert leftovers(out)  # the dead runs' staging folders ...
    assert build(out, "all", cache).returncode == 0
    assert one_set(out, refs) == "all" and leftovers(out) == []  # ... are removed by the next


def test_a_kill_between_the_two_renames_is_undone_by_the_next_build(tmp_path, cache, refs):
    """Where the folders cannot be exchanged atomically, the set is moved aside, then back."""
    out = tmp_path / "out"
    assert build(out, "all", cache).returncode == 0
    assert build(out, "raids", cache, "between").returncode == -9
    assert not out.exists() and len(leftovers(out)) == 2  # the previous set is aside
    assert build(out, "raids", cache, "replace:1").returncode == -9  # the next one restores it
    assert one_set(out, refs) == "all"


def test_two_builds_into_one_folder_take_turns_and_leave_one_set(tmp_path, cache, refs):
    out = tmp_path / "out"
    env = {**os.environ, "NES_OSINT_CACHE": str(cache), "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-m", "geo", "build", str(SEEDS), "--out",
                               str(out), *RUNS[run]], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for run in ("all", "raids")]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    one_set(out, refs)
    assert leftovers(out) == []


def test_a_build_waits_for_the_lock_before_it_touches_the_folder(tmp_path, cache, refs):
    out = tmp_path / "out"
    assert build(out, "all", cache).returncode == 0
    lock = os.open(tmp_path / ".out.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(lock, fcntl.LOCK_EX)
    err = tmp_path / "stderr"
    env = {**os.environ, "NES_OSINT_CACHE": str(cache), "PYTHONPATH": str(ROOT)}
    with open(err, "w") as handle:
        proc = subprocess.Popen([sys.executable, "-m", "geo", "build", str(SEEDS), "--out",
                                 str(out), *RUNS["raids"]], cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=handle)
    try:
        deadline = time.monotonic() + 120
        while "waiting for another build" not in err.read_text() and proc.poll() is None:
            assert time.monotonic() < deadline, "the build never reached the lock"
            time.sleep(0.1)
        assert proc.poll() is None and one_set(out, refs) == "all" and not leftovers(out)
    finally:
        os.close(lock)
    assert proc.wait(timeout=120) == 0
    assert one_set(out, refs) == "raids"


def test_leftovers_of_dead_runs_are_removed(tmp_path, cache, refs):
    out = tmp_path / "out"
    for name in (".out.staging-1-dead", ".out.old-1-dead"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "incidents.geojson").write_text("{}")
    assert build(out, "all", cache).returncode == 0
    assert one_set(out, refs) == "all" and leftovers(out) == []


def test_your_own_files_in_out_are_carried_into_each_set(tmp_path, cache, refs):
    out = tmp_path / "out"
    out.mkdir()
    (out / "notes.md").write_text("mine", encoding="utf-8")
    (out / ".incidents.x1.tmp.geojson").write_text("a dead writer's temporary file")
    assert build(out, "all", cache).returncode == 0
    assert (out / "notes.md").read_text(encoding="utf-8") == "mine"
    (out / "notes.md").unlink()
    one_set(out, refs)


def test_an_out_folder_holding_a_subfolder_is_refused_untouched(tmp_path, cache):
    out = tmp_path / "out"
    (out / "keep").mkdir(parents=True)
    proc = build(out, "all", cache)
    assert proc.returncode == 2 and len(proc.stderr.splitlines()) == 1
    assert "'keep'" in proc.stderr and "a folder of its own" in proc.stderr
    assert [p.name for p in out.iterdir()] == ["keep"]


def test_a_failed_write_leaves_the_folder_as_it_was(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.json").write_text("old")
    with pytest.raises(RuntimeError), replace_folder(out, ["report.json"]) as stage:
        (stage / "report.json").write_text("new")
        raise RuntimeError("disk full")
    assert (out / "report.json").read_text() == "old" and leftovers(out) == []
    with replace_folder(out, ["report.json"]) as stage:
        (stage / "report.json").write_text("new")
    assert (out / "report.json").read_text() == "new" and leftovers(out) == []
    with pytest.raises(OutputError, match="not a folder"), \
            replace_folder(out / "report.json", ["report.json"]):
        pass


def test_an_out_that_links_to_a_folder_keeps_its_link(tmp_path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    with replace_folder(tmp_path / "link", ["report.json"]) as stage:
        (stage / "report.json").write_text("new")
    assert (tmp_path / "link").is_symlink() and (real / "report.json").read_text() == "new"
    assert leftovers(real) == []


def test_a_probe_cleared_by_the_build_holding_the_lock_is_no_error(tmp_path, monkeypatch):
    """Two builds into one folder: the one waiting for the lock checks that it can write
    beside --out with a probe folder, while the one holding the lock clears leftovers named
    like it. A probe removed between its mkdir and its rmdir proved the folder writable all
    the same (a race once failed a build with 'No such file or directory')."""
    from geo import outdir

    out = tmp_path / "out"
    made = []
    real_mkdir = Path.mkdir

    def mkdir_then_cleared(self, *args, **kwargs):
        real_mkdir(self, *args, **kwargs)
        if "probe-" in self.name:
            made.append(self)
            os.rmdir(self)  # the other build's leftover clean-up, in between

    monkeypatch.setattr(Path, "mkdir", mkdir_then_cleared)
    outdir.check_output(out, ["places.geojson"])
    assert made and not made[0].exists()
