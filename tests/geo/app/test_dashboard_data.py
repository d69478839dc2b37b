from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyogrio
import pytest

from gazetteer.model import Place
from geo.app.command import cli_command, cli_notes, export_command
from geo.app.dashboard_data import (
    WORD_JOINER,
    article_header_html,
    article_label,
    data_choices,
    data_span,
    files_table,
    focus_for,
    folder_fingerprint,
    gpkg_bytes,
    highlighted_html,
    incidents_table,
    label_colours,
    layer_geojson,
    md_escape,
    mention_targets,
    review_table,
    run_folders,
    safe_cells,
    timeline,
    timeline_outside,
    unlocated_table,
    upload_rows,
)
from geo.layers import EXPORT_LAYERS, LAYER_NAMES, empty_layer, filter_layers
from geo.read.uploads import default_upload_dir

PROJECT = Path(__file__).resolve().parents[3]
SEEDS = PROJECT / "seeds"


@pytest.fixture(scope="module")
def seeds():
    return run_folders([SEEDS])


# --- the corpus -----------------------------------------------------------------------


def test_fingerprint_changes_with_the_folder(tmp_path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / "articles.csv").write_text("file,title\na.txt,A\n", encoding="utf-8")
    first = folder_fingerprint([tmp_path, tmp_path / "missing"])
    assert folder_fingerprint([tmp_path, tmp_path / "missing"]) == first
    (tmp_path / "b.txt").write_text("y", encoding="utf-8")
    second = folder_fingerprint([tmp_path])
    assert second != first
    csv = tmp_path / "articles.csv"
    stat = csv.stat()
    csv.write_text("file,title\na.txt,B\n", encoding="utf-8")  # same size
    os.utime(csv, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # and same mtime
    assert folder_fingerprint([tmp_path]) != second


def test_run_folders_reads_corpus_and_uploads_in_one_run(tmp_path, seeds) -> None:
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    seed = sorted(SEEDS.glob("*.txt"))[2]
    shutil.copy(seed, uploads / seed.name)  # the same article id as a seed
    (uploads / "new.txt").write_text(
        "اعترضت دورية أمريكية رتلاً روسياً قرب بلدة القحطانية بريف القامشلي.", encoding="utf-8")
    (uploads / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    result = run_folders([SEEDS, uploads])
    assert set(result.articles) == set(seeds.articles) | {"new"}
    assert result.articles[seed.stem].path == str(SEEDS / seed.name)  # the corpus wins
    files = {f["file"]: f for f in result.report["files"]}
    assert files[seed.name]["status"] == "read"
    assert files[f"{seed.name} (uploads)"]["status"] == "skipped"
    assert "duplicate article id" in files[f"{seed.name} (uploads)"]["reason"]
    assert files["image.png (uploads)"]["status"] == "skipped"
    rows = upload_rows(result, uploads)
    assert dict(zip(rows["file"], rows["status"], strict=True)) == {
        seed.name: "skipped", "image.png": "skipped", "new.txt": "read"}


def test_run_folders_without_uploads_is_the_plain_pipeline(tmp_path, seeds) -> None:
    result = run_folders([SEEDS, tmp_path / "not-yet"])
    assert set(result.articles) == set(seeds.articles)
    assert len(result.layers.incidents) == len(seeds.layers.incidents)


def test_data_choices(seeds) -> None:
    choices = data_choices(seeds)
    inc = seeds.layers.incidents
    assert set(choices.types) == set(inc["type"])
    assert set(a for v in inc["actors"] for a in v) <= set(choices.actors)
    assert set(choices.articles) == set(seeds.articles)
    assert all(set(ids) <= set(seeds.articles) for ids in choices.outlets.values())
    lo, hi = choices.span
    assert lo.isoformat() == min(d for d in inc["date_first"] if d)
    assert hi.isoformat() == max(d for d in inc["date_last"] if d)


@dataclass
class _Article:
    id: str = "a1"
    title: str = "<b>عنوان</b> ${alert(1)}"
    outlet: str = "منفذ"
    url: str = "javascript:alert(1)"
    published: dt.date | None = None
    published_inferred: bool = False
    published_reason: str = ""
    body: str = ""


def test_article_label_and_header_are_safe() -> None:
    article = _Article(title="x" * 100)
    assert article_label(article).endswith("— \u2068منفذ\u2069, undated")
    assert len(article_label(article)) < 100
    header = article_header_html(_Article())
    assert "<b>" not in header and "&lt;b&gt;" in header and "&#36;{alert(1)}" in header
    assert "javascript" not in header and 'dir="rtl"' in header
    # a line with no space in it (20,000 letters) wraps instead of widening the page
    assert header.count("overflow-wrap:anywhere") == 2
    assert "overflow-wrap:anywhere" in highlighted_html("ش" * 20_000, [])
    linked = article_header_html(_Article(url="https://example.org/a?b=1&c=2"))
    assert 'href="https://example.org/a?b=1&amp;c=2"' in linked


# --- tables and chart -----------------------------------------------------------------


def test_incidents_table(seeds) -> None:
    table = incidents_table(seeds.layers)
    assert len(table) == len(seeds.layers.incidents)
    assert list(table["id"]) == list(seeds.layers.incidents["id"])
    assert all(isinstance(a, str) for a in table["actors"])
    assert table["evidence"].str.len().max() <= 160
    empty = incidents_table(filter_layers(seeds.layers, types=["nothing"]))
    assert empty.empty and "evidence" in empty.columns


def test_incidents_table_says_where_a_day_came_from_and_shows_a_span_of_days(seeds) -> None:
    layers = dataclasses.replace(seeds.layers, incidents=seeds.layers.incidents.copy())
    inc = layers.incidents
    day = inc.index[inc["date_precision"] == "day"][0]
    first = inc.at[day, "date_first"]
    inc.at[day, "date_last"] = (dt.date.fromisoformat(first) + dt.timedelta(days=5)).isoformat()
    inc.at[day, "date_from"] = "publication"
    row = incidents_table(layers).set_index("id").loc[inc.at[day, "id"]]
    # 'في الأسبوع الجاري': not its first day read as the event's day
    assert row["date_precision"] == f"days to {inc.at[day, 'date_last']}"
    assert row["date_from"] == "publication"
    others = incidents_table(seeds.layers)
    assert set(others["date_from"]) <= {"text", "publication", "review", ""}


def test_timeline_counts_months_and_keeps_year_only_apart(seeds) -> None:
    counts, year_only = timeline(seeds.layers)
    inc = seeds.layers.incidents
    assert counts.to_numpy().sum() + year_only == (inc["date_first"] != "").sum()
    assert year_only == (inc["date_precision"] == "year").sum()
    months = list(counts.index)
    assert months == sorted(months)
    # every month between the first and the last is a row, with or without incidents
    first, last = dt.date.fromisoformat(months[0] + "-01"), dt.date.fromisoformat(
        months[-1] + "-01")
    assert len(months) == (last.year - first.year) * 12 + last.month - first.month + 1
    empty, n = timeline(filter_layers(seeds.layers, types=["nothing"]))
    assert empty.empty and n == 0


def test_label_colours_follow_the_map() -> None:
    from geo.app.symbols import INCIDENT_STYLES

    assert label_colours(["Raid", "Nothing known"]) == [INCIDENT_STYLES["raid"][1],
                                                        INCIDENT_STYLES["other"][1]]


def test_review_unlocated_and_files_tables(seeds) -> None:
    report = seeds.report
    review = review_table(report, seeds.articles)
    assert len(review) == len(report["unresolved"]) + len(report["low_confidence"])
    if len(review):
        row = review.iloc[0]
        assert row["text"] in row["context"]
    assert len(unlocated_table(report)) == len(report["unlocated"])
    files = files_table(report)
    assert set(files["status"]) <= {"read", "skipped", "failed", "metadata"}
    assert (files["status"] == "read").sum() == len(seeds.articles)


def test_files_table_lists_skipped_files_with_reasons(tmp_path) -> None:
    shutil.copy(sorted(SEEDS.glob("*.txt"))[0], tmp_path / "a.txt")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "c.txt").write_bytes(b"")
    files = files_table(run_folders([tmp_path]).report).set_index("file")
    assert files.loc["a.txt", "status"] == "read"
    assert files.loc["b.pdf", "status"] == "skipped" and files.loc["b.pdf", "reason"]
    assert files.loc["c.txt", "status"] == "skipped" and "empty" in files.loc["c.txt", "reason"]


# --- the reader -----------------------------------------------------------------------


def _place(pid: str = "qamishli", kind: str = "city", in_area: bool = True) -> Place:
    return Place(id=pid, name_ar="القامشلي", name_en="Qamishli", kind=kind,
                 governorate="hasakah", lat=37.05, lon=41.23, in_area=in_area)


@dataclass
class _Mention:
    start: int
    end: int
    text: str = ""
    place: Place | None = None
    confidence: float = 0.9
    cue: str = "cue"
    role: str = "location"
    approximate: bool = False
    candidates: list = field(default_factory=list)


def test_highlighted_html_escapes_and_marks() -> None:
    text = 'قرب <script>alert("x")</script> القامشلي ${x} وفي القامشلي و تركيا و مكان'
    q1 = text.index("القامشلي")
    q2 = text.index("القامشلي", q1 + 1)
    t = text.index("تركيا")
    u = text.index("مكان")
    mentions = [
        _Mention(q1, q1 + 8, place=_place(), cue='"><img src=x>'),
        _Mention(q2, q2 + 8, place=_place()),
        _Mention(t, t + 5, place=_place("tr", in_area=False), role="outside"),
        _Mention(u, u + 4),  # unresolved
        _Mention(q1, q1 + 3),  # overlaps the first: left out
        _Mention(len(text) - 1, len(text) + 5, place=_place()),  # out of range: left out
    ]
    out = highlighted_html(text, mentions)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<img" not in out and "&lt;img" in out
    assert "${" not in out and "&#36;{x}" in out
    assert out.startswith('<div dir="rtl"') and "text-align:right" in out
    assert out.count("<mark") == 4
    assert out.count("mention-located") == 2 and out.count("mention-other") == 1
    assert out.count("mention-unresolved") == 1
    assert "<sup>1</sup>" in out and "<sup>2</sup>" in out and "<sup>3</sup>" not in out
    # one button per place, numbered as in the text
    targets = mention_targets(mentions)
    assert [(n, m.place.id) for n, m in targets] == [(1, "qamishli")]


def test_highlighted_html_on_a_seed(seeds) -> None:
    aid = sorted(seeds.articles)[0]
    article, result = seeds.articles[aid], seeds.results[aid]
    out = highlighted_html(article.body, result.mentions)
    assert out.count("<mark") == len({(m.start, m.end) for m in result.mentions}) or \
        out.count("<mark") <= len(result.mentions)
    located = [m for m in result.mentions if m.role == "location" and m.place is not None
               and m.place.in_area]
    assert {m.place.id for _, m in mention_targets(result.mentions)} == \
        {m.place.id for m in located}


def test_focus_for() -> None:
    assert focus_for(_place()) == (37.05, 41.23, 11)
    assert focus_for(_place(kind="governorate"))[2] == 8


@pytest.mark.parametrize("text", ["![x](http://evil.example/p.png)", "[link](javascript:x)",
                                  "$x^2$", ":red[boo]", ":material/home:", "<b>x</b>",
                                  "# title", "a\nb"])
def test_md_escape_neutralises_markdown(text) -> None:
    out = md_escape(text)
    bare = re.sub(r"\\.", "", out)  # what is left once every escaped pair is removed
    assert not set(bare) & set("![]()$:<>#`*_\\")
    assert "\n" not in out


@pytest.mark.parametrize("text", ["see http://evil.example/x.png now", "HTTPS://evil.example",
                                  "www.evil.example", "mail x@evil.example",
                                  "mailto:x@evil.example", "ftp://evil.example"])
def test_md_escape_leaves_nothing_markdown_would_autolink(text) -> None:
    """GitHub-flavoured Markdown links bare URLs and addresses even when their
    punctuation is escaped: a word joiner breaks the pattern, invisibly."""
    out = md_escape(text)
    unescaped = re.sub(r"\\(.)", r"\1", out)  # the text Markdown sees
    assert not re.search(r"(?i)(https?|ftp)://|www\.|[\w.+-]@|mailto:", unescaped)
    assert unescaped.replace(WORD_JOINER, "") == text


# --- exports --------------------------------------------------------------------------


def test_downloads_are_the_cli_bytes(tmp_path, seeds) -> None:
    """The same filter gives the same bytes from the dashboard and from the CLI, and the
    command the Export tab shows is that CLI call."""
    recent = filter_layers(seeds.layers, date_from="2022-01-01").incidents
    kind = recent["type"].value_counts().index[0]
    kwargs = {"date_from": "2022-01-01", "date_to": None, "types": [kind], "actors": None,
              "articles": None, "min_confidence": 0.0}
    view = filter_layers(seeds.layers, **kwargs)
    assert len(view.incidents) > 0
    command = cli_command(SEEDS, kwargs, out=str(tmp_path / "out"))
    args = shlex.split(command)
    assert args[:4] == ["python", "-m", "geo", "build"]
    env = {**os.environ, "NES_OSINT_CACHE": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, *args[1:]], cwd=PROJECT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    for name in LAYER_NAMES:
        assert layer_geojson(view, name) == (tmp_path / "out" / f"{name}.geojson").read_bytes(), name


def test_layer_geojson_refuses_unknown_layers(seeds) -> None:
    with pytest.raises(KeyError, match="no layer"):
        layer_geojson(seeds.layers, "secrets")


def test_gpkg_holds_the_four_layers(tmp_path, seeds) -> None:
    view = filter_layers(seeds.layers, min_confidence=0.1)
    data = gpkg_bytes(view)
    path = tmp_path / "x.gpkg"
    path.write_bytes(data)
    assert data[:16] == b"SQLite format 3\x00"
    names = {row[0] for row in pyogrio.list_layers(path)}
    assert names == set(EXPORT_LAYERS)
    for name in EXPORT_LAYERS:
        assert len(pyogrio.read_dataframe(path, layer=name)) == len(view[name])


def test_gpkg_of_an_empty_view(seeds) -> None:
    view = filter_layers(seeds.layers, types=["nothing"])
    assert len(view.incidents) == 0
    assert gpkg_bytes(view)[:6] == b"SQLite"
    assert empty_layer("incidents").empty


def test_cli_command_quotes() -> None:
    command = cli_command("my corpus", {"actors": ["US forces"], "articles": [],
                                        "date_to": dt.date(2022, 1, 31)})
    assert shlex.split(command) == ["python", "-m", "geo", "build", "my corpus", "--out=out/",
                                    "--date-to=2022-01-31", "--actor=US forces", "--article="]


def test_export_command_is_exact_for_an_id_starting_with_a_dash(tmp_path) -> None:
    """Issue 10, item 15: an article id starting with '-' is passed as --article=ID (never
    read as an option), and the command writes exactly the download's bytes."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))[:3]
    for n, path in enumerate(seeds):
        shutil.copy(path, corpus / (f"-rf {n}.txt" if n == 0 else path.name))
    result = run_folders([corpus])
    kwargs = {"articles": ["-rf 0"], "min_confidence": 0.0}
    command = export_command(corpus, kwargs, out=str(tmp_path / "out"))
    assert "#" not in command and "'--article=-rf 0'" in command
    env = {**os.environ, "NES_OSINT_CACHE": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, *shlex.split(command)[1:]], cwd=PROJECT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    view = filter_layers(result.layers, **kwargs)
    for name in LAYER_NAMES:
        assert layer_geojson(view, name) == (tmp_path / "out" / f"{name}.geojson").read_bytes()


def test_export_command_reads_the_uploads_and_names_every_id(tmp_path) -> None:
    """Issue 10, item 15: with uploads present and an article id holding a comma (and one
    starting with '-'), the Export tab's command writes exactly the download's bytes, for
    every layer: the uploads ride in --uploads, the comma id in --article-exact."""
    corpus, uploads = tmp_path / "corpus", tmp_path / "uploads"
    corpus.mkdir()
    uploads.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    shutil.copy(seeds[0], corpus / "a, b.txt")
    shutil.copy(seeds[1], corpus / "-rf 0.txt")
    shutil.copy(seeds[2], corpus / seeds[2].name)
    shutil.copy(seeds[2], uploads / seeds[2].name)  # an id the corpus has: skipped
    (uploads / "new, one.txt").write_text(
        "اعترضت دورية أمريكية رتلاً روسياً قرب بلدة القحطانية بريف القامشلي.", encoding="utf-8")
    result = run_folders([corpus, uploads])
    assert {"a, b", "-rf 0", "new, one"} <= set(result.articles)
    kwargs = {"articles": ["a, b", "-rf 0", "new, one"], "min_confidence": 0.0}
    view = filter_layers(result.layers, **kwargs)
    assert len(view.incidents) and len(view.articles) == 3
    command = export_command(corpus, kwargs, uploads=2, uploads_dir=uploads,
                             out=str(tmp_path / "out"))
    assert "#" not in command and f"--uploads={uploads}" in shlex.split(command)
    assert "'--article-exact=a, b'" in command and "'--article=-rf 0'" in command
    env = {**os.environ, "NES_OSINT_CACHE": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, *shlex.split(command)[1:]], cwd=PROJECT, env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    for name in LAYER_NAMES:
        assert layer_geojson(view, name) == (tmp_path / "out" / f"{name}.geojson").read_bytes(), name


def test_export_command_needs_no_notes_for_uploads_or_commas() -> None:
    """Uploads and values geo build's '--article=' would split or trim are named exactly
    (no '# Differs' line); the uploads folder is the dashboard's own by default."""
    kwargs = {"articles": ["a,b", "plain"], "actors": [" padded"]}
    text = export_command("seeds", kwargs, uploads=3)
    assert "#" not in text
    args = shlex.split(text)
    assert f"--uploads={default_upload_dir()}" in args
    assert args[-3:] == ["--actor-exact= padded", "--article-exact=a,b", "--article=plain"]
    assert cli_notes(kwargs, uploads=3) == []
    assert export_command("seeds", {}) == cli_command("seeds", {})  # no uploads: no --uploads
    assert shlex.split(export_command("seeds", {}, include_rejected=True))[-1] == (
        "--include-rejected")  # the Review tab's "Show rejected incidents"
    assert shlex.split(export_command("seeds", {"articles": []}))[-1] == "--article="


def test_export_command_notes_what_no_command_line_can_carry() -> None:
    """A NUL cannot be an argument: the value is left out and a '#' line says so, and a
    newline in it cannot start a command."""
    text = export_command("seeds", {"articles": ["a\x00b\nrm -rf ~"]})
    lines = text.splitlines()
    assert len(lines) == 2 and lines[0].startswith("# Differs from the download: article")
    assert shlex.split(text, comments=True)[-1] == "--article="  # nothing, as the filter says


# --- issue 10 -------------------------------------------------------------------------


def test_the_date_span_holds_only_plausible_dates(seeds) -> None:
    """Issue 10, item 1: the slider's range never reaches a far date (year 1..9999)."""
    inc = seeds.layers.incidents.copy()
    inc.loc[inc.index[0], ["date_first", "date_last"]] = ["2400-10-08", "2400-10-08"]
    inc.loc[inc.index[1], ["date_first", "date_last"]] = ["0001-01-01", "0001-01-01"]
    far = dataclasses.replace(seeds.layers, incidents=inc)
    low, high = data_span(far)
    assert dt.date(1900, 1, 1) <= low <= high <= dt.date.today() + dt.timedelta(days=1)
    assert data_span(seeds.layers, seeds.report) == (
        dt.date.fromisoformat(seeds.report["dates"]["incidents"]["first"]),
        dt.date.fromisoformat(seeds.report["dates"]["incidents"]["last"]))
    assert data_span(seeds.layers, {"dates": {"incidents": None}}) is None


@pytest.mark.parametrize("cell", ["=1+1", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx"])
def test_table_cells_are_spreadsheet_safe(cell) -> None:
    """Issue 10, item 14: what a table shows is what its own 'Download as CSV' writes."""
    frame = safe_cells(pd.DataFrame({"text": [cell, "القامشلي"], "n": [-1, 2]}))
    assert frame["text"].tolist() == ["'" + cell, "القامشلي"]
    assert frame["n"].tolist() == [-1, 2]  # numbers stay numbers


def test_the_timeline_leaves_far_dates_out(seeds) -> None:
    """Issue 10, item 1: one article dated 9999 made a chart of 95,000 months."""
    inc = seeds.layers.incidents.copy()
    dated = inc.index[inc["date_precision"].isin(["day", "month"])]
    inc.loc[dated[0], ["date_first", "date_last"]] = ["9999-12-31", "9999-12-31"]
    inc.loc[dated[1], ["date_first", "date_last"]] = ["0001-01-01", "0001-01-01"]
    far = dataclasses.replace(seeds.layers, incidents=inc)
    counts, _ = timeline(far)
    assert counts.index.min() >= "1900-01" and counts.index.max() <= "2100-01"
    assert int(counts.to_numpy().sum()) == len(dated) - 2
    assert timeline_outside(far) == 2 and timeline_outside(seeds.layers) == 0


def test_tables_carry_dates_not_text(seeds) -> None:
    """The incidents table's ``published`` is the first source's publication day; the
    unlocated table's ``date`` is a date too (blank when unknown, never "None")."""
    table = incidents_table(seeds.layers)
    for row, sources in zip(table.itertuples(), seeds.layers.incidents["sources"],
                            strict=True):
        days = sorted(str(s["published"])[:10] for s in sources if s.get("published"))
        if days:
            assert row.published.date().isoformat() == days[0]
        else:  # no source says when it was published: an empty cell
            assert pd.isna(row.published)
    assert table["published"].notna().any()
    report = {"unlocated": [{"date": "2022-10", "type": "raid"}, {"date": None},
                            {"type": "airstrike"}]}
    dates = unlocated_table(report)["date"]
    assert str(dates.dtype).startswith("datetime64")
    assert dates.iloc[0] == pd.Timestamp("2022-10-01") and dates.iloc[1:].isna().all()
