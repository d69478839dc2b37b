"""One HTTP GET under a deadline, kept to one host: the online geocoder's transport.

Why not requests or urllib: their timeout bounds each socket operation, not the
request, so a server trickling one byte every 2 s holds a 5 s timeout open for
minutes; and both follow redirects to any host. Here one deadline covers the whole
exchange (name lookup, connection, proxy tunnel, TLS handshake, request, headers,
body, and any redirect): before every socket operation the socket's timeout is set
to the time left, and CPython counts a TLS operation's timeout as a total, not per
read. Redirects are followed only to the origin (scheme, host, port) first asked;
elsewhere they raise :class:`RedirectRefused`. No cookies are kept.

Examples
--------
>>> origin("https://Nominatim.example.org/search?q=x")
('https', 'nominatim.example.org', 443)
>>> origin("http://127.0.0.1:8080/")
('http', '127.0.0.1', 8080)
"""

from __future__ import annotations

import base64
import http.client
import socket
import ssl
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import SplitResult, unquote, urljoin, urlsplit, urlunsplit
from urllib.request import getproxies, proxy_bypass

#: A reply longer than this is refused (a Nominatim answer of 40 places is under 1 MB).
MAX_REPLY_BYTES = 8 * 1024 * 1024
MAX_REDIRECTS = 5
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
DEFAULT_PORTS = {"http": 80, "https": 443}
_MAX_TUNNEL_REPLY = 16 * 1024


class FetchError(OSError):
    """The request failed: no connection, a broken reply, or a redirect that was refused."""


class DeadlineExceeded(FetchError, TimeoutError):
    """No complete reply before the deadline."""


class RedirectRefused(FetchError):
    """The server redirected to another origin than the one asked (or too many times)."""


@dataclass(frozen=True, slots=True)
class Reply:
    """A complete HTTP reply: status, headers (lower-case names), body, and the URL it came from."""

    status: int
    headers: Mapping[str, str]
    body: bytes
    url: str

    def text(self) -> str:
        """The body decoded with the charset the headers name (UTF-8 if none); never raises."""
        charset = "utf-8"
        for param in self.headers.get("content-type", "").split(";")[1:]:
            key, _, value = param.partition("=")
            if key.strip().lower() == "charset" and value.strip(' "'):
                charset = value.strip(' "')
        try:
            return self.body.decode(charset, errors="replace")
        except LookupError:
            return self.body.decode("utf-8", errors="replace")


