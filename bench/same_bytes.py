"""Speed work must change nothing that is drawn: the same GeoJSON bytes before and after.

    python bench/same_bytes.py [--ref main] [--jobs 1] [--keep DIR]

Builds two corpora with ``python -m geo build --no-cache --no-review``:

* the seeds (``seeds/``, with their ``articles.csv``);
* the development set (``tests/data/news/*.json``) written as a folder of ``.txt``
  files, one per item, with an ``articles.csv`` giving each item's title, outlet,
  link and ``published`` date (as ``bench/eval_news.py`` builds it, one corpus for all);

once with this checkout and once with ``--ref`` (a git revision, checked out in a
temporary worktree and run with its own packages first on the path), and prints each
layer's sha256 for both and whether every file is byte-identical. Exit status 1 when
any layer differs. Nothing is timed.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT / "tests" / "data" / "news"


def write_dev_corpus(folder: Path, news: Path = NEWS) -> Path:
    """The development set's items as ``<id>.txt`` plus an ``articles.csv`` of their fields."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for path in sorted(news.glob("*.json")):
        item = json.loads(path.read_text("utf-8"))
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            continue  # floors.json and other non-items
        name = f"{path.stem}.txt"
        (folder / name).write_text(item["text"], encoding="utf-8")
        rows.append({"file": name, "title": item.get("title") or "",
                     "outlet": item.get("outlet") or "", "url": item.get("url") or "",
                     "published": item.get("published") or ""})
    with (folder / "articles.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["file", "title", "outlet", "url", "published"])
        writer.writeheader()
        writer.writerows(rows)
    return folder


def build(code: Path, corpus: Path, out: Path, jobs: int) -> dict[str, str]:
    """Run ``geo build`` from the checkout at ``code``; sha256 of each file it wrote."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    subprocess.run([sys.executable, "-m", "geo", "build", str(corpus), "--out", str(out),
                    "--no-cache", "--no-review", "--jobs", str(jobs)],
                   cwd=code, env=env, check=True, capture_output=True)
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(out.iterdir()) if p.suffix == ".geojson"}


def compare(ref: str, jobs: int, tmp: Path) -> bool:
    """Build both corpora with this checkout and with ``ref``; print and compare the layers."""
    ref_code = tmp / "ref"
    subprocess.run(["git", "worktree", "add", "--detach", str(ref_code), ref], cwd=ROOT,
                   check=True, capture_output=True)
    try:
        corpora = {"seeds": ROOT / "seeds", "development set": write_dev_corpus(tmp / "dev")}
        same = True
        for label, corpus in corpora.items():
            before = build(ref_code, corpus, tmp / f"before-{label}", jobs)
            after = build(ROOT, corpus, tmp / f"after-{label}", jobs)
            for name in sorted(set(before) | set(after)):
                ok = before.get(name) == after.get(name)
                same &= ok
                print(f"{label:16} {name:24} {'same' if ok else 'DIFFERENT'}  "
                      f"{(before.get(name) or '-')[:16]}  {(after.get(name) or '-')[:16]}")
        return same
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(ref_code)], cwd=ROOT,
                       check=False, capture_output=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ref", default="main", help="git revision to compare with")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="keep the corpora and outputs here")
    args = parser.parse_args(argv)
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        same = compare(args.ref, args.jobs, args.keep.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="nes-same-") as tmp:
            same = compare(args.ref, args.jobs, Path(tmp))
    print("every layer byte-identical" if same else "LAYERS DIFFER")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
