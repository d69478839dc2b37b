"""Benchmark: the whole pipeline on a synthetic corpus, beside a gazetteer-only scan.

    python bench/bench_pipeline.py [-n 200] [--seed 0] [--profile] [--tracemalloc]
                                   [--keep DIR] [--no-cache-run]
    python bench/bench_pipeline.py --real [-n 1000] [--jobs 1,2] [--repeat 1] [--keep DIR]
                                   [--stages]
    python bench/bench_pipeline.py --memory [--sizes 1000,10000] [--100k]

Generates ``n`` articles (bench/corpus_gen.py) into a temporary folder, then
prints, for the same texts:

* a gazetteer-only scan (read + ``resolve_text``): articles/s and MB/s;
* the pipeline end to end without cache: articles/s, MB/s, seconds per stage
  (read, extract = resolve + dates + incidents, merge, layers, report) and the
  peak memory (max RSS; with ``--tracemalloc`` the traced Python peak too,
  which is slower to measure);
* with ``--profile`` the top 10 functions by cumulative time (cProfile; with ``--real``
  a profiled run at one job after the timed ones: the top 15 by own time, 25 by
  cumulative time);
* a cold and a warm run through the result cache, and the speed-up.

With ``--real`` the corpus is real news text instead (issue 14: the synthetic
articles are a third of the size of real ones, and kinder to the reader): the
seeds, ``../shared/spec/news_dev/*.json`` when present and ``tests/data/news/*.json``,
repeated to ``n`` articles (1,000 by default; ``-n 10000`` for the larger run),
each copy made unique by a first line of letters (the reader drops exact
duplicates, and the cache would see one article; a last line can be cut as page
furniture). It prints place finding and the date finder alone over the articles (CPU
seconds, beside the bare scan's; the date finder also under six anchors a text, as an
undated article is read), then, for each job count
of ``--jobs`` (default 1 and 2), articles/s, MB/s, seconds per stage, the peak
RSS of this process and of the workers, the ratio of the run's time to a bare
Aho-Corasick scan of the same folded text (``fold`` + ``automaton.iter``, as in
bench_gazetteer.py: the floor under any pipeline), the speed-up over one job,
and whether every GeoJSON layer came out byte-identical; with ``--repeat N`` the wall times
(and so the rates and the speed-up) are the best of N runs at each job count, taken in turn,
as a shared machine asks. With ``--stages``, one more run
at one job prints the CPU seconds of each stage of an article's path (reading and its
furniture and date parts, the article's folding, sentences, headings, place names, actors
and dates, then triggers, places, dates, roles, casualties, de-duplication, bases,
routes: ``bench/stage_clock.py``) and the share of the run each takes.

With ``--memory`` it prints the peak RSS of a whole run (``geo build`` without cache,
``keep_text=False`` as for a large corpus) at each size of synthetic articles, each
run in a fresh process so one size's peak does not hide the next: at 1,000 and 10,000
articles (``--100k`` adds 100,000; issue 14 asks for at most 500 MB there, flat in the
number of articles), beside the RSS after loading the gazetteer, with the memory per
article and how many results the run kept on disk (:mod:`geo.shelf`), then the peak
once the run's GeoJSON layers, GeoPackage and report are written as ``geo build`` writes them.

Figures only: nothing here asserts on time.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import json
import os
import pstats
import resource
import subprocess
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
from gazetteer.normalize import fold  # noqa: E402
from gazetteer.resolver import resolve_text  # noqa: E402
from geo.export import to_geojson_bytes, write_geojson, write_gpkg, write_json  # noqa: E402
from geo.layers import LAYER_NAMES  # noqa: E402
from geo.pipeline import run_pipeline  # noqa: E402

#: Where real news text is taken from, in this order (a missing folder is skipped).
REAL_SOURCES = (ROOT / "seeds", ROOT.parent / "shared" / "spec" / "news_dev",
                ROOT / "tests" / "data" / "news")


def stages_line(timings: dict[str, float]) -> str:
    """Seconds per stage, the slowest first."""
    return "  ".join(f"{k} {v:.2f}s" for k, v in sorted(timings.items(), key=lambda kv: -kv[1]))


def max_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident memory of this process so far (or of its largest finished child,
    ``RUSAGE_CHILDREN``), in MB (Linux reports KB)."""
    rss = resource.getrusage(who).ru_maxrss
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


