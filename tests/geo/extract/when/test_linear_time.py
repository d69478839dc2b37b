"""No date pattern is worse than linear in its input (issue 10, item 3).

A run of one character class (tatweel, diacritics, digits, blanks, Arabic letters, the
separators a date uses) after the words a rule starts with must not make a pattern
backtrack; a text dense with date words (20,000 'أمس') must not make the choosing of
expressions quadratic. Each 100 KB text takes a fraction of a second; quadratic
behaviour took tens of seconds. The bound is generous: these guard the shape of the
cost, the figures live in bench/.
"""

from __future__ import annotations

import datetime
import time

import pytest

from geo.extract.when import find_dates, find_publication_date

SIZE = 100_000
ANCHOR = datetime.date(2022, 10, 8)

RUNS = {
    "tatweel": "\u0640",
    "fatha": "\u064e",
    "shadda": "\u0651",
    "tanween": "\u064b",
    "ascii digit": "1",
    "arabic-indic digit": "\u0663",
    "space": " ",
    "no-break space": "\u00a0",
    "arabic letter": "س",
    "alef": "ا",
    "dot": ".",
    "slash": "/",
    "dash": "-",
    "arabic comma": "،",
    "bidi mark": "\u200f",
    "mixed": " 1\u0640\u064e",
}
#: The first words of the rules: a run after them is where a pattern could backtrack.
PREFIXES = ["في 5 ", "ليل الخميس", "كانون الأول", "قبل ", "2022", "الخامس ", "12:"]
#: Tokens repeated to fill 100 KB: every one a date word, or a near miss of one.
DENSE = ["أمس ", "الخميس ", "اليوم الخميس ", "ليل الخميس ", "5 كانون الأول ", "قبل يومين ",
         "كانون الأول 2022 ", "الخميس الماضي ", "5 و", "1/", "12.", "ال", "عام ", "ـ "]

#: Seconds a 100 KB text may take (about 0.1-0.5 s on a quiet machine; quadratic took 20-80 s).
LIMIT = 3.0


def _seconds(text: str) -> float:
    """CPU seconds of this process: other processes on a shared machine do not count."""
    start = time.process_time()
    find_dates(text, ANCHOR)
    find_publication_date(text)
    return time.process_time() - start


@pytest.mark.parametrize("run", list(RUNS), ids=list(RUNS))
def test_a_long_run_of_one_character_class_is_linear(run):
    worst = max((_seconds(prefix + RUNS[run] * SIZE + " 2022"), prefix) for prefix in PREFIXES)
    assert worst[0] < LIMIT, f"{SIZE} x {run!r} after {worst[1]!r}: {worst[0]:.1f} s"


@pytest.mark.parametrize("token", DENSE)
def test_a_text_dense_with_date_words_is_linear(token):
    text = (token * (SIZE // len(token) + 1))[:SIZE]
    took = _seconds(text)
    assert took < LIMIT, f"{SIZE} characters of {token!r}: {took:.1f} s"


def test_dense_expressions_are_all_found_and_disjoint():
    found = find_dates("أمس، " * 2000, ANCHOR)
    assert len(found) == 2000
    assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
