"""Gazetteer scan speed: mentions found in MB of Arabic news-like and real news text.

Prints, for the full store (embedded data + an imported dump of 10,000+ synthetic
GeoNames rows), on the benchmark's own text and on real news (the seeds and the
development set, repeated, each copy made unique by a first line): MB/s of the
matcher alone (``PlaceMatcher.find``) and of ``resolve_text``, each beside a bare
Aho-Corasick scan of the same folded text in the same run (the ratio is the figure
that matters; issue 14 asks for place finding within 2x; ``resolve_text`` folds the text
itself, as a caller's first run does, and is also shown as measured before: right after
the matcher's run, whose fold it then took from the memo of folds), peak memory, and the time
to build the store; then the shares of ``resolve_text``'s time on the real text taken by
its parts (matcher, the words around each name, the choice, the names the gazetteer lacks),
and the three passes of ``normalize.mended`` that were tried at every character, as first
written beside their present form (the same text out, but for the hashtag marks the
present form has learnt to read).

Then ``python -m gazetteer find --json`` on ``--find-mb`` MB of real news (issue 14:
>= 10 MB/s including its JSON output), run in this process with its output written
to a file (the faster of two runs, each folding the text; and a third as measured
before, its fold from the memo): MB/s, its ratio to the bare scan, and the JSON step
alone, beside the standard library's ``json.dumps(..., indent=2)`` of the same mentions
(the writer ``find`` used before, the baseline in the same run; the bytes are checked
equal); and as a command in a child process, with an empty cache folder for the built
store (:mod:`gazetteer.warm`: built and written there, as every start was before) and then
warm (the best of three), and warm with NumPy's BLAS starting a thread per core (the
baseline of the command's one BLAS thread, the better of two). The memo of contexts of
``cues.read_names`` is timed beside each name read alone (the same cues).

Seconds are CPU seconds of this process (``time.process_time``): the machines this
runs on are shared, and a busy neighbour slows the clock, not the work. Figures
only; no pass/fail.

    python bench/bench_gazetteer.py [--mb 5] [--find-mb 8] [--imported 12000] [--quick]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import re
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

from bench_pipeline import letter_tag, real_texts  # noqa: E402

from gazetteer import linefold, normalize  # noqa: E402
from gazetteer.__main__ import main as gazetteer_cli  # noqa: E402
from gazetteer.jsonout import dump_mentions  # noqa: E402
from gazetteer.model import Place  # noqa: E402
from gazetteer.normalize import fold  # noqa: E402
from gazetteer.resolver import resolve_text  # noqa: E402
from gazetteer.store import Gazetteer, load_gazetteer  # noqa: E402
from gazetteer.warm import CACHE_ENV  # noqa: E402

_clock = time.process_time

_SYLLABLES = ["تل", "عين", "كفر", "دير", "خربة", "أبو", "أم", "بير", "جب", "مزرعة"]
_ROOTS = ["حمود", "زيدان", "الخضر", "السمن", "الجديدة", "الكبير", "الصغير", "شعير", "حسين",
          "علوان", "كرم", "ناصر", "بركة", "الذيب", "جمعة", "عمر", "فاضل", "صالح", "غزال", "مسعود"]
_FILLER = (
    "قالت مصادر محلية إن قوات التحالف الدولي سيرت دورية عسكرية في المنطقة صباح اليوم، "
    "وأفاد ناشطون بأن الدورية توقفت لساعات قبل أن تعود أدراجها. "
    "وتشهد المنطقة توتراً متصاعداً منذ أسابيع بين الأطراف المختلفة. "
)


def synthetic_places(n: int, seed: int = 7) -> list[Place]:
    """n village-like places with Arabic names, as an imported GeoNames dump would give."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        name = f"{rng.choice(_SYLLABLES)} {rng.choice(_ROOTS)} {i}"
        out.append(Place(f"gn{9_000_000 + i}", name, f"Village {i}", "village",
                         rng.uniform(32.5, 37.2), rng.uniform(35.8, 42.2), "hasakah",
                         source=f"GeoNames {9_000_000 + i} (imported from synthetic.txt)"))
    return out


