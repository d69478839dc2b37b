"""The fast writer of ``find --json`` gives the bytes ``json.dumps(indent=2)`` gives."""

from __future__ import annotations

import json

import pytest

from gazetteer.jsonout import dump_mentions, iter_mentions_json
from gazetteer.model import Candidate, Mention, Place
from gazetteer.resolver import resolve_text
from gazetteer.store import load_gazetteer

NEWS = (
    "القامشلي - متابعات\n"
    "سيّرت القوات الأمريكية دورية في ريف القامشلي قرب قرية \"ملوك سراي\"، ثم عادت إلى "
    "قاعدة خراب الجير. وفي دير الزور قصفت طائرة مسيرة موقعاً قرب الميادين، "
    "وقالت قناة الحرة إن قرية ملوك سراي شهدت توتراً. 17:41 دمشق\u202e \x1b[31m"
)


def _reference(mentions: list[Mention]) -> str:
    return json.dumps([m.as_dict() for m in mentions], ensure_ascii=False, indent=2)


def test_same_bytes_as_json_dumps_on_resolved_news() -> None:
    mentions = resolve_text(NEWS * 3, load_gazetteer())
    assert len(mentions) > 10 and any(m.place is None for m in mentions)
    assert dump_mentions(mentions) == _reference(mentions)


def test_empty_list_and_pieces() -> None:
    assert dump_mentions([]) == "[]" == _reference([])
    mentions = resolve_text(NEWS, load_gazetteer())
    pieces = list(iter_mentions_json(mentions))
    assert len(pieces) == 1 and "".join(pieces) == _reference(mentions)


@pytest.mark.parametrize("batch", [1, 2, 3, 256])
def test_pieces_of_any_batch_and_their_utf8_join_to_the_same_bytes(batch: int) -> None:
    from gazetteer.jsonout import iter_mentions_utf8
    from gazetteer.terminal import json_safe

    mentions = resolve_text(NEWS * 2, load_gazetteer())
    mentions.append(Mention(start=0, end=3, text="\u202eسين", key="سين", cue="why \u2066"))
    mentions.append(Mention(start=1.0, end=True, text="x", key="x"))  # type: ignore[arg-type]
    for some in (mentions, mentions[:1], mentions[:2], mentions[:3], []):
        text = "".join(iter_mentions_json(some, escape=json_safe, batch=batch))
        raw = b"".join(iter_mentions_utf8(some, escape=json_safe, batch=batch))
        assert text == json_safe(_reference(some)) and raw == text.encode("utf-8")


@pytest.mark.parametrize("score", [0.0, 1.0, 0.1 + 0.2, 1e-7, 12345.678, float("nan")])
def test_numbers_and_odd_values_are_written_as_json_writes_them(score: float) -> None:
    place = Place("x1", "قرية \"س\"\\", "Odd\tName", "village", 36.5, 1e-5, "hasakah")
    mention = Mention(start=0, end=3, text="\u202eسين\n", key="سين", place=None,
                      confidence=score, geo_precision=None, role="location",
                      candidates=[Candidate(place, score, ()), Candidate(place, score, ("a", "ب"))],
                      cue="")
    other = Mention(start=5, end=9, text="x", key="x", place=place, confidence=0.9,
                    geo_precision=2, approximate=True, cue="why")
    assert dump_mentions([mention, other]) == _reference([mention, other])


def test_an_escape_applied_per_string_gives_the_bytes_of_one_over_the_whole() -> None:
    from gazetteer.terminal import json_safe

    mentions = resolve_text(NEWS * 2, load_gazetteer())
    place = Place("x2", "تل\u202eحمي", "Tal\u009b2J", "village", 36.5, 41.0, "hasakah")
    mentions += [Mention(start=0, end=3, text="\u202eسين", key="سين", place=place,
                         cue="why \u2066", candidates=[Candidate(place, 0.5, ("\x85",))])] * 2
    assert dump_mentions(mentions, escape=json_safe) == json_safe(_reference(mentions))
    assert "\u202e" not in dump_mentions(mentions, escape=json_safe)
    assert "\u202e" in dump_mentions(mentions) == _reference(mentions)  # no escape: as json.dumps


def test_mentions_sharing_place_and_candidates_keep_their_own_values() -> None:
    # the part after a mention's text is written once per distinct values and objects:
    # values equal in Python but written differently must not share it
    place = Place("x3", "تل", "Tal", "village", 36.5, 41.0, "hasakah")
    ranked = [Candidate(place, 0.9, ("prior",))]
    values = [(0.9, 1), (0.0, None), (-0.0, None), (1, 1), (1.0, 1), (0.9, True)]
    mentions = [Mention(start=i, end=i + 2, text="تل", key="تل", place=place, confidence=c,
                        geo_precision=g, candidates=ranked, cue="why")
                for i, (c, g) in enumerate(values * 2)]
    mentions += [Mention(start=99, end=101, text="تل", key="تل", place=place, confidence=0.9,
                         geo_precision=1, approximate=a, candidates=ranked, cue="why")
                 for a in (True, 1, True)]  # type: ignore[arg-type]
    assert dump_mentions(mentions) == _reference(mentions)
