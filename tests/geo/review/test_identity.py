"""Stable identities: the same article text read by the same rules gives the same
incident ids on every run, whatever else is in the corpus."""

from __future__ import annotations

from pathlib import Path

from tests.geo.review.conftest import article_level_ids, run

#: Articles about other events and places (and one that reports a seed's event again).
UNRELATED = {
    "900_raqqa_drone.txt": (
        "قصفت طائرة مسيرة تركية يوم الثلاثاء 14 حزيران 2022 موقعا لقوات سوريا الديمقراطية "
        "في ريف الرقة الشمالي، ما أدى إلى مقتل عنصرين.\n\nوقال مصدر محلي إن القصف استهدف "
        "نقطة عسكرية قرب بلدة عين عيسى.\n"),
    "901_deir_protest.txt": (
        "خرج العشرات من أهالي بلدة الشحيل بريف دير الزور الشرقي يوم الجمعة 3 حزيران 2022 "
        "في مظاهرة للمطالبة بتحسين الخدمات.\n"),
    "902_qamishli_patrol.txt": (
        "سيرت القوات الروسية يوم الخميس 6 تشرين الأول 2022 دورية عسكرية في ريف القامشلي "
        "الشرقي، واعترضتها دورية أمريكية قرب بلدة القحطانية.\n"),
}


def test_the_same_corpus_gives_the_same_ids_on_every_run(corpus: Path) -> None:
    first = run(corpus, use_cache=False)
    second = run(corpus, use_cache=False)
    assert article_level_ids(first) == article_level_ids(second)
    assert [i.id for i in first.incidents] == [i.id for i in second.incidents]


def test_adding_unrelated_articles_leaves_the_seeds_ids_unchanged(corpus: Path) -> None:
    before = article_level_ids(run(corpus, use_cache=False))
    for name, text in UNRELATED.items():
        (corpus / name).write_text(text, encoding="utf-8")
    after = article_level_ids(run(corpus, use_cache=False))
    assert set(after) == set(before) | {Path(n).stem for n in UNRELATED}
    assert {aid: after[aid] for aid in before} == before
    assert any(after[Path(n).stem] for n in UNRELATED)  # the new ones do yield incidents


def test_the_cache_gives_the_same_ids_as_extraction(corpus: Path) -> None:
    cold = article_level_ids(run(corpus))
    warm = run(corpus)
    assert warm.cache_hits and article_level_ids(warm) == cold
