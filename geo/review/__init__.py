"""The analyst's decisions: stored, applied on every run, exported and imported.

The public surface (what the dashboard and the command line call):

* :class:`ReviewStore` (``store``): the SQLite file; ``add``, ``decisions``.
* :func:`default_review_path`: ``$NES_OSINT_DATA/review.sqlite``.
* :func:`make_decision` (``decisions``): a decision checked on its own.
* :func:`decide` (``decide``): take a decision about a run's incident, article,
  mention or place, checked against that run, and store it.
* :func:`add_place`: add a missing place to the user's gazetteer store (and record it).
* :func:`open_review` / :class:`ReviewStep` (``apply``): what
  :func:`geo.pipeline.run_pipeline` applies; its ``report()`` lists orphans.
* :func:`export_history` / :func:`import_history` (``io``): JSON lines.
* :func:`review_queue` (``queue``): what needs a human first, as :class:`QueueItem`.
* Errors (``errors``): :class:`ReviewError` and its kinds.
"""

from __future__ import annotations

from .apply import REVIEW_STATES, ReviewSource, ReviewStep, open_review
from .decide import add_place, decide, incident_members
from .decisions import AREA, Decision, make_decision, mention_target
from .errors import (
    DecisionError,
    ForeignStoreError,
    ImportFileError,
    OutOfAreaError,
    ReviewError,
    ReviewStoreError,
    UnknownTargetError,
)
from .io import export_history, import_history
from .queue import QueueItem, review_queue
from .state import ReviewState
from .store import ReviewStore, default_review_path

__all__ = ["AREA", "REVIEW_STATES", "Decision", "DecisionError", "ForeignStoreError",
           "ImportFileError", "OutOfAreaError", "QueueItem", "ReviewError", "ReviewSource", "ReviewState",
           "ReviewStep", "ReviewStore", "ReviewStoreError", "UnknownTargetError", "add_place",
           "decide", "default_review_path", "export_history", "import_history",
           "incident_members", "make_decision", "mention_target", "open_review",
           "review_queue"]