def news_text(gaz: Gazetteer, megabytes: float, seed: int = 11) -> str:
    """Arabic news-like text with a place name every ~150 characters."""
    rng = random.Random(seed)
    names = [p.name_ar for p in gaz.places.values() if p.name_ar]
    parts: list[str] = []
    size, target = 0, int(megabytes * 1_000_000)
    while size < target:
        sentence = (f"{_FILLER[: rng.randint(60, 200)]} قرب {rng.choice(names)} "
                    f"وفي ريف {rng.choice(names)}. ")
        parts.append(sentence)
        size += len(sentence.encode("utf-8"))
    return "".join(parts)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def real_text(megabytes: float) -> str:
    """Real news (the seeds, the development set) repeated to ``megabytes``, each copy
    opened by a line of letters that makes it unique."""
    texts = real_texts()
    parts: list[str] = []
    size, i, target = 0, 0, int(megabytes * 1_000_000)
    while size < target:
        part = f"copy {letter_tag(i)}\n\n{texts[i % len(texts)]}\n\n"
        parts.append(part)
        size += len(part.encode("utf-8"))
        i += 1
    return "".join(parts)


def bare_scan(text: str, gaz: Gazetteer) -> tuple[float, int]:
    """CPU seconds to fold ``text`` and run the automaton over it: the floor (the faster
    of two runs: the first pays for memory the process touches for the first time). The
    automaton holds the gazetteer's names, the kind words that introduce a name it may
    lack (``normalize.INTRODUCING_WORDS``, each before a blank) and the words it spots for
    the readers of a name's context (``normalize.SPOTTED_WORDS``): the one pass over the
    text that place finding makes with it."""
    best, hits = float("inf"), 0
    for _ in range(2):
        t0 = _clock()
        hits = sum(1 for _ in gaz.matcher.automaton.iter(fold(text)))
        best = min(best, _clock() - t0)
    return best, hits


def forget_folds() -> None:
    """Empty the memos of the last few folds (:meth:`gazetteer.normalize.FoldedText.of`,
    and :func:`gazetteer.linefold.folded_text`'s of long texts).

    Why: a run on a text folded just before (the same string, or one equal to it, read
    from the file again) takes its fold from the memo, mending and folding included:
    the figures of such a run leave out a fifth of the work a command does."""
    normalize._folded_text.cache_clear()
    linefold._long_folded.cache_clear()


def place_finding(label: str, text: str, gaz: Gazetteer, *, trace: bool) -> None:
    """Matcher alone and ``resolve_text``, each as MB/s and as a ratio to the bare scan."""
    mb = len(text.encode("utf-8")) / 1e6
    bare_s, hits = bare_scan(text, gaz)
    forget_folds()
    t0 = _clock()
    _, raws = gaz.matcher.find(text)
    match_s = _clock() - t0
    t0 = _clock()  # (as measured before: the fold the matcher's run just made is reused)
    resolve_text(text, gaz)
    reused_s = _clock() - t0
    full_s, mentions = float("inf"), []
    for _ in range(2):  # the faster of two, each folding the text itself
        forget_folds()
        t0 = _clock()
        mentions = resolve_text(text, gaz)
        full_s = min(full_s, _clock() - t0)
    resolved = sum(1 for m in mentions if m.place is not None)
    print(f"{label}: {mb:.2f} MB")
    print(f"  bare automaton scan (fold + iter): {mb / bare_s:8.2f} MB/s  ({hits} raw hits)")
    print(f"  matcher (find: fold + scan):       {mb / match_s:8.2f} MB/s  ({len(raws)} names)"
          f"  x{match_s / bare_s:.2f} the bare scan's time")
    print(f"  resolve_text (full):               {mb / full_s:8.2f} MB/s  ({len(mentions)} "
          f"mentions, {resolved} resolved, its own fold)  x{full_s / bare_s:.2f} the bare scan's time")
    print(f"  resolve_text (the matcher's fold reused, as measured before): {mb / reused_s:8.2f} MB/s"
          f"  x{reused_s / bare_s:.2f} the bare scan's time")
    if trace:  # memory in a second run: tracemalloc slows Python down several times over
        tracemalloc.start()
        resolve_text(text, gaz)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"  peak traced memory of resolve_text: {peak / 1e6:.1f} MB")


