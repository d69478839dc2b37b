"""A small, hand-made gazetteer for behaviour tests that must not depend on the shipped data."""

from __future__ import annotations

import pytest

from gazetteer.model import Place
from gazetteer.store import Gazetteer

_P = Place


def _places() -> list[Place]:
    return [
        _P("qamishli", "القامشلي", "Qamishli", "city", 37.05215, 41.23142, "hasakah",
           ("Qamişlo", "Kamishli", "Al-Qamishli"), 184231, source="GeoNames 173377"),
        _P("hasakah", "الحسكة", "al-Hasakah", "city", 36.50237, 40.74772, "hasakah",
           ("Hasakah",), 188160, source="GeoNames 173811"),
        _P("gov_hasakah", "محافظة الحسكة", "Al-Hasakah Governorate", "governorate", 36.5, 40.9,
           "hasakah", source="test"),
        _P("gov_quneitra", "محافظة القنيطرة", "Quneitra Governorate", "governorate", 33.1, 35.8,
           "quneitra", source="test"),
        _P("qahtaniyah_hasakah", "القحطانية", "al-Qahtaniyah", "town", 37.029, 41.54596,
           "hasakah", ("Tirbespî", "Qahtaniyah"), 16946, source="GeoNames 165757"),
        _P("qahtaniyah_quneitra", "القحطانية", "al-Qahtaniyah", "village", 33.10988, 35.83822,
           "quneitra", ("Qahtaniyah",), source="GeoNames 173387"),
        _P("khan_arnabah", "خان أرنبة", "Khan Arnabah", "town", 33.17, 35.88, "quneitra",
           source="test"),
        _P("qamishli_airport", "مطار القامشلي", "Qamishli airport", "airport", 37.0206, 41.1914,
           "hasakah", parent="qamishli", source="test"),
        _P("rif_qamishli", "ريف القامشلي", "Qamishli countryside", "region", 37.05215, 41.23142,
           "hasakah", parent="qamishli", source="test"),
        _P("ne_syria", "شمال شرق سوريا", "north-east Syria", "region", 36.5, 40.5, "",
           ("شمال شرقي سوريا",), source="test"),
        _P("damascus", "دمشق", "Damascus", "capital", 33.5102, 36.2913, "damascus", source="test"),
        _P("istanbul", "إسطنبول", "Istanbul", "city", 41.0, 28.97, "", ("اسطنبول",),
           in_area=False, source="test"),
        _P("ukraine", "أوكرانيا", "Ukraine", "country", 49.0, 32.0, "", in_area=False,
           source="test"),
        _P("raqqa", "الرقة", "Raqqa", "city", 35.95, 39.01, "raqqa", source="test"),
        _P("tartus", "طرطوس", "Tartus", "city", 34.889, 35.886, "tartus", source="test"),
        _P("tartab", "الفوج 154", "Regiment 154 (Tartab)", "base", 37.01124, 41.23269, "hasakah",
           ("فوج طرطب", "طرطب"), parent="qamishli", source="test"),
        _P("syria", "سوريا", "Syria", "country", 35.0, 38.0, "", ("سورية",), source="test"),
    ]


@pytest.fixture(scope="session")
def small_gazetteer() -> Gazetteer:
    return Gazetteer(_places())
