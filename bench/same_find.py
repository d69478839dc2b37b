"""Speed work must not change what ``python -m gazetteer find --json`` writes.

    python bench/same_find.py [--ref main] [--mb 8]

Runs ``find --json`` with this checkout and with git revision ``--ref`` (checked out in
a temporary worktree, its own packages first on the path) on every seed text
(``seeds/*.txt``), every development item's text (``tests/data/news/*.json``, field
"text"), in one process per revision (memos carried from text to text, as a long-lived
caller has them), and on ``--mb`` MB of real news as a command of its own; prints how
many outputs are byte-identical and names the first that differ. Exit status 1 when any
differs. Nothing is timed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: Run by each revision: ``find --json`` on every file named in argv[2:], in one process,
#: each output to the folder argv[1] under the input's name.
_RUN_ALL = """
import contextlib, sys
from pathlib import Path
from gazetteer.__main__ import main
out = Path(sys.argv[1])
for name in sys.argv[2:]:
    with (out / Path(name).name).open("w", encoding="utf-8") as sink, \\
            contextlib.redirect_stdout(sink):
        main(["find", name, "--json"])
"""


def texts(folder: Path) -> list[Path]:
    """The seeds and the development set's texts as files in ``folder``."""
    made = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        target = folder / f"seed_{path.name}"
        target.write_bytes(path.read_bytes())
        made.append(target)
    for path in sorted((ROOT / "tests" / "data" / "news").glob("*.json")):
        item = json.loads(path.read_text("utf-8"))
        if isinstance(item, dict) and isinstance(item.get("text"), str) and item["text"].strip():
            target = folder / f"news_{path.stem}.txt"
            target.write_text(item["text"], encoding="utf-8")
            made.append(target)
    return made


def run(code: Path, files: list[Path], out: Path, big: Path) -> None:
    """Every file's output with the checkout at ``code``, and the big one's as a command."""
    out.mkdir()
    env = {**os.environ, "PYTHONPATH": str(code)}
    subprocess.run([sys.executable, "-c", _RUN_ALL, str(out), *map(str, files)],
                   cwd=code, env=env, check=True)
    with (out / big.name).open("wb") as sink:
        subprocess.run([sys.executable, "-m", "gazetteer", "find", str(big), "--json",
                        "--max-mb", "50"], cwd=code, env=env, check=True, stdout=sink)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--ref", default="main")
    ap.add_argument("--mb", type=float, default=8.0)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_gazetteer import real_text

    with tempfile.TemporaryDirectory(prefix="same-find-") as tmp:
        tmp_path = Path(tmp)
        inputs = tmp_path / "in"
        inputs.mkdir()
        files = texts(inputs)
        big = inputs / "real_news.txt"
        big.write_text(real_text(args.mb), encoding="utf-8")
        ref_code = tmp_path / "ref"
        subprocess.run(["git", "worktree", "add", "--detach", str(ref_code), args.ref],
                       cwd=ROOT, check=True, capture_output=True)
        try:
            run(ROOT, files, tmp_path / "this", big)
            run(ref_code, files, tmp_path / "ref_out", big)
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(ref_code)],
                           cwd=ROOT, check=False, capture_output=True)
        names = [f.name for f in files] + [big.name]
        differ = [n for n in names
                  if digest(tmp_path / "this" / n) != digest(tmp_path / "ref_out" / n)]
        print(f"find --json: {len(names) - len(differ)} of {len(names)} outputs byte-identical "
              f"with {args.ref}")
        for name in differ[:10]:
            print(f"  DIFFERS: {name}")
        return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