#: The parts of ``resolve_text`` whose shares are printed: (label, module file, function
#: or the functions that were that part, summed).
_PARTS = (
    ("folding and the automaton (matcher.find_spotted)", "gazetteer/matcher.py",
     ("find_spotted", "find_marked")),  # (find_marked: what the resolver called before)
    ("the words around each name (cues.read_names; persons.py within)",
     "gazetteer/cues.py", "read_names"),
    ("  of which persons.is_person_at", "gazetteer/persons.py", "is_person_at"),
    ("the choice among candidates with several (resolver._decide; one-candidate names are "
     "decided inline in _resolve)", "gazetteer/resolver.py", "_decide"),
    ("names the gazetteer lacks (unknown.unknown_named_places)", "gazetteer/unknown.py",
     "unknown_named_places"),
    ("distances and bearings (offsets.offset_places)", "gazetteer/offsets.py", "offset_places"),
)


def context_memo(text: str, gaz: Gazetteer) -> None:
    """``cues.read_names`` on ``text``'s names with each name read alone (the baseline,
    as before its memo of contexts) and as it runs now (a long text's contexts read once
    each); the same cues out."""
    from gazetteer import cues

    folded, raws, _, spotted = gaz.matcher.find_spotted(text)
    timed = []
    for memo_from in (len(raws) + 1, cues.MEMO_FROM):
        saved, cues.MEMO_FROM = cues.MEMO_FROM, memo_from
        try:
            best, out = float("inf"), None
            for _ in range(2):
                t0 = _clock()
                out = cues.read_names(raws, folded, spotted)
                best = min(best, _clock() - t0)
        finally:
            cues.MEMO_FROM = saved
        timed.append((best, out))
    (before_s, before), (after_s, after) = timed
    same = "the same cues" if before == after else "DIFFERENT CUES"
    print(f"  the words around {len(raws)} names (cues.read_names): each read alone {before_s:.3f}s "
          f"(before), each distinct context once {after_s:.3f}s (after): "
          f"x{before_s / max(after_s, 1e-9):.1f}, {same}")


