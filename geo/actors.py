"""Who did what: armed actors named in Arabic news about north-east Syria.

One canonical English name per actor (stable strings used by filters, merging
and exports), found in running Arabic text whatever the outlet's wording:

* clitics in front of a name (و ف ب ل ك, and the article: 'والقوات', 'للقوات');
* hamza, alef, taa marbuta and diacritic variants (the text is folded with
  :func:`gazetteer.normalize.fold`; offsets are mapped back to the original);
* nationality adjectives in every gender and number after a military noun
  ('دورية روسية', 'رتلاً أمريكياً', 'طائرتين مسيّرتين أمريكيتين', 'الجيشين
  الأمريكي والروسي'), with up to two modifiers in between ('رتل عسكري روسي',
  'الطائرات الحربية الروسية');
* nisba plurals used as people ('الروس والأمريكان');
* named organisations ('قسد', 'تنظيم الدولة', 'الحرس الثوري', ...).

Sub-actors: 'Russian air force' (Russian aircraft) and 'Russian military
police' keep their own names, with ``parent='Russian forces'`` in
:data:`ACTORS`; :func:`side_of` puts them on the same side.

States named by their capital or country ('واشنطن', 'موسكو', 'أنقرة',
'روسيا') are returned as *metonyms* (``ActorHit.metonym``): they stand for the
state's forces only when they are the agent of a military act, which the
caller decides (see :mod:`geo.incidents`).

Examples
--------
>>> [h.actor for h in find_actors("اعترضت دورية روسية رتلاً أمريكياً")]
['Russian forces', 'US forces']
>>> normalise_actor("قوات سوريا الديمقراطية")
'SDF'
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import ahocorasick

from gazetteer.normalize import FoldedText, fold

__all__ = ["ACTORS", "ActorHit", "ActorInfo", "find_actors", "normalise_actor", "side_of"]


@dataclass(frozen=True, slots=True)
class ActorInfo:
    """What an actor is: its side in the conflict and an ACLED-like actor type."""

    name: str
    side: str  # 'us', 'russia', 'regime', 'sdf', 'turkey', 'iran', 'isis', ...
    acled_type: str  # 'State forces', 'Rebel group', 'Political militia', 'Civilians', ...
    name_ar: str = ""
    parent: str = ""  # a sub-actor's main actor ('Russian air force' -> 'Russian forces')


def _info(name: str, side: str, kind: str, name_ar: str, parent: str = "") -> ActorInfo:
    return ActorInfo(name, side, kind, name_ar, parent)


#: Canonical actor name -> information.
ACTORS: dict[str, ActorInfo] = {a.name: a for a in (
    _info("US forces", "us", "State forces", "القوات الأمريكية"),
    _info("International coalition", "us", "External/Other forces", "التحالف الدولي"),
    _info("Russian forces", "russia", "State forces", "القوات الروسية"),
    _info("Russian air force", "russia", "State forces", "الطيران الروسي", "Russian forces"),
    _info("Russian military police", "russia", "State forces", "الشرطة العسكرية الروسية",
          "Russian forces"),
    _info("Syrian regime forces", "regime", "State forces", "قوات النظام"),
    _info("Regime-linked militias", "regime", "Political militia", "ميليشيات تابعة للنظام"),
    _info("SDF", "sdf", "Rebel group", "قوات سوريا الديمقراطية"),
    _info("Asayish", "sdf", "Political militia", "الأسايش"),
    _info("Turkey", "turkey", "State forces", "القوات التركية"),
    _info("SNA", "turkey", "Rebel group", "الجيش الوطني السوري"),
    _info("IRGC", "iran", "State forces", "الحرس الثوري الإيراني"),
    _info("Iran-backed militias", "iran", "Political militia", "الميليشيات الموالية لإيران"),
    _info("ISIS", "isis", "Rebel group", "تنظيم الدولة الإسلامية"),
    _info("Jaish al-Maghawir", "us_backed", "Rebel group", "جيش مغاوير الثورة"),
    _info("HTS", "hts", "Rebel group", "هيئة تحرير الشام"),
    _info("Israel", "israel", "State forces", "إسرائيل"),
    _info("Civilians", "civilians", "Civilians", "مدنيون"),
)}


@dataclass(frozen=True, slots=True)
class ActorHit:
    """An actor named in a text; offsets index the original text (clitics excluded)."""

    start: int
    end: int
    text: str
    actor: str
    metonym: bool = False  # a state named by its country or capital ('واشنطن')
    unit: str = ""  # what the nationality qualified: 'patrol', 'convoy', 'air', 'ground', 'event'


def side_of(actor: str) -> str:
    """The side of a canonical actor name ('' for an unknown name)."""
    info = ACTORS.get(actor)
    return info.side if info else ""


# --- building blocks (all on folded text) ---------------------------------------------

#: Patterns are written with the letters the folding keeps; this maps the rest.
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي",
                          "ة": "ه", "ى": "ي"})


#: Unicode spaces -> ' ' (one for one, so offsets do not move): outlets use NBSP inside names.
_SPACES_RE = re.compile("[\xa0\u2007\u2009\u200a\u202f\u205f\u3000\t]")


def _rx(pattern: str) -> re.Pattern[str]:
    """Compile a pattern over folded text (its Arabic letters folded the same way)."""
    return re.compile(pattern.translate(_LETTERS))


_B = r"(?<![^\W\d_])"  # a word starts here
_E = r"(?![^\W\d_])"  # a word ends here
_CLITIC = r"(?:[وف]?[بلك]?)"
_ART = r"(?:ال|(?<=ل)ل)"  # the article, or its second ل after the clitic ل ('للقوات')
_A = _ART + "?"
_NISBA_END = r"(?:ي(?:ه|ين|ون|تين|تان|ا)?)"  # -ي -يه -يين -يون -يتين -يا ...

_NATIONS: dict[str, tuple[str, str]] = {
    # key: (adjective regex, canonical actor)
    "us": (r"(?:ا(?:مريك|ميرك)(?:" + _NISBA_END[3:-1] + r"|ان))", "US forces"),
    "ru": (r"(?:روس" + _NISBA_END + "?)", "Russian forces"),
    "tr": (r"(?:ترك" + _NISBA_END + r"|اتراك)", "Turkey"),
    "ir": (r"(?:ايران" + _NISBA_END + ")", "IRGC"),
    "il": (r"(?:اسرائيل" + _NISBA_END + ")", "Israel"),
    "sy": (r"(?:سوري(?:ه|ين|ون|ا)?)", "Syrian regime forces"),
}
_ANY_NATION = "|".join(f"(?P<{k}>{v[0]})" for k, v in _NATIONS.items())

#: Military (and military-event) nouns that a nationality adjective can qualify -> unit.
_UNITS: tuple[tuple[str, str], ...] = (
    ("patrol", r"دوري(?:ه|ات|تين|تان)"),
    ("convoy", r"رتل(?:ا|ين|ان)?|ارتال|موكب(?:ا|ين)?|مواكب|قافل(?:ه|تين)|قوافل|تعزيزات"
               r"|عرب(?:ه|ات|تين)|مركب(?:ه|ات|تين)|مدرع(?:ه|ات|تين)|الي(?:ه|ات)|دباب(?:ه|ات)"),
    ("air", r"طائر(?:ه|ات|تين|تان)|مسير(?:ه|ات|تين|تان)|مروحي(?:ه|ات|تين|تان)"
            r"|مقاتل(?:ه|ات|تين)|طيران|قاذف(?:ه|ات)|درون(?:ات)?"),
    ("police", r"شرط(?:ه|ه عسكريه)"),
    ("event", r"غار(?:ه|ات|تين)|قصف(?:ا)?|ضرب(?:ه|ات|تين)|انزال(?:ا)?|هجوم(?:ا)?|هجمات"
              r"|عملي(?:ه|ات)|توغل(?:ا)?"),
    ("ground", r"قوات|قو(?:ه|تين)|جيش(?:ين|ان)?|جيوش|جنود|جندي(?:ا|ين|ان)?|عناصر|عنصر(?:ا)?"
               r"|قاعد(?:ه|تين)|قواعد|وحد(?:ه|ات)|مستشار(?:ين|ون|ا)?|عسكري(?:ين|ون)|افراد"
               r"|نظراء|نظير(?:ه|ت)?|نظرائ|قياد(?:ه|ات)|بحري(?:ه)?|سفين(?:ه)|سفن|بوارج"
               r"|دفاع|وزاره دفاع|ضباط|ضابط(?:ا)?|استخبارات|مخابرات|نقط(?:ه)|نقاط|حاجز|حواجز"
               r"|مدفعي(?:ه)|دفاعات|منظوم(?:ه|ات)|مارينز|كوماندوز|خبراء|مدربين|مقاتلين|مقاتلون"),
)
_UNIT_ALT = "|".join(f"(?P<u_{name}>{rx})" for name, rx in _UNITS)
_PRONOUN = r"(?:ها|هم|هما|يها|يهم)?"
_MODIFIER = (
    _A + r"(?:عسكري(?:ه|ين|ون|ا)?|حربي(?:ه|ا)?|مسير(?:ه|ات|تين)?|مسلح(?:ه)?|خاص(?:ه)?"
    r"|بري(?:ه)?|جوي(?:ه|ا)?|بحري(?:ه)?|مدرع(?:ه)?|مقاتل(?:ه)?|امني(?:ه)?|اخري|اخر|مشترك(?:ه)?"
    r"|خدمه|مركزي(?:ه)?|ثقيل(?:ه)?|جديد(?:ه)?|كبير(?:ه)?|مماثل(?:ه)?|دقيق(?:ه)?|نوعي(?:ه)?"
    r"|مفاجئ(?:ه)?|عسكري(?:تين)|ميداني(?:ه)?)"
)
_UNIT_NATION = _rx(
    _B + _CLITIC + r"(?P<core>" + _A + r"(?:" + _UNIT_ALT + r")(?:ا)?" + _PRONOUN
    + r"(?:\s+" + _MODIFIER + r"){0,2}\s+" + _A + r"(?:" + _ANY_NATION + r"))" + _E
)
#: '... الأمريكي والروسي', '... الروس والأمريكيين'
_COORD = _rx(r"\s*[,-]?\s*(?:و|(?:و?" + _A + r"اخري?\s+))?" + _A + r"(?:" + _ANY_NATION + r")" + _E)
#: Nisba plurals used as people: 'الروس', 'الأمريكان', 'الأتراك'.
_PEOPLE = _rx(
    _B + _CLITIC + r"(?P<core>" + _ART
    + r"(?:(?P<ru>روس)|(?P<us>ا(?:مريك|ميرك)(?:ان|يين|يون))|(?P<tr>اتراك)"
    r"|(?P<ir>ايرانيين|ايرانيون)|(?P<il>اسرائيليين|اسرائيليون)))" + _E
)

_MILITIA = r"(?:" + _A + r"مي?لي?شي(?:ا|ات)|" + _A + r"مجموع(?:ه|ات)|" + _A + r"فصائل|" + _A \
    + r"عناصر|" + _A + r"مسلحين|" + _A + r"مقاتلين|" + _A + r"قوات)"
_LINKED = _A + r"(?:تابع(?:ه|ين|ون)?|موال(?:يه|ين|ون|ي)?|مدعوم(?:ه|ين|ون)?|رديف(?:ه)?" \
    r"|مرتبط(?:ه|ين|ون)?|مقرب(?:ه|ين|ون)?)"

#: (canonical or None to suppress, pattern, needles, metonym). Longest match wins, then order.
_NAMED: tuple[tuple[str | None, str, tuple[str, ...], bool], ...] = (
    # -- suppressors: names that contain another actor's words
    (None, _A + r"جيش " + _A + r"سوري " + _A + r"حر", ("حر",), False),
    (None, r"(?:وزاره|وزير) " + _A + r"دفاع " + _A + r"وطني", ("وطني",), False),
    (None, _A + r"(?:دفاع|مجتمع|طيران) " + _A + r"مدني(?:ه)?", ("مدني",), False),
    # -- United States
    ("US forces", _A + r"قياد(?:ه)? " + _A + r"مركزي(?:ه)?(?: لل?قوات " + _A
     + r"ا(?:مريك|ميرك)يه)?", ("مركزي",), False),
    ("US forces", r"سنتكوم|" + _A + r"بنتا(?:غ|ج|ك)ون|" + _A + r"مارينز",
     ("سنتكوم", "بنتا", "مارينز"), False),
    ("US forces", _A + r"ولايات " + _A + r"متحده(?: " + _A + r"ا(?:مريك|ميرك)يه)?|ا(?:مريك|ميرك)ا"
     r"|واشنطن", ("متحده", "امريكا", "اميركا", "واشنطن"), True),
    # -- International coalition
    ("International coalition",
     r"(?:(?:قوات|طائرات|طيران|مقاتلات|دول|جنود|مروحيات) )?" + _A + r"تحالف " + _A + r"دولي"
     r"(?: (?:ضد|لمحاربه|لقتال) (?:داعش|تنظيم " + _A + r"دوله(?: " + _A + r"اسلاميه)?))?",
     ("تحالف",), False),
    ("International coalition", r"(?:قوات|طائرات|طيران|مقاتلات|دول|جنود|مروحيات) " + _A
     + r"تحالف", ("تحالف",), False),
    ("International coalition", _LINKED + r" (?:ل|من )?" + _A + r"تحالف(?: " + _A + r"دولي)?",
     ("تحالف",), False),
    ("International coalition", r"التحالف(?! " + _A + r"(?:وطني|عربي|سوري|كردي|ديمقراطي"
     r"|اسلامي|استراتيجي|حاكم|انتخابي|روسي|ثلاثي|دولي))", ("تحالف",), False),
    # -- Russia
    ("Russian military police", _A + r"شرط(?:ه)? " + _A + r"عسكري(?:ه)? " + _A + r"روسي(?:ه)?",
     ("شرطه",), False),
    ("Russian forces", r"روسيا|موسكو|" + _A + r"كرملين", ("روسيا", "موسكو", "كرملين"), True),
    # -- Syrian regime
    ("Syrian regime forces", r"(?:" + _A + r"(?:قوات|جيش|عناصر|طائرات|طيران|مدفعي(?:ه)?|دبابات"
     r"|حواجز|حاجز|وحدات|دوريات|دوريه|ارتال|رتل|مقاتلات|مروحيات) )" + _A + r"نظام(?: " + _A
     + r"(?:اسد|سوري))?", ("نظام",), False),
    ("Syrian regime forces", r"(?:قوات|جيش) (?:بشار )?" + _A + r"اسد", ("اسد",), False),
    ("Syrian regime forces", _A + r"جيش " + _A + r"عربي " + _A + r"سوري", ("عربي",), False),
    ("Syrian regime forces", r"(?:" + _A + r"قوات " + _A + r"حكوم(?:ه|يه)(?: " + _A
     + r"سوريه)?|" + _A + r"قوات " + _A + r"سوريه " + _A + r"حكوميه)", ("حكوم",), False),
    ("Syrian regime forces", _A + r"(?:فرقه " + _A + r"رابعه|حرس " + _A + r"جمهوري|امن " + _A
     + r"عسكري|مخابرات " + _A + r"جويه|امن " + _A + r"سياسي)",
     ("رابعه", "جمهوري", "امن", "مخابرات"), False),
    ("Syrian regime forces", r"نظام (?:بشار )?" + _A + r"اسد|" + _A + r"نظام " + _A + r"سوري"
     r"|" + _A + r"حكومه " + _A + r"سوريه", ("نظام", "حكومه"), True),
    ("Syrian regime forces", r"النظام(?! " + _A + r"(?:دولي|عالمي|داخلي|اساسي|عام|جديد|قديم"
     r"|ايراني|تركي|روسي|امريكي|عراقي|سياسي|اقليمي))", ("نظام",), True),
    # -- regime-linked militias (before the regime's own forces: longer)
    ("Regime-linked militias", _MILITIA + r"(?: " + _A + r"مسلح(?:ه|ين)?)? " + _LINKED
     + r" (?:ل|من |ب)?" + _A + r"(?:نظام(?: " + _A + r"(?:سوري|اسد))?|قوات " + _A + r"نظام"
     r"|حكومه(?: " + _A + r"سوريه)?)", ("نظام", "حكومه"), False),
    ("Regime-linked militias", r"(?:(?:قوات|مي?لي?شي(?:ا|ات)) )?" + _A + r"دفاع " + _A + r"وطني",
     ("وطني",), False),
    ("Regime-linked militias", _A + r"مي?لي?شي(?:ا|ات) " + _A + r"نظام|" + _A + r"قوات " + _A
     + r"رديفه|كتائب " + _A + r"بعث|" + _A + r"لجان " + _A + r"شعبيه",
     ("نظام", "رديفه", "بعث", "شعبيه"), False),
    # -- SDF, Asayish
    ("SDF", r"(?:(?:قوات|مي?لي?شي(?:ا|ات)) )?قسد|" + _A + r"قوات " + _A
     + r"سوري(?:ا|ه) " + _A + r"ديمقراطيه|وحدات حمايه " + _A + r"(?:شعب|مراه)|" + _A
     + r"(?:قوات|وحدات) " + _A + r"كرديه|" + _A + r"مقاتلين " + _A + r"(?:اكراد|كرد)"
     r"|مجلس دير " + _A + r"زور " + _A + r"عسكري|(?:مي?لي?شي(?:ا|ات)|قوات|فصائل) (?:يقودها|تقودها"
     r"|بقياده) " + _A + r"(?:اكراد|كرد)", ("قسد", "ديمقراطيه", "حمايه", "كرد", "مجلس"), False),
    ("Asayish", _A + r"اسايي?ش|قوي " + _A + r"امن " + _A + r"داخلي", ("اساي", "داخلي"), False),
    # -- Turkey and the SNA
    ("Turkey", r"تركيا|انقره", ("تركيا", "انقره"), True),
    ("SNA", r"(?:(?:فصائل|فصيل) )?" + _A + r"جيش " + _A + r"وطني(?: " + _A + r"سوري)?(?! " + _A
     + r"(?:عراقي|ليبي|لبناني|افغاني|كردي))", ("وطني",), False),
    ("SNA", _MILITIA + r"(?: " + _A + r"سوريه)? " + _LINKED + r" (?:ل|من )?(?:انقره|تركيا)"
     r"|(?:فرقه " + _A + r"(?:حمزات|سلطان مراد|سلطان سليمان شاه)|" + _A + r"عمشات|احرار "
     + _A + r"شرقيه|" + _A + r"جبهه " + _A + r"شاميه)",
     ("تركيا", "انقره", "حمزات", "سلطان", "عمشات", "شرقيه", "شاميه"), False),
    # -- Iran
    ("IRGC", _A + r"حرس " + _A + r"ثوري(?: " + _A + r"ايراني)?|فيلق " + _A + r"قدس",
     ("ثوري", "قدس"), False),
    ("Iran-backed militias", _A + r"مي?لي?شي(?:ا|ات) " + _A + r"ايراني(?:ه)?", ("ايران",), False),
    ("Iran-backed militias", r"(?:" + _MILITIA + r" )?" + _LINKED + r" (?:ل|من |ب)?(?:ايران|طهران"
     r"|" + _A + r"حرس " + _A + r"ثوري(?: " + _A + r"ايراني)?)|" + _A + r"مي?لي?شي(?:ا|ات) "
     + _A + r"مدعومه ايرانيا", ("ايران", "طهران", "ثوري"), False),
    ("Iran-backed militias", r"حزب الله|" + _A + r"حشد " + _A + r"شعبي|(?:لواء )?(?:فاطميون"
     r"|زينبيون)|لواء " + _A + r"باقر", ("حزب الله", "حشد", "فاطميون", "زينبيون", "باقر"), False),
    # -- jihadists and opposition
    ("ISIS", r"(?:(?:خلايا|عناصر|مسلحي|مقاتلي) )?داعش|(?:(?:خلايا|عناصر) )?" + _A + r"تنظيم " + _A
     + r"دوله(?: " + _A + r"اسلاميه)?(?: في " + _A + r"عراق و" + _A + r"شام)?|" + _A + r"دوله "
     + _A + r"اسلاميه|خلايا " + _A + r"تنظيم|" + _A + r"خلايا " + _A + r"نائمه",
     ("داعش", "دوله", "خلايا"), False),
    ("Jaish al-Maghawir", r"(?:جيش )?" + _A + r"مغاوير(?: " + _A + r"ثوره)?", ("مغاوير",), False),
    ("HTS", r"هيئه تحرير " + _A + r"شام|تحرير " + _A + r"شام|(?:جبهه )?" + _A + r"نصره",
     ("شام", "نصره"), False),
    # -- Israel
    ("Israel", _A + r"احتلال " + _A + r"اسرائيلي", ("احتلال",), False),
    ("Israel", r"إسرائيل", ("إسرائيل",), True),
    # -- civilians
    ("Civilians", _A + r"مدني(?:ين|ون|ان)|مدنيا|" + _A + r"اهالي|" + _A + r"سكان " + _A
     + r"محليين|" + _A + r"اطفال|" + _A + r"مزارعين|" + _A + r"رعاه|طفل(?:ه|ين|ان|ا)?"
     r"|امراه|نساء", ("مدني", "اهالي", "سكان", "اطفال", "مزارعين", "رعاه", "طفل", "امراه",
                     "نساء"), False),
    ("Civilians", r"(?:" + "|".join(f"(?<={w} )" for w in (
        "مقتل", "اصابه", "استشهاد", "قتل", "اصيب", "احد", "جرح")) + r")مدني",
     ("مدني",), False),
)


@dataclass(frozen=True, slots=True)
class _Pattern:
    actor: str | None
    regex: re.Pattern[str]
    needles: tuple[str, ...]
    metonym: bool


_PATTERNS: tuple[_Pattern, ...] = tuple(
    _Pattern(actor, _rx(_B + _CLITIC + r"(?P<core>(?:" + rx + r"))" + _E),
             tuple(n.translate(_LETTERS) for n in needles), meto)
    for actor, rx, needles, meto in _NAMED
)
_AIR_ACTOR = {"Russian forces": "Russian air force"}
_POLICE_ACTOR = {"Russian forces": "Russian military police"}
_NATION_NEEDLES = ("امريك", "اميرك", "روس", "ترك", "اتراك", "ايران", "اسراييل", "سوري")


@dataclass(slots=True)
class _Raw:
    start: int
    end: int
    actor: str | None
    priority: int
    metonym: bool = False
    unit: str = ""


def find_actors(text: str, *, folded: FoldedText | None = None) -> list[ActorHit]:
    """Every actor named in ``text``, in text order, without overlaps.

    Parameters
    ----------
    text : str
        Arabic text (any length: a sentence or a whole article).
    folded : FoldedText, optional
        ``FoldedText.of(text)`` when the caller already has it (saves folding twice).

    Returns
    -------
    list of ActorHit
        Offsets index ``text``; the clitics in front of a name are left out of the span.

    Examples
    --------
    >>> [h.actor for h in find_actors("الجيشين الأمريكي والروسي")]
    ['US forces', 'Russian forces']
    >>> find_actors("تنظيم الدولة")[0].actor
    'ISIS'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if folded is None or folded.original != text:
        folded = FoldedText.of(text)
    raws = _raw_hits(_SPACES_RE.sub(" ", folded.folded))
    hits: list[ActorHit] = []
    for raw in _longest_first(raws):
        if raw.actor is None:
            continue
        start = folded.to_original(raw.start)
        end = folded.to_original(raw.end, end=True)
        hits.append(ActorHit(start, end, text[start:end], raw.actor, raw.metonym, raw.unit))
    return hits


