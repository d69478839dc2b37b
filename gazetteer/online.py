"""Optional online fallback: Nominatim (OpenStreetMap) through geopy, off unless switched on.

Switch it on with ``GAZETTEER_ONLINE=1`` and name your application in
``GAZETTEER_USER_AGENT`` (Nominatim's usage policy requires an identifying
user agent). Requests are spaced by geopy's :class:`~geopy.extra.rate_limiter.RateLimiter`
(1 per second by default) and answers are cached on disk, so a repeated query
makes no request. Only the query, the search options and the user agent are
sent: no e-mail, no cookies (the transport keeps none). The timeout bounds the
whole request, however slowly the server sends, and redirects are followed only
on the configured host (:mod:`gazetteer.fetch`).

Every failure (timeout, HTTP error, refused connection or redirect, malformed
reply) becomes :class:`gazetteer.errors.GeocoderUnavailable` with a one-line
message; callers keep their offline answer.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import ssl
import tempfile
import unicodedata
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from geopy.adapters import AdapterHTTPError, BaseSyncAdapter
from geopy.exc import ConfigurationError as GeopyConfigurationError
from geopy.exc import GeocoderParseError, GeocoderServiceError, GeocoderTimedOut, GeopyError
from geopy.exc import GeocoderUnavailable as GeopyUnavailable
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from . import fetch
from . import home as _home
from .errors import ConfigurationError, GeocoderUnavailable
from .geonames import is_arabic_script
from .model import Place

logger = logging.getLogger(__name__)

ONLINE_ENV = "GAZETTEER_ONLINE"
USER_AGENT_ENV = "GAZETTEER_USER_AGENT"
#: Optional base address of another Nominatim server, e.g. ``http://127.0.0.1:8080``.
URL_ENV = "GAZETTEER_ONLINE_URL"
DEFAULT_URL = "https://nominatim.openstreetmap.org"
_TRUE = ("1", "true", "yes")
MAX_QUERY = 500
MAX_LIMIT = 40  # Nominatim's own ceiling
CACHE_VERSION = 1

#: Nominatim (class, type) -> kind; a class alone is keyed with type "*".
OSM_KINDS: dict[tuple[str, str], str] = {
    ("place", "city"): "city",
    ("place", "town"): "town",
    ("place", "village"): "village",
    ("place", "hamlet"): "village",
    ("place", "isolated_dwelling"): "village",
    ("place", "farm"): "village",
    ("place", "suburb"): "neighbourhood",
    ("place", "quarter"): "neighbourhood",
    ("place", "neighbourhood"): "neighbourhood",
    ("place", "country"): "country",
    ("place", "state"): "region",
    ("place", "province"): "region",
    ("place", "region"): "region",
    ("place", "county"): "region",
    ("place", "district"): "region",
    ("boundary", "*"): "region",
    ("aeroway", "aerodrome"): "airport",
    ("aeroway", "airport"): "airport",
    ("military", "*"): "base",
    ("landuse", "military"): "base",
    ("waterway", "dam"): "dam",
    ("man_made", "dam"): "dam",
    ("man_made", "bridge"): "bridge",
    ("barrier", "border_control"): "border_crossing",
}


def online_enabled() -> bool:
    """True when ``$GAZETTEER_ONLINE`` is 1, true or yes (any case); off by default."""
    return os.environ.get(ONLINE_ENV, "").strip().lower() in _TRUE


def geocoder_from_env() -> OnlineGeocoder | None:
    """The online geocoder configured from the environment, or None when switched off.

    Raises
    ------
    ConfigurationError
        (a ``ValueError``) if online use is on but ``$GAZETTEER_USER_AGENT`` is not set.
    """
    if not online_enabled():
        return None
    agent = os.environ.get(USER_AGENT_ENV, "").strip()
    if not agent:
        raise ConfigurationError(
            f"{ONLINE_ENV} is on but {USER_AGENT_ENV} is not set: Nominatim requires a user "
            f"agent naming your application and a contact, e.g. "
            f"{USER_AGENT_ENV}='nes-osint-map/0.1 (you@example.org)'; or unset {ONLINE_ENV}")
    scheme, domain = server_from_env()
    return OnlineGeocoder(user_agent=agent, cache_dir=_home.cache_dir(), scheme=scheme,
                          domain=domain)


def server_from_env() -> tuple[str, str]:
    """``(scheme, domain)`` of ``$GAZETTEER_ONLINE_URL``, else of OSM's public Nominatim.

    Raises
    ------
    ConfigurationError
        If the address is not an http(s) URL with a host (and no query or fragment).
    """
    url = os.environ.get(URL_ENV, "").strip() or DEFAULT_URL
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query \
            or parts.fragment or "@" in parts.netloc:
        raise ConfigurationError(f"{URL_ENV}={url!r} is not a server address; give one such as "
                                 f"'https://nominatim.example.org' or 'http://127.0.0.1:8080'")
    return parts.scheme, parts.netloc + parts.path.rstrip("/")


class BoundedAdapter(BaseSyncAdapter):
    """geopy's HTTP adapter over :func:`gazetteer.fetch.get`.

    geopy's own adapters (requests, urllib) apply the timeout to each socket read and
    follow redirects anywhere; this one bounds the whole request by the timeout, follows
    redirects only on the configured host, keeps no cookies and never retries. Every
    failure becomes a one-line geopy error, which :class:`OnlineGeocoder` turns into
    :class:`~gazetteer.errors.GeocoderUnavailable`.
    """

    def __init__(self, *, proxies: dict[str, str] | None,
                 ssl_context: ssl.SSLContext | None) -> None:
        super().__init__(proxies=proxies, ssl_context=ssl_context)
        self.proxies = proxies
        self.ssl_context = ssl_context

    def get_json(self, url: str, *, timeout: float, headers: dict[str, str]) -> object:
        text = self.get_text(url, timeout=timeout, headers=headers)
        try:
            return json.loads(text)
        except ValueError:
            raise GeocoderParseError(f"the reply is not JSON: {one_line(text, 80)!r}") from None

    def get_text(self, url: str, *, timeout: float, headers: dict[str, str]) -> str:
        try:
            reply = fetch.get(url, timeout=timeout, headers=headers,
                              ssl_context=self.ssl_context, proxies=self.proxies)
        except fetch.DeadlineExceeded as exc:
            raise GeocoderTimedOut(str(exc)) from None
        except fetch.RedirectRefused as exc:
            raise GeocoderServiceError(str(exc)) from None
        except fetch.FetchError as exc:
            raise GeopyUnavailable(str(exc)) from None
        text = reply.text()
        if not 200 <= reply.status < 300:
            raise AdapterHTTPError(f"the server answered HTTP {reply.status}",
                                   status_code=reply.status, headers=dict(reply.headers),
                                   text=text)
        return text


def one_line(text: str, limit: int = 300) -> str:
    """``text`` with every run of white space (line breaks too) made one space, cut to ``limit``.

    >>> one_line("Could not deserialize:\\n<html>\\n  maintenance</html>")
    'Could not deserialize: <html> maintenance</html>'
    """
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


class OnlineGeocoder:
    """Nominatim search with a rate limit, an on-disk cache, and answers as :class:`Place`.

    Parameters
    ----------
    user_agent
        Identifies your application to the service (required by its usage policy).
    domain, scheme
        Where the Nominatim API is, e.g. ``"127.0.0.1:8080"`` and ``"http"`` for a local one.
    timeout
        Seconds to wait for an answer.
    min_delay_seconds
        Least time between the starts of two requests of this instance.
    cache_dir
        Folder for cached answers (one JSON file per query); no cache when None.
    country_codes
        ISO codes the search is limited to (Nominatim's ``countrycodes``); none for worldwide.
    language
        Preferred languages of the answer's names (Nominatim's ``accept-language``).
    """

    def __init__(self, *, user_agent: str, domain: str = "nominatim.openstreetmap.org",
                 scheme: str = "https", timeout: float = 5.0, min_delay_seconds: float = 1.0,
                 cache_dir: Path | None = None, country_codes: tuple[str, ...] = ("sy",),
                 language: str = "ar,en") -> None:
        if not isinstance(user_agent, str) or not user_agent.strip():
            raise ConfigurationError(f"a user agent naming your application is required "
                                     f"(set {USER_AGENT_ENV})")
        if min_delay_seconds < 0 or timeout <= 0:
            raise ValueError("timeout must be > 0 and min_delay_seconds >= 0")
        self.domain = domain
        self.scheme = scheme
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self.country_codes = tuple(c.strip().lower() for c in country_codes if c.strip())
        self.language = language
        try:
            self._nominatim = Nominatim(user_agent=user_agent.strip(), domain=domain,
                                        scheme=scheme, timeout=timeout,
                                        adapter_factory=BoundedAdapter)
        except GeopyConfigurationError as exc:
            raise ConfigurationError(f"{exc} (set {USER_AGENT_ENV})") from exc
        self._search = RateLimiter(self._nominatim.geocode, min_delay_seconds=min_delay_seconds,
                                   max_retries=0, swallow_exceptions=False)

    def geocode(self, query: str, *, limit: int = 5) -> list[Place]:
        """Places Nominatim finds for ``query``, best first (``[]`` if none).

        Raises
        ------
        TypeError, ValueError
            For a query that is not a non-empty string of at most 500 characters,
            or a limit outside 1..40.
        GeocoderUnavailable
            If the service times out, answers with an HTTP error, or sends a reply
            that is not Nominatim's JSON with coordinates.
        """
        q = _normalise_query(query)
        if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
            raise ValueError(f"limit must be a whole number in 1..{MAX_LIMIT}, not {limit!r}")
        params = self._params(q, limit)
        cached = self._read_cache(params)
        if cached is not None:
            return cached
        raw = self._fetch(q, limit)
        fetched = datetime.now(UTC).date().isoformat()
        places = [_to_place(item, fetched) for item in raw]
        self._write_cache(params, raw, fetched)
        return places

    def _params(self, q: str, limit: int) -> dict:
        return {"q": q, "limit": limit, "countrycodes": ",".join(self.country_codes),
                "accept-language": self.language, "server": f"{self.scheme}://{self.domain}"}

    def _fetch(self, q: str, limit: int) -> list:
        where = f"{self.scheme}://{self.domain}"
        try:
            found = self._search(q, exactly_one=False, limit=limit, addressdetails=True,
                                 namedetails=True, language=self.language or False,
                                 country_codes=list(self.country_codes) or None)
        except GeopyError as exc:
            raise GeocoderUnavailable(one_line(
                f"online geocoder at {where} failed: {type(exc).__name__}: {exc}")) from exc
        except (AttributeError, KeyError, TypeError, ValueError) as exc:  # geopy parsing odd JSON
            raise GeocoderUnavailable(one_line(f"online geocoder at {where} sent a malformed "
                                               f"reply: {type(exc).__name__}: {exc}")) from exc
        return [location.raw for location in found or []]

    # --- cache ---------------------------------------------------------------------------

    def _cache_path(self, params: dict) -> Path | None:
        if self.cache_dir is None:
            return None
        digest = hashlib.sha1(json.dumps(params, sort_keys=True, ensure_ascii=False)
                              .encode("utf-8")).hexdigest()
        return self.cache_dir / f"nominatim-{digest}.json"

    def _read_cache(self, params: dict) -> list[Place] | None:
        path = self._cache_path(params)
        if path is None or not path.is_file():
            return None
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
            if entry.get("version") != CACHE_VERSION or entry.get("params") != params:
                return None
            return [_to_place(item, entry["fetched"]) for item in entry["results"]]
        except (OSError, ValueError, KeyError, TypeError, AttributeError,
                GeocoderUnavailable) as exc:
            logger.warning("ignoring unreadable cache entry %s: %s", path, exc)
            return None

    def _write_cache(self, params: dict, raw: list, fetched: str) -> None:
        path = self._cache_path(params)
        if path is None:
            return
        entry = {"version": CACHE_VERSION, "params": params, "fetched": fetched, "results": raw}
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(entry, handle, ensure_ascii=False)
                os.replace(tmp, path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError as exc:  # a cache that cannot be written must not lose the answer
            logger.warning("cannot write cache entry %s: %s", path, exc)


def _normalise_query(query: str) -> str:
    if not isinstance(query, str):
        raise TypeError(f"query must be a str, not {type(query).__name__}")
    q = " ".join(unicodedata.normalize("NFC", query).split())
    if not q:
        raise ValueError("query is empty")
    if len(q) > MAX_QUERY:
        raise ValueError(f"query is longer than {MAX_QUERY} characters")
    return q


# --- answers -> places ---------------------------------------------------------------------

def _to_place(raw: object, fetched: str) -> Place:
    """One Nominatim search result as a place; a result without coordinates raises."""
    if not isinstance(raw, dict):
        raise GeocoderUnavailable(f"malformed Nominatim result: {raw!r:.80}")
    lat, lon = _coordinate(raw.get("lat"), 90.0), _coordinate(raw.get("lon"), 180.0)
    if lat is None or lon is None:
        raise GeocoderUnavailable(
            f"Nominatim result without a usable lat/lon: {raw.get('display_name', raw)!r:.80}")
    name_ar, name_en, alt = _names(raw)
    address = raw.get("address") if isinstance(raw.get("address"), dict) else {}
    return Place(
        id=_osm_id(raw),
        name_ar=name_ar,
        name_en=name_en,
        kind=osm_kind(str(raw.get("class") or raw.get("category") or ""), str(raw.get("type", ""))),
        lat=lat,
        lon=lon,
        governorate="",
        alt_names=alt,
        in_area=str(address.get("country_code", "")).lower() == "sy",
        source=f"Nominatim/OSM (online, {fetched})",
    )


def osm_kind(osm_class: str, osm_type: str) -> str:
    """The gazetteer kind of a Nominatim ``class``/``type``; 'village' when unknown.

    >>> osm_kind("aeroway", "aerodrome")
    'airport'
    >>> osm_kind("boundary", "administrative")
    'region'
    """
    return OSM_KINDS.get((osm_class, osm_type)) or OSM_KINDS.get((osm_class, "*"), "village")


def _coordinate(value: object, limit: float) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if -limit <= number <= limit else None


def _osm_id(raw: dict) -> str:
    osm_type, osm_id = raw.get("osm_type"), raw.get("osm_id")
    if osm_type and osm_id is not None:
        return f"osm:{osm_type}:{osm_id}"
    if raw.get("place_id") is not None:
        return f"osm:place:{raw['place_id']}"
    raise GeocoderUnavailable("Nominatim result without osm_type/osm_id or place_id")


#: namedetails keys that hold names (not codes such as ``iata`` or ``ref``).
_NAME_KEYS = ("name:", "alt_name", "old_name", "official_name", "short_name", "int_name",
              "loc_name", "reg_name")


def _names(raw: dict) -> tuple[str, str, tuple[str, ...]]:
    details = raw.get("namedetails") if isinstance(raw.get("namedetails"), dict) else {}
    names = [" ".join(str(v).replace("|", " ").split())
             for k, v in details.items() if k == "name" or k.startswith(_NAME_KEYS)]
    names = [part.strip() for n in names for part in n.split(";") if part.strip()]
    first = str(raw.get("display_name") or "").split(",")[0].strip()
    name = str(details.get("name") or first)
    name_ar = str(details.get("name:ar") or "") or next(
        (n for n in (name, first, *names) if n and is_arabic_script(n)), "")
    name_en = str(details.get("name:en") or "") or next(
        (n for n in (name, first, *names) if n and not is_arabic_script(n)), "") or name_ar
    seen = {name_ar.casefold(), name_en.casefold()}
    alt: list[str] = []
    for n in (*names, first):
        if n and n.casefold() not in seen:
            seen.add(n.casefold())
            alt.append(n)
    return name_ar, name_en, tuple(alt)
