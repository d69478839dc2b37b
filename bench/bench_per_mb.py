"""Benchmark: reader and extraction time per MB as one article grows (issue 10, item 4).

    python bench/bench_per_mb.py [--sizes 0.1,1,5,20] [--quick] [--timeout 600] [--profile]

One article of each size is built from realistic sentences (the seeds' prose and
:mod:`corpus_gen`'s events: triggers, places, actors, dates), shuffled and repeated
until it has the size in bytes (UTF-8, 1 MB = 10^6 bytes, so 20 MB stays under the
reader's 20 MiB limit). Four shapes of text:

* ``one-line``: the whole article on one line (no sentence ends at line ends);
* ``paragraphs``: paragraphs of four sentences, blank lines between them;
* ``tatweel``, ``diacritics``, ``digits``: paragraphed text where a tenth of the
  bytes are runs of that character class glued to a word, in runs of 100 KB
  (smaller only when the article is under 1 MB), the first after the article's
  first word (where the reader looks for a dateline), the hostile inputs of item 3.

Each row prints the CPU seconds per MB of the reader (:func:`geo.read.read_article` on
the file) and of the extraction (:func:`geo.extract.extract_article` on the Article),
and the ratio of each size's cost per MB to the smallest size's: a linear step keeps
the ratio near 1 (the target is x1.5 at most). CPU time, not wall time, because the
machines that run this are shared: a busy neighbour slows the clock, not the work.
Every measurement runs in its own process, so a size that takes too long is printed
as a timeout and the next goes on.

``--quick`` (0.01 and 0.05 MB, in this process) is the smoke run the tests call.
Figures only: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import json
import pstats
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "bench"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

MB = 1_000_000
SIZES = (0.1, 1.0, 5.0, 20.0)
QUICK_SIZES = (0.01, 0.05)
SHAPES = ("one-line", "paragraphs", "tatweel", "diacritics", "digits")
#: One code point of each hostile class (tatweel and the diacritics are 2 bytes in UTF-8).
RUN_CHARS = {"tatweel": "\u0640", "diacritics": "\u064e\u0650\u064f\u0651\u0652", "digits": "0123456789"}
RUN_BYTES = 100_000
_END_RE = re.compile(r"(?<=[.!؟?])\s+|\n+")


def sentence_pool(seed: int = 0) -> list[str]:
    """Realistic sentences: the seeds' prose lines and synthetic event reports, deduplicated."""
    from corpus_gen import generate

    pool: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        pool += [s for s in _END_RE.split(path.read_text(encoding="utf-8")) if len(s.split()) >= 6]
    for _, text in generate(120, seed=seed):
        pool += [s for s in _END_RE.split(text) if len(s.split()) >= 6]
    return list(dict.fromkeys(s.strip() for s in pool))


def prose(pool: list[str], size: int, *, paragraphs: bool, seed: int = 0) -> str:
    """``size`` bytes (at most) of shuffled, repeated sentences, on one line or in paragraphs."""
    rnd = random.Random(seed)
    parts: list[str] = []
    total = 0
    order: list[str] = []
    while True:
        if not order:
            order = pool[:]
            rnd.shuffle(order)
        s = order.pop()
        sep = ("\n\n" if len(parts) % 4 == 0 else " ") if paragraphs and parts else " "
        n = len((sep + s).encode("utf-8"))
        if total + n > size:
            break
        parts.append(sep + s if parts else s)
        total += n
    return "".join(parts)


