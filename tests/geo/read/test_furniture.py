"""geo.read.furniture: page furniture removed, headline and dateline found, content kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.read import read_article, strip_furniture
from tests.geo.read.samples import HEADLINE, PARA, PARA2
from tests.geo.read.samples import article_text as _article_text
from tests.geo.read.samples import write as _write

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


def test_a_photo_caption_marked_by_its_icon_goes_with_its_other_copy() -> None:
    """The caption tells the photo's day ('25 تشرين الأول'), not the story's."""
    caption = "تصاعد الدخان نتيجة قصف على مناطق شمال شرقي سوريا- 25 تشرين الأول 2024 (فيس بوك)"
    text = _article_text(HEADLINE, caption, "camera icon" + caption, "tag icon ع ع ع", PARA, PARA2)
    title, body, removed = strip_furniture(text)
    assert title == HEADLINE
    assert body == f"{PARA}\n\n{PARA2}"
    assert removed == [caption, "camera icon" + caption, "tag icon ع ع ع"]


def test_a_caption_printed_twice_in_a_row_with_its_credit_goes() -> None:
    caption = "قوات تقوم بحملة لتمشيط الحسكة - 30 آب 2025 (المركز الإعلامي/تلغرام)"
    _, body, removed = strip_furniture(_article_text(HEADLINE, caption, caption, PARA, PARA2))
    assert body == f"{PARA}\n\n{PARA2}"
    assert removed == [caption, caption]
    # a paragraph printed twice without a credit is the page's own slip: it stays
    _, body, _ = strip_furniture(_article_text(HEADLINE, PARA, PARA, PARA2))
    assert body.count(PARA) == 2


def test_a_line_like_a_caption_without_its_icon_copy_stays() -> None:
    caption = "قصف على مناطق شمال شرقي سوريا- 25 تشرين الأول 2024 (فيس بوك)"
    _, body, _ = strip_furniture(_article_text(HEADLINE, caption, PARA))
    assert body == f"{caption}\n\n{PARA}"


def test_related_list_mid_page_stops_at_prose() -> None:
    text = _article_text(HEADLINE, PARA, "مقالات ذات صلة", "قصف على إدلب", PARA2)
    _, body, _ = strip_furniture(text)
    assert body == f"{PARA}\n\n{PARA2}"


def test_bare_read_also_takes_the_next_headline() -> None:
    text = _article_text(HEADLINE, PARA, "اقرأ أيضاً:", "قصف على ريف إدلب", PARA2)
    _, body, removed = strip_furniture(text)
    assert body == f"{PARA}\n\n{PARA2}"
    assert removed == ["اقرأ أيضاً:", "قصف على ريف إدلب"]


def test_bare_see_also_takes_the_linked_storys_teaser_cut_off_with_an_ellipsis() -> None:
    teaser = "في ظل استمرار هجمات الاحتلال التركي وفصائله على مناطق شمال وشرق سوريا…"
    text = _article_text(HEADLINE, PARA, "شاهد أيضًا", "قصف مدفعي على قرى بريف منبج", teaser)
    _, body, removed = strip_furniture(text)
    assert body == PARA
    assert removed == ["شاهد أيضًا", "قصف مدفعي على قرى بريف منبج", teaser]


def test_another_storys_headline_and_teaser_after_the_body_are_furniture() -> None:
    headline = "جريمة قتل مزدوجة مروعة في حمص تشعل الغضب الشعبي"
    teaser = "حموث (حمص)، سوريا — عُثر هذا الأسبوع على جثتي معلم وزوجته مقتولين بوحشية في مدينة حموث (حم…"
    _, body, removed = strip_furniture(_article_text(HEADLINE, PARA, PARA2, headline, teaser))
    assert body == f"{PARA}\n\n{PARA2}"
    assert removed == [headline, teaser]


def test_a_heading_and_a_paragraph_ending_in_an_ellipsis_mid_story_are_the_story() -> None:
    heading = "قصف على تل تمر"
    cut = "قصفت القوات التركية قرى بريف تل تمر صباح اليوم، وقالت مصادر محلية إن القصف طال المنازل..."
    _, body, _ = strip_furniture(_article_text(HEADLINE, PARA, heading, cut, PARA2))
    assert body.split("\n\n") == [PARA, heading, cut, PARA2]


def test_a_heading_then_a_paragraph_ending_in_an_ellipsis_is_no_teaser_before_the_body() -> None:
    lead = "قصفت القوات التركية قرى بريف تل تمر صباح اليوم، وقالت مصادر محلية إن القصف طال منازل المدنيين..."
    _, body, _ = strip_furniture(_article_text(HEADLINE, "قصف على تل تمر", lead, PARA))
    assert lead in body


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


def test_a_box_of_dated_headlines_is_not_the_story() -> None:
    """A 'latest news' box scraped as dates glued to headlines: the places in them
    (an Idlib mine, a Hama market) belong to other stories."""
    box = ["2 حزيران (يونيو - جوان)، 2018جريح مدني بانفجار لغم أرضي شرق إدلب",
           "2 حزيران (يونيو - جوان)، 2018ارتفاع كبير بأسعار الأدوية في مدينة حماة"]
    _, body, removed = strip_furniture(_article_text(HEADLINE, *box, PARA))
    assert body == PARA
    assert box[0] in removed and box[1] in removed


def test_a_news_ticker_scraped_as_one_line_is_not_the_story() -> None:
    """Headlines each followed by their clock time, run together on one line: other stories."""
    ticker = ("تركيا وروسيا تسيران الدورية المشتركة على طريق M4 بإدلب (مصادر محلية) - 17:22 "
              "أهال يحرقون مقرا لفصيل في مدينة عفرين شمال حلب (مراسل) - 16:36 "
              "مقتل لاجئ عراقي في مخيم الهول بالحسكة (مصادر إعلامية) - 11:24")
    _, body, removed = strip_furniture(_article_text(HEADLINE, ticker, PARA))
    assert body == PARA and ticker in removed
    # a story telling two times of its own day stays
    two = "بدأ القصف عند الساعة - 17:22 واستمر حتى - 19:05 على قرى ريف عامودا الشمالي."
    assert two in strip_furniture(_article_text(HEADLINE, PARA, two))[1]


def test_one_glued_date_line_or_a_spaced_timeline_stays() -> None:
    timeline = ["12 آب 2019 سيطرت قوات سوريا الديمقراطية على قرية في ريف الرقة",
                "14 آب 2019 انسحب التنظيم من البلدة نحو البادية"]
    _, body, _ = strip_furniture(_article_text(HEADLINE, PARA, *timeline))
    assert all(line in body for line in timeline)
    single = "2 حزيران 2018جريح مدني بانفجار لغم أرضي"
    assert single in strip_furniture(_article_text(HEADLINE, PARA, single))[1]


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


def test_a_line_ending_on_a_comma_goes_on_below() -> None:
    # a page wrapped short after its opening words: the day and the event are one sentence
    opening = "قامت القوات الروسية، اليوم الأربعاء،"
    rest = "بإخلاء قاعدتها العسكرية في بلدة عامودا في ريف الحسكة، ونقلت معداتها إلى مطار القامشلي."
    _, body, _ = strip_furniture(f"{HEADLINE}\n\n{opening}\n{rest}\n{PARA2}")
    assert body.split("\n\n") == [f"{opening} {rest}", PARA2]


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


# --- properties ------------------------------------------------------------------------

_ALPHABET = st.sampled_from(list("اأإآبتثجحخدذرزسشصضطظعغفقكلمنهويىةءؤئ ًٌٍَُِّْـ،؛؟.!:|-+\n\t ")
                            + ["\r\n", "\xa0", "A", "a", "1", "2", "/", "©", "اقرأ أيضاً",
                               "مقالات ذات صلة", "شارك", "إسطنبول - متابعات", ".jpg",
                               "2022.10.08 | 17:41 دمشق", " - It's Over 9000!", "\u202e"])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=400), st.lists(_ALPHABET, max_size=200).map("".join)))
def test_strip_furniture_never_raises_nor_invents(text: str) -> None:
    title, body, removed = strip_furniture(text)
    assert isinstance(title, str) and isinstance(body, str) and isinstance(removed, list)
    source_words = set(text.split())
    assert set(body.split()) <= source_words
    assert "\n\n\n" not in body


@pytest.mark.parametrize(("text", "clean"), [
    ("a\r\nb\rc\x0bd\x0ce\x85f\u2028g\u2029h", "a\nb\nc\nd\ne\nf\ng\n\nh"),
    ("سطر\nسطر\u200f\x07", "سطر\nسطر\u200f"),  # no other newline: the text is left as it is
])
def test_clean_text_makes_every_newline_one(text: str, clean: str) -> None:
    from geo.read.text import clean_text

    assert clean_text(text) == clean


def test_a_latin_word_alone_is_debris_only_on_a_mostly_arabic_page() -> None:
    arabic = "قالت مصادر محلية إن دورية عسكرية مرت في المنطقة صباح اليوم.\n\nqwerty\n\n" \
             "وأفاد ناشطون بأن الدورية عادت أدراجها بعد ساعات."
    latin = "Local sources said a patrol passed through the area this morning.\n\nqwerty\n\n" \
            "Activists said the patrol turned back after some hours."
    assert "qwerty" not in strip_furniture(arabic)[1]
    assert "qwerty" in strip_furniture(latin)[1]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("قصف abcÉé 1٢۳.،ـ\u064b\u0670ٱۀ\u200f"), max_size=60)
       | st.text(max_size=60), st.integers(0, 3))
def test_mostly_arabic_counts_as_a_loop_over_every_letter(text: str, repeat: int) -> None:
    """The split-based count gives what counting ``str.isalpha`` and Arabic letters one
    character at a time gives (the reference), past the 20,000-character sample too."""
    import re

    from geo.read.furniture import _ARABIC_LETTER_RE, _mostly_arabic

    text = text * (1 + repeat * 400)
    sample = text[:20000]
    letters = sum(ch.isalpha() for ch in sample)
    arabic = sum(1 for ch in sample if re.fullmatch(_ARABIC_LETTER_RE, ch))
    assert _mostly_arabic(text) == (bool(letters) and arabic > letters / 2)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("قصف خبر نيوز TV ab -|–—:\u00a0\t"), max_size=30),
                min_size=1, max_size=6), st.sampled_from(["", "نيوز", "TV"]))
def test_site_suffix_as_first_written(lines: list[str], outlet: str) -> None:
    """The headline's site suffix is cut as when every line's words were worked out first
    and every line was split: the separator gate and the lazy word tuples change no answer."""
    from geo.read.furniture import _TITLE_SEP_RE, _ShortLines, _strip_site_suffix
    from geo.read.text import key_words

    eager = {tuple(key_words(line)) for line in lines if line and len(line) < 400}
    for line in lines:
        assert _strip_site_suffix(line, _ShortLines(lines), outlet) == \
            _strip_site_suffix(line, eager, outlet)
        if len(_TITLE_SEP_RE.split(line)) >= 2:
            assert any(c in line for c in "-|–—:")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("قصف خبر نيوز TV ab -|–—:.\u064b"), max_size=30),
                min_size=1, max_size=6), st.text(alphabet=st.sampled_from("قصف خبر ab -:."),
                                                 max_size=20), st.sampled_from(["", "نيوز"]))
def test_title_repeat_as_first_written(lines: list[str], title: str, outlet: str) -> None:
    """A line repeats the title as when the line and the line without its site suffix were
    both compared: reading the first word first changes no answer."""
    from geo.read.furniture import _repeats, _ShortLines, _strip_site_suffix
    from geo.read.text import key_words

    heads = _ShortLines(lines)
    target = key_words(title)
    for line in [*lines, title, f"{title} - نيوز", f"{title} | TV"]:
        assert _repeats(line, target, heads, outlet) == (
            target in (key_words(line), key_words(_strip_site_suffix(line, heads, outlet))))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["شارك", "share", "فيسبوك", "تويتر", "facebook", "خبر", "",
                                 " ", "|", "·", "-", "،", "/"]), max_size=10))
def test_share_bar_as_first_written(parts: list[str]) -> None:
    """Reading a line's first word alone first judges every line as splitting it did."""
    from geo.read.furniture import _SHARE_SPLIT_RE, _SOCIAL, _is_share

    for key in ("".join(parts), " ".join(parts)):
        words = [w for w in _SHARE_SPLIT_RE.split(key) if w]
        first_written = 0 < len(words) <= 8 and all(w in _SOCIAL for w in words) and any(
            w in ("شارك", "share", "مشاركه", "شاركها", "tweet", "شاركوا") or len(words) > 1
            for w in words)
        assert _is_share(key) == first_written
