"""geo.extract.casualties: killed and injured stated in a sentence.

The unit cases are written for these tests (not copied from the seeds) and vary
the wording: verb tenses, verbal nouns, clitics, outlets' phrasing.
"""

from __future__ import annotations

import pytest

from tests.geo.extract.helpers import one

# --- casualties --------------------------------------------------------------------------


@pytest.mark.parametrize(("body", "killed", "injured"), [
    ("قصفت طائرات تركية قرية قرب عامودا، ما أسفر عن مقتل 3 مدنيين وإصابة خمسة آخرين.", 3, 5),
    ("قتل شخص خلال مداهمة في بلدة الشحيل.", 1, None),
    ("أسفر هجوم صاروخي على حقل العمر عن إصابة أربعة جنود أمريكيين.", None, 4),
    ("قتل ثلاثة جنود أتراك وأصيب اثنان آخران بهجوم صاروخي قرب منبج.", 3, 2),
    ("هاجمت خلايا داعش حاجزاً في بلدة الشحيل، ما أدى لمقتل عنصرين.", 2, None),
    ("نحو 20 قتيلا وعشرات الجرحى بقصف النظام على ريف إدلب.", 20, None),
    ("وأضاف أن القيادي قتل خلال مداهمة في ذيبان وأصيب أحد مرافقيه.", 1, 1),
    ("أودت الغارة الجوية التي استهدفت سيارة قرب القامشلي بحياة قيادي.", 1, None),
    ("قصفت مسيّرة تركية موقعاً قرب عامودا دون وقوع إصابات.", None, None),
    ("وبحسب البيان لم يقتل أو يصب أي مدني خلال مداهمة في ذيبان.", None, None),
])
def test_casualties(gaz, body, killed, injured):
    inc = one(gaz, body)
    assert (inc.fatalities, inc.injuries) == (killed, injured)


def test_vague_numbers_are_noted_not_counted(gaz):
    inc = one(gaz, "عشرات الجرحى بقصف مدفعي على ريف عين عيسى.")
    assert inc.injuries is None and any("no number" in n for n in inc.notes)
