"""The errors the reader raises on purpose, in one small hierarchy.

Why a module of its own: decoding, the metadata CSV, one article and a whole folder
all raise them, and callers (the pipeline, the dashboard, uploads) catch
:class:`CorpusError` without caring which stage failed. Every one is also a
``ValueError``, so code that only knows the built-in can catch it too.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ArticleReadError", "CorpusError", "UndecodableError"]


class CorpusError(ValueError):
    """Base class of the errors this module raises on purpose (also a ValueError)."""


class UndecodableError(CorpusError):
    """Bytes that are binary or in no encoding we can recognise."""


class ArticleReadError(CorpusError):
    """One article file could not be read; ``reason`` is short enough for a report."""

    def __init__(self, path: str | Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