_WORD_RE = re.compile(r"[^\W\d_]+")
#: How many words before its needle a pattern may start.
_WORDS_BEFORE = 5


def _raw_hits(s: str) -> list[_Raw]:
    """Candidate hits of every pattern, tried only at word starts just before a needle."""
    starts = [m.start() for m in _WORD_RE.finditer(s)]
    positions = _needle_positions(s)
    raws: list[_Raw] = []
    for prio, pat in enumerate(_PATTERNS):
        for j in _starts_near(starts, positions, pat.needles, _WORDS_BEFORE):
            m = pat.regex.match(s, starts[j])
            if m is not None:
                raws.append(_Raw(m.start("core"), m.end("core"), pat.actor, prio, pat.metonym))
    prio = len(_PATTERNS)
    for j in _starts_near(starts, positions, _NATION_NEEDLES, 0):
        raws += _phrase_ending_at(s, starts, j, prio)
    return raws


_AUTOMATON: ahocorasick.Automaton | None = None


def _needle_positions(s: str) -> dict[str, list[int]]:
    """Where each needle of every pattern starts in ``s`` (one Aho-Corasick pass)."""
    global _AUTOMATON
    if _AUTOMATON is None:
        automaton = ahocorasick.Automaton()
        for needle in {n for p in _PATTERNS for n in p.needles} | set(_NATION_NEEDLES):
            automaton.add_word(needle, needle)
        automaton.make_automaton()
        _AUTOMATON = automaton
    out: dict[str, list[int]] = {}
    for end, needle in _AUTOMATON.iter(s):
        out.setdefault(needle, []).append(end - len(needle) + 1)
    return out


