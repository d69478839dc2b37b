"""What can go wrong with the review store, as exceptions a caller can catch by kind.

Each class also inherits the matching built-in (as geopy's errors do), so a caller
that knows nothing of this package can still catch ``OSError`` or ``ValueError``.
Every message is one line a user can act on: what was refused, and what to do.
"""

from __future__ import annotations

__all__ = ["DecisionError", "ForeignStoreError", "ImportFileError", "OutOfAreaError",
           "ReviewError", "ReviewStoreError", "UnknownTargetError"]


class ReviewError(Exception):
    """Anything the review store refuses; nothing already stored is lost."""


class ReviewStoreError(ReviewError, OSError):
    """The store file cannot be opened, read or written (permissions, disk, not SQLite)."""


class ForeignStoreError(ReviewStoreError):
    """The file is SQLite but not a review store (other tables, or a newer schema)."""


class DecisionError(ReviewError, ValueError):
    """A decision that cannot be taken: unknown kind, malformed or impossible value."""


class UnknownTargetError(DecisionError, LookupError):
    """A decision names an incident, article, mention or place that does not exist."""


class OutOfAreaError(DecisionError):
    """A coordinate outside the map's area (Syria and its neighbourhood)."""


class ImportFileError(ReviewError, ValueError):
    """A history file to import is unreadable or has a malformed line."""
