"""gazetteer.unknown: kind words, and names the gazetteer knows written another way.

The reading of unknown names in running text is tested through the resolver
(tests/gazetteer/test_resolver_context.py); these are the module's small parts."""

from __future__ import annotations

import pytest

from gazetteer.normalize import fold
from gazetteer.unknown import is_kind_word


@pytest.mark.parametrize("word", ["بمدينة", "وقرية", "المدينة", "وبلدة", "فالقرية", "لبلدة"])
def test_a_kind_word_with_its_clitics_is_a_kind_word(word):
    assert is_kind_word(fold(word))


@pytest.mark.parametrize("word", ["الفردوس", "دوكركا", "بالقامشلي", "وب"])
def test_a_name_is_not_a_kind_word(word):
    assert not is_kind_word(fold(word))
