"""No pattern of the reader is worse than linear (issue 10, item 3).

A run of tatweel after a word took 31.5 s for 80 KB and froze the server: the
dateline pattern's city and separator traded the run between them. Each entry point
of the reader is run here on 100 KB runs of every character class its patterns use,
after each kind of line start they look for; quadratic would take minutes, linear
takes milliseconds, so the bound (2 s) leaves room for a loaded machine.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from geo.read import read_article, strip_furniture
from geo.read.furniture import strip_page
from geo.read.markup import html_to_text, markdown_to_text
from geo.read.stamps import fallback_stamp, is_stamp_line
from geo.read.text import key_words, match_key

RUN = 100_000
BOUND_SECONDS = 2.0

#: One unit per character class the patterns use; each is repeated to RUN characters.
UNITS = {
    "tatweel": "ـ",
    "diacritics": "\u064e\u0651",
    "digits": "1",
    "arabic_indic_digits": "٣",
    "spaces": " ",
    "tabs": "\t",
    "dashes": "-",
    "colons": ":",
    "pipes": "|",
    "dots": ".",
    "arabic_comma": "،",
    "parentheses": "(",
    "brackets": "[",
    "link_openings": "[a](",
    "arabic_letters": "ب",
    "latin_letters": "a",
    "mixed": "ـ1 a-ب\u064e:|،.(",
    "words_and_tatweel": "دمشق ـ",
    "digits_and_spaces": "8 ",
}
#: What the patterns look for at the start of a line: a word, a dateline city, a desk
#: dateline, a date, a weekday and day, a stamp label, a Markdown image.
PREFIXES = ("", "كلمة", "دمشق ", "دمشق - متابعات ", "2022.10.08 ", "8 تشرين الأول ",
            "الخميس 8 ", "نشر في: ", "![")

ENTRY_POINTS: dict[str, Callable[[str], object]] = {
    "strip_furniture": strip_furniture,
    "strip_page": strip_page,
    "is_stamp_line": is_stamp_line,
    "is_stamp_line(match_key)": lambda text: is_stamp_line(match_key(text)),
    "fallback_stamp": fallback_stamp,
    "markdown_to_text": markdown_to_text,
    "html_to_text": lambda text: html_to_text(f"<html><body><p>{text}</p></body></html>"),
    "key_words": key_words,
}


def _run(unit: str) -> str:
    return (unit * (RUN // len(unit) + 1))[:RUN]


def _timed(call: Callable[[], object]) -> float:
    """CPU seconds of this process: other processes on a shared machine do not count."""
    start = time.process_time()
    call()
    return time.process_time() - start


@pytest.mark.parametrize("unit", UNITS.values(), ids=UNITS.keys())
def test_reader_entry_points_are_linear_on_long_runs(unit: str) -> None:
    run = _run(unit)
    slow = []
    for prefix in PREFIXES:
        text = prefix + run
        for name, entry in ENTRY_POINTS.items():
            seconds = _timed(lambda entry=entry, text=text: entry(text))
            if seconds > BOUND_SECONDS:
                slow.append(f"{name}({prefix!r} + run): {seconds:.1f} s")
    assert not slow, slow


#: read_article runs every stage, so fewer starts: a word, a dateline, a stamp, a weekday.
ARTICLE_PREFIXES = ("كلمة", "دمشق ", "2022.10.08 ", "الخميس 8 ")
SUFFIXES = {unit: [".txt"] for unit in UNITS} | {
    unit: [".txt", ".md", ".html"] for unit in ("tatweel", "diacritics", "brackets", "mixed")}


@pytest.mark.parametrize(("unit", "suffix"),
                         [(unit, suffix) for unit in UNITS for suffix in SUFFIXES[unit]],
                         ids=[f"{name}{suffix}" for name in UNITS for suffix in SUFFIXES[name]])
def test_read_article_is_linear_on_long_runs(tmp_path: Path, unit: str, suffix: str) -> None:
    run = _run(UNITS[unit])
    slow = []
    for i, prefix in enumerate(ARTICLE_PREFIXES):
        path = tmp_path / f"a{i}{suffix}"
        # the run as headline, as first paragraph after a headline, and as a stamp line
        path.write_text(f"{prefix}{run}\n\nعنوان الخبر\n\n{prefix}{run}\n\nنص الخبر.",
                        encoding="utf-8")
        seconds = _timed(lambda path=path: read_article(path))
        if seconds > BOUND_SECONDS:
            slow.append(f"read_article({prefix!r} + run{suffix}): {seconds:.1f} s")
    assert not slow, slow


def test_tatweel_after_a_word_is_read_in_well_under_a_second(tmp_path: Path) -> None:
    """The issue's own case: 80 KB of U+0640 after a word (31.5 s before the fix)."""
    path = tmp_path / "tatweel.txt"
    path.write_text("كلمة" + "ـ" * 80_000 + "\n\nنص الخبر.", encoding="utf-8")
    assert _timed(lambda: read_article(path)) < BOUND_SECONDS
    assert _timed(lambda: strip_furniture("دمشق" + "ـ" * 80_000)) < BOUND_SECONDS


def test_a_long_run_of_diacritics_is_normalised_in_linear_time() -> None:
    """NFC sorts a run of marks by insertion: 100 KB of them took 15 s before."""
    from geo.read.text import clean_text

    marks = "\u0651\u064e" * 50_000
    seconds = _timed(lambda: clean_text(marks))
    assert seconds < BOUND_SECONDS
    assert clean_text("دِمَشْقَ \u0651\u064e") == "دِمَشْقَ \u064e\u0651"  # short runs: plain NFC


@pytest.mark.parametrize(("line", "city"), [("دمشق ـ متابعات", "دمشق"), ("دمشقـ متابعات", "دمشق"),
                                          ("دير الزور - خاص", "دير الزور"),
                                          ("رأس العين (خاص)", "رأس العين")])
def test_the_desk_dateline_is_still_found(line: str, city: str) -> None:
    page = f"عنوان الخبر في سطر واحد\n\n{line}\n\n" + "قالت مصادر محلية إن دورية مرت من هنا. " * 3
    stripped = strip_page(page)
    assert stripped.dateline == city
    assert line not in stripped.body