def print_profile(profiler: cProfile.Profile, key: str, top: int) -> None:
    """The ``top`` functions of a cProfile run by ``key`` ('cumulative', 'tottime')."""
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats(key).print_stats(top)
    print(f"  cProfile, top {top} by {'own' if key == 'tottime' else key} time:")
    print("\n".join("    " + line for line in out.getvalue().splitlines()
                    if line.strip())[:6000])


def cached_runs(folder: Path, gaz) -> tuple[float, float, int]:
    with tempfile.TemporaryDirectory(prefix="nes-cache-") as cache:
        t0 = time.perf_counter()
        run_pipeline(folder, gazetteer=gaz, cache_dir=cache, keep_text=False)
        cold = time.perf_counter() - t0
        t0 = time.perf_counter()
        warm_result = run_pipeline(folder, gazetteer=gaz, cache_dir=cache, keep_text=False)
        warm = time.perf_counter() - t0
    print(f"  warm stages: {stages_line(warm_result.timings)}")
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
    print(f"  stages: {stages_line(result.timings)}")
    print(f"  max RSS {max_rss_mb():.0f} MB" + (f", traced Python peak {traced:.0f} MB"
                                                   if traced is not None else ""))
    if profiler is not None:
        print_profile(profiler, "cumulative", 10)
    del result

    if not args.no_cache_run:
        cold, warm, hits = cached_runs(folder, gaz)
        print(f"cache: cold {cold:.2f}s, warm {warm:.2f}s ({hits} hits): "
              f"speed-up x{cold / max(warm, 1e-9):.1f}")
    print(f"end: max RSS {max_rss_mb():.0f} MB")


# --- real news text ------------------------------------------------------------------


def real_texts(sources: tuple[Path, ...] = REAL_SOURCES) -> list[str]:
    """Every distinct article text of the sources: seeds' .txt, the JSON items' ``text``."""
    texts: dict[str, None] = {}
    for folder in sources:
        for path in sorted(folder.glob("*.txt")) if folder.is_dir() else ():
            texts.setdefault(path.read_text("utf-8").strip(), None)
        for path in sorted(folder.glob("*.json")) if folder.is_dir() else ():
            item = json.loads(path.read_text("utf-8"))
            if isinstance(item, dict) and isinstance(item.get("text"), str):
                texts.setdefault(item["text"].strip(), None)
    return [t for t in texts if t]


def letter_tag(i: int) -> str:
    """0 -> 'a', 25 -> 'z', 26 -> 'ba': a tag without digits (no date finder reads it)."""
    out = ""
    while True:
        i, r = divmod(i, 26)
        out = chr(ord("a") + r) + out
        if not i:
            return out


def write_real_corpus(folder: Path, n: int) -> tuple[Path, int, int]:
    """``n`` articles cycling through :func:`real_texts`, each with a unique first line;
    returns the folder, the bytes written and the number of distinct texts."""
    texts = real_texts()
    if not texts:
        raise SystemExit("no real text found: expected seeds/*.txt or tests/data/news/*.json")
    folder.mkdir(parents=True, exist_ok=True)
    size = 0
    for i in range(n):
        data = f"copy {letter_tag(i)}\n\n{texts[i % len(texts)]}\n".encode()
        (folder / f"{i:06d}_real.txt").write_bytes(data)
        size += len(data)
    return folder, size, len(texts)


def bare_scan(folder: Path, gaz) -> float:
    """Seconds to fold every article and run the gazetteer's automaton over it."""
    automaton = gaz.matcher.automaton
    texts = [p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))]
    start = time.perf_counter()
    for text in texts:
        for _ in automaton.iter(fold(text)):
            pass
    return time.perf_counter() - start


def parts_alone(folder: Path, gaz) -> None:
    """The two stages the issue names, alone over the articles' texts, in CPU seconds of
    this process beside a bare scan measured the same way: place finding
    (``resolve_text``) and the date finder (``find_dates``, anchored on a fixed day; then as
    an undated article is read: no anchor, then five)."""
    from geo.extract.when import find_dates

    texts = [p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))]
    size = sum(len(t.encode("utf-8")) for t in texts)
    clock = time.process_time
    t0 = clock()
    for text in texts:
        for _ in gaz.matcher.automaton.iter(fold(text)):
            pass
    bare = max(clock() - t0, 1e-9)
    anchor = dt.date(2022, 10, 8)
    shifts = [anchor + dt.timedelta(days=d) for d in (0, -7, 7, -3, 3)]

    def undated(text: str) -> None:
        """An undated article's readings: the reader's guess with no anchor, then the day it
        gives and the days either way (geo.extract.document); matched once, resolved six times."""
        find_dates(text, None)
        for day in shifts:
            find_dates(text, day)

    for label, work in (("place finding (resolve_text)", lambda t: resolve_text(t, gaz)),
                        ("date finder (find_dates)", lambda t: find_dates(t, anchor)),
                        ("date finder, 6 anchors a text", undated)):
        t0 = clock()
        for text in texts:
            work(text)
        spent = clock() - t0
        print(f"  {label:<30} {_rate(len(texts), size, spent)}  x{spent / bare:.1f} the bare "
              "scan's CPU time")


