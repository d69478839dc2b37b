"""The online geocoder's transport: one deadline over the whole request, redirects kept on one host.

Real servers on 127.0.0.1 (http.server in a thread; TLS with a throw-away certificate
made by the openssl command line), real sockets; nothing leaves the machine.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from gazetteer import fetch
from gazetteer.fetch import DeadlineExceeded, FetchError, RedirectRefused

STEP = 0.2  # seconds between two trickled bytes
TIMEOUT = 1.0


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"

    def do_GET(self):  # noqa: N802 (http.server's naming)
        srv = self.server
        with srv.lock:
            srv.seen.append({"path": self.path, "headers": dict(self.headers.items())})
        try:
            getattr(self, "_" + srv.mode.replace("-", "_"))()
        except OSError:
            pass  # the client hung up, as it should when its deadline passes

    def do_CONNECT(self):  # noqa: N802
        with self.server.lock:
            self.server.seen.append({"path": self.path, "method": "CONNECT"})
        self.send_response(403, "Forbidden")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _ok(self):
        self._send(200, b'{"ok": true}')

    def _trickle_status_line(self):
        self._trickle(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n[]")

    def _trickle_headers(self):
        self.wfile.write(b"HTTP/1.1 200 OK\r\n")
        self._trickle(b"X-Slow: " + b"a" * 40 + b"\r\nContent-Length: 2\r\n\r\n[]")

    def _trickle_body(self):
        body = b"[" + b" " * 60 + b"]"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self._trickle(body)

    def _trickle_chunked(self):
        self.send_response(200)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        self._trickle(b"".join(b"1\r\n \r\n" for _ in range(30)) + b"0\r\n\r\n")

    def _redirect_same(self):
        if self.path.startswith("/moved"):
            self._ok()
        else:
            self._send(302, b"", location="/moved" + self.path)

    def _redirect_other(self):
        self._send(302, b"", location=f"http://{self.server.elsewhere}/search?q=leak")

    def _redirect_https(self):
        host, port = self.server.server_address
        self._send(301, b"", location=f"https://{host}:{port}/search")

    def _redirect_loop(self):
        self._send(302, b"", location="/again")

    def _huge(self):
        self._send(200, b" " * 5000)

    def _trickle(self, data: bytes) -> None:
        for i in range(len(data)):
            self.wfile.write(data[i:i + 1])
            self.wfile.flush()
            time.sleep(STEP)

    def _send(self, status, body, location=None):
        self.send_response(status)
        if location:
            self.send_header("Location", location)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, mode: str = "ok", context: ssl.SSLContext | None = None):
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.seen: list[dict] = []
        self.mode = mode
        self.elsewhere = ""
        if context is not None:
            self.socket = context.wrap_socket(self.socket, server_side=True)

    @property
    def url(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"


def _serve(srv: _Server) -> Iterator[_Server]:
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield srv
    finally:
        srv.shutdown()
        srv.server_close()
        thread.join(5)


@pytest.fixture
def server() -> Iterator[_Server]:
    yield from _serve(_Server())


@pytest.fixture
def other() -> Iterator[_Server]:
    yield from _serve(_Server())


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch):
    for var in ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "HTTP_PROXY",
                "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(var, raising=False)


def _get(url: str, **kw) -> fetch.Reply:
    kw.setdefault("timeout", TIMEOUT)
    return fetch.get(url, headers={"User-Agent": "tests"}, **kw)


def test_plain_reply(server):
    reply = _get(f"http://{server.url}/search?q=x")
    assert (reply.status, reply.body, reply.text()) == (200, b'{"ok": true}', '{"ok": true}')
    (req,) = server.seen
    assert req["path"] == "/search?q=x"
    assert req["headers"]["Host"] == server.url and req["headers"]["User-Agent"] == "tests"


@pytest.mark.parametrize("mode", ["trickle-status-line", "trickle-headers", "trickle-body",
                                  "trickle-chunked"])
def test_trickled_reply_fails_at_the_deadline(server, mode):
    server.mode = mode  # one byte every 0.2 s: each read is quick, the whole takes 10 s or more
    start = time.monotonic()
    with pytest.raises(DeadlineExceeded, match=r"no complete reply within 1 s") as info:
        _get(f"http://{server.url}/search")
    elapsed = time.monotonic() - start
    assert TIMEOUT - 0.05 <= elapsed < TIMEOUT + 0.5, elapsed
    assert isinstance(info.value, TimeoutError)


def test_silent_server_fails_at_the_deadline():
    with socket.socket() as listener:  # accepts the connection, never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        start = time.monotonic()
        with pytest.raises(DeadlineExceeded):
            _get(f"http://127.0.0.1:{listener.getsockname()[1]}/", timeout=0.5)
        assert time.monotonic() - start < 1.0


def test_same_host_redirect_is_followed(server):
    server.mode = "redirect-same"
    reply = _get(f"http://{server.url}/search?q=x")
    assert reply.status == 200 and reply.url == f"http://{server.url}/moved/search?q=x"
    assert [r["path"] for r in server.seen] == ["/search?q=x", "/moved/search?q=x"]


def test_redirect_to_another_host_is_refused(server, other):
    server.mode, server.elsewhere = "redirect-other", other.url
    with pytest.raises(RedirectRefused) as info:
        _get(f"http://{server.url}/search")
    message = str(info.value)
    assert "\n" not in message
    assert f"another host (http://{other.url})" in message and "not followed" in message
    assert other.seen == []  # the other host never heard from us


def test_redirect_to_another_scheme_is_refused(server):
    server.mode = "redirect-https"
    with pytest.raises(RedirectRefused, match="another host"):
        _get(f"http://{server.url}/search")
    assert len(server.seen) == 1


def test_redirect_loop_is_refused(server):
    server.mode = "redirect-loop"
    with pytest.raises(RedirectRefused, match="more than 5 redirects"):
        _get(f"http://{server.url}/search")
    assert len(server.seen) == 6


def test_oversized_reply_is_refused(server):
    server.mode = "huge"
    with pytest.raises(FetchError, match="larger than 1,000 bytes"):
        _get(f"http://{server.url}/", max_bytes=1000)


def test_refused_connection_is_a_fetch_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match="refused") as info:
        _get(f"http://127.0.0.1:{port}/")
    assert isinstance(info.value, OSError)


@pytest.mark.parametrize("url", ["ftp://example.org/", "http:///nohost", "http://x:99999/"])
def test_not_an_http_address(url):
    with pytest.raises(FetchError):
        _get(url)


def test_http_proxy_gets_the_absolute_address(server):
    reply = _get("http://nominatim.invalid/search?q=x", proxies={"http": f"http://{server.url}"})
    assert reply.status == 200
    (req,) = server.seen
    assert req["path"] == "http://nominatim.invalid/search?q=x"
    assert req["headers"]["Host"] == "nominatim.invalid"


def test_proxy_refusing_the_tunnel_is_one_line(server):
    with pytest.raises(FetchError, match=r"^the proxy refused the tunnel: HTTP/1\.1 403"):
        _get("https://nominatim.invalid/search", proxies={"https": f"http://{server.url}"})
    assert server.seen[0] == {"path": "nominatim.invalid:443", "method": "CONNECT"}


# --- TLS ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> Path:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("no openssl command line to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(folder / "key.pem"), "-out", str(folder / "cert.pem")],
                   check=True, capture_output=True, timeout=60)
    return folder


@pytest.fixture
def tls_server(certificate) -> Iterator[_Server]:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(certificate / "cert.pem", certificate / "key.pem")
    yield from _serve(_Server(context=context))


@pytest.fixture
def client_context(certificate) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=str(certificate / "cert.pem"))


def test_tls_reply(tls_server, client_context):
    reply = _get(f"https://{tls_server.url}/search", ssl_context=client_context)
    assert reply.status == 200 and reply.body == b'{"ok": true}'


def test_tls_trickled_body_fails_at_the_deadline(tls_server, client_context):
    tls_server.mode = "trickle-body"
    start = time.monotonic()
    with pytest.raises(DeadlineExceeded):
        _get(f"https://{tls_server.url}/search", ssl_context=client_context)
    assert time.monotonic() - start < TIMEOUT + 0.5


def test_tls_silent_handshake_fails_at_the_deadline(client_context):
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        start = time.monotonic()
        with pytest.raises(DeadlineExceeded):
            _get(f"https://127.0.0.1:{listener.getsockname()[1]}/", timeout=0.5,
                 ssl_context=client_context)
        assert time.monotonic() - start < 1.0


def test_tls_unknown_certificate_is_a_fetch_error(tls_server):
    with pytest.raises(FetchError, match="TLS failed: CERTIFICATE_VERIFY_FAILED"):
        _get(f"https://{tls_server.url}/search")
