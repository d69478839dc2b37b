"""The map's text, packed: deflated UTF-8 JSON in base64, unpacked by the page itself.

Why: ``st_folium`` sends the map to the browser as a component argument, JSON with
``ensure_ascii``, where every Arabic letter becomes six bytes (``\\u0627``) and every
quote in the embedded data two. The popup text of 10,000 incidents (escaped HTML
fragments with their Arabic evidence) was 5 MB of UTF-8 and 10 MB as sent. Packed, the
same text is plain ASCII (base64 is never escaped) and compressed (Arabic UTF-8, two
bytes a letter with one of a few lead bytes, deflates well): a few hundred KB.

``osint-map.js`` unpacks it with the browser's ``DecompressionStream("deflate")``, in
the background: markers are drawn at once from the plain rows, popups and tooltips read
the text once it is there (a popup opened sooner says "Loading…" and fills itself in).
Small layers are not packed (their text is cheap as it is, and readable in the page).

>>> packed = pack_json(["<b>قصف</b>", "x"])
>>> packed.isascii(), unpack_json(packed)
(True, ['<b>قصف</b>', 'x'])
"""

from __future__ import annotations

import base64
import json
import zlib
from typing import Any

__all__ = ["PACK_LEVEL", "pack_json", "unpack_json"]

#: zlib level. On the text of 10,000 popups (5 MB, their evidence news sentences), 4
#: deflates to 0.19 of its size where 1 gives 0.24 (0.3 MB less to send) for about 15 ms
#: more (43 against 28 ms of CPU); 6 saves 0.2 MB more for 90 ms more, and the
#: filter-to-map time (200 ms at 10,000 incidents) is the tighter budget.
PACK_LEVEL = 4


def pack_json(value: Any) -> str:
    """``value`` as compact UTF-8 JSON, deflated (zlib format) and base64-encoded."""
    data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return base64.b64encode(zlib.compress(data, PACK_LEVEL)).decode("ascii")


def unpack_json(text: str) -> Any:
    """The inverse of :func:`pack_json` (what the page does; for tests and tools)."""
    return json.loads(zlib.decompress(base64.b64decode(text)).decode("utf-8"))
