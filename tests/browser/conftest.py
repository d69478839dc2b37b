"""Shared fixtures for browser tests: a real `streamlit run` server and Debian's Chromium.

Chromium is /usr/bin/chromium (Debian's package), driven by Python Playwright; Playwright's
own browser download is never used. Without it the tests skip, unless REQUIRE_BROWSER=1,
when they fail. Every request to a host other than 127.0.0.1/localhost is blocked and
recorded, so a test can assert the page needed no internet.

    def test_something(streamlit_server, browser_page, tmp_path):
        url = streamlit_server(app_path)             # extra args go to `streamlit run`
        browser_page.page.goto(url)
        ...
        assert browser_page.external_requests == []
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

PROJECT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
SERVER_START_TIMEOUT = 90.0


def _require_browser() -> bool:
    return os.environ.get("REQUIRE_BROWSER", "") not in ("", "0", "false", "no")


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    reason = (f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)"
              " to run the browser tests")
    if _require_browser():
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser(chromium_path):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as exc:  # pragma: no cover - playwright is a dev dependency
        if _require_browser():
            pytest.fail(f"REQUIRE_BROWSER=1 but playwright is not installed: {exc}")
        pytest.skip(f"playwright is not installed: {exc}")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class BrowserPage:
    """A Playwright page plus what it tried to fetch from outside and what failed."""

    page: object
    external_requests: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


def open_browser_page(browser, **context_args) -> tuple[BrowserPage, object]:
    """A page in a new browser context (its own cookies and storage: its own Streamlit
    session), with requests leaving 127.0.0.1 blocked and recorded, responses >= 400,
    page errors and dialogs recorded. Returns the page's handle and the context, which
    the caller closes."""
    options = {"viewport": {"width": 1280, "height": 900}, "locale": "en-GB",
               "service_workers": "block", **context_args}
    context = browser.new_context(**options)
    page = context.new_page()
    handle = BrowserPage(page)

    def route(route):
        url = route.request.url
        host = urlsplit(url).hostname or ""
        if url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            handle.external_requests.append(url)
            route.abort()

    def on_response(response):
        if response.status >= 400:
            handle.failed_responses.append(f"{response.status} {response.url}")

    def on_dialog(dialog):
        handle.dialogs.append(dialog.message)
        dialog.dismiss()

    context.route("**/*", route)
    page.on("response", on_response)
    page.on("pageerror", lambda exc: handle.page_errors.append(str(exc)))
    page.on("dialog", on_dialog)
    return handle, context


@pytest.fixture
def browser_page(browser) -> Iterator[BrowserPage]:
    handle, context = open_browser_page(browser)
    yield handle
    context.close()


@pytest.fixture
def browser_pages(browser) -> Iterator[Callable[[int], list[BrowserPage]]]:
    """Factory: ``browser_pages(n)`` -> n pages, each in its own browser context (so each
    is its own Streamlit session), set up like :func:`browser_page`."""
    contexts = []

    def make(n: int) -> list[BrowserPage]:
        handles = []
        for _ in range(n):
            handle, context = open_browser_page(browser)
            contexts.append(context)
            handles.append(handle)
        return handles

    yield make
    for context in contexts:
        context.close()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"streamlit exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.25)
    raise RuntimeError(f"streamlit did not start in {SERVER_START_TIMEOUT:.0f} s:\n"
                       f"{log.read_text()[-3000:]}")


def _base_path(args: tuple[str, ...]) -> str:
    """'/x' when the args set server.baseUrlPath to x, else ''."""
    for i, arg in enumerate(args):
        if arg.startswith("--server.baseUrlPath="):
            value = arg.split("=", 1)[1]
        elif arg == "--server.baseUrlPath" and i + 1 < len(args):
            value = args[i + 1]
        else:
            continue
        return "/" + value.strip("/") if value.strip("/") else ""
    return ""


class StreamlitServers:
    """Starts ``streamlit run`` servers (logs in ``log_dir``) and stops them all."""

    def __init__(self, log_dir: Path) -> None:
        self.log_dir = log_dir
        self.procs: list[subprocess.Popen] = []

    def start(self, app_path: Path | str, *args: str, env: dict[str, str] | None = None) -> str:
        port = _free_port()
        log = self.log_dir / f"streamlit-{port}.log"
        env = {**os.environ, **(env or {}), "PYTHONPATH": os.pathsep.join(
            [str(PROJECT), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep),
            "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
        cmd = [sys.executable, "-m", "streamlit", "run", str(app_path),
               "--server.address=127.0.0.1", f"--server.port={port}",
               "--server.headless=true", "--server.enableStaticServing=true",
               "--browser.gatherUsageStats=false", "--server.fileWatcherType=none",
               "--global.developmentMode=false", *args]
        with log.open("wb") as out:
            proc = subprocess.Popen(cmd, cwd=PROJECT, env=env, stdout=out,
                                    stderr=subprocess.STDOUT, start_new_session=True)
        self.procs.append(proc)
        url = f"http://127.0.0.1:{port}{_base_path(args)}"
        _wait_healthy(url, proc, log)
        return url

    def stop(self) -> None:
        for proc in self.procs:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)
        self.procs.clear()


@pytest.fixture
def streamlit_server(tmp_path) -> Iterator[Callable[..., str]]:
    """Factory: ``streamlit_server(app_path, *args, env=None) -> url`` of a running server
    (with the ``server.baseUrlPath`` if ``args`` set one).

    The server listens on 127.0.0.1 on a free port, headless, no usage statistics, static
    serving on (``static/`` next to the app). It runs from the project root with the
    project on PYTHONPATH and this process's environment (plus ``env``), and is stopped
    when the test ends. Extra ``args`` are passed to ``streamlit run`` (e.g.
    ``"--server.baseUrlPath=x"``; after ``"--"``, the app's own arguments).
    """
    servers = StreamlitServers(tmp_path)
    yield servers.start
    servers.stop()


@pytest.fixture(scope="module")
def module_streamlit_server(tmp_path_factory) -> Iterator[Callable[..., str]]:
    """:func:`streamlit_server` for a whole test module: start a server once for tests
    that only read from it."""
    servers = StreamlitServers(tmp_path_factory.mktemp("streamlit"))
    yield servers.start
    servers.stop()


@pytest.fixture(scope="module")
def seeds():
    """The seeds as the dashboard reads them (the pipeline's run, cached per module)."""
    from geo.app.dashboard_data import run_folders
    from tests.browser.paths import SEEDS

    return run_folders([SEEDS])


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    """A data folder of the test's own (uploads, review store)."""
    monkeypatch.setenv("NES_OSINT_DATA", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def dashboard(streamlit_server, data_dir) -> str:
    """The dashboard on the seeds, served with the map's assets installed (as `make` does
    at set-up) and the test's own data folder."""
    from geo.app.assets import install_assets
    from tests.browser.paths import PROJECT

    install_assets()
    return streamlit_server(PROJECT / "dashboard.py")