def time_shares(text: str, gaz: Gazetteer) -> None:
    """Where ``resolve_text``'s time goes, as shares of one profiled run (cProfile slows
    every Python call alike, so the shares hold where the seconds do not)."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    profiler.enable()
    resolve_text(text, gaz)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = max((ct for (file, _, name), (_, _, _, ct, _) in stats.items()
                 if name == "resolve_text" and file.endswith("gazetteer/resolver.py")), default=0)
    print("  shares of resolve_text's time (one cProfile run):")
    for label, module, function in _PARTS:
        names = (function,) if isinstance(function, str) else function
        spent = sum(ct for (file, _, name), (_, _, _, ct, _) in stats.items()
                    if name in names and file.endswith(module))
        print(f"    {label:<100} {spent / max(total, 1e-9):6.1%}")


def find_command(megabytes: float, gaz: Gazetteer) -> None:
    """``python -m gazetteer find --json`` on real news, output to a file, in this process."""
    text = real_text(megabytes)
    mb = len(text.encode("utf-8")) / 1e6
    _ = gaz.matcher  # built outside the timings, as a running command has it after loading
    bare_s, _ = bare_scan(text, gaz)
    limit = str(megabytes * 2 + 1)
    with tempfile.TemporaryDirectory(prefix="nes-find-") as tmp:
        src, out = Path(tmp) / "news.txt", Path(tmp) / "out.json"
        src.write_text(text, encoding="utf-8")
        find_s = reused_s = float("inf")
        for k in range(3):  # the faster of two: the first fills the memos of this store's places
            if k < 2:  # (the third as measured before: the text's fold taken from the memo)
                forget_folds()
            t0 = _clock()
            with out.open("w", encoding="utf-8") as sink, contextlib.redirect_stdout(sink):
                code = gazetteer_cli(["find", str(src), "--json", "--max-mb", limit])
            spent = _clock() - t0
            find_s, reused_s = (min(find_s, spent), reused_s) if k < 2 else (find_s, spent)
        written = out.stat().st_size
        # as a command: first with an empty cache folder (the store built and written
        # there, as before gazetteer.warm), then warm (the best of two)
        env = {**os.environ, CACHE_ENV: str(Path(tmp) / "cache")}
        command = [sys.executable, "-m", "gazetteer", "find", str(src), "--json", "--max-mb", limit]
        runs = []
        # the first cold; the last two warm with NumPy's BLAS starting a thread per core,
        # as before the command asked it for one (the baseline), then three as it runs now
        blas = {name: str(os.cpu_count() or 1) for name in ("OPENBLAS_NUM_THREADS",
                                                            "OMP_NUM_THREADS", "MKL_NUM_THREADS")}
        for k in range(6):
            child = _children_cpu()
            with out.open("w", encoding="utf-8") as sink:
                subprocess.run(command, stdout=sink, check=True, cwd=ROOT,
                               env={**env, **blas} if k >= 4 else env)
            runs.append(_children_cpu() - child)
        cold_s, process_s, threads_s = runs[0], min(runs[1:4]), min(runs[4:])
        compiled_s = _with_bytecode(command, env, out, Path(tmp) / "pyc")
    print(f"find --json on real news: {mb:.2f} MB in, {written / 1e6:.1f} MB of JSON out "
          f"(exit {code})")
    print(f"  find --json (read, resolve, write): {mb / find_s:8.2f} MB/s  "
          f"x{find_s / bare_s:.1f} the bare scan's time (issue 14 asks >= 10 MB/s); "
          f"{mb / reused_s:.2f} MB/s with the text's fold from the memo (as measured before)")
    print(f"  as a command (python -m gazetteer find --json, start-up and loading included): "
          f"{mb / process_s:.2f} MB/s ({process_s:.2f} CPU s; with no built store in the cache "
          f"folder, before gazetteer.warm: {mb / cold_s:.2f} MB/s, {cold_s:.2f} CPU s; with a "
          f"BLAS thread per core, before the command asked for one: {mb / threads_s:.2f} MB/s, "
          f"{threads_s:.2f} CPU s)")
    print(f"  as a command with its modules' bytecode at hand (as an installed package has it; "
          f"PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '')!r} here makes "
          f"a started command compile its modules): {mb / compiled_s:.2f} MB/s "
          f"({compiled_s:.2f} CPU s)")
    mentions = resolve_text(text, gaz)
    t0 = _clock()
    before = json.dumps([m.as_dict() for m in mentions], ensure_ascii=False, indent=2)
    std_s = _clock() - t0
    t0 = _clock()
    after = dump_mentions(mentions)
    fast_s = _clock() - t0
    same = "the same bytes" if before == after else "DIFFERENT BYTES"
    print(f"  JSON of {len(mentions)} mentions: json.dumps(indent=2) {std_s:.2f}s (before), "
          f"jsonout {fast_s:.2f}s (after): x{std_s / max(fast_s, 1e-9):.1f}, {same}")


def _with_bytecode(command: list[str], env: dict[str, str], out: Path, cache: Path) -> float:
    """CPU seconds of ``command`` (best of three) with the bytecode of every module it
    imports written first to ``cache`` (``PYTHONPYCACHEPREFIX``), as a pip install compiles
    a package's modules: an editable checkout under ``PYTHONDONTWRITEBYTECODE`` compiles
    them at every start instead (a cost of the set-up, not of the command)."""
    env = {**env, "PYTHONPYCACHEPREFIX": str(cache)}
    writing = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
    runs = []
    for k in range(4):  # the first writes the bytecode; the others read it
        child = _children_cpu()
        with out.open("w", encoding="utf-8") as sink:
            subprocess.run(command, stdout=sink, check=True, cwd=ROOT,
                           env=writing if k == 0 else env)
        runs.append(_children_cpu() - child)
    return min(runs[1:])


#: The patterns of ``normalize.mended`` as first written, a look-behind opening each: the
#: engine tried them at every character (the baseline of :func:`mending`).
_PLAIN_MENDING = (
    (re.compile(f"(?<={normalize._LETTER}\u0640)\\. (?=\u0640+{normalize._LETTER})"), "\u0640\u0640"),
    (re.compile(r"(?<!\S)#(?=[^\W\d_])|(?:(?<=[^\W\d_])|(?<=\s))_(?=[^\W\d_])"), " "),
    (re.compile(r"(?<![^\W\d_])([وفبل]?(?:ال)?(?:حقل|مطار|قاعد))(ت?)ي(?= [^\W\d_])"),
     normalize._singular_site),
)


def mending(text: str) -> None:
    """The dotted-space, hashtag and dual-kind-word passes of ``normalize.mended`` on
    ``text``: as first written (before) and as the module has them (after), the same text
    out but for the hashtag marks the module has learnt to read since."""
    mb = len(text.encode("utf-8")) / 1e6
    now = ((normalize._DOTTED_SPACE_RE, "\u0640\u0640"), (normalize._HASHTAG_MARK_RE, " "),
           (normalize._DUAL_SITE_RE, normalize._singular_site))
    timed = []
    for passes in (_PLAIN_MENDING, now):
        best, out = float("inf"), text
        for _ in range(2):
            t0 = _clock()
            out = text
            for pattern, repl in passes:
                out = pattern.sub(repl, out)
            best = min(best, _clock() - t0)
        timed.append((best, out))
    (before_s, before), (after_s, after) = timed
    # The hashtag pass has read more marks since it was first written (a mark after a
    # bracket, '(#داعش)', or before what folding deletes, '#"قسد"'): those places are the
    # only ones allowed to differ; any other difference is a fault of the mending.
    if len(before) != len(after):  # (each pass puts one character for one)
        same = "DIFFERENT TEXT"
    else:
        changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
        marks = sum(1 for a, b in changed if a in "#_" and b == " ")
        same = ("the same text" if not changed
                else f"the same text but for {marks} hashtag marks the present form reads"
                if marks == len(changed) else "DIFFERENT TEXT")
    print(f"mending ({mb:.2f} MB, dotted spaces, hashtag marks, dual kind words): as first written "
          f"{before_s:.3f}s (before), now {after_s:.3f}s (after): "
          f"x{before_s / max(after_s, 1e-9):.1f}, {same}")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--find-mb", type=float, default=8.0)
    ap.add_argument("--imported", type=int, default=12_000)
    ap.add_argument("--quick", action="store_true", help="tiny sizes: the smoke run")
    args = ap.parse_args(argv)
    if args.quick:
        args.mb, args.find_mb, args.imported = 0.05, 0.05, 200

    t0 = time.perf_counter()
    default = load_gazetteer(include_imported=False)
    gaz = Gazetteer([*default.places.values(), *synthetic_places(args.imported)])
    matcher = gaz.matcher
    build_s = time.perf_counter() - t0
    fold("قرية " * 1000)  # folding's one-time set-up (its lookup array) outside the timings too
    print(f"store: {len(gaz)} places, {matcher.size} indexed names; built in {build_s:.2f} s")

    place_finding("benchmark text", news_text(gaz, args.mb), gaz, trace=not args.quick)
    real = real_text(args.mb)
    place_finding("real news text", real, gaz, trace=False)
    time_shares(real, gaz)
    context_memo(real, gaz)
    mending(real)
    find_command(args.find_mb, load_gazetteer())
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {rss:.0f} MB")


if __name__ == "__main__":
    main()
