"""geo.extract.sentences: sentences, paragraphs, headings, lists of links.

The unit cases are written for these tests (not copied from the seeds) and vary
the wording: verb tenses, verbal nouns, clitics, outlets' phrasing.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.extract import split_sentences
from geo.extract.sentences import clause_of
from tests.geo.extract.helpers import run

# --- sentences and headings ---


def test_headings_and_related_links_yield_nothing(gaz):
    body = ("قوات أميركية تعترض دورية روسية في ريف القامشلي\n\n"
            "قال مسؤول إن العلاقات متوترة.\n\n"
            "اقرأ أيضاً: قصف تركي على ريف عين عيسى يقتل مدنيين\n\n"
            "مقالات ذات صلة\n\n"
            "غارات روسية على ريف إدلب\n\n"
            "قتلى وجرحى بقصف النظام على ريف حلب")
    result = run(gaz, body)
    assert result.incidents == []
    assert all(m.start < body.index("اقرأ") for m in result.mentions)


def test_a_read_more_link_glued_to_the_next_sentence_leaves_that_sentence(gaz):
    """'إقرأ المزيدكما رصد مراسلنا رتلاً ...': the link's words go, the story goes on (a
    related-stories heading cuts what follows only when it stands alone)."""
    body = ("اندلعت اشتباكات بين قسد ومسلحين في بلدة ذيبان يوم الأحد.\n"
            "إقرأ المزيدكما رصد مراسلنا رتلاً آخر يخرج من قاعدة الشدادي يوم الأحد.\n"
            "وقصفت المدفعية التركية قرية تل جمعة يوم الأحد.")
    result = run(gaz, body)
    assert sorted(i.type for i in result.incidents) == ["armed_clash", "convoy", "shelling"]
    evidence = [q for i in result.incidents for s in i.sources for q in s.evidence]
    assert not any("المزيد" in q for q in evidence)
    cut = body.replace("إقرأ المزيدكما", "إقرأ المزيد\n\nكما")
    assert [i.type for i in run(gaz, cut).incidents] == ["armed_clash"]


def test_a_headline_with_its_source_as_kicker_is_no_lead(gaz):
    """'"سانا": القوات الأمريكية تدخل رتلاً ...' above the story: a headline (its colon sets off
    the kicker), so the story's first sentence is the lead and takes the publication day,
    apart from yesterday's convoy told as background."""
    body = ('"سانا": القوات الأمريكية تدخل رتلا محملا بمعدات لوجستية إلى قواعدها في ريف الحسكة\n\n'
            "أدخل الجيش الأمريكي رتلا محملا بمعدات لوجستية عبر معبر الوليد إلى قواعده بريف الحسكة.\n\n"
            "وكان الجيش الأمريكي أخرج أمس الاثنين رتلا من الصهاريج عبر معبر الوليد.")
    result = run(gaz, body)
    assert sorted(str(i.date) for i in result.incidents) == ["2023-08-14", "2023-08-15"]
    from geo.extract.document import read_article
    from tests.geo.extract.helpers import article

    heading, lead = read_article(article(body), gaz).sentences[:2]
    assert heading.heading and lead.lead


def test_split_sentences_keeps_offsets():
    text = "قصفت طائرات البلدة. ثم انسحبت؟\n\nتاريخ 2022.10.08 هنا.\nسطر ثان"
    spans = split_sentences(text)
    assert [text[s:e] for s, e, _ in spans] == [
        "قصفت طائرات البلدة.", "ثم انسحبت؟", "تاريخ 2022.10.08 هنا.", "سطر ثان"]
    assert [p for *_, p in spans] == [0, 0, 1, 1]


def test_clause_of_between_marks_at_every_position() -> None:
    """The clause around a position: after the last mark ending at or before it, up to the
    first mark starting at or after it (a mark around the position bounds neither side)."""
    text = "قصفت الطائرات القرية، حيث قتل مدني; ثم انسحبت"
    comma, semi = text.index("،"), text.index(";")
    hayth = text.index(" حيث ")
    assert clause_of(text, 0) == (0, hayth)
    assert clause_of(text, hayth) == (0, hayth)
    assert clause_of(text, hayth + 2) == (0, semi)  # inside ' حيث ': neither side
    assert clause_of(text, hayth + len(" حيث ")) == (hayth + len(" حيث "), semi)
    assert clause_of(text, semi + 1) == (semi + 1, len(text))
    assert clause_of(text, len(text)) == (semi + 1, len(text))
    assert clause_of("", 0) == (0, 0)
    assert comma < hayth  # '،' itself is no mark here: clause_of reads what its caller gives it


@pytest.mark.parametrize("day", ["اليوم", "امس السبت", "فجر اليوم", "مساء امس", "الخميس الماضي",
                                 "في 5 من ايار الماضي", "يوم 12 تشرين الاول 2019", "20 كانون الثاني/ يناير"])
