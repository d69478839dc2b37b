"""The five seeds read end to end: titles, furniture gone, content kept, CSV metadata, dates."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest

from geo.read import Article, read_article, read_corpus
from tests.geo.read.samples import PLUS3, SEEDS

TITLES = {
    "000": "إلتقاء الجيش الروسي والأمريكي في سوريا مع تصاعد التوترات الأوكرانية",
    "001": "وكالة فرنسيّة تنشر صوراً “غير عاديّة” للجيشين الأمريكي والروسي في مناطق شرقي "
           "سوريا (صور)",
    "002": "جنود أميركيون وروس يلتقطون صوراً تذكارية شرقي سوريا.. وتعليقات رافضة وساخرة |صور",
    "003": "وكالة: أمريكا تجاهلت روسيا خلال تنفيذ عملية أمنية في القامشلي",
    "004": "روسيا تطالب أميركا بعدم استخدام القوة ضد مواقع نظام الأسد",
}
FURNITURE = [
    "اقرأ أيضاً", "مقالات ذات صلة", "السويداء تعلن", "ريف إدلب", "ردع العدوان", "حجم الخط",
    "التغطية الحية", "Post a Comment", "أحدث أقدم", "تخطى إلى المحتوى", "al-kamshlw.jpg",
    "إسطنبول - متابعات", "إسطنبول ـ وكالات", "17:41", "15:35", "ئءؤر", "It's Over 9000",
    "+A", "icon", "بعرقلة دورية لجنودها", "تستهدف شخصيّات هامة",
]
CONTENT = [
    ("002", "ملوك سراي"), ("000", "القحطانية"), ("001", "القحطانيّة"), ("002", "جسر الرقم"),
    ("004", "في شباط الفائت"), ("001", "روسيا تستهدف قاعدة أمريكيّة في سوريا"),
    ("004", "قوات أميركية تعترض دورية روسية في سوريا - (إنترنت)"), ("003", "قبل يومين"),
    ("002", "الفوج 154"), ("003", "كما تنتشر قوات روسية"), ("000", "جندي يأخذ صورة جماعية"),
]


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    result = read_corpus(SEEDS)
    return {a.id[:3]: a for a in result.articles}


# --- the seeds -------------------------------------------------------------------------


def test_every_seed_is_read(seeds: dict[str, Article]) -> None:
    result = read_corpus(SEEDS)
    assert [r.status for r in result.reports] == ["read"] * 5
    assert result.warnings == []
    assert sorted(seeds) == ["000", "001", "002", "003", "004"]
    for article in seeds.values():
        assert article.encoding == "utf-8"
        raw = Path(article.path).read_bytes()
        assert article.sha256 == hashlib.sha256(raw).hexdigest()
        assert article.id == Path(article.path).stem


@pytest.mark.parametrize("furniture", FURNITURE)
def test_furniture_absent_from_seed_bodies(seeds: dict[str, Article], furniture: str) -> None:
    for key, article in seeds.items():
        assert furniture not in article.body, key


@pytest.mark.parametrize(("key", "snippet"), CONTENT)
def test_content_kept(seeds: dict[str, Article], key: str, snippet: str) -> None:
    assert snippet in seeds[key].body


@pytest.mark.parametrize("key", sorted(TITLES))
def test_every_real_sentence_kept(seeds: dict[str, Article], key: str) -> None:
    lines = Path(seeds[key].path).read_text(encoding="utf-8").split("\n")
    sentences = [ln.strip() for ln in lines if ln.strip().endswith(".") and len(ln.split()) > 5]
    paragraphs = seeds[key].body.split("\n\n")
    assert sentences
    assert all(s in paragraphs for s in sentences)


@pytest.mark.parametrize("key", sorted(TITLES))
def test_seed_titles_with_and_without_csv(tmp_path: Path, seeds: dict[str, Article],
                                          key: str) -> None:
    assert seeds[key].title == TITLES[key]
    [path] = SEEDS.glob(f"{key}_*.txt")
    alone = read_article(shutil.copy(path, tmp_path))
    assert alone.title == TITLES[key]
    for article in (seeds[key], alone):
        assert not article.body.startswith(TITLES[key])
        assert TITLES[key] not in article.body.split("\n\n")


def test_csv_metadata_of_the_seeds(seeds: dict[str, Article]) -> None:
    assert seeds["002"].outlet == seeds["004"].outlet == "تلفزيون سوريا"
    assert seeds["003"].outlet == "بلدي نيوز"
    assert seeds["000"].outlet == seeds["001"].outlet == ""
    assert all(a.url == "" for a in seeds.values())
    assert "بلدي نيوز" not in seeds["003"].body


def test_published_from_csv(seeds: dict[str, Article]) -> None:
    a = seeds["002"]
    assert a.published == dt.date(2022, 10, 8)
    assert a.published_at == dt.datetime(2022, 10, 8, 17, 41, tzinfo=PLUS3)
    assert a.published_at.utcoffset() == dt.timedelta(hours=3)
    assert (a.published_precision, a.published_inferred) == ("day", False)
    assert a.published_reason == "articles.csv"
    assert seeds["004"].published_at == dt.datetime(2021, 1, 18, 15, 35, tzinfo=PLUS3)


def test_published_from_stamp_without_csv(tmp_path: Path) -> None:
    [path] = SEEDS.glob("002_*.txt")
    shutil.copy(path, tmp_path)
    [a] = read_corpus(tmp_path).articles
    assert a.published == dt.date(2022, 10, 8)
    assert a.published_at is not None
    assert (a.published_at.hour, a.published_at.minute) == (17, 41)
    assert a.published_at.utcoffset() == dt.timedelta(hours=3)
    assert (a.published_precision, a.published_inferred) == ("day", False)
    assert a.published_reason.startswith('stamp "2022.10.08 | 17:41')
    assert "17:41" not in a.body


def test_dateline_recorded_and_removed(seeds: dict[str, Article]) -> None:
    assert seeds["002"].dateline == seeds["004"].dateline == "إسطنبول"
    assert seeds["000"].dateline == ""
    assert not seeds["002"].body.startswith("إسطنبول")


def test_seeds_without_printed_date_are_not_given_one_silently(tmp_path: Path) -> None:
    for key in ("000", "001", "003"):
        [path] = SEEDS.glob(f"{key}_*.txt")
        a = read_article(shutil.copy(path, tmp_path))
        assert a.published_reason
        assert a.published is None or a.published_inferred
