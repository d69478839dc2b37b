"""A source is an article: one entry per article with every sentence of its evidence,
and counts of distinct articles and outlets, through the layers and the exports."""

from __future__ import annotations

import json

import pyogrio

from geo.export import to_geojson_bytes, validate_feature_collection, write_gpkg
from geo.layers import EVIDENCE_JOINER, build_layers, n_outlets, source_rows
from geo.model import ArticleResult, Base, Route
from tests.geo.test_merge import AIRPORT, HASAKAH, QAMISHLI, US, make_incident, source

LEAD = "نفذت قوات التحالف فجر الأحد إنزالاً جوياً قرب القامشلي"
DETAIL = "واعتقلت القوات خلال العملية قيادياً في التنظيم"
QUOTE = "وقال مصدر إن العملية أسفرت عن مقتل شخص"


def _raid_of_three_sentences(article: str, outlet: str):
    inc = make_incident(f"{article}-1", "raid", "2023-08-13", QAMISHLI, actors=(US,),
                        article=article, evidence=LEAD, outlet=outlet)
    inc.sources += [source(article, DETAIL, outlet), source(article, QUOTE, outlet)]
    return inc


def test_three_sentences_of_one_article_are_one_source_with_three_pieces_of_evidence():
    rows = source_rows(_raid_of_three_sentences("010", "A").sources)
    assert len(rows) == 1
    assert rows[0]["article"] == "010" and rows[0]["outlet"] == "A"
    assert rows[0]["evidence_all"] == [LEAD, DETAIL, QUOTE]  # the lead first
    assert rows[0]["evidence"] == EVIDENCE_JOINER.join([LEAD, DETAIL, QUOTE])


def test_a_sentence_told_twice_is_one_piece_of_evidence():
    inc = make_incident("010-1", article="010", evidence=LEAD)
    inc.sources.append(source("010", LEAD))
    assert source_rows(inc.sources)[0]["evidence_all"] == [LEAD]


def test_outlets_are_counted_once_and_an_unnamed_outlet_is_its_own():
    sources = [source("010", outlet="Syria TV"), source("011", outlet=" syria tv"),
               source("012", outlet=""), source("013", outlet="")]
    assert n_outlets(sources) == 3


def _layers():
    a = _raid_of_three_sentences("010", "Syria TV")
    b = _raid_of_three_sentences("011", "Syria TV")  # the same outlet again
    c = make_incident("012-1", "raid", "2023-08-13", QAMISHLI, actors=(US,), outlet="Enab")
    base = Base("010-b1", AIRPORT, ["Syrian regime forces"],
                [source("010", "مطار القامشلي", "Syria TV"), source("010", "المطار", "Syria TV")])
    route = Route("010-r1", [QAMISHLI, HASAKAH], [US],
                  [source("010", "من القامشلي", "Syria TV"), source("010", "إلى الحسكة", "Syria TV")])
    results = [ArticleResult("010", incidents=[a], bases=[base], routes=[route]),
               ArticleResult("011", incidents=[b]), ArticleResult("012", incidents=[c])]
    return build_layers(results, {})


def test_incident_features_count_articles_and_outlets():
    layers = _layers()
    assert len(layers.incidents) == 1
    row = layers.incidents.iloc[0]
    assert (row["n_articles"], row["n_outlets"], row["n_sources"]) == (3, 2, 3)
    assert [s["article"] for s in row["sources"]] == ["010", "011", "012"]
    assert [len(s["evidence_all"]) for s in row["sources"]] == [3, 3, 1]


def test_bases_and_routes_have_one_source_per_article_too():
    layers = _layers()
    assert [len(layers.bases.iloc[0]["sources"]), len(layers.routes.iloc[0]["sources"])] == [1, 1]
    assert layers.bases.iloc[0]["sources"][0]["evidence_all"] == ["مطار القامشلي", "المطار"]


def test_geojson_validates_and_the_geopackage_writes_the_new_columns(tmp_path):
    layers = _layers()
    doc = json.loads(to_geojson_bytes(layers.incidents))
    assert validate_feature_collection(doc) == []
    props = doc["features"][0]["properties"]
    assert (props["n_articles"], props["n_outlets"]) == (3, 2)
    assert props["sources"][0]["evidence_all"] == [LEAD, DETAIL, QUOTE]
    path = tmp_path / "layers.gpkg"
    write_gpkg({name: layers[name] for name in ("incidents", "bases", "routes", "places")}, path)
    back = pyogrio.read_dataframe(path, layer="incidents")
    assert (int(back["n_articles"][0]), int(back["n_outlets"][0])) == (3, 2)
    assert json.loads(back["sources"][0])[0]["evidence_all"][1] == DETAIL