def test_a_day_between_two_commas_cuts_no_clause(day: str) -> None:
    """'شهدت مدينة منبج، اليوم، انفجارا': the day is a parenthesis of its clause (folded text)."""
    text = f"شهدت مدينة منبج, {day}, انفجارا كبيرا, ثم اشتباكات"
    last = text.rindex(",")
    assert clause_of(text, text.index("انفجارا")) == (0, last)
    assert clause_of(text, text.index("منبج")) == (0, last)
    assert clause_of("قصفت الطائرات القرية, الجسر, ثم انسحبت", 0) == (0, len("قصفت الطائرات القرية"))


@pytest.mark.parametrize("owner", ["تابعة لقوات قسد", "التابعة للتحالف الدولي", "تتبع للفرقة الرابعة"])
def test_whose_it_is_between_two_commas_cuts_no_clause(owner: str) -> None:
    """'استهدفوا عربة عسكرية، تابعة لقوات قسد، على طريق عين عيسى': an attribute of the noun."""
    text = f"استهدفوا عربة عسكرية, {owner}, علي طريق عين عيسي, مما ادي لعطبها"
    last = text.rindex(",")
    assert clause_of(text, text.index("عربة")) == (0, last)
    assert clause_of("استهدفوا عربة, لقسد تابعة وقتل عنصر, ثم انسحبوا", 0) == (0, len("استهدفوا عربة"))


def test_a_place_beyond_whose_it_is_is_its_events(gaz):
    body = ("استهدف مقاتلو التنظيم بعبوة ناسفة عربة عسكرية نوع همر، تابعة لقوات قسد، على طريق عين "
            "عيسى شمال محافظة الرقة، مما أدى لعطبها.")
    assert [(i.type, i.place.id) for i in run(gaz, body).incidents] == [("explosion", "ayn_issa")]


@pytest.mark.parametrize(("body", "place"), [
    ("شهدت مدينة منبج شمال سوريا، اليوم، انفجاراً دموياً إثر تفجير سيارة مفخخة.", "manbij"),
    ("وتتكرر الحوادث في المنطقة، إذ انفجرت سيارة، في 5 من أيار الماضي، وسط مدينة القامشلي.", "qamishli"),
])
def test_a_place_beyond_a_day_between_commas_is_its_events(gaz, body, place):
    assert [(i.type, i.place.id if i.place else None) for i in run(gaz, body).incidents] == [
        ("explosion", place)]


def test_a_related_headline_slipped_into_the_text_yields_nothing(gaz):
    body = ("قتل جندي في اشتباك مع مدرعات أمريكية بريف القامشلي.\nSputnik\n\n"
            "قافلة ضخمة للجيش الأمريكي تتسلل إلى الحسكة قادمة من العراق\n"
            "وأفاد مراسل بأن عناصر حاجز للجيش في بلدة القحطانية منعوا رتلاً أمريكياً من العبور.")
    types = sorted(i.type for i in run(gaz, body).incidents)
    assert "convoy" not in types and "patrol_obstruction" in types


# --- the sentence ends' pattern, pinned to the one first written -----------------------

#: The pattern as first written (no look-ahead in front): what the faster one must find.
_REFERENCE_END = re.compile(r"\n|[!?]+|(?<!\.)\.++(?=\s|$|[\"'»”)\]])"
                            r"|(?<=[\u0621-\u064A]{2})\.(?=[وف][\u0621-\u064A]{2})")


def test_a_caption_with_its_credit_in_brackets_is_no_lead(gaz):
    """'مقاتلون من لواء فاطميون ... شرقي سوريا. [صورة انتشرت على وسائل التواصل الاجتماعي]': a
    photo's caption and its credit; the lead is the prose under it, and the fight it opens on
    with its sides and its town is news, not a reference to the caption."""
    from geo.extract.document import read_article
    from tests.geo.extract.helpers import article

    caption = ("مقاتلون من لواء فاطميون في أطراف محافظة دير الزور شرقي سوريا. "
               "[صورة انتشرت على وسائل التواصل الاجتماعي]\n\n")
    story = ("قال ناشط محلي إن الاشتباكات بين قوات النظام السوري وميليشيا تابعة للحرس الثوري "
             "في مدينة الميادين شرقي محافظة دير الزور، تسببت في مقتل عدد من جنود النظام.")
    doc = read_article(article(caption + story), gaz)
    assert [s.text[:5] for s in doc.sentences if s.lead] == ["قال ن"]
    assert [(i.type, i.place.id) for i in run(gaz, caption + story).incidents] == [
        ("armed_clash", "mayadin")]
    # a lead that ends on a bracketed word of its own stays the lead
    own = "قصفت المدفعية التركية قرية تل جمعة اليوم. [تفاصيل]\n\n" + story
    assert [s.text[:5] for s in read_article(article(own), gaz).sentences if s.lead] == ["قصفت "]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="وفقصب.!?\n »)\"'ab1", max_size=80), st.integers(0, 10),
       st.integers(0, 90))
