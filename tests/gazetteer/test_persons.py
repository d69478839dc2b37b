"""gazetteer.persons: listed foreign leaders and officials are persons, not places.

Sentences made up in the style of the news, on the shipped gazetteer and persons list
(the villages and towns are real: آراك in Homs, عين العرب/كوباني in Aleppo)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gazetteer.errors import GazetteerDataError
from gazetteer.normalize import fold
from gazetteer.persons import COLUMNS, default_person_names, read_persons_csv
from gazetteer.resolver import resolve_text
from gazetteer.store import load_gazetteer


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def _roles(gaz, text: str) -> dict[str, tuple[str, str | None]]:
    return {m.text: (m.role, m.place.id if m.place else None) for m in resolve_text(text, gaz)}


@pytest.mark.parametrize(("text", "surface"), [
    # a listed given name whose letters read as 'ب' + a village: one word, the name
    ("وقال الرئيس الأمريكي السابق باراك أوباما إن الانسحاب من سوريا خطأ.", "اراك"),
    ("وصرح رئيس الوزراء الإسرائيلي الأسبق إيهود باراك بأن الضربة كانت متوقعة.", "اراك"),
    ("ووصل المبعوث الأمريكي توم باراك إلى دمشق أمس.", "اراك"),
    # a town's name as a listed person's other half
    ("والتقى القائد العام لقسد مظلوم كوباني بالوفد الفرنسي.", "كوباني"),
])
def test_a_place_name_inside_a_listed_persons_name_is_not_a_place(gaz, text, surface):
    assert _roles(gaz, text)[surface] == ("person", None)


@pytest.mark.parametrize(("text", "surface", "place_id"), [
    ("قصفت الطائرات الروسية قرية اراك شرقي تدمر.", "اراك", "arak"),
    ("دخلت دورية أمريكية إلى كوباني صباح اليوم.", "كوباني", "ain_al_arab"),
    ("وانفجرت عبوة ناسفة بكوباني مساء أمس.", "كوباني", "ain_al_arab"),
    ("قال ترامب إن قواته ستبقى في الحسكة لحماية النفط.", "الحسكة", "hasakah"),
    ("وبحث بوتين وأردوغان الوضع في منبج وتل رفعت.", "منبج", "manbij"),
])
def test_places_next_to_persons_or_alone_stay_places(gaz, text, surface, place_id):
    assert _roles(gaz, text)[surface][1] == place_id


def test_the_shipped_list_names_the_leaders_the_news_quotes():
    names = default_person_names()
    for word in ("اوباما", "ترامب", "بايدن", "بوتين", "اردوغان", "لافروف", "بومبيو", "باراك"):
        assert word in names.words
    assert ("باراك", "اوباما") in names.pairs
    assert ("مظلوم", "كوباني") in names.pairs


def test_every_shipped_row_has_a_source():
    path = Path(__file__).parents[2] / "gazetteer" / "data" / "persons.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(r["source"].strip() and r["who"].strip() for r in rows)


def _write(tmp_path: Path, row: list[str]) -> Path:
    path = tmp_path / "persons.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([list(COLUMNS), row])
    return path


@pytest.mark.parametrize(("row", "problem"), [
    (["جو", "بايدن", "", "", "surname", "US president", ""], "source is empty"),
    (["Joe", "بايدن", "", "", "surname", "US president", "wiki"], "must be Arabic"),
    (["جو", "بايدن", "", "Biden", "surname", "US president", "wiki"], "must be Arabic"),
    (["جو", "بايدن", "", "", "yes", "US president", "wiki"], "alone must be one of"),
])
def test_a_bad_row_names_the_file_and_line(tmp_path, row, problem):
    with pytest.raises(GazetteerDataError, match=problem) as info:
        read_persons_csv(_write(tmp_path, row))
    assert "persons.csv" in str(info.value) and "2" in str(info.value)


def test_a_missing_column_is_refused(tmp_path):
    path = tmp_path / "persons.csv"
    path.write_text("given_ar,surname_ar\nجو,بايدن\n", encoding="utf-8")
    with pytest.raises(GazetteerDataError, match="header lacks"):
        read_persons_csv(path)


def test_other_spellings_pair_with_each_other(tmp_path):
    names = read_persons_csv(_write(tmp_path, ["رجب طيب", "أردوغان", "", "اردغان", "none", "x", "y"]))
    assert ("طيب", fold("اردغان")) in names.pairs and "رجب" in names.words


def _at(text: str, word: str, clitics: str = "") -> bool:
    """Whether ``word`` (with ``clitics`` glued in front) of ``text`` is read as a person."""
    folded = fold(text)
    ws = folded.index(fold(clitics + word))
    start = ws + len(fold(clitics))
    return default_person_names().is_person_at(folded, ws, start, start + len(fold(word)))


@pytest.mark.parametrize(("text", "word", "clitics", "person"), [
    # a foreign given name before any name: that name is the surname
    ("وقال دونالد حمدان إن", "حمدان", "", True),
    ("وصل مايك الحسكة", "الحسكة", "", True),
    # a distinctive listed surname after any name: that name is the given name
    ("وقال حسين أوباما إن", "حسين", "", True),
    ("هاتف هاكان فيدان نظيره", "هاكان", "", True),
    # a word glued to a preposition is no part of a name
    ("وقال فلاديمير بالرقة", "رقة", "بال", False),
    ("ذهب بالرقة أردوغان", "رقة", "بال", False),
    # Arabic given names and common-word halves mark nothing alone ('جو' is 'air', 'الأسد' 'the lion')
    ("وقال بشار الحسكة", "الحسكة", "", False),
    ("حلقت طائرة في جو الحسكة", "الحسكة", "", False),
    ("مقاتلو منبج الأسد", "منبج", "", False),
    ("ستيفان دي الرقة", "الرقة", "", False),
])
def test_one_half_alone_marks_a_person_only_when_it_is_no_arabic_word(text, word, clitics, person):
    assert _at(text, word, clitics) is person


# --- is_person_at reads the word before a name as its regex did ---------------------

_WORD_BEFORE = re.compile(r"([^\W\d_]+)\s+$")
_WORD_AFTER = re.compile(r"^\s+([^\W\d_]+)")


def _is_person_at_by_regex(names, folded: str, word_start: int, start: int, end: int) -> bool:
    """The reading before the fast path: every window searched with the regexes."""
    name, prefix = folded[word_start:end], folded[word_start:start]
    if prefix not in ("", "ال") and " " not in name and name in names.words:
        return True
    before = _WORD_BEFORE.search(folded, max(0, word_start - 40), word_start)
    if before and ((before.group(1), name.split()[0]) in names.pairs
                   or prefix in ("", "ال") and before.group(1) in names.givens):
        return True
    after = _WORD_AFTER.match(folded[end:end + 40])
    return bool(after) and ((name.split()[-1], after.group(1)) in names.pairs
                            or prefix == "" and after.group(1) in names.surnames)


_PIECES = ["باراك", "اوباما", "دونالد", "ترامب", "مظلوم", "كوباني", "اراك", "ب", " ", "  ", "\n",
           "²", "1", "_", "قال", "x", "\u00a0"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14), st.sampled_from(["", "ب", "ال"]),
       st.sampled_from(["اراك", "كوباني", "الرقه"]), st.lists(st.sampled_from(_PIECES), max_size=6))
def test_is_person_at_reads_as_the_regexes_did(left, prefix, name, right):
    names = default_person_names()
    head = "".join(left)
    folded = head + prefix + name + "".join(right)
    word_start, start = len(head), len(head) + len(prefix)
    end = start + len(name)
    assert names.is_person_at(folded, word_start, start, end) == _is_person_at_by_regex(
        names, folded, word_start, start, end)


@pytest.mark.parametrize("text", [
    "الرئيس دونالد \n ترامب",  # spaces and a line between the halves
    "x" * 45 + " دونالد ترامب",  # the given name at the window's edge
])
def test_a_given_name_before_its_surname_across_spaces(text):
    start = text.index("ترامب")
    assert default_person_names().is_person_at(text, start, start, start + len("ترامب"))
