"""Names that only point at another place: a town faced across a border or a river.

Why a module: 'أرسل الجيش التركي تعزيزات إلى مدينة شانلي أورفا المواجهة لمدينة تل أبيض' sends
reinforcements to the Turkish side; Tal Abyad only says where that is. Such a name is read
when the article is (:mod:`.document`), before any event is placed, so it never becomes an
event's place, in its sentence or as a fallback.
"""

from __future__ import annotations

from .folding import rx

__all__ = ["facing"]


#: 'شانلي أورفا المواجهة لمدينة تل أبيض', 'قرية زور مغار المقابلة لمدينة جرابلس', 'قبالة بلدة
#: X': the town faced across a border or a river, a reference point for another place.
_FACING_RE = rx(r"(?<![^\W\d_])(?:ال)?(?:مواجه|مقابل)(?:ه)?\s+(?:ل|لل)(?:(?:مدينه|بلده|قريه)\s+)?$"
                r"|(?<![^\W\d_])قباله\s+(?:(?:مدينه|بلده|قريه)\s+)?$")


def facing(folded_before: str) -> bool:
    """Whether the folded text right before a place name makes it the place faced, only a
    reference for another ('مدينة شانلي أورفا المواجهة لمدينة تل أبيض')."""
    return bool(_FACING_RE.search(folded_before[-40:]))