def real_report(args: argparse.Namespace, folder: Path, size: int, distinct: int) -> None:
    n = args.n
    gaz = load_gazetteer()
    _ = gaz.matcher  # built once, outside the timings
    from geo.extract import extract_article
    from geo.read import iter_corpus

    for article in iter_corpus(ROOT / "seeds"):  # lexicons and tables load outside the timings
        if hasattr(article, "body"):
            extract_article(article, gaz)

    print(f"real corpus: {n} articles from {distinct} distinct texts, {size / 1e6:.2f} MB "
          f"({size / max(n, 1) / 1e3:.1f} KB each) in {folder}")
    bare = bare_scan(folder, gaz)
    print(f"bare scan (fold + automaton.iter)  {_rate(n, size, bare)}")
    parts_alone(folder, gaz)
    first: tuple[float, dict[str, bytes]] | None = None
    best = _best_walls(folder, gaz, args.jobs, args.repeat - 1)
    if best:
        print(f"  best of {args.repeat} runs at each job count, taken in turn (load "
              f"{os.getloadavg()[0]:.2f}): " + "  ".join(f"--jobs {j} {s:.2f} s"
                                                         for j, s in best.items()))
    for jobs in args.jobs:
        cpu = _cpu()
        start = time.perf_counter()
        result = run_pipeline(folder, gazetteer=gaz, use_cache=False, keep_text=False,
                              jobs=jobs)
        seconds = time.perf_counter() - start
        if best:
            seconds = min(seconds, best[jobs])
        parent, workers = (after - before for after, before in zip(_cpu(), cpu, strict=True))
        layers = {name: to_geojson_bytes(getattr(result.layers, name)) for name in LAYER_NAMES}
        t = result.report["totals"]
        print(f"pipeline --jobs {jobs}  {_rate(n, size, seconds)}  "
              f"x{seconds / max(bare, 1e-9):.0f} the bare scan's time; {t['articles']} "
              f"articles, {t['incidents']} incidents, {t['failed']} failed")
        print(f"  stages: {stages_line(result.timings)}")
        print(f"  peak RSS: this process {max_rss_mb():.0f} MB, largest worker "
              f"{max_rss_mb(resource.RUSAGE_CHILDREN):.0f} MB")
        print(f"  CPU: this process {parent:.2f}s, workers {workers:.2f}s (on a shared "
              "machine the wall time is noisy; CPU seconds are less so)")
        del result
        if first is None:
            first = (seconds, layers)
        else:
            same = "the same" if layers == first[1] else "DIFFERENT"
            print(f"  speed-up at {jobs} jobs: x{first[0] / max(seconds, 1e-9):.2f} over "
                  f"--jobs {args.jobs[0]} ({os.cpu_count()} cores); GeoJSON bytes {same}")
    if args.stages:  # one more run at --jobs 1: the CPU seconds of each stage
        from stage_clock import stage_lines, stage_seconds

        print("\n".join(stage_lines(*stage_seconds(folder, gaz))))
    if args.profile:  # one more run at --jobs 1, profiled: where one core's time goes
        _, _, profiler, _ = pipeline(folder, gaz, profile=True, trace=False)
        print_profile(profiler, "tottime", 15)
        print_profile(profiler, "cumulative", 25)


def _best_walls(folder: Path, gaz, job_counts: list[int], runs: int) -> dict[int, float]:
    """The shortest wall time of ``runs`` runs at each job count, the counts taken in turn
    (why: on a shared machine another process may hold a core for a while; the best of a
    few runs taken in turn is the figure least touched by it). Empty when ``runs`` is 0."""
    best: dict[int, float] = {}
    for _ in range(runs):
        for jobs in job_counts:
            start = time.perf_counter()
            run_pipeline(folder, gazetteer=gaz, use_cache=False, keep_text=False, jobs=jobs)
            seconds = time.perf_counter() - start
            best[jobs] = min(best.get(jobs, seconds), seconds)
    return best


