"""Reading a corpus: a folder of news articles (or one file) into clean :class:`Article` records.

Everything downstream (places, dates, incidents) works on ``Article.body``, so this
package is where untrusted files become trustworthy text. Its rooms, in the order a
file passes through them:

- :mod:`~geo.read.decode`: bytes -> text, whatever the encoding; binary files refused.
- :mod:`~geo.read.markup`: HTML and Markdown -> plain text, plus the page's own metadata.
- :mod:`~geo.read.furniture`: menus, share buttons, 'اقرأ أيضاً', related lists, the
  desk dateline removed, so that no other story's headline can turn into an incident.
- :mod:`~geo.read.stamps`: what a publication stamp line looks like, and reading one.
- :mod:`~geo.read.published`: the publication date: printed, stamped, or inferred
  from the text (and flagged as inferred).
- :mod:`~geo.read.metadata`: the ``articles.csv`` beside a corpus.
- :mod:`~geo.read.article`: one file -> one :class:`Article`, calling the above in order.
- :mod:`~geo.read.folder`: a whole folder, duplicates and stable ids, a report per file.
- :mod:`~geo.read.uploads`: storing files uploaded in the dashboard, safely.

Shared by them: :mod:`~geo.read.errors`, :mod:`~geo.read.text` (clean-up, matching
keys) and :mod:`~geo.read.lexicon` (the word lists in ``geo/read/data/``).

A bad file never stops a corpus: :func:`iter_corpus` / :func:`read_corpus` report it
by name with a reason and go on.

Examples
--------
>>> text, encoding = decode_bytes("قصف على القامشلي\\n".encode("cp1256"))
>>> encoding, text.strip()
('cp1256', 'قصف على القامشلي')
>>> title, body, removed = strip_furniture("تخطى إلى المحتوى\\n\\nعنوان الخبر\\n\\nنص الخبر.")
>>> title, body, removed
('عنوان الخبر', 'نص الخبر.', ['تخطى إلى المحتوى'])
"""

from __future__ import annotations

from .article import DEFAULT_MAX_BYTES, Article, read_article
from .decode import decode_bytes
from .errors import ArticleReadError, CorpusError, UndecodableError
from .folder import DEFAULT_PATTERNS, CorpusResult, FileReport, iter_corpus, read_corpus
from .furniture import strip_furniture
from .metadata import read_metadata

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_PATTERNS",
    "Article",
    "ArticleReadError",
    "CorpusError",
    "CorpusResult",
    "FileReport",
    "UndecodableError",
    "decode_bytes",
    "iter_corpus",
    "read_article",
    "read_corpus",
    "read_metadata",
    "strip_furniture",
]
