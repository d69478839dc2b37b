"""Tests of geo.corpus: real files in tmp_path, the five seeds, and property tests."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geo.corpus import (
    Article,
    ArticleReadError,
    CorpusError,
    FileReport,
    UndecodableError,
    decode_bytes,
    iter_corpus,
    read_article,
    read_corpus,
    read_metadata,
    strip_furniture,
)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
PLUS3 = dt.timezone(dt.timedelta(hours=3))

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
# Arabic with diacritics, tatweel, Arabic comma and digits: all of it encodable in cp1256.
SAMPLE = ("قصف مدفعي على ريف القامشلي\n\n"
          "قالت مصادر محلية إنّ قصفاً مدفعياً استهدف قرية «ملوك سراي» جنوبي القامشلي، "
          "يوم الخميس 6 تشرين الأول 2022.\n\n"
          "وأضافت المصادر أن القصف أسفر عن إصابة 3 مدنيين بجروح متفاوتة")


@pytest.fixture(scope="module")
def seeds() -> dict[str, Article]:
    result = read_corpus(SEEDS)
    return {a.id[:3]: a for a in result.articles}


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _article_text(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


HEADLINE = "طائرة مسيرة تستهدف سيارة قرب القامشلي"
PARA = "استهدفت طائرة مسيرة سيارة عسكرية على الطريق الواصل بين القامشلي والحسكة صباح اليوم."
PARA2 = "ولم تعلن أي جهة مسؤوليتها عن الاستهداف حتى ساعة إعداد هذا الخبر في المنطقة."


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


# --- publication date inference (through geo.dates) ----------------------------------


def _infer(tmp_path: Path, *paragraphs: str) -> Article:
    return read_article(_write(tmp_path, "a.txt", _article_text(HEADLINE, *paragraphs)))


def test_inferred_from_latest_day(tmp_path: Path) -> None:
    a = _infer(tmp_path, "وقع الاشتباك الأول في 3 آذار 2020 قرب تل تمر.",
               "وتجدد القصف في 8 تشرين الأول 2022 على أطراف المدينة.")
    assert a.published == dt.date(2022, 10, 8)
    assert (a.published_precision, a.published_inferred) == ("day", True)
    assert "8 تشرين الأول" in a.published_reason


def test_inferred_with_last_week_cue(tmp_path: Path) -> None:
    a = _infer(tmp_path, "التقى الجيشان في الأسبوع الماضي قرب القحطانية.",
               "وكانت آخر مواجهة في 8 تشرين الأول 2022 بالقرب من البلدة.")
    assert a.published_inferred
    assert dt.date(2022, 10, 8) < a.published <= dt.date(2022, 10, 16)
    assert "الأسبوع الماضي" in a.published_reason


def test_year_only_is_a_last_resort(tmp_path: Path) -> None:
    a = _infer(tmp_path, "في عام 2020 شهدت المنطقة مواجهة مماثلة بين الدوريات.")
    assert (a.published_precision, a.published_inferred) == ("year", True)
    assert a.published is not None and a.published.year == 2020
    assert "2020" in a.published_reason


def test_month_beats_year(tmp_path: Path) -> None:
    a = _infer(tmp_path, "في عام 2019 انتشرت القوات الروسية في المنطقة.",
               "وفي كانون الثاني 2020 اعترضت دورية أميركية رتلاً روسياً.")
    assert (a.published_precision, a.published_inferred) == ("month", True)
    assert (a.published.year, a.published.month) == (2020, 1)


def test_no_date_at_all(tmp_path: Path) -> None:
    a = _infer(tmp_path, PARA.replace(" صباح اليوم", ""))
    assert a.published is None and a.published_at is None
    assert a.published_precision is None and not a.published_inferred
    assert a.published_reason.startswith("no date found")


def test_labelled_stamp_read_and_removed(tmp_path: Path) -> None:
    stamp = "بتاريخ 8 تشرين الأول 2022 - صحيفة الشرق"
    a = read_article(_write(tmp_path, "a.txt", _article_text(HEADLINE, stamp, PARA)))
    assert (a.published, a.published_inferred) == (dt.date(2022, 10, 8), False)
    assert a.published_reason == f'stamp "{stamp}"'
    assert a.body == PARA


def test_stamp_beats_text_dates(tmp_path: Path) -> None:
    text = _article_text(HEADLINE, "2022.10.08 | 17:41 دمشق",
                         "وقع القصف في 3 آذار 2021 قرب تل تمر وفق ما قالت المصادر.")
    a = read_article(_write(tmp_path, "a.txt", text))
    assert a.published == dt.date(2022, 10, 8) and not a.published_inferred


# --- encodings -------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be",
                                      "utf-32", "cp1256"])
def test_encodings_give_identical_text(tmp_path: Path, encoding: str) -> None:
    reference = read_article(_write(tmp_path, "ref.txt", SAMPLE))
    path = _write(tmp_path, f"{encoding}.txt", SAMPLE.encode(encoding))
    article = read_article(path)
    assert (article.title, article.body) == (reference.title, reference.body)
    text, _ = decode_bytes(path.read_bytes())
    assert text.lstrip("\ufeff") == SAMPLE


@pytest.mark.parametrize(("encoding", "expected"), [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8"), ("utf-16", "utf-16-le"),
    ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"), ("cp1256", "cp1256"),
])
def test_encoding_names(encoding: str, expected: str) -> None:
    assert decode_bytes(SAMPLE.encode(encoding)) == (SAMPLE, expected)


def test_utf16_without_bom_and_without_spaces() -> None:
    text = "القامشلي" * 20  # no NUL byte at all: recognised by the 0x06 high bytes
    assert decode_bytes(text.encode("utf-16-le")) == (text, "utf-16-le")
    assert decode_bytes(text.encode("utf-16-be")) == (text, "utf-16-be")


def test_cp1256_needs_arabic() -> None:
    latin = "Crème brûlée à la française, déjà vu".encode("cp1252")
    text, encoding = decode_bytes(latin)  # a European code page, whichever charset-normalizer picks
    assert encoding != "cp1256"
    assert text.startswith("Cr") and "fran" in text


def test_truncated_utf8_is_read_with_a_warning(tmp_path: Path) -> None:
    raw = SAMPLE.encode("utf-8")[:-1]  # cut inside the last (two-byte) letter
    article = read_article(_write(tmp_path, "cut.txt", raw))
    assert article.encoding == "utf-8"
    assert article.body.endswith("\ufffd")
    assert any("truncated" in w for w in article.warnings)


def test_text_is_normalised_but_arabic_kept(tmp_path: Path) -> None:
    raw = "عنوان الخبر\r\n\r\nقرية القحطانيّة\x00 قرب ا\u0653لقامشلي\x07.\r" + PARA * 10
    article = read_article(_write(tmp_path, "n.txt", raw))  # one NUL in 1.5 kB: a stray
    assert any("NUL" in w for w in article.warnings)
    assert "\r" not in article.body and "\x00" not in article.body and "\x07" not in article.body
    assert "القحطانيّة" in article.body  # shadda kept: spans must match what the user sees
    assert "آلقامشلي" in article.body  # NFC composed alef + madda


@pytest.mark.parametrize(("data", "reason"), [
    (bytes(range(256)) * 4, "binary"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "PNG"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"abc\x00\x01\x02\x03def\x00" * 10, "binary"),
    (b"", "empty"),
    (b"   \n\n\t \n", "empty"),
])
def test_bad_files_raise_naming_the_file(tmp_path: Path, data: bytes, reason: str) -> None:
    path = _write(tmp_path, "bad.txt", data)
    with pytest.raises(ArticleReadError, match=r"bad\.txt") as info:
        read_article(path)
    assert reason in info.value.reason
    assert isinstance(info.value, ValueError)


def test_decode_bytes_raises_undecodable() -> None:
    with pytest.raises(UndecodableError, match="binary"):
        decode_bytes(b"\x00\x01\x02\x03" * 50)
    assert issubclass(UndecodableError, ValueError)


def test_missing_and_too_large(tmp_path: Path) -> None:
    with pytest.raises(ArticleReadError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    path = _write(tmp_path, "big.txt", _article_text(HEADLINE, PARA * 50))
    with pytest.raises(ArticleReadError, match="too large"):
        read_article(path, max_bytes=1000)


# --- odd shapes ------------------------------------------------------------------------


def test_one_line_headline(tmp_path: Path) -> None:
    article = read_article(_write(tmp_path, "one.txt", HEADLINE))
    assert article.title == HEADLINE and article.body == ""
    assert any("body is empty" in w for w in article.warnings)


def test_one_line_sentence(tmp_path: Path) -> None:
    article = read_article(_write(tmp_path, "one.txt", PARA))
    assert article.body == PARA  # a sentence is content, never swallowed as the title
    assert article.title and PARA.startswith(article.title.rstrip("…"))


def test_html_article(tmp_path: Path) -> None:
    html = f"""<!doctype html><html><head><meta charset="utf-8">
    <title>{HEADLINE} - موقع الخبر</title>
    <meta property="article:published_time" content="2022-10-08T17:41:00+03:00">
    <meta property="og:site_name" content="موقع الخبر">
    <link rel="canonical" href="https://example.org/news/1">
    <style>p {{ color: red }}</style><script>alert("hi")</script></head>
    <body><nav><a href="/">الرئيسية</a> قائمة الأقسام</nav>
    <header><h1>{HEADLINE}</h1><span>شارك</span></header>
    <article><p>{PARA}</p><p>اقرأ أيضاً: <a href="/2">خبر آخر عن إدلب</a></p>
    <p>{PARA2.replace("الخبر", "&quot;الخبر&quot;")}</p>
    <figure><img src="x.jpg"><figcaption>صورة من القامشلي</figcaption></figure></article>
    <aside>الأكثر قراءة</aside><footer>© 2022 جميع الحقوق محفوظة</footer></body></html>"""
    article = read_article(_write(tmp_path, "page.html", html))
    assert article.title == HEADLINE
    assert article.body.split("\n\n") == [PARA, PARA2.replace("الخبر", '"الخبر"'),
                                          "صورة من القامشلي"]
    assert article.outlet == "موقع الخبر"
    assert article.url == "https://example.org/news/1"
    assert article.published_at == dt.datetime(2022, 10, 8, 17, 41, tzinfo=PLUS3)
    assert not article.published_inferred


def test_html_unsafe_link_dropped(tmp_path: Path) -> None:
    html = (f'<html><head><link rel="canonical" href="javascript:alert(1)"></head>'
            f"<body><h1>{HEADLINE}</h1><p>{PARA}</p></body></html>")
    article = read_article(_write(tmp_path, "p.htm", html))
    assert article.url == ""
    assert any("http(s)" in w for w in article.warnings)


def test_markdown_article(tmp_path: Path) -> None:
    md = (f"---\ntitle: {HEADLINE}\ndate: 2022-10-08\n---\n\n"
          f"![صورة](al-kamshlw.jpg)\n\n## {PARA2}\n\nقال [المصدر](https://x.org) إن القصف توقف.")
    article = read_article(_write(tmp_path, "a.md", md))
    assert article.title == HEADLINE
    assert article.body == f"{PARA2}\n\nقال المصدر إن القصف توقف."
    assert article.published == dt.date(2022, 10, 8)


# --- furniture, generalised ------------------------------------------------------------


@pytest.mark.parametrize("furniture", [
    "اقرأ ايضاً: روسيا تتهم القوات الأميركية", "إقرأ أيضا - قصف على إدلب", "اقرأ أيضًا",
    "Read also: another story", "شارك", "شارك المقال", "Share", "share | tweet | whatsapp",
    "تابعونا على تلغرام", "تعليقات", "3 تعليقات", "© 2024 موقع الخبر", "جميع الحقوق محفوظة",
    "A+", "A-", "تصغير الخط", "Skip to content", "البث المباشر", "عاجل", "photo_2022-10-08.JPEG",
    "08/10/2022 - 17:41", "نشر في 8 تشرين الأول 2022", "السبت 8 أكتوبر 2022 | 10:15 ص",
    "آخر تحديث: 2022-10-08 17:41", "منذ 3 ساعات", "|", "•••", "المقال السابق",
])
def test_furniture_line_removed(furniture: str) -> None:
    text = _article_text(HEADLINE, PARA, furniture, PARA2)
    title, body, removed = strip_furniture(text)
    assert title == HEADLINE
    assert body == f"{PARA}\n\n{PARA2}"
    assert removed == [furniture]


@pytest.mark.parametrize("heading", ["مقالات ذات صلة", "مواضيع ذات صلة", "أخبار ذات صلة",
                                     "المزيد من الأخبار", "Related", "Related posts",
                                     "الأكثر قراءة", "قد يهمك أيضاً"])
def test_related_list_removed(heading: str) -> None:
    related = ["السويداء تعلن التضامن مع العملية", "قتلى وجرحى بقصف على ريف إدلب"]
    _, body, removed = strip_furniture(_article_text(HEADLINE, PARA, heading, *related))
    assert body == PARA
    assert removed == [heading, *related]


def test_related_list_mid_page_stops_at_prose() -> None:
    text = _article_text(HEADLINE, PARA, "مقالات ذات صلة", "قصف على إدلب", PARA2)
    _, body, _ = strip_furniture(text)
    assert body == f"{PARA}\n\n{PARA2}"


def test_bare_read_also_takes_the_next_headline() -> None:
    text = _article_text(HEADLINE, PARA, "اقرأ أيضاً:", "قصف على ريف إدلب", PARA2)
    _, body, removed = strip_furniture(text)
    assert body == f"{PARA}\n\n{PARA2}"
    assert removed == ["اقرأ أيضاً:", "قصف على ريف إدلب"]


def test_section_headings_are_content() -> None:
    heading = "روسيا تستهدف قاعدة أمريكيّة في سوريا"
    _, body, _ = strip_furniture(_article_text(HEADLINE, PARA, heading, PARA2))
    assert body.split("\n\n") == [PARA, heading, PARA2]


@pytest.mark.parametrize(("line", "city"), [
    ("دمشق - خاص", "دمشق"), ("إسطنبول ـ وكالات", "إسطنبول"), ("القامشلي – متابعات", "القامشلي"),
    ("دير الزور - خاص", "دير الزور"),
])
def test_dateline_line(tmp_path: Path, line: str, city: str) -> None:
    article = read_article(_write(tmp_path, "d.txt", _article_text(HEADLINE, line, PARA)))
    assert (article.dateline, article.body) == (city, PARA)


def test_dateline_prefix_of_first_paragraph(tmp_path: Path) -> None:
    text = _article_text(HEADLINE, f"دمشق - خاص: {PARA}", PARA2)
    article = read_article(_write(tmp_path, "d.txt", text))
    assert article.dateline == "دمشق"
    assert article.body == f"{PARA}\n\n{PARA2}"


def test_site_suffix_only_when_evident() -> None:
    assert strip_furniture(f"{HEADLINE} - Enab Baladi\n\n{PARA}")[0] == HEADLINE
    assert strip_furniture(f"{HEADLINE} | عنب بلدي نيوز\n\n{PARA}")[0] == HEADLINE
    own = "روسيا - أمريكا: مواجهة جديدة في الحسكة"
    assert strip_furniture(f"{own}\n\n{PARA}")[0] == own


def _wrap(text: str, width: int = 50) -> str:
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return "\n".join([*lines, line])


def test_hard_wrapped_lines_rejoined() -> None:
    _, body, _ = strip_furniture(f"{HEADLINE}\n\n{_wrap(PARA)}\n\n{_wrap(PARA2)}")
    assert body == f"{PARA}\n\n{PARA2}"


def test_unwrapped_lines_stay_paragraphs() -> None:
    heading = "الروس والأمريكيون يتبادلون التهاني قرب حقل نفطي في ريف الحسكة"
    _, body, _ = strip_furniture(f"{HEADLINE}\n{PARA}\n{heading}\n{PARA2}")
    assert body.split("\n\n") == [PARA, heading, PARA2]


def test_first_substantial_line_is_the_title() -> None:
    title, body, _ = strip_furniture(f"صور\n\n{HEADLINE}\n\n{PARA}")
    assert (title, body) == (HEADLINE, f"صور\n\n{PARA}")


def test_known_title_drops_its_repeat() -> None:
    text = _article_text(f"{HEADLINE} - It's Over 9000!", HEADLINE, "بلدي نيوز", PARA)
    title, body, _ = strip_furniture(text, title=HEADLINE, outlet="بلدي نيوز")
    assert (title, body) == (HEADLINE, PARA)


# --- metadata CSV ----------------------------------------------------------------------


def test_read_metadata_of_the_seeds() -> None:
    rows, warnings = read_metadata(SEEDS / "articles.csv")
    assert warnings == []
    assert rows["002_032df531970bae2f.txt"] is rows["002_032df531970bae2f"]
    assert rows["003_91d580d13336e84c"]["outlet"] == "بلدي نيوز"


def test_malformed_csv_rows_warn_and_lose_nothing(tmp_path: Path) -> None:
    for name in ("a", "b", "c", "d"):
        _write(tmp_path, f"{name}.txt", _article_text(f"{HEADLINE} {name}", PARA))
    _write(tmp_path, "articles.csv", (
        "file,title,published,extra\n"
        "a.txt,عنوان أ,2022-13-45,x\n"
        "b.txt,عنوان ب\n"
        "ghost.txt,لا ملف,2022-10-08,\n"
        "c.txt,عنوان ج,2022-10-08,,surplus\n"
        "a.txt,مكرر,2022-10-08,\n"
        ",بلا اسم,2022-10-08,\n"
    ).encode("utf-8-sig"))
    rows, warnings = read_metadata(tmp_path / "articles.csv")
    text = "\n".join(warnings)
    assert "missing column(s) outlet, url" in text
    assert "line 2: published '2022-13-45'" in text
    assert "line 3: 2 field(s)" in text
    assert "line 5: 5 field(s)" in text
    assert "line 6: duplicate row for 'a.txt'" in text
    assert "line 7: no file name" in text
    assert rows["a.txt"]["title"] == "عنوان أ"

    result = read_corpus(tmp_path)
    assert sorted(a.id for a in result.articles) == ["a", "b", "c", "d"]
    assert [r.status for r in result.reports] == ["read"] * 4
    assert any("no file 'ghost.txt'" in w for w in result.warnings)
    a = next(x for x in result.articles if x.id == "a")
    assert a.title == "عنوان أ"
    assert any("2022-13-45" in w for w in a.warnings)
    assert a.published_reason != "articles.csv"  # inference went on
    c = next(x for x in result.articles if x.id == "c")
    assert (c.published, c.published_at, c.published_reason) == (dt.date(2022, 10, 8), None,
                                                                  "articles.csv")


def test_csv_precisions_and_urls(tmp_path: Path) -> None:
    for name in ("m", "y", "j", "h"):
        _write(tmp_path, f"{name}.txt", _article_text(HEADLINE, PARA))
    _write(tmp_path, "articles.csv", (
        "file,title,outlet,url,published\n"
        "m.txt,,,data:text/html;base64;xx,2022-10\n"
        "y,,,,2021\n"
        "j.txt,,,javascript:alert(1),2022-10-08T17:41Z\n"
        "h.txt,,,https://example.org/a?b=1,\n"
    ).encode("cp1256"))
    arts = {a.id: a for a in read_corpus(tmp_path).articles}
    assert (arts["m"].published, arts["m"].published_precision) == (dt.date(2022, 10, 1), "month")
    assert (arts["y"].published, arts["y"].published_precision) == (dt.date(2021, 1, 1), "year")
    assert arts["j"].published_at == dt.datetime(2022, 10, 8, 17, 41, tzinfo=dt.UTC)
    assert arts["m"].url == arts["j"].url == ""
    assert arts["h"].url == "https://example.org/a?b=1"
    assert arts["m"].title == HEADLINE  # empty CSV title: the text's headline


def test_csv_without_file_column(tmp_path: Path) -> None:
    _write(tmp_path, "articles.csv", "name,title\na.txt,x\n")
    with pytest.raises(CorpusError, match="'file' column"):
        read_metadata(tmp_path / "articles.csv")


# --- the folder ------------------------------------------------------------------------


def test_mixed_folder(tmp_path: Path) -> None:
    good = _article_text(HEADLINE, PARA, PARA2)
    _write(tmp_path, "01_good.txt", good)
    _write(tmp_path, "02_good.html", f"<html><body><h1>{HEADLINE}</h1><p>{PARA}</p></body></html>")
    _write(tmp_path, "03_cp1256.txt", good.encode("cp1256"))
    _write(tmp_path, "04_utf16.txt", good.encode("utf-16"))
    _write(tmp_path, "05_cut.txt", good.rstrip(".").encode("utf-8")[:-1])  # mid-letter
    _write(tmp_path, "10_binary.txt", bytes(range(256)) * 8)
    _write(tmp_path, "11_empty.txt", b"")
    _write(tmp_path, "12_pdf.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    _write(tmp_path, "13_big.txt", good * 40)
    _write(tmp_path, "01_good.md", good)
    _write(tmp_path, "photo.jpg", b"\xff\xd8\xff\xe0")
    _write(tmp_path, ".DS_Store", b"\x00\x00")
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub", "x.txt", good)

    result = read_corpus(tmp_path, max_bytes=5000)
    assert [a.id for a in result.articles] == ["01_good", "02_good", "05_cut"]
    reports = {r.file: r for r in result.reports}
    assert sorted(reports) == ["01_good.md", "01_good.txt", "02_good.html", "03_cp1256.txt",
                               "04_utf16.txt", "05_cut.txt", "10_binary.txt", "11_empty.txt",
                               "12_pdf.txt", "13_big.txt", "photo.jpg"]
    assert {r.file for r in result.reports if r.status == "read"} == {
        "01_good.txt", "02_good.html", "05_cut.txt"}
    # the same text in other encodings decodes to the same article: a duplicate, not a source
    for name in ("03_cp1256.txt", "04_utf16.txt"):
        assert reports[name].status == "duplicate"
        assert reports[name].reason.startswith("same text as 01_good.txt in other bytes")
    # the same bytes under another name: the .txt (which keeps the id) is read, the copy
    # is reported as a duplicate naming it
    assert reports["01_good.md"].status == "duplicate"
    assert reports["01_good.md"].reason == "same content as 01_good.txt (article '01_good'); " \
        "not read twice"
    assert "binary" in reports["10_binary.txt"].reason
    assert reports["11_empty.txt"].reason == "empty"
    assert "PDF" in reports["12_pdf.txt"].reason
    assert "too large" in reports["13_big.txt"].reason
    assert "unsupported file type" in reports["photo.jpg"].reason
    assert reports["03_cp1256.txt"].encoding == "cp1256"
    assert reports["04_utf16.txt"].encoding == "utf-16-le"
    assert any("truncated" in w for w in reports["05_cut.txt"].warnings)
    bodies = {a.id: a.body for a in result.articles}
    assert PARA in bodies["01_good"]

    deep = read_corpus(tmp_path, max_bytes=5000, recursive=True)
    assert "sub/x.txt" in {r.file for r in deep.reports}


def test_files_sharing_a_stem_are_all_read_under_unique_ids(tmp_path: Path) -> None:
    _write(tmp_path, "a.html", f"<html><body><h1>{HEADLINE}</h1><p>{PARA2}</p></body></html>")
    _write(tmp_path, "a.txt", _article_text(HEADLINE, PARA))
    _write(tmp_path, "a.md", _article_text(f"# {HEADLINE}", PARA, PARA2))
    _write(tmp_path, "a.html.txt", _article_text(HEADLINE, PARA, "ثالث"))  # its stem: 'a.html'
    (tmp_path / "sub").mkdir()
    _write(tmp_path / "sub", "a.txt", _article_text(HEADLINE, "فقرة أخرى في الحسكة."))
    result = read_corpus(tmp_path, recursive=True)
    by_file = {Path(a.path).relative_to(tmp_path).as_posix(): a for a in result.articles}
    # the .txt at the top keeps the id, whatever the sorted order; the others get their path
    assert {f: a.id for f, a in by_file.items()} == {
        "a.txt": "a", "a.md": "a.md", "a.html": "a.html~2", "a.html.txt": "a.html",
        "sub/a.txt": "sub/a.txt"}
    assert PARA in by_file["a.txt"].body and PARA2 in by_file["a.html"].body
    assert "article id 'a' belongs to a.txt (same name); this file is read as article " \
        "'a.html~2'" in by_file["a.html"].warnings
    assert not any("belongs to" in w for w in by_file["a.txt"].warnings)
    assert [r.status for r in result.reports] == ["read"] * 5
    # the same ids on a second read, and when 'a.txt' is unreadable (it keeps its claim)
    assert [a.id for a in read_corpus(tmp_path, recursive=True).articles] == \
        [a.id for a in result.articles]
    _write(tmp_path, "a.txt", b"")
    assert {a.id for a in read_corpus(tmp_path).articles} == {"a.md", "a.html~2", "a.html"}


def test_copies_are_duplicates_unless_the_csv_makes_them_two_publications(
        tmp_path: Path) -> None:
    text = _article_text(HEADLINE, PARA)
    for name in ("a.txt", "b.txt", "c.txt", "d.txt"):
        _write(tmp_path, name, text)
    _write(tmp_path, "articles.csv", "file,title,outlet,url,published\n"
           "a.txt,,عنب بلدي,https://a.example/1,2022-10-08\n"
           "b.txt,,عنب بلدي,https://a.example/1,2022-10-08\n"
           "c.txt,,تلفزيون سوريا,https://b.example/2,2022-10-08\n")
    result = read_corpus(tmp_path)
    assert [a.id for a in result.articles] == ["a", "c"]
    reports = {r.file: r for r in result.reports}
    assert (reports["b.txt"].status, reports["b.txt"].reason) == (
        "duplicate", "same content as a.txt (article 'a'); not read twice")
    assert reports["d.txt"].status == "duplicate"  # no row of its own: a copy
    assert reports["c.txt"].status == "read"  # another outlet published the same text


def test_one_text_in_other_encodings_is_a_duplicate(tmp_path: Path) -> None:
    text = _article_text(HEADLINE, PARA)
    _write(tmp_path, "a.txt", text.encode("utf-8"))
    _write(tmp_path, "b.txt", text.encode("cp1256"))
    _write(tmp_path, "c.txt", text.replace("\n", "\r\n").encode("utf-16"))
    _write(tmp_path, "d.txt", _article_text(HEADLINE, PARA2).encode("cp1256"))  # other text
    result = read_corpus(tmp_path)
    assert [a.id for a in result.articles] == ["a", "d"]
    reports = {r.file: r for r in result.reports}
    for name in ("b.txt", "c.txt"):
        assert reports[name].status == "duplicate"
        assert reports[name].reason.startswith("same text as a.txt in other bytes")


def test_a_csv_row_by_stem_only_applies_when_the_stem_names_one_file(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", _article_text(HEADLINE, PARA))
    _write(tmp_path, "a.html", f"<html><body><h1>{HEADLINE}</h1><p>{PARA2}</p></body></html>")
    _write(tmp_path, "b.txt", _article_text(HEADLINE, PARA2))
    _write(tmp_path, "articles.csv", "file,title,outlet,url,published\n"
           "a,عنوان أ,,,2022-10-08\nb,عنوان ب,,,2022-10-09\na.html,عنوان ه,,,\n")
    arts = {a.id: a for a in read_corpus(tmp_path).articles}
    assert (arts["b"].title, arts["b"].published) == ("عنوان ب", dt.date(2022, 10, 9))
    assert arts["a.html"].title == "عنوان ه"
    assert arts["a"].title == HEADLINE and arts["a"].published_reason != "articles.csv"


def test_a_too_large_file_is_refused_from_its_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse NULs: reading it would say 'binary'
    with pytest.raises(ArticleReadError) as info:
        read_article(path)
    assert info.value.reason.startswith("too large: 50.0 MB > limit 20.0 MB; to read it, "
                                        "raise the limit: --max-mb N")
    with pytest.raises(ArticleReadError, match=r"too large: 1,000 bytes > limit 999 bytes"):
        read_article(_write(tmp_path, "k.txt", "ب" * 500), max_bytes=999)


def test_csv_row_over_several_lines_is_warned(tmp_path: Path) -> None:
    _write(tmp_path, "articles.csv", 'file,title\na.txt,"two\nlines"\nb.txt,"open\nc.txt,x\n')
    rows, warnings = read_metadata(tmp_path / "articles.csv")
    assert rows["a.txt"]["title"] == "two\nlines" and rows["a.txt"]["_line"] == 2
    assert "articles.csv lines 2-3: one row spans 2 lines" in warnings[1]
    assert "articles.csv lines 4-5: one row spans 2 lines" in warnings[2]
    assert "c.txt" not in rows  # swallowed by the open quote, which the warning points at


def test_iter_corpus_streams(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", _article_text(HEADLINE, PARA))
    _write(tmp_path, "b.txt", b"")
    items = iter_corpus(tmp_path)
    first = next(items)
    assert isinstance(first, Article) and first.id == "a"
    second = next(items)
    assert isinstance(second, FileReport) and second.status == "skipped"
    assert next(items, None) is None


def test_iter_corpus_yields_metadata_warnings_first(tmp_path: Path) -> None:
    _write(tmp_path, "a.txt", _article_text(HEADLINE, PARA))
    _write(tmp_path, "articles.csv", "file,title,outlet,url,published\nzzz.txt,,,,\n")
    first = next(iter_corpus(tmp_path))
    assert isinstance(first, FileReport) and first.status == "metadata"
    assert "zzz.txt" in first.warnings[0]


@pytest.mark.parametrize("make", ["missing", "file"])
def test_folder_errors(tmp_path: Path, make: str) -> None:
    target = tmp_path / "corpus"
    if make == "file":
        target.write_text("x")
    message = "does not exist" if make == "missing" else "not a folder"
    with pytest.raises(CorpusError, match=message):
        read_corpus(target)
    with pytest.raises(ValueError):  # eagerly, not on first next()
        iter_corpus(target)


# --- properties ------------------------------------------------------------------------

_ALPHABET = st.sampled_from(list("اأإآبتثجحخدذرزسشصضطظعغفقكلمنهويىةءؤئ ًٌٍَُِّْـ،؛؟.!:|-+\n\t ")
                            + ["\r\n", "\xa0", "A", "a", "1", "2", "/", "©", "اقرأ أيضاً",
                               "مقالات ذات صلة", "شارك", "إسطنبول - متابعات", ".jpg",
                               "2022.10.08 | 17:41 دمشق", " - It's Over 9000!", "\u202e"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=600),
                 st.text(max_size=200).map(lambda t: t.encode("utf-16-le", "surrogatepass")),
                 st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")[:-1])))
def test_decode_bytes_only_raises_undecodable(raw: bytes) -> None:
    try:
        text, encoding = decode_bytes(raw)
    except UndecodableError:
        return
    assert isinstance(text, str) and encoding


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=400), st.lists(_ALPHABET, max_size=200).map("".join)))
def test_strip_furniture_never_raises_nor_invents(text: str) -> None:
    title, body, removed = strip_furniture(text)
    assert isinstance(title, str) and isinstance(body, str) and isinstance(removed, list)
    source_words = set(text.split())
    assert set(body.split()) <= source_words
    assert "\n\n\n" not in body


def test_weekday_fixes_the_year_of_an_undated_article(tmp_path) -> None:
    """'يوم الخميس الماضي 6 تشرين الأول' with no year: 6 October was a Thursday in 2022."""
    from geo.corpus import read_article

    path = tmp_path / "a.txt"
    path.write_text("عنوان الخبر\n\nوقعت العملية يوم الخميس الماضي 6 تشرين الأول في القامشلي.\n",
                    encoding="utf-8")
    article = read_article(path)
    assert article.published_inferred
    import datetime as dt

    assert article.published.month == 10
    assert dt.date(article.published.year, 10, 6).weekday() == 3  # a Thursday
    assert article.published.year <= dt.date.today().year
    assert "weekday" in article.published_reason
