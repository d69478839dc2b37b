"""One force holding a rival's men where the two are not at war: a detention (an
obstruction), not an arrest (:mod:`geo.extract.detentions`).

The sentences are written for these tests in the style of Arabic news.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from geo.app.symbols import INCIDENT_STYLES
from geo.extract.detentions import detention_type
from geo.model import INCIDENT_TYPES
from tests.geo.extract.helpers import run

ROOT = Path(__file__).resolve().parents[3]


def _family(kind: str) -> str:
    spec = importlib.util.spec_from_file_location("eval_news", ROOT / "bench" / "eval_news.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("eval_news", module)
    spec.loader.exec_module(module)
    return module.FAMILIES[kind]


def _kinds(gaz, body: str) -> list[str]:
    return [i.type for i in run(gaz, body).incidents]


@pytest.mark.parametrize(("body", "kind"), [
    # the SDF's police holding the regime's men at its checkpoint
    ("اعتقل حاجز لقوات الأسايش على الطريق الدولي قرب مدينة الحسكة، مساء أمس، 15 عنصراً من قوات"
     " النظام واقتادهم إلى مقر لها.", "detention"),
    # the regime holding the SDF's: the other way round
    ("وأفادت مصادر محلية أن قوات النظام احتجزت ثلاثة عناصر من الأسايش عند حاجز مطار القامشلي يوم"
     " أمس.", "detention"),
    # 'قامت ... باعتقال': the Asayish's act told with an auxiliary verb
    ("وقامت قوات الأسايش يوم الاثنين باعتقال عنصرين من قوات النظام في مدينة القامشلي.", "detention"),
    # the regular army, as Kurdish and opposition outlets name the regime's
    ("وقامت قوات الأسايش يوم الاثنين باعتقال عناصر من الجيش النظامي في مدينة القامشلي.", "detention"),
    # suspects of ISIS: a security operation, whoever holds them
    ("اعتقلت قوات الأسايش يوم أمس خمسة عناصر من تنظيم داعش في حي غويران بمدينة الحسكة.", "arrest"),
    # young men taken for conscription: civilians, not a rival force
    ("اعتقلت قوات الأسايش عشرات الشبان في مدينة القامشلي يوم أمس لسوقهم إلى التجنيد الإجباري.",
     "arrest"),
    # Turkey and the SDF are at war: its men taken are not a standoff's move
    ("اعتقلت القوات التركية يوم أمس ثلاثة عناصر من قوات سوريا الديمقراطية قرب مدينة رأس العين.",
     "arrest"),
])
def test_a_rival_forces_men_held_without_a_fight_are_a_detention_other_arrests_stay(gaz, body, kind):
    kinds = _kinds(gaz, body)
    other = {"detention": "arrest", "arrest": "detention"}[kind]
    assert kind in kinds and other not in kinds, kinds


def test_a_detention_in_a_fight_is_part_of_the_fight(gaz):
    body = ("اندلعت اشتباكات بين قوات الأسايش وقوات النظام في مدينة القامشلي يوم أمس، اعتقلت خلالها"
            " الأسايش عشرة عناصر من قوات النظام.")
    assert "detention" not in _kinds(gaz, body)


def test_the_rule_reads_the_sides_of_the_roles():
    assert detention_type("arrest", ["Asayish"], ["Syrian regime forces"], "") == "detention"
    assert detention_type("arrest", ["Regime-linked militias"], ["SDF"], "") == "detention"
    assert detention_type("arrest", ["SDF"], ["ISIS"], "") == "arrest"
    assert detention_type("arrest", ["SDF", "Syrian regime forces"], ["SDF"], "") == "arrest"
    assert detention_type("arrest", ["Asayish"], [], "") == "arrest"
    assert detention_type("raid", ["Asayish"], ["Syrian regime forces"], "") == "raid"
    assert detention_type("arrest", ["Asayish"], ["Syrian regime forces"], "بعد اشتباكات") == "arrest"


def test_a_detention_has_its_acled_code_its_style_and_the_obstruction_family():
    assert INCIDENT_TYPES["detention"] == ("Strategic developments", "Arrests")
    assert INCIDENT_STYLES["detention"][0] == "Rival force's men detained"
    assert _family("detention") == "obstruction"


def test_an_arrest_listed_again_at_the_detentions_place_is_that_detention(gaz):
    """'... ليتبعه اعتقال موالين آخرين في القامشلي': the listing names again the place of the
    detention told before; no second arrest is made there."""
    body = ("قامت قوات الأسايش يوم الاثنين باعتقال عنصرين من قوات النظام في مدينة القامشلي."
            " وكانت مصادر قد تحدثت عن اعتقال عضو في لجنة المصالحة من منزله في مدينة الحسكة قبل"
            " أربعة أيام، ليتبعه اعتقال موالين آخرين في القامشلي.")
    placed = [(i.type, i.place.id) for i in run(gaz, body).incidents if i.place is not None]
    assert ("detention", "qamishli") in placed and ("arrest", "hasakah") in placed
    assert ("arrest", "qamishli") not in placed, placed
