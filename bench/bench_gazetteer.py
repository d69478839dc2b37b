"""Gazetteer scan speed: mentions found in MB of Arabic news-like text.

Prints, for the full store (embedded data + an imported dump of 10,000+ synthetic
GeoNames rows): MB/s of ``resolve_text`` beside a bare Aho-Corasick scan of the
same folded text in the same run (the ratio is the figure that matters), peak
memory, and the time to build the store. Figures only; no pass/fail.

    python bench/bench_gazetteer.py [--mb 5] [--imported 12000]
"""

from __future__ import annotations

import argparse
import random
import time
import tracemalloc

from gazetteer.model import Place
from gazetteer.normalize import fold
from gazetteer.resolver import resolve_text
from gazetteer.store import Gazetteer, load_gazetteer

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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--imported", type=int, default=12_000)
    args = ap.parse_args()

    t0 = time.perf_counter()
    default = load_gazetteer(include_imported=False)
    gaz = Gazetteer([*default.places.values(), *synthetic_places(args.imported)])
    matcher = gaz.matcher
    build_s = time.perf_counter() - t0
    print(f"store: {len(gaz)} places, {matcher.size} indexed names; built in {build_s:.2f} s")

    text = news_text(gaz, args.mb)
    mb = len(text.encode("utf-8")) / 1e6

    t0 = time.perf_counter()
    folded = fold(text)
    bare = sum(1 for _ in matcher.automaton.iter(folded))
    bare_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    mentions = resolve_text(text, gaz)
    full_s = time.perf_counter() - t0
    # memory in a second run: tracemalloc slows Python down several times over
    tracemalloc.start()
    resolve_text(text, gaz)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    resolved = sum(1 for m in mentions if m.place is not None)
    print(f"text: {mb:.2f} MB")
    print(f"bare automaton scan (fold + iter): {mb / bare_s:8.2f} MB/s  ({bare} raw hits)")
    print(f"resolve_text (full):              {mb / full_s:8.2f} MB/s  ({len(mentions)} mentions,"
          f" {resolved} resolved)")
    print(f"ratio full/bare time: {full_s / bare_s:.2f}x   peak traced memory: {peak / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
