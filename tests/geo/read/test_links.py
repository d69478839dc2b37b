"""Links and special files in a corpus folder (issue 10, item 8).

A link that leaves the corpus is refused, one that stays in it is read once; dangling
links, loops, named pipes, sockets and folders named like articles are reported by
name with their reason, never dropped without a word. Real links, pipes and sockets.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

from geo.read import read_corpus

from .unprivileged import as_unprivileged, unreadable_folder

ARTICLE = "قصف على القامشلي\n\nقالت مصادر محلية إن قصفاً استهدف ريف القامشلي اليوم.\n"


def _reports(folder: Path) -> dict[str, tuple[str, str]]:
    return {r.file: (r.status, r.reason) for r in read_corpus(folder).reports}


def test_a_link_out_of_the_corpus_is_refused_and_reported(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("كلمة السر: 1234\n", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "passwd.txt").symlink_to("/etc/passwd")
    (corpus / "secret.txt").symlink_to(outside)
    (corpus / "relative.txt").symlink_to(Path("..") / "secret.txt")
    result = read_corpus(corpus)
    assert [a.id for a in result.articles] == ["a"]
    reports = _reports(corpus)
    for name in ("passwd.txt", "secret.txt", "relative.txt"):
        status, reason = reports[name]
        assert status == "skipped" and "outside the corpus folder" in reason
    assert not any("1234" in a.body or "root:" in a.body for a in result.articles)


def test_a_link_inside_the_corpus_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").symlink_to("a.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text(ARTICLE + "تتمة.\n", encoding="utf-8")
    (tmp_path / "c.txt").symlink_to(tmp_path / "sub" / "c.txt")  # not listed: read here
    result = read_corpus(tmp_path)
    assert sorted(a.id for a in result.articles) == ["a", "c"]
    status, reason = _reports(tmp_path)["b.txt"]
    assert status == "duplicate" and "a link to a.txt" in reason


def test_a_link_inside_the_corpus_is_read_once_when_recursive(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "c2.txt").symlink_to(tmp_path / "sub" / "c.txt")
    result = read_corpus(tmp_path, recursive=True)
    assert [a.id for a in result.articles] == ["c"]
    assert _reports_recursive(tmp_path)["c2.txt"][0] == "duplicate"


def test_dangling_links_loops_pipes_sockets_and_article_named_folders_are_reported(
        tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    (tmp_path / "loop1.txt").symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(tmp_path / "loop1.txt")
    (tmp_path / "self.txt").symlink_to(tmp_path / "self.txt")
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "x.txt").mkdir()
    (tmp_path / "folder_link.txt").symlink_to(tmp_path / "x.txt")
    (tmp_path / "pipe_link.txt").symlink_to(tmp_path / "pipe.txt")
    server = socket.socket(socket.AF_UNIX)
    short = Path(f"/tmp/nes-sock-{os.getpid()}")
    short.mkdir(exist_ok=True)
    try:
        server.bind(str(short / "s.txt"))
        (tmp_path / "sock.txt").symlink_to(short / "s.txt")  # a link: the socket lives in /tmp
        os.link(short / "s.txt", tmp_path / "sock_itself.txt")
        reports = _reports(tmp_path)
    finally:
        server.close()
        (short / "s.txt").unlink()
        short.rmdir()
    expected = {
        "dangling.txt": "a link to nothing",
        "loop1.txt": "a link loop",
        "loop2.txt": "a link loop",
        "self.txt": "a link loop",
        "pipe.txt": "a named pipe (FIFO)",
        "pipe_link.txt": "a link to a named pipe",
        "x.txt": "a folder named like a file",
        "folder_link.txt": "a link to a folder",
        "sock.txt": "outside the corpus folder",
        "sock_itself.txt": "a socket",
    }
    for name, why in expected.items():
        status, reason = reports[name]
        assert status == "skipped" and why in reason, (name, reason)
    assert reports["a.txt"][0] == "read"


def test_links_and_special_files_count_in_the_totals(tmp_path: Path) -> None:
    from geo.read import iter_corpus

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "passwd.txt").symlink_to("/etc/passwd")
    os.mkfifo(tmp_path / "fifo.md")
    items = list(iter_corpus(tmp_path))
    assert len(items) == 3  # one article and two reports, none dropped


def test_an_unreadable_sub_folder_is_reported_when_recursive() -> None:
    with unreadable_folder() as (top, locked):
        (top / "a.txt").write_text(ARTICLE, encoding="utf-8")
        reports = as_unprivileged(lambda: _reports_recursive(top))
    assert reports["locked"][0] == "skipped" and "cannot be read" in reports["locked"][1]
    assert reports["a.txt"][0] == "read"


def _reports_recursive(folder: Path) -> dict[str, tuple[str, str]]:
    return {r.file: (r.status, r.reason) for r in read_corpus(folder, recursive=True).reports}
