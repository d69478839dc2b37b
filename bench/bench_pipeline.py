"""Benchmark: the whole pipeline on a synthetic corpus, beside a gazetteer-only scan.

    python bench/bench_pipeline.py [-n 200] [--seed 0] [--profile] [--tracemalloc]
                                   [--keep DIR] [--no-cache-run]

Generates ``n`` articles (bench/corpus_gen.py) into a temporary folder, then
prints, for the same texts:

* a gazetteer-only scan (read + ``resolve_text``): articles/s and MB/s;
* the pipeline end to end without cache: articles/s, MB/s, seconds per stage
  (read, extract = resolve + dates + incidents, merge, layers, report) and the
  peak memory (max RSS; with ``--tracemalloc`` the traced Python peak too,
  which is slower to measure);
* with ``--profile`` the top 10 functions by cumulative time (cProfile);
* a cold and a warm run through the result cache, and the speed-up.

Figures only: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for extra in (ROOT, ROOT / "bench"):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from corpus_gen import write_corpus  # noqa: E402

from gazetteer import load_gazetteer  # noqa: E402
from gazetteer.resolver import resolve_text  # noqa: E402
from geo.pipeline import run_pipeline  # noqa: E402


def max_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports KB)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 if sys.platform != "darwin" else rss / 1e6


def _rate(n: int, size: int, seconds: float) -> str:
    seconds = max(seconds, 1e-9)
    return f"{n / seconds:8.1f} articles/s  {size / 1e6 / seconds:6.2f} MB/s  ({seconds:.2f} s)"


def scan(folder: Path, gaz) -> tuple[float, int]:
    """Read every file and find its place mentions: the floor under the pipeline."""
    start = time.perf_counter()
    mentions = 0
    for path in sorted(folder.glob("*.txt")):
        mentions += len(resolve_text(path.read_text("utf-8"), gaz))
    return time.perf_counter() - start, mentions


def pipeline(folder: Path, gaz, *, profile: bool, trace: bool):
    profiler = cProfile.Profile() if profile else None
    if trace:
        tracemalloc.start()
    start = time.perf_counter()
    if profiler:
        profiler.enable()
    result = run_pipeline(folder, gazetteer=gaz, use_cache=False, keep_text=False)
    if profiler:
        profiler.disable()
    seconds = time.perf_counter() - start
    traced = tracemalloc.get_traced_memory()[1] / 1e6 if trace else None
    if trace:
        tracemalloc.stop()
    return result, seconds, profiler, traced


def cached_runs(folder: Path, gaz) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory(prefix="nes-cache-") as cache:
        t0 = time.perf_counter()
        run_pipeline(folder, gazetteer=gaz, cache_dir=cache, keep_text=False)
        cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        warm_result = run_pipeline(folder, gazetteer=gaz, cache_dir=cache, keep_text=False)
        warm = time.perf_counter() - t0
    stages = "  ".join(f"{k} {v:.2f}s" for k, v in sorted(warm_result.timings.items(),
                                                            key=lambda kv: -kv[1]))
    print(f"  warm stages: {stages}")
    return cold, warm, warm_result.cache_hits


def report(args: argparse.Namespace, folder: Path, size: int) -> None:
    n = args.n
    t0 = time.perf_counter()
    gaz = load_gazetteer()
    _ = gaz.matcher  # build the automaton once, outside the timings
    import geo.extract  # noqa: F401
    import geo.read  # noqa: F401  (imports outside the timings too)

    print(f"gazetteer and modules loaded in {time.perf_counter() - t0:.2f}s")
    print(f"corpus: {n} articles, {size / 1e6:.2f} MB in {folder}")
    print(f"after loading the gazetteer: max RSS {max_rss_mb():.0f} MB")

    seconds, mentions = scan(folder, gaz)
    print(f"gazetteer scan   {_rate(n, size, seconds)}  {mentions} mentions")

    result, seconds, profiler, traced = pipeline(folder, gaz, profile=args.profile,
                                                 trace=args.tracemalloc)
    t = result.report["totals"]
    print(f"pipeline (cold)  {_rate(n, size, seconds)}  {t['articles']} articles, "
          f"{t['incidents_extracted']} incidents -> {t['incidents']} after {t['merges']} "
          f"merges, {t['bases']} bases, {t['routes']} routes, {t['places']} places")
    stages = "  ".join(f"{k} {v:.2f}s" for k, v in sorted(result.timings.items(),
                                                            key=lambda kv: -kv[1]))
    print(f"  stages: {stages}")
    print(f"  max RSS {max_rss_mb():.0f} MB" + (f", traced Python peak {traced:.0f} MB"
                                                   if traced is not None else ""))
    if profiler is not None:
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(10)
        print("  cProfile, top 10 by cumulative time:")
        print("\n".join("    " + line for line in out.getvalue().splitlines()
                        if line.strip())[:4000])
    del result

    if not args.no_cache_run:
        cold, warm, hits = cached_runs(folder, gaz)
        print(f"cache: cold {cold:.2f}s, warm {warm:.2f}s ({hits} hits): "
              f"speed-up x{cold / max(warm, 1e-9):.1f}")
    print(f"end: max RSS {max_rss_mb():.0f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, default=200, help="articles (1000, 10000, 100000 ...)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", action="store_true", help="cProfile top 10")
    parser.add_argument("--tracemalloc", action="store_true", help="traced Python peak")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    parser.add_argument("--no-cache-run", action="store_true", help="skip the cache runs")
    args = parser.parse_args(argv)
    if args.keep:
        folder, size = write_corpus(args.keep, args.n, seed=args.seed)
        report(args, folder, size)
        return 0
    with tempfile.TemporaryDirectory(prefix="nes-corpus-") as tmp:
        t0 = time.perf_counter()
        folder, size = write_corpus(Path(tmp) / "corpus", args.n, seed=args.seed)
        print(f"generated in {time.perf_counter() - t0:.2f}s")
        report(args, folder, size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