def memory_child(n: int, seed: int) -> None:
    """One run at ``n`` synthetic articles in this (fresh) process; prints its figures."""
    with tempfile.TemporaryDirectory(prefix="nes-mem-") as tmp:
        folder, size = write_corpus(Path(tmp) / "corpus", n, seed=seed)
        gaz = load_gazetteer()
        _ = gaz.matcher
        import geo.extract  # noqa: F401
        import geo.read  # noqa: F401

        loaded = max_rss_mb()
        cpu = time.process_time()
        result = run_pipeline(folder, gazetteer=gaz, use_cache=False, keep_text=False)
        cpu = time.process_time() - cpu
        on_disk = getattr(result.results, "on_disk", 0)
        peak = max_rss_mb()
        for name in LAYER_NAMES:  # then written out as geo build writes them
            write_geojson(result.layers[name], Path(tmp) / f"{name}.geojson")
        write_gpkg(result.layers, Path(tmp) / "layers.gpkg")
        write_json(result.report, Path(tmp) / "report.json")
        print(f"MEMORY {n} {size} {loaded:.1f} {peak:.1f} {cpu:.2f} {on_disk} "
              f"{len(result.results)} {max_rss_mb():.1f}")


def memory_report(sizes: list[int], seed: int) -> None:
    """Peak RSS of a run at each size, each in its own process."""
    print("peak RSS of a whole run (no cache, keep_text=False), synthetic articles, "
          "each size in a fresh process:")
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, "--memory-child", str(n), "--seed",
                              str(seed)], capture_output=True, text=True, check=True).stdout
        line = next(x for x in out.splitlines() if x.startswith("MEMORY "))
        _, n_, size, loaded, peak, cpu, on_disk, count, written = line.split()
        n, size_mb = int(n_), int(size) / 1e6
        per = (float(peak) - float(loaded)) * 1024 / max(n, 1)
        print(f"  {n:>7} articles ({size_mb:6.1f} MB): peak RSS {float(peak):7.0f} MB, "
              f"{float(loaded):.0f} MB after loading the gazetteer, {per:5.1f} KB per article "
              f"above it; {on_disk}/{count} results on disk; {float(cpu):.1f} CPU s "
              f"({n / max(float(cpu), 1e-9):.0f} articles/s); {float(written):.0f} MB once "
              "its layers and report are written (as geo build)")


def _cpu() -> tuple[float, float]:
    """CPU seconds (user + system) of this process and of its finished children."""
    own, kids = (resource.getrusage(who) for who in (resource.RUSAGE_SELF,
                                                       resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


def _job_counts(text: str) -> list[int]:
    try:
        counts = [int(x) for x in text.split(",") if x.strip()]
    except ValueError:
        counts = []
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError(f"expected job counts like 1,2, not {text!r}")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-n", type=int, help="articles (1000, 10000, 100000 ...; default "
                                             "200, or 1000 with --real)")
    parser.add_argument("--real", action="store_true",
                        help="real news text (seeds, development set, tests' news) repeated")
    parser.add_argument("--jobs", type=_job_counts, default=[1, 2],
                        help="with --real: job counts to compare (default 1,2)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="with --real: the best wall time of this many runs at each job "
                             "count, taken in turn (a shared machine; default 1)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--profile", action="store_true", help="cProfile top 10")
    parser.add_argument("--tracemalloc", action="store_true", help="traced Python peak")
    parser.add_argument("--stages", action="store_true",
                        help="with --real: CPU seconds of each stage of an article's path")
    parser.add_argument("--keep", type=Path, help="write the corpus here and keep it")
    parser.add_argument("--no-cache-run", action="store_true", help="skip the cache runs")
    parser.add_argument("--memory", action="store_true",
                        help="peak RSS of a whole run at each of --sizes")
    parser.add_argument("--sizes", type=_job_counts, default=[1000, 10000],
                        help="with --memory: article counts (default 1000,10000)")
    parser.add_argument("--100k", dest="hundred_k", action="store_true",
                        help="with --memory: add a run at 100,000 articles (minutes)")
    parser.add_argument("--memory-child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.memory_child:
        memory_child(args.memory_child, args.seed)
        return 0
    if args.memory:
        memory_report(args.sizes + ([100_000] if args.hundred_k else []), args.seed)
        return 0
    if args.real:
        args.n = args.n or 1000
        with tempfile.TemporaryDirectory(prefix="nes-real-") as tmp:
            folder, size, distinct = write_real_corpus(args.keep or Path(tmp) / "corpus", args.n)
            real_report(args, folder, size, distinct)
        return 0
    args.n = args.n or 200
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