def _starts_near(starts: list[int], positions: dict[str, list[int]], needles: tuple[str, ...],
                 before: int) -> list[int]:
    """Indexes of the words holding a needle and of the ``before`` words in front of each."""
    found: set[int] = set()
    for needle in needles:
        for pos in positions.get(needle, ()):
            k = bisect.bisect_right(starts, pos) - 1
            found.update(range(max(0, k - before), k + 1))
    return sorted(found)


def _phrase_ending_at(s: str, starts: list[int], k: int, prio: int) -> list[_Raw]:
    """A nationality word (word ``k``) as the end of 'unit (modifier){0,2} nationality'."""
    end = starts[k]
    while end < len(s) and s[end].isalpha():
        end += 1
    for j in range(max(0, k - 3), k):  # the longest phrase first
        m = _UNIT_NATION.match(s, starts[j], end)
        if m is not None and m.end() == end:
            return _nation_hit(s, m, prio)
    m = _PEOPLE.match(s, starts[k], end)
    return _nation_hit(s, m, prio) if m is not None else []


def _nation_hit(s: str, m: re.Match[str], prio: int) -> list[_Raw]:
    unit = next((k[2:] for k, v in m.groupdict().items() if v and k.startswith("u_")), "")
    nation = _nation_of(m)
    if nation is None or (nation == "sy" and unit not in ("ground", "air", "patrol", "convoy")):
        return []
    out = [_Raw(m.start("core"), m.end("core"), _nation_actor(nation, unit), prio,
                unit=unit or "ground")]
    pos = m.end()
    while (c := _COORD.match(s, pos)) is not None:
        nation2 = _nation_of(c)
        if nation2 is None:
            break
        start = c.start() + len(c.group(0)) - len(c.group(0).lstrip(" ,و"))
        out.append(_Raw(start, c.end(), _nation_actor(nation2, unit), prio, unit=unit or "ground"))
        pos = c.end()
    return out