def origin(url: str) -> tuple[str, str, int]:
    """``(scheme, host, port)`` of an http(s) URL, the unit redirects must stay within.

    Raises
    ------
    FetchError
        If ``url`` is not an http(s) URL with a host and a valid port.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        raise FetchError(f"bad port in {_origin_text(parts)}") from None
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        raise FetchError(f"not an http(s) address: {_origin_text(parts)}")
    return scheme, parts.hostname.lower(), port or DEFAULT_PORTS[scheme]


def get(url: str, *, timeout: float, headers: Mapping[str, str] | None = None,
        ssl_context: ssl.SSLContext | None = None, proxies: Mapping[str, str] | None = None,
        max_bytes: int = MAX_REPLY_BYTES, max_redirects: int = MAX_REDIRECTS) -> Reply:
    """GET ``url`` and return the whole reply within ``timeout`` seconds in all.

    Parameters
    ----------
    url
        An http(s) URL.
    timeout
        Seconds for everything, redirects included.
    headers
        Sent as given (``Host`` and ``Connection: close`` are added).
    ssl_context
        For https; a default verifying context when None. Its ``sslsocket_class`` is
        set to this module's deadline-keeping socket.
    proxies
        ``{"http": URL, "https": URL}`` of http:// proxies; the environment's
        (``https_proxy``, ``no_proxy`` ...) when None, none when empty.

    Raises
    ------
    DeadlineExceeded
        If the reply is not complete within ``timeout``.
    RedirectRefused
        If a redirect leads to another scheme, host or port, or there are too many.
    FetchError
        For any other failure (refused connection, TLS, broken or oversized reply).
    """
    deadline = time.monotonic() + timeout
    first = origin(url)
    for _ in range(max_redirects + 1):
        reply = _get_once(url, deadline, timeout, dict(headers or {}), ssl_context,
                          getproxies() if proxies is None else proxies, max_bytes)
        location = reply.headers.get("location", "").strip()
        if reply.status not in REDIRECT_STATUSES or not location:
            return reply
        target = urljoin(url, location)
        if _safe_origin(target) != first:
            raise RedirectRefused(
                f"redirected to another host ({_origin_text(urlsplit(target))}) than the one "
                f"configured ({_origin_text(urlsplit(url))}); not followed")
        url = target
    raise RedirectRefused(f"more than {max_redirects} redirects; not followed")


def _safe_origin(url: str) -> tuple[str, str, int] | None:
    try:
        return origin(url)
    except FetchError:
        return None


def _origin_text(parts: SplitResult) -> str:
    host = parts.netloc.rpartition("@")[2]  # never show credentials
    return f"{parts.scheme}://{host}" if parts.scheme else host or "?"


def _get_once(url: str, deadline: float, timeout: float, headers: dict[str, str],
              context: ssl.SSLContext | None, proxies: Mapping[str, str],
              max_bytes: int) -> Reply:
    parts = urlsplit(url)
    scheme, host, port = origin(url)
    headers["Host"] = parts.netloc.rpartition("@")[2]
    headers["Connection"] = "close"
    target = urlunsplit(("", "", parts.path or "/", parts.query, ""))
    try:
        proxy = _proxy_for(scheme, host, proxies)
        if proxy is None:
            sock = _connect(host, port, deadline)
        else:
            sock = _connect(proxy.hostname or "", proxy.port or 80, deadline)
            auth = _proxy_auth(proxy)
            if scheme == "https":
                _tunnel(sock, f"{host}:{port}", auth, deadline)
            else:
                target = urlunsplit((scheme, headers["Host"], parts.path or "/", parts.query, ""))
                headers.update({"Proxy-Authorization": auth} if auth else {})
        if scheme == "https":
            sock = _tls(sock, host, context, deadline)
        return _exchange(sock, host, port, target, headers, url, max_bytes)
    except DeadlineExceeded:
        raise
    except TimeoutError:
        raise DeadlineExceeded(f"no complete reply within {timeout:g} s") from None
    except FetchError:
        raise
    except ssl.SSLError as exc:
        raise FetchError(f"TLS failed: {exc.reason or exc}") from None
    except http.client.HTTPException as exc:
        raise FetchError(f"broken HTTP reply: {type(exc).__name__} {exc}".strip()) from None
    except OSError as exc:
        raise FetchError(exc.strerror or str(exc) or type(exc).__name__) from None


def _exchange(sock: socket.socket, host: str, port: int, target: str, headers: dict[str, str],
              url: str, max_bytes: int) -> Reply:
    conn = http.client.HTTPConnection(host, port)
    conn.sock = sock  # already connected (and tunnelled, and wrapped in TLS) under the deadline
    try:
        conn.request("GET", target, headers=headers)
        response = conn.getresponse()
        body = _read_body(response, max_bytes)
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, body, url)
    finally:
        conn.close()


def _read_body(response: http.client.HTTPResponse, max_bytes: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(64 * 1024):
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"reply larger than {max_bytes:,} bytes; refused")
        chunks.append(chunk)
    return b"".join(chunks)


# --- sockets that keep the deadline -----------------------------------------------------------

def _left(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError("deadline passed")
    return left


class _DeadlineMixin:
    """Sets the socket's timeout to the time left before each read or write."""

    deadline: float | None = None

    def _arm(self) -> None:
        if self.deadline is not None:
            self.settimeout(_left(self.deadline))  # type: ignore[attr-defined]

    def recv(self, bufsize: int, flags: int = 0) -> bytes:
        self._arm()
        return super().recv(bufsize, flags)  # type: ignore[misc]

    def recv_into(self, buffer: memoryview | bytearray, nbytes: int | None = None,
                  flags: int = 0) -> int:
        self._arm()
        if nbytes is None:  # each class has its own default: let it apply
            return super().recv_into(buffer, flags=flags)  # type: ignore[misc]
        return super().recv_into(buffer, nbytes, flags)  # type: ignore[misc]

    def send(self, data: bytes, flags: int = 0) -> int:
        self._arm()
        return super().send(data, flags)  # type: ignore[misc]

    def sendall(self, data: bytes, flags: int = 0) -> None:
        self._arm()
        super().sendall(data, flags)  # type: ignore[misc]