def with_runs(text: str, char: str, size: int) -> str:
    """``text`` with a tenth of ``size`` replaced by runs of ``char`` glued to words, 100 KB each."""
    run_bytes = min(RUN_BYTES, size // 10)
    count = max(1, (size // 10) // run_bytes)
    run = char * max(1, run_bytes // len(char.encode("utf-8")))
    body = text.encode("utf-8")[: size - count * len(run.encode("utf-8"))].decode("utf-8", "ignore")
    step = max(1, len(body) // count)
    pieces, prev = [], 0
    for k in range(count):  # the first after the first word, where the reader looks for a dateline
        at = body.find(" ", k * step)  # glued to the end of a word, as a keyboard does it
        at = len(body) if at < 0 else at
        pieces += [body[prev:at], run]
        prev = at
    pieces.append(body[prev:])
    return "".join(pieces)


def build_text(shape: str, size: int, pool: list[str]) -> str:
    """The article text of ``shape`` and ``size`` bytes."""
    if shape == "one-line":
        return prose(pool, size, paragraphs=False)
    text = prose(pool, size, paragraphs=True)
    return text if shape == "paragraphs" else with_runs(text, RUN_CHARS[shape], size)


@functools.cache
def _gazetteer() -> Any:
    from gazetteer import load_gazetteer

    return load_gazetteer()


@functools.cache
def _pool() -> tuple[str, ...]:
    return tuple(sentence_pool())


def measure(shape: str, size: int, profile: bool = False) -> dict[str, float]:
    """CPU seconds to read and to extract one article of ``shape`` and ``size`` (in this process)."""
    from geo.extract import extract_article
    from geo.read import read_article

    gaz = _gazetteer()
    text = build_text(shape, size, list(_pool()))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "article.txt"
        path.write_text(text, encoding="utf-8")
        nbytes = path.stat().st_size
        w0, t0 = time.perf_counter(), time.process_time()
        article = read_article(path)
        t1 = time.process_time()
        prof = cProfile.Profile() if profile else None
        if prof:
            prof.enable()
        result = extract_article(article, gaz)
        w2, t2 = time.perf_counter(), time.process_time()
    if prof:
        prof.disable()
        pstats.Stats(prof, stream=sys.stderr).sort_stats("cumulative").print_stats(25)
    return {"bytes": nbytes, "read": t1 - t0, "extract": t2 - t1, "wall": w2 - w0,
            "incidents": len(result.incidents), "mentions": len(result.mentions)}


def _child(shape: str, size: int, timeout: float) -> dict[str, Any] | None:
    """:func:`measure` in a fresh process; None when it takes longer than ``timeout`` seconds.

    A measurement that fails gives its last error line, and the next one goes on.
    """
    cmd = [sys.executable, __file__, "--one", shape, str(size)]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as exc:
        return {"error": (exc.stderr.strip().splitlines() or ["no message"])[-1]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def _row(shape: str, mb: float, got: dict | None, base: dict | None, timeout: float) -> str:
    if got is None:
        return f"{shape:<11} {mb:>6g} MB   timeout (> {timeout:.0f} s)"
    if "error" in got:
        return f"{shape:<11} {mb:>6g} MB   failed: {got['error']}"
    size = got["bytes"] / MB
    read, ext = got["read"] / size, got["extract"] / size
    ratios = ""
    if base is not None:
        bsize = base["bytes"] / MB
        ratios = (f"  x{read / max(base['read'] / bsize, 1e-9):5.2f}"
                  f"  x{ext / max(base['extract'] / bsize, 1e-9):5.2f}")
    return (f"{shape:<11} {mb:>6g} MB  read {read:7.3f} s/MB  extract {ext:7.3f} s/MB{ratios}"
            f"  ({got['incidents']} incidents, {got['mentions']} mentions)")


def run(sizes: tuple[float, ...], shapes: tuple[str, ...], timeout: float, *,
        in_process: bool = False) -> None:
    """Print one row per shape and size: reader and extraction s/MB, ratios to the first size."""
    print(f"{'shape':<11} {'size':>9}  CPU s per MB of the reader and the extraction;"
          f" ratios to {sizes[0]} MB (flat: x1.0)")
    for shape in shapes:
        base = None
        for k, mb in enumerate(sizes):
            got = (measure(shape, int(mb * MB)) if in_process
                   else _child(shape, int(mb * MB), timeout))
            print(_row(shape, mb, got, base, timeout), flush=True)
            if k == 0 and got is not None and "error" not in got:
                base = got


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="sizes in MB")
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--quick", action="store_true", help="smoke run: 0.01 and 0.05 MB")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per measurement")
    parser.add_argument("--profile", nargs=2, metavar=("SHAPE", "MB"),
                        help="cProfile one extraction (to stderr) instead of the table")
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(measure(args.one[0], int(args.one[1]))))
        return 0
    if args.profile:
        print(json.dumps(measure(args.profile[0], int(float(args.profile[1]) * MB), profile=True)))
        return 0
    sizes = QUICK_SIZES if args.quick else tuple(float(x) for x in args.sizes.split(","))
    run(sizes, tuple(args.shapes.split(",")), args.timeout, in_process=args.quick)
    return 0


if __name__ == "__main__":
    sys.exit(main())
