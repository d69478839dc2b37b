"""Sample text and small helpers shared by the tests of geo.read."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

SEEDS = Path(__file__).resolve().parents[3] / "seeds"
PLUS3 = dt.timezone(dt.timedelta(hours=3))

# Arabic with diacritics, tatweel, Arabic comma and digits: all of it encodable in cp1256.
SAMPLE = ("قصف مدفعي على ريف القامشلي\n\n"
          "قالت مصادر محلية إنّ قصفاً مدفعياً استهدف قرية «ملوك سراي» جنوبي القامشلي، "
          "يوم الخميس 6 تشرين الأول 2022.\n\n"
          "وأضافت المصادر أن القصف أسفر عن إصابة 3 مدنيين بجروح متفاوتة")


def write(folder: Path, name: str, data: bytes | str) -> Path:
    """Write ``data`` (str as UTF-8) to ``folder/name``; return the path."""
    path = folder / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def article_text(*paragraphs: str) -> str:
    """Paragraphs separated by blank lines, as an article file has them."""
    return "\n\n".join(paragraphs)


HEADLINE = "طائرة مسيرة تستهدف سيارة قرب القامشلي"
PARA = "استهدفت طائرة مسيرة سيارة عسكرية على الطريق الواصل بين القامشلي والحسكة صباح اليوم."
PARA2 = "ولم تعلن أي جهة مسؤوليتها عن الاستهداف حتى ساعة إعداد هذا الخبر في المنطقة."
