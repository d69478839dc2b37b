"""A synthetic corpus of Arabic news-like articles, for benchmarks.

Articles are drawn from a small grammar: events (type x actors x date x place)
from a shared pool, so several articles report the same event in different
words (what merging has to do), wrapped in the page furniture real sites have
(a time stamp with a time-zone city, a desk dateline, 'اقرأ أيضاً' links) and
background paragraphs. Places come from the project's gazetteer (places in
Syria), so the texts exercise the real resolver.

    python bench/corpus_gen.py OUT_DIR [-n 1000] [--seed 0]

Files are written one at a time (``NNNNNN_<hash>.txt``), so 100k articles do
not need memory for 100k texts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import random
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from gazetteer import load_gazetteer  # noqa: E402
from gazetteer.model import GOVERNORATES, Place  # noqa: E402

MONTHS = ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
          "تشرين الأول", "تشرين الثاني", "كانون الأول")
WEEKDAYS = ("الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
ACTORS = {
    "us": ("القوات الأمريكية", "قوات التحالف الدولي", "الجيش الأميركي"),
    "ru": ("القوات الروسية", "الشرطة العسكرية الروسية", "الجيش الروسي"),
    "regime": ("قوات النظام", "قوات الأسد", "ميليشيات تابعة للنظام"),
    "sdf": ("قوات سوريا الديمقراطية (قسد)", "قوات قسد"),
    "tr": ("الجيش التركي", "القوات التركية"),
    "isis": ("تنظيم داعش", "خلايا تنظيم الدولة"),
    "irgc": ("الحرس الثوري الإيراني", "ميليشيات إيرانية"),
}
TEMPLATES = {
    "patrol_encounter": (
        "التقت دورية من {a} بدورية من {b} {near} {place}{area} {when}، وتبادل الجنود التحية.",
        "تقاطعت طرق دوريات {a} و{b} في حقل نفطي {near} {place}{area} {when}.",
    ),
    "patrol_obstruction": (
        "اعترضت دورية من {a} رتلاً من {b} على الطريق {near} {place}{area} {when}.",
        "منعت {a} دورية تابعة لـ{b} من المرور في {place}{area} {when}.",
    ),
    "raid": (
        "نفذت {a} عملية إنزال جوي في {kind} {place}{area} {when}، استهدفت قيادياً في {b}، "
        "وأسفرت عن مقتل {n} من عناصره.",
        "قتل {n} من عناصر {b} خلال عملية إنزال جوي لـ{a} {near} {place}{area} {when}.",
    ),
    "shelling": (
        "قصفت {a} بالمدفعية الثقيلة أطراف {place}{area} {when}، ما أدى إلى إصابة {n} مدنيين.",
        "سقطت قذائف صاروخية مصدرها مواقع {a} على {place}{area} {when}.",
    ),
    "airstrike": (
        "استهدفت طائرة مسيّرة تابعة لـ{a} سيارة تقل عناصر من {b} {near} {place}{area} {when}.",
        "شنت طائرات {a} غارات جوية على مواقع {b} في {place}{area} {when}.",
    ),
    "deployment": (
        "أرسلت {a} تعزيزات عسكرية جديدة إلى {place}{area} {when}.",
        "وصل رتل من {a} يضم عشرات الآليات إلى قاعدة {near} {place}{area} {when}.",
    ),
    "arrest": (
        "اعتقلت {a} {n} أشخاص بتهمة الانتماء إلى {b} في {place}{area} {when}.",
    ),
    "protest": (
        "خرج العشرات من أهالي {place}{area} في مظاهرة {when} احتجاجاً على ممارسات {a}.",
    ),
}
BACKGROUND = (
    "وتنتشر في المنطقة قوات من عدة أطراف، ما يزيد احتمالات الاحتكاك بينها.",
    "وتشهد المنطقة توتراً متصاعداً منذ أشهر بين الأطراف المتنافسة على النفوذ.",
    "ولم يصدر أي تعليق رسمي حول الحادثة حتى ساعة إعداد هذا التقرير.",
    "وتعد هذه الحادثة الثالثة من نوعها خلال الشهر الجاري بحسب مصادر محلية.",
    "وأكدت مصادر محلية أن الوضع عاد إلى طبيعته بعد ساعات من الحادثة.",
)
#: Context sentences that give bases (a force holding a place) and routes (X -> Y).
PRESENCE = (
    "وتسيطر {a} على {base} منذ سنوات، وتنتشر في محيطه.",
    "وتتمركز {a} في {base} القريب من المنطقة.",
)
ROUTES = (
    "وسيرت {a} دورية من {place} باتجاه {place2} عبر الطريق الدولي.",
    "وتكررت حوادث اعتراض الأرتال على الطريق بين {place} و{place2}.",
)
FURNITURE = ("اقرأ أيضاً: قتلى وجرحى بقصف على ريف إدلب",
             "اقرأ أيضاً: مظاهرات في السويداء للمطالبة بالإفراج عن المعتقلين")
OUTLETS = ("إسطنبول - متابعات", "إسطنبول ـ وكالات", "")
_POINT_KINDS = ("city", "town", "village", "base", "airport", "oilfield", "dam",
                "border_crossing", "camp")
_KIND_WORDS = {"village": "قرية", "town": "بلدة", "city": "مدينة", "airport": "مطار",
               "base": "قاعدة", "oilfield": "حقل", "dam": "سد"}


@dataclass(frozen=True, slots=True)
class Event:
    """One thing that happened; several articles may report it."""

    type: str
    a: str
    b: str
    day: dt.date
    place: Place
    n: int


def base_places() -> list[Place]:
    """Airports and bases in Syria (for the presence sentences)."""
    gaz = load_gazetteer()
    return sorted((p for p in gaz.places.values()
                   if p.in_area and p.kind in ("airport", "base")), key=lambda p: p.id)


def syrian_places() -> list[Place]:
    """Point places in Syria from the project gazetteer, sorted for reproducibility."""
    gaz = load_gazetteer()
    places = [p for p in gaz.places.values()
              if p.in_area and p.kind in _POINT_KINDS and p.governorate]
    if not places:
        raise RuntimeError("the gazetteer has no places in Syria; check gazetteer/data")
    return sorted(places, key=lambda p: p.id)


def _event(rnd: random.Random, places: list[Place], start: dt.date, span_days: int) -> Event:
    type_ = rnd.choice(list(TEMPLATES))
    a, b = rnd.sample(list(ACTORS), 2)
    return Event(type_, a, b, start + dt.timedelta(days=rnd.randrange(span_days)),
                 rnd.choice(places), rnd.randint(1, 9))


def _when(rnd: random.Random, day: dt.date, published: dt.date) -> str:
    delta = (published - day).days
    choices = [f"في {day.day} {MONTHS[day.month - 1]} {day.year}",
               f"يوم {WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"]
    if delta == 1:
        choices.append("أمس")
    if delta == 2:
        choices.append("قبل يومين")
    if 0 < delta < 7:
        choices.append(f"يوم {WEEKDAYS[day.weekday()]} الماضي")
    return rnd.choice(choices)


def _area(rnd: random.Random, place: Place) -> str:
    gov = GOVERNORATES.get(place.governorate)
    if gov is None or place.kind in ("city", "capital") or rnd.random() < 0.3:
        return ""
    return rnd.choice([f" في محافظة {gov[1]}", f" بريف {gov[1]}", f" شرقي {gov[1]}"])


def _sentence(rnd: random.Random, ev: Event, published: dt.date) -> str:
    template = rnd.choice(TEMPLATES[ev.type])
    return template.format(
        a=rnd.choice(ACTORS[ev.a]), b=rnd.choice(ACTORS[ev.b]), place=ev.place.name_ar,
        kind=_KIND_WORDS.get(ev.place.kind, "منطقة"), near=rnd.choice(["قرب", "في محيط",
                                                                       "بالقرب من"]),
        area=_area(rnd, ev.place), when=_when(rnd, ev.day, published), n=ev.n)


def _context(rnd: random.Random, ev: Event, places: list[Place], bases: list[Place]) -> str:
    """A sentence about who holds what, or a road between two nearby places."""
    if bases and rnd.random() < 0.5:
        return rnd.choice(PRESENCE).format(a=rnd.choice(ACTORS[ev.a]),
                                           base=rnd.choice(bases).name_ar)
    same_gov = [p for p in places if p.governorate == ev.place.governorate and p != ev.place]
    if not same_gov:
        return rnd.choice(BACKGROUND)
    return rnd.choice(ROUTES).format(a=rnd.choice(ACTORS[ev.a]), place=ev.place.name_ar,
                                     place2=rnd.choice(same_gov).name_ar)


def article_text(rnd: random.Random, events: list[Event], places: Sequence[Place] = (),
                 bases: Sequence[Place] = ()) -> str:
    """One article reporting ``events`` (the first is the headline)."""
    published = max(e.day for e in events) + dt.timedelta(days=rnd.randint(0, 3))
    head = events[0]
    lines = [f"{rnd.choice(ACTORS[head.a])} في {head.place.name_ar}: تفاصيل جديدة", ""]
    if rnd.random() < 0.6:
        lines += [f"{published:%Y.%m.%d} | {rnd.randint(0, 23):02d}:{rnd.randint(0, 59):02d} "
                  "دمشق", ""]
    outlet = rnd.choice(OUTLETS)
    if outlet:
        lines += [outlet, ""]
    for ev in events:
        lines += [_sentence(rnd, ev, published), ""]
        lines += [rnd.choice(BACKGROUND), ""]
        if places and rnd.random() < 0.3:
            lines += [_context(rnd, ev, list(places), list(bases)), ""]
    if rnd.random() < 0.4:
        lines += [rnd.choice(FURNITURE), ""]
    return "\n".join(lines).strip() + "\n"


def generate(n: int, *, seed: int = 0, start: dt.date = dt.date(2019, 1, 1),
             span_days: int = 1500) -> Iterator[tuple[str, str]]:
    """``(file name, text)`` for ``n`` articles, lazily; the same seed gives the same corpus."""
    rnd = random.Random(seed)
    places = syrian_places()
    bases = base_places()
    pool = [_event(rnd, places, start, span_days) for _ in range(max(1, n // 2))]
    for i in range(n):
        events = [rnd.choice(pool) for _ in range(rnd.choice((1, 1, 2, 3)))]
        text = article_text(rnd, list(dict.fromkeys(events)), places, bases)
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        yield f"{i:06d}_{digest}.txt", text


def write_corpus(folder: str | Path, n: int, *, seed: int = 0) -> tuple[Path, int]:
    """Write ``n`` articles into ``folder``; returns the folder and the bytes written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for name, text in generate(n, seed=seed):
        data = text.encode("utf-8")
        (folder / name).write_bytes(data)
        total += len(data)
    return folder, total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    folder, size = write_corpus(args.out, args.n, seed=args.seed)
    print(f"{args.n} articles, {size / 1e6:.1f} MB -> {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
