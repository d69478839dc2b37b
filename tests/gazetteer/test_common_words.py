"""The bundled gazetteer: place names that are also common words are found only with a
qualifier ('قرية الخريطة'), never as the word ('خريطة السيطرة', 'برتبة رقيب')."""

from __future__ import annotations

import pytest

from gazetteer import load_gazetteer
from gazetteer.resolver import resolve_text


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize("text", [
    "ولم تسفر الاشتباكات عن تغيرات في خريطة السيطرة.",       # map
    "قتل عنصر برتبة رقيب في قوات النظام.",                    # sergeant
    "وأكد الحفاظ على الوضع القائم بين الطرفين.",               # the status quo
    "وقال القائم بأعمال السفارة إن الوضع هادئ.",               # chargé d'affaires
    "وانتقلت الأزمة إلى القارة الأوروبية.",                    # continent
    "وصلت التعزيزات إلى جديد بقارة.",                          # 'ب' + continent
    "انفجر لغمان في قريتين شمالي البلدة.",                     # two villages
    "والقوى السياسية تبحث دوماً عن مدار لكي تستقر.",            # always
])
def test_a_common_word_is_no_place(gaz, text):
    assert resolve_text(text, gaz) == []


@pytest.mark.parametrize(("text", "place"), [
    ("قصفت مسيرة مواقع في قرية الخريطة بريف دير الزور.", "kharitah"),
    ("انفجر لغم في قرية رقيب قرب الميادين.", "ruqayb"),
    ("قصفت طائرات مواقع في مدينة القائم العراقية.", "al_qaim"),
    ("سيطر الجيش على بلدة قارة في القلمون.", "qarah_qalamoun"),
    ("سيطر التنظيم على مدينة القريتين بريف حمص.", "qaryatayn"),
    ("قصفت الطائرات مدينة دوما في الغوطة الشرقية.", "douma"),
])
def test_the_place_is_found_with_its_qualifier(gaz, text, place):
    assert place in [m.place.id for m in resolve_text(text, gaz) if m.place is not None]
