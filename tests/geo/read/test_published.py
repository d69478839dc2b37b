"""geo.read.published: the publication date, printed, stamped or inferred (through geo.extract.when)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from geo.read import Article, read_article
from tests.geo.read.samples import HEADLINE, PARA
from tests.geo.read.samples import article_text as _article_text
from tests.geo.read.samples import write as _write

# --- publication date inference (through geo.extract.when) ----------------------------------


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


def test_weekday_fixes_the_year_of_an_undated_article(tmp_path) -> None:
    """'يوم الخميس الماضي 6 تشرين الأول' with no year: 6 October was a Thursday in 2022."""
    from geo.read import read_article

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


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["يوم", " ", "  ", "الخميس", "الجمعه", "الماضي", "6 تشرين الاول",
                                 "x", "\n", "يومي", "والخميس", "2022"]), max_size=25))
def test_weekday_dates_are_looked_for_where_a_weekday_is_written(pieces):
    """Tried only at 'يوم' and the weekdays, the pattern finds what a scan of every
    position finds."""
    from gazetteer.normalize import cued_matches
    from geo.read.published import _WEEKDAY_CUES, _WEEKDAY_DATE_RE

    text = "".join(pieces)
    assert [(m.span(), m.groups()) for m in cued_matches(_WEEKDAY_DATE_RE, text, _WEEKDAY_CUES)] \
        == [(m.span(), m.groups()) for m in _WEEKDAY_DATE_RE.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["نشر في:", "8", "تشرين الاول", "2022", "|", "17:41", "دمشق", "منذ",
                                 "3", "ساعات", "hours", "ago", "٣", "2022.10.08", "السبت", "ص",
                                 "  "]), max_size=8).map(" ".join)
       | st.text(alphabet=st.sampled_from("نشر في:8 2022|17:41 ساعات ago٣۳"), max_size=40))
def test_stamp_line_as_first_written(key: str) -> None:
    """The digit gate changes no answer: every form of a stamp holds a digit."""
    from geo.read.stamps import _AGO_RE, _STAMP_RE, STAMP_MAX_CHARS, is_stamp_line

    spaced = " ".join(key.split())
    assert is_stamp_line(key) == (len(key) <= STAMP_MAX_CHARS and bool(
        _STAMP_RE.match(spaced) or _AGO_RE.match(spaced)))