class _DeadlineSocket(_DeadlineMixin, socket.socket):
    """A plain TCP socket that keeps the deadline."""


class _DeadlineSSLSocket(_DeadlineMixin, ssl.SSLSocket):
    """A TLS socket that keeps the deadline (made through ``SSLContext.sslsocket_class``)."""


def _resolve(host: str, port: int, deadline: float) -> list[tuple]:
    """``getaddrinfo`` under the deadline: the system resolver has no timeout of its own,
    so it runs in a daemon thread that is abandoned if it is late."""
    found: dict[str, object] = {}

    def run() -> None:
        try:
            found["ok"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            found["error"] = exc

    worker = threading.Thread(target=run, name="gazetteer-resolve", daemon=True)
    worker.start()
    worker.join(_left(deadline))
    if worker.is_alive():
        raise TimeoutError("name lookup too slow")
    if "error" in found:
        exc = found["error"]
        raise FetchError(f"cannot find {host}: {getattr(exc, 'strerror', None) or exc}")
    return found["ok"]  # type: ignore[return-value]


def _connect(host: str, port: int, deadline: float) -> _DeadlineSocket:
    last: OSError | None = None
    for family, kind, proto, _, address in _resolve(host, port, deadline):
        sock = _DeadlineSocket(family, kind, proto)
        try:
            sock.settimeout(_left(deadline))
            sock.connect(address)
        except OSError as exc:
            sock.close()
            if isinstance(exc, TimeoutError):
                raise
            last = exc
            continue
        sock.deadline = deadline
        return sock
    raise last or FetchError(f"no address for {host}")


def _tls(sock: _DeadlineSocket, host: str, context: ssl.SSLContext | None,
         deadline: float) -> _DeadlineSSLSocket:
    context = context or ssl.create_default_context()
    context.sslsocket_class = _DeadlineSSLSocket
    sock.settimeout(_left(deadline))  # the handshake counts it as a total
    tls = context.wrap_socket(sock, server_hostname=host)
    tls.deadline = deadline
    return tls  # type: ignore[return-value]


# --- proxies ------------------------------------------------------------------------------------

def _proxy_for(scheme: str, host: str, proxies: Mapping[str, str]) -> SplitResult | None:
    url = proxies.get(scheme) or proxies.get("all")
    if not url or proxy_bypass(host):
        return None
    parts = urlsplit(url if "://" in url else f"http://{url}")
    if parts.scheme != "http" or not parts.hostname:
        raise FetchError(f"only http:// proxies are supported, not {_origin_text(parts)}")
    return parts


def _proxy_auth(proxy: SplitResult) -> str:
    if proxy.username is None:
        return ""
    pair = f"{unquote(proxy.username)}:{unquote(proxy.password or '')}"
    return "Basic " + base64.b64encode(pair.encode("utf-8")).decode("ascii")


def _tunnel(sock: _DeadlineSocket, authority: str, auth: str, deadline: float) -> None:
    """Ask an http proxy for a tunnel (CONNECT) and read its answer byte by byte, so that
    not one byte of the TLS stream that follows is consumed."""
    lines = [f"CONNECT {authority} HTTP/1.1", f"Host: {authority}"]
    if auth:
        lines.append(f"Proxy-Authorization: {auth}")
    sock.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))
    head = bytearray()
    while not head.endswith(b"\r\n\r\n"):
        byte = sock.recv(1)
        if not byte or len(head) > _MAX_TUNNEL_REPLY:
            raise FetchError("the proxy closed or garbled the tunnel")
        head += byte
    status_line = head.split(b"\r\n", 1)[0].decode("latin-1", errors="replace")
    status = status_line.split(" ", 2)
    if len(status) < 2 or not status[1].startswith("2"):
        raise FetchError(f"the proxy refused the tunnel: {status_line}")