def _nation_of(m: re.Match[str]) -> str | None:
    for key in _NATIONS:
        if m.groupdict().get(key):
            return key
    return None


def _nation_actor(nation: str, unit: str) -> str:
    actor = _NATIONS[nation][1]
    if unit == "air":
        return _AIR_ACTOR.get(actor, actor)
    if unit == "police":
        return _POLICE_ACTOR.get(actor, actor)
    return actor


def _longest_first(raws: list[_Raw]) -> list[_Raw]:
    """Keep the longest of overlapping hits (then the earlier pattern); text order out."""
    raws.sort(key=lambda r: (-(r.end - r.start), r.priority, r.start))
    kept: list[_Raw] = []
    for r in raws:
        if all(r.end <= k.start or k.end <= r.start for k in kept):
            kept.append(r)
    kept.sort(key=lambda r: r.start)
    return kept


# --- normalising a name -------------------------------------------------------------------

_ENGLISH_ALIASES: dict[str, str] = {
    "us": "US forces", "u.s.": "US forces", "usa": "US forces", "us army": "US forces",
    "us military": "US forces", "american forces": "US forces", "centcom": "US forces",
    "pentagon": "US forces", "united states": "US forces",
    "coalition": "International coalition", "us-led coalition": "International coalition",
    "global coalition": "International coalition", "cjtf-oir": "International coalition",
    "russia": "Russian forces", "russian army": "Russian forces",
    "russian military": "Russian forces", "regime": "Syrian regime forces",
    "syrian army": "Syrian regime forces", "syrian government forces": "Syrian regime forces",
    "saa": "Syrian regime forces", "ndf": "Regime-linked militias",
    "pro-government militias": "Regime-linked militias",
    "syrian democratic forces": "SDF", "qsd": "SDF", "ypg": "SDF", "asayish": "Asayish",
    "turkish forces": "Turkey", "turkish army": "Turkey", "tsk": "Turkey",
    "syrian national army": "SNA", "islamic revolutionary guard corps": "IRGC",
    "iran-backed militia": "Iran-backed militias", "pro-iranian militias": "Iran-backed militias",
    "islamic state": "ISIS", "isil": "ISIS", "is": "ISIS", "daesh": "ISIS",
    "maghawir al-thawra": "Jaish al-Maghawir", "jaysh al-maghawir": "Jaish al-Maghawir",
    "hayat tahrir al-sham": "HTS", "israeli air force": "Israel", "civilian": "Civilians",
}
_ENGLISH = {fold(k): v for k, v in _ENGLISH_ALIASES.items()} | {fold(k): k for k in ACTORS}


def normalise_actor(text: str) -> str | None:
    """The canonical actor a short name denotes, or None.

    Accepts Arabic surface forms ('والقوات الأميركية', 'تنظيم "الدولة"'), the
    canonical English names and common English aliases ('Coalition', 'YPG').

    Examples
    --------
    >>> normalise_actor("الجيش الأمريكي")
    'US forces'
    >>> normalise_actor("Daesh")
    'ISIS'
    >>> normalise_actor("طقس") is None
    True
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    key = " ".join(fold(text).split())
    if not key:
        return None
    if key in _ENGLISH:
        return _ENGLISH[key]
    hits = find_actors(text)
    if not hits:
        return None
    letters = sum(ch.isalpha() for ch in text)
    best = max(hits, key=lambda h: h.end - h.start)
    covered = sum(ch.isalpha() for ch in best.text)
    return best.actor if covered * 2 >= letters else None