def test_sentence_ends_as_first_written(text: str, pos: int, end: int) -> None:
    from geo.extract.sentences import _SENTENCE_END_RE

    assert ([m.span() for m in _SENTENCE_END_RE.finditer(text, pos, end)]
            == [m.span() for m in _REFERENCE_END.finditer(text, pos, end)])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abZ-/:.0ب ص\n", max_size=40))
def test_a_text_without_a_dot_between_domain_characters_holds_no_domain(text: str) -> None:
    """Why a heading's text is searched for domains only when a dot stands between two of
    a domain's characters."""
    from geo.extract.sentences import _DOMAIN_DOT_RE, _DOMAIN_RE

    if _DOMAIN_DOT_RE.search(text) is None:
        assert _DOMAIN_RE.sub("", text) == text
    else:
        assert _DOMAIN_RE.search(text) is not None


def _folded_offset_reference(s, start: int) -> int:
    """The bisection first written in geo.extract.triggers (by the sentence's to_original)."""
    lo, hi = 0, len(s.folded)
    while lo < hi:
        mid = (lo + hi) // 2
        if s.to_original(mid, mid)[0] < start:
            lo = mid + 1
        else:
            hi = mid
    return lo


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="قصفبال \u064b\u0651\u0640\u200f.\n", min_size=1, max_size=60),
       st.data(), st.booleans())
def test_folded_offset_as_the_bisection_first_written(text: str, data, mapped: bool) -> None:
    from gazetteer.normalize import FoldedText
    from geo.extract.sentences import Sentence

    ft = FoldedText.of(text)
    fs = data.draw(st.integers(0, len(ft.folded)))
    fe = data.draw(st.integers(fs, len(ft.folded)))
    start = ft.to_original(fs)
    s = Sentence(0, start, ft.to_original(fe, end=True), 0, text[start:], ft.folded[fs:fe],
                 fstart=fs, ft=ft if mapped else None)
    for offset in range(-2, len(text) + 3):
        assert s.folded_offset(offset) == _folded_offset_reference(s, offset)


def test_a_kicker_ending_in_an_ellipsis_is_no_lead(gaz):
    """'بقنابل مسيلة للدموع..' over 'عين العرب.. مروحيات روسية تفرق ...': a teaser and a
    headline joined by ellipses; the lead is the prose under them."""
    from geo.extract.document import read_article
    from tests.geo.extract.helpers import article

    body = ("بقنابل مسيلة للدموع..\n\n"
            "عين العرب.. مروحيات روسية تفرّق رافضين لمرور دورية\n\n"
            "أطلقت مروحيات روسية اليوم قنابل غاز على سكان اعترضوا دورية في ريف عين العرب.\n\n"
            "واستهدفت المروحيات الروسية بالرصاص سكاناً من قرية قره موغ.")
    doc = read_article(article(body), gaz)
    assert [s.text[:5] for s in doc.sentences if s.lead] == ["أطلقت"]
    assert doc.sentences[0].heading and doc.sentences[1].heading


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("قصف خبر ab .\n\t"), max_size=20), min_size=1,
                max_size=3),
       st.lists(st.text(alphabet=st.sampled_from("قصف خبر ab ."), max_size=25), max_size=3))
def test_a_paragraph_opening_with_a_headline_is_never_passed_over(texts: list[str],
                                                                  heads: list[str]) -> None:
    """The first sentence's gate lets through every paragraph whose one line opens with a
    headline given above: the gate only spares joining the others."""
    from geo.extract.sentences import Sentence, _may_open_with, _one_line

    sentences = [Sentence(i, 0, len(t), 0, t, t) for i, t in enumerate(texts)]
    heads = [" ".join(h.split()) for h in heads]
    if any(_one_line(sentences).startswith(h) for h in heads):
        assert _may_open_with(sentences[0], heads)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("قصف \u064b\u0640ـأ  .\n"), min_size=1, max_size=60),
       st.data())
def test_offsets_of_a_sentence_as_first_written(text: str, data) -> None:
    """A sentence's offsets in closed form give what asking the article's map did: both ends
    of a folded span, and the first folded offset at or after an original one (a search)."""
    from gazetteer.normalize import FoldedText
    from geo.extract.sentences import Sentence

    ft = FoldedText.of(text)
    size = len(ft.folded)
    fs = data.draw(st.integers(0, size))
    fe = data.draw(st.integers(fs, size))
    s = Sentence(0, ft.to_original(fs), ft.to_original(fe, end=True), 0,
                 text[ft.to_original(fs):ft.to_original(fe, end=True)], ft.folded[fs:fe],
                 fstart=fs, ft=ft)
    lo = data.draw(st.integers(0, fe - fs))
    hi = data.draw(st.integers(lo, fe - fs))
    assert s.to_original(lo, hi) == (ft.to_original(fs + lo), ft.to_original(fs + hi, end=True))
    start = data.draw(st.integers(-2, len(text) + 2))
    first_written = next((k for k in range(fe - fs) if ft.to_original(fs + k) >= start), fe - fs)
    assert s.folded_offset(start) == first_written
