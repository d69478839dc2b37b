"""geo.extract.when.patterns: which patterns keep every match to one line."""

from __future__ import annotations

import re

import pytest

from geo.extract.when.patterns import keeps_to_its_line


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"امس[^\S\n]+الاحد", True),  # blanks that are not a break
    (r"a(?!\w)", True),  # a look-ahead that cannot take a break: the same at a line's end
    (r"(?<=\s)a", True),  # a look-behind reads before the match, the same text either way
    (r"a.b", True),  # '.' takes no break without DOTALL
    (r"a(?P<s>[/.])b(?P=s)", True),
    (r"a\s+b", False),  # a blank may be a break
    (r"(?s)a.b", False),
    (r"a[^x]", False),  # a negated set holds '\n'
    (r"a\W", False),
    (r"a(?=\s)", False),  # a look-ahead reading the break would see the search's end instead
    (r"a(?!\s)", False),
    (r"a$", False),  # an end-of-text anchor
    (r"a\Z", False),
])
def test_keeps_to_its_line(pattern: str, expected: bool) -> None:
    assert keeps_to_its_line(re.compile(pattern)) is expected
