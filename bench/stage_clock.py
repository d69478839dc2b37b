"""CPU seconds per stage of one article's path, for bench_pipeline.py --real --stages.

Why a module: the pipeline's own timings say read / extract / merge; issue 14 asks where
the time of the per-article path goes (reading, sentences, dates, triggers, places,
roles, ...). :func:`stage_seconds` runs the pipeline once with the stage functions
wrapped where their callers look them up (``geo.extract.article`` and
``geo.extract.document``), each wrapper adding the CPU time (``process_time``) of its
outermost call, and puts every function back afterwards. A name a caller no longer has
is skipped (reported as absent), so a renamed stage costs a figure, not the bench.

Figures only: the wrappers add a little time of their own to each call.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

#: (module, name there, stage): the per-article stages as their callers see them, reading
#: and the article's reading for the extraction (Doc) split into their parts.
STAGES: tuple[tuple[str, str, str], ...] = (
    ("geo.read.folder", "read_file", "read"),
    ("geo.read.article", "strip_page", "read: page furniture"),
    ("geo.read.article", "publication", "read: publication date"),
    ("geo.extract.article", "read_article", "doc"),
    ("geo.extract.document", "folded_page", "doc: fold"),
    ("geo.extract.document", "split_sentences", "doc: sentences"),
    ("geo.extract.document", "mark_headings", "doc: headings"),
    ("gazetteer.resolver", "resolve_text", "places: names (resolve_text)"),
    ("geo.extract.document", "find_actors", "doc: actors"),
    ("geo.extract.actors", "_raw_hits", "doc: actors: patterns"),
    ("geo.extract.document", "_dates_of_body", "doc: dates (find_dates)"),
    ("geo.extract.article", "sentence_candidates", "triggers"),
    ("geo.extract.triggers", "trigger_hits", "triggers: matching"),
    ("geo.extract.triggers", "rejected", "triggers: rejections"),
    ("geo.extract.article", "places_for", "places: for events"),
    ("geo.extract.article", "date_for", "dates: for events"),
    ("geo.extract.article", "actors_for", "roles"),
    ("geo.extract.article", "casualties", "casualties"),
    ("geo.extract.article", "dedupe", "dedupe"),
    ("geo.extract.article", "main_place", "places: main place"),
    ("geo.extract.article", "bases", "bases"),
    ("geo.extract.article", "routes", "routes"),
)


def stage_seconds(folder: Path, gazetteer: Any) -> tuple[dict[str, float], dict[str, float], float]:
    """(CPU seconds per stage, the pipeline's own timings, the run's CPU seconds) of one run
    of the pipeline over ``folder`` at one job, without cache. A stage whose function is
    not found is left out of the first mapping."""
    from geo.pipeline import run_pipeline

    spent: dict[str, float] = {}
    with _wrapped(spent):
        start = time.process_time()
        result = run_pipeline(folder, gazetteer=gazetteer, use_cache=False, keep_text=False)
        total = time.process_time() - start
    return spent, dict(result.timings), total


@contextlib.contextmanager
def _wrapped(spent: dict[str, float]) -> Iterator[None]:
    """Every stage of :data:`STAGES` found, wrapped while the block runs."""
    saved: list[tuple[Any, str, Any]] = []
    try:
        for module_name, name, stage in STAGES:
            module = importlib.import_module(module_name)
            original = getattr(module, name, None)
            if original is None:
                continue
            saved.append((module, name, original))
            setattr(module, name, _clocked(original, stage, spent))
        yield
    finally:
        for module, name, original in reversed(saved):
            setattr(module, name, original)


def _clocked(func: Callable[..., Any], stage: str, spent: dict[str, float]) -> Callable[..., Any]:
    """``func``, adding the CPU time of its outermost calls to ``spent[stage]`` (a call
    inside one already timed, a recursion, counts once)."""
    depth = [0]

    @functools.wraps(func)
    def clocked(*args: Any, **kwargs: Any) -> Any:
        if depth[0]:
            return func(*args, **kwargs)
        depth[0] += 1
        start = time.process_time()
        try:
            return func(*args, **kwargs)
        finally:
            spent[stage] = spent.get(stage, 0.0) + time.process_time() - start
            depth[0] -= 1

    return clocked


def stage_lines(spent: dict[str, float], timings: dict[str, float], total: float) -> list[str]:
    """The figures as lines: each stage's CPU seconds and share of the run, then the
    pipeline's own later stages (wall seconds, as it measures them)."""
    lines = [f"  CPU seconds per stage (one job, wrapped; the run {total:.2f} s CPU):"]
    for _, _, stage in STAGES:
        if stage in spent:
            share = spent[stage] / max(total, 1e-9) * 100
            lines.append(f"    {stage:<32} {spent[stage]:6.2f} s  {share:4.1f}%")
    later = {k: v for k, v in timings.items() if k not in ("read", "extract")}
    lines.append("    after extraction (wall): " + "  ".join(
        f"{k} {v:.2f}s" for k, v in sorted(later.items(), key=lambda kv: -kv[1])))
    return lines
