"""Which areas are parts of the country (too coarse to map) and which can be drawn."""
from __future__ import annotations

import pytest

from gazetteer import load_gazetteer
from geo.relate import is_macro_region


@pytest.fixture(scope="module")
def places():
    return load_gazetteer().places


@pytest.mark.parametrize("place_id", ["ne_syria", "east_euphrates", "badia", "north_syria"])
def test_a_part_of_the_country_is_a_macro_region(places, place_id):
    assert is_macro_region(places[place_id])


@pytest.mark.parametrize("place_id", ["jebel_bishri", "jabal_abdulaziz"])
def test_a_ridge_astride_governorates_is_a_feature_a_map_can_show(places, place_id):
    # Jebel Bishri has no governorate (it straddles three), yet it is one ridge, not a
    # part of the country: an event told there belongs on it
    assert not is_macro_region(places[place_id])
