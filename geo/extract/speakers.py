"""Places that say where a source spoke from, not where anything happened.

Why a module: news cites people and outlets with a place attached to *them*: 'أشار
الصحافي عطا فرحات من الجولان', 'قال مصدر عسكري لوكالة شينخوا بدمشق', 'أكد الناشط
فلان من دير الزور'. That place is the speaker's, and a reader never maps the story
there. Such a mention is taken out of the places an event may use, in its own sentence
and in every fallback (a region named earlier, the paragraph's place), so a quote
from Damascus cannot pull an event in Deir ez-Zor to Damascus.

A correspondent or a source 'in' or 'from' a town is not taken out (:func:`reporter_in`): 'مراسلنا في
دير الزور', 'مصادر أهلية في الحسكة' usually report from where the events are, so that place
only ranks last: a place the sentence gives the event itself wins.

>>> said_from("اشار الصحافي عطا فرحات من ")
True
>>> said_from("قال لوكاله ((شينخوا)) ب")
True
>>> said_from("ودعا نائب مدير مركز ")
True
>>> said_from("اندلعت اشتباكات في ")
False
"""

from __future__ import annotations

from .folding import rx

__all__ = ["names_a_government", "reporter_in", "said_from"]

#: A person cited by what they do, up to three words of name, then 'من'/'في' and the place:
#: 'الصحافي عطا فرحات من', 'الناشط الإعلامي أبو محمد في'. 'مراسل' is left to the reporter
#: rule, and so is a source ('مصدر محلي في ريف الحسكة'): often where the story is, it stays usable.
_PERSON_FROM_RE = rx(
    r"(?<![^\W\d_])[وفل]?(?:ال)?(?:صحفي|صحافي|صحفيه|صحافيه|ناشط|ناشطه|اعلامي|اعلاميه|محلل|محلله"
    r"|باحث|باحثه|خبير|خبيره|كاتب|كاتبه)(?![^\W\d_])"
    r"(?:\s+(?!(?:ان|بان|انه|انها|الي|عن|علي)\s)[^\s,،.:]+){0,4}?\s+(?:من|في)\s*$")
#: Speaking *to* an outlet at a place: 'قال لوكالة شينخوا بدمشق', 'صرّح لقناة X في القاهرة'.
_TO_OUTLET_AT_RE = rx(
    r"(?<![^\W\d_])[و]?ل(?:ل)?(?:وكاله|قناه|صحيفه|موقع|تلفزيون|اذاعه|راديو)(?![^\W\d_])"
    r"(?:\s*[^\s,،.:]+){1,4}?\s+(?:في|ب)\s*$")


#: An official's title naming the centre they head by its place: 'نائب مدير مركز حميميم' (the
#: Russian reconciliation centre), 'رئيس مركز'. The place names the speaker's office.
_OFFICE_OF_RE = rx(r"(?<![^\W\d_])(?:مدير|رئيس|قائد|مسؤول|باسم)\s+(?:ال)?مركز\s*$")


def said_from(folded_before: str) -> bool:
    """Whether the folded text right before a place name ties the place to a speaker."""
    tail = folded_before[-80:]
    # each pattern ends in its preposition and spaces ('\s*$'): a text ending otherwise is not
    # searched (str.rstrip strips what '\s' matches)
    last = tail.rstrip()
    return bool(last.endswith(("من", "في")) and _PERSON_FROM_RE.search(tail)
                or last.endswith(("في", "ب")) and _TO_OUTLET_AT_RE.search(tail)
                or last.endswith("مركز") and _OFFICE_OF_RE.search(tail))


#: A correspondent's or a source's town: 'مراسلة "الطريق" في الحسكة', 'مصادر أهلية في الحسكة',
#: 'مصدر عسكري خاص من مدينة تل أبيض (100 كم شمال الرقة)'.
_REPORTER_RE = rx(r"(?<![^\W\d_])[وفل]?(?:ال)?(?:مراسل\S*|مصادر|مصدر)(?:\s+(?![وب]?ان(?:ه|ها)?\s)\S+){0,3}?"
                  r"\s+(?:في|ب|من)(?:\s+(?:مدينه|بلده|قريه))?\s*$")


def reporter_in(folded_before: str) -> bool:
    """Whether the folded text right before a place name is a correspondent's 'in'."""
    return folded_before.rstrip().endswith(("في", "ب", "من", "مدينه", "بلده", "قريه")) \
        and bool(_REPORTER_RE.search(folded_before))


#: A capital named as its government: what comes before ('إعلان دمشق', 'اتهمت دمشق', 'ضد دمشق',
#: 'حكومة دمشق', 'قوات سلطة دمشق') or after it ('دمشق وحلفائها', 'دمشق وموسكو', 'دمشق وقسد').
_GOVERNMENT_BEFORE_RE = rx(
    r"(?<![^\W\d_])[وفبل]?(?:ال)?(?:اعلان|اعلنت|اعلن|اتهمت|اتهام|تتهم|نفت|نفي|قالت|طالبت|تطالب|مطالبه"
    r"|رفضت|ترفض|حذرت|تحذير|دعت|ابلغت|وافقت|موافقه|حكومه|نظام|سلطات|سلطه|موقف|ضد|تقول|اكدت)\s*$")
_GOVERNMENT_AFTER_RE = rx(
    r"^\s*و\s*(?:ال)?(?:حلفاء|حلفائ|حليف|موسكو|طهران|انقره|واشنطن|قسد|الاداره الذاتيه)")


def names_a_government(folded_before: str, folded_after: str) -> bool:
    """Whether a capital stands for its government between these folded texts: 'ويأتي هذا
    بعد ساعات من إعلان دمشق استهداف التحالف أحد مواقعها' names no strike at Damascus.

    >>> names_a_government("بعد ساعات من اعلان ", " استهداف التحالف")
    True
    >>> names_a_government("الاكثر دمويه ضد ", " وحلفايها")
    True
    >>> names_a_government("انفجرت سياره في ", " صباح اليوم")
    False
    """
    return bool(_GOVERNMENT_BEFORE_RE.search(folded_before[-24:])
                or _GOVERNMENT_AFTER_RE.match(folded_after[:30]))

