"""geo.extract.actors: canonical actors found in Arabic wording of many outlets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.extract.actors import ACTORS, ActorHit, find_actors, normalise_actor, side_of
from tests.geo.extract.helpers import run


def _actors(text: str) -> list[str]:
    return [h.actor for h in find_actors(text)]


@pytest.mark.parametrize(("text", "expected"), [
    # nationality adjectives after a unit noun, any gender / number / case, with clitics
    ("اعترضت دورية روسية رتلاً أمريكياً قرب تل تمر", ["Russian forces", "US forces"]),
    ("وصلت آليات عسكرية أميركية إلى المنطقة", ["US forces"]),
    ("شوهد جنوداً أميركيين وروس يتصافحون", ["US forces", "Russian forces"]),
    ("التقى الجيشان الأمريكي والروسي", ["US forces", "Russian forces"]),
    ("ونظراؤهم الأمريكيون وصلوا", ["US forces"]),
    ("للقوات الأمريكيّة في المنطقة", ["US forces"]),
    ("بين الروس والأمريكان", ["Russian forces", "US forces"]),
    ("قصفت طائرات مسيّرة تركيّة مواقع لقسد", ["Turkey", "SDF"]),
    ("وجنود أتراك", ["Turkey"]),
    ("اعترضت دورية روسية أخرى أميركية", ["Russian forces", "US forces"]),
    # sub-actors
    ("بواسطة الطائرات الحربيّة الروسيّة", ["Russian air force"]),
    ("سيّرت الشرطة العسكرية الروسية دورية", ["Russian military police"]),
    # named organisations
    ("قوات سوريا الديمقراطية", ["SDF"]),
    ("ميليشيا قسد", ["SDF"]),
    ("عناصر الأسايش", ["Asayish"]),
    ("قوى الأمن الداخلي في الحسكة", ["Asayish"]),
    ("قوات التحالف الدولي", ["International coalition"]),
    ("طيران التحالف", ["International coalition"]),
    ("القيادة المركزية الأميركية", ["US forces"]),
    ("أعلن البنتاغون", ["US forces"]),
    ("الجيش الوطني السوري", ["SNA"]),
    ("الفصائل الموالية لتركيا", ["SNA"]),
    ("الجيش السوري", ["Syrian regime forces"]),
    ("قوات الأسد", ["Syrian regime forces"]),
    ("عناصر من الجيش النظامي", ["Syrian regime forces"]),
    ("القوات النظامية السورية", ["Syrian regime forces"]),
    ("قوات الحكومة السورية", ["Syrian regime forces"]),
    ("ميليشيات مسلّحة تابعة للنظام", ["Regime-linked militias"]),
    ("ميليشيا الدفاع الوطني", ["Regime-linked militias"]),
    ('"الحرس الثوري" الإيراني', ["IRGC"]),
    ("الميليشيات الإيرانية", ["Iran-backed militias"]),
    ("عناصر مقرّبين من إيران", ["Iran-backed militias"]),
    ("مليشيات موالية لإيران", ["Iran-backed militias"]),
    ("تنظيم داعش", ["ISIS"]),
    ('تنظيم "الدولة"', ["ISIS"]),
    ("تنظيم الدولة الإسلامية", ["ISIS"]),
    ("خلايا التنظيم", ["ISIS"]),
    ("جيش مغاوير الثورة", ["Jaish al-Maghawir"]),
    ("“جيش المغاوير”", ["Jaish al-Maghawir"]),
    ("هيئة تحرير الشام", ["HTS"]),
    ("مسيرة إسرائيلية", ["Israel"]),
    ("مقتل 3 مدنيين", ["Civilians"]),
    ("أهالي القرية", ["Civilians"]),
])
def test_find_actors(text, expected):
    assert _actors(text) == expected


@pytest.mark.parametrize("text", [
    "وزارة الدفاع الوطني",  # a ministry, not the NDF militia
    "الدفاع المدني",  # civil defence
    "المجتمع المدني",
    "الحرب الروسيّة الأوكرانيّة",  # a war, not a force
    "النظام الدولي",
    "بحق السوريين",
    "الجيش السوري الحر",  # not regime forces
])
def test_not_actors(text):
    assert _actors(text) == []


@pytest.mark.parametrize(("text", "actor"), [
    ("واشنطن", "US forces"), ("الولايات المتحدة", "US forces"), ("موسكو", "Russian forces"),
    ("روسيا", "Russian forces"), ("أنقرة", "Turkey"), ("نظام الأسد", "Syrian regime forces"),
])
def test_states_named_by_capital_are_metonyms(text, actor):
    hit = find_actors(f"قالت {text} إن")[0]
    assert hit.actor == actor and hit.metonym


def test_spans_index_the_original_text_without_clitics():
    text = "وقالت مصادر إنّ والقوّاتَ الأمريكيّة انسحبت"
    (hit,) = find_actors(text)
    assert text[hit.start:hit.end] == hit.text == "القوّاتَ الأمريكيّة"
    assert isinstance(hit, ActorHit) and hit.unit == "ground"


def test_non_breaking_space_inside_a_name():
    assert _actors("عناصر مقربين\xa0من إيران") == ["Iran-backed militias"]


def test_longest_name_wins_over_its_parts():
    # 'قوات سوريا الديمقراطية' also contains 'قوات سوريا' (regime, by the adjective)
    assert _actors("هاجمت قوات سوريا الديمقراطية") == ["SDF"]


@pytest.mark.parametrize(("text", "expected"), [
    ("والقوات الأميركية", "US forces"),
    ("قوات سوريا الديمقراطية", "SDF"),
    ("Daesh", "ISIS"), ("YPG", "SDF"), ("coalition", "International coalition"),
    ("SDF", "SDF"), ("us forces", "US forces"),
    ("طقس مشمس", None), ("", None),
    ("اجتماع طويل في القامشلي حضره ممثلو قسد", None),  # the name is only a small part
])
def test_normalise_actor(text, expected):
    assert normalise_actor(text) == expected


def test_registry_is_consistent():
    for name, info in ACTORS.items():
        assert info.name == name and info.side
        if info.parent:
            assert info.parent in ACTORS and side_of(name) == side_of(info.parent)
    assert side_of("International coalition") == side_of("US forces") == "us"
    assert side_of("nobody") == ""


@pytest.mark.parametrize("bad", [None, 3, b"bytes"])
def test_type_errors(bad):
    with pytest.raises(TypeError, match="must be str"):
        find_actors(bad)
    with pytest.raises(TypeError, match="must be str"):
        normalise_actor(bad)


def test_tribal_forces_are_an_actor_but_their_notables_are_not(gaz):
    from tests.geo.extract.helpers import one, run

    inc = one(gaz, "اندلعت اشتباكات بين قسد وأبناء العشائر العربية في بلدة الشحيل.")
    assert "Arab tribal forces" in inc.actors
    body = "وقالت مصادر إن وجهاء العشائر اعتقلوا مع عناصر من قسد في مدينة الحسكة."
    assert all("Arab tribal forces" not in i.actors for i in run(gaz, body).incidents)


def test_the_bare_organisation_is_isis_named_again(gaz):
    body = "وسيطر التنظيم مساء أمس على مواقع هامة في محيط مطار دير الزور العسكري."
    [inc] = run(gaz, body).incidents
    assert inc.type == "capture" and "ISIS" in inc.actors
    kurdish = "وقال مسؤول في التنظيم الكردي إن الاجتماع عقد في القامشلي اليوم."
    assert all("ISIS" not in i.actors for i in run(gaz, kurdish).incidents)


def _raw_hits_first_written(s: str) -> list:
    """:func:`geo.extract.actors._raw_hits` as first written: every pattern asked in turn."""
    from geo.extract import actors as a

    starts = [m.start() for m in a._WORD_RE.finditer(s)]
    positions = a._needle_positions(s)
    raws = []
    for prio, pat in enumerate(a._PATTERNS):
        if not any(needle in positions for needle in pat.needles):
            continue
        for j in a._starts_near(starts, positions, pat.needles, a._WORDS_BEFORE):
            m = pat.regex.match(s, starts[j])
            if m is not None:
                raws.append(a._Raw(m.start("core"), m.end("core"), pat.actor, prio, pat.metonym))
    for j in a._starts_near(starts, positions, a._NATION_NEEDLES, 0):
        raws += a._phrase_ending_at(s, starts, j, len(a._PATTERNS))
    return raws


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["قوات", "سوريا", "الديمقراطيه", "قسد", "دوريه", "روسيه", "رتلا",
                                 "امريكيا", "الروس", "والامريكان", "تنظيم", "الدوله", "واشنطن",
                                 "الجيش", "التركي", "الحرس", "الثوري", "عسكري", "في", "،", ".",
                                 "\n", "طائرات", "الحربيه", "الروسيه", "للقوات", "الامريكيه"]),
                max_size=25).map(" ".join))
def test_raw_hits_as_first_written(text: str) -> None:
    """Asking only the patterns whose needles the text holds finds every hit asking each did."""
    from geo.extract.actors import _raw_hits

    assert _raw_hits(text) == _raw_hits_first_written(text)
