"""The engines' parts that run in-process: digest_many, the record worker, the Ray actor."""

from __future__ import annotations

from typing import Any

import pytest
from batch_helpers import BLOCK, blocking_pipeline, crashing_pipeline, story

from newsdigest.batch import digest_many
from newsdigest.batch.local import WORKER_DIED, LocalEngine
from newsdigest.batch.output import id_key
from newsdigest.batch.records import Record
from newsdigest.batch.work import ChunkTask, digest_chunk, one_line
from newsdigest.model import Digest
from newsdigest.pipeline import Pipeline
from newsdigest.settings import Settings
from newsdigest.worker import WorkerState


@pytest.mark.slow
def test_digest_many_yields_every_record_and_isolates_failures() -> None:
    records: list[Any] = [{"id": f"m{i}", "text": story(i)} for i in range(12)]
    records += ["", {"id": "nothing"}, story(40)]
    results = list(digest_many(records, workers=2, only=["highlights"], include_text=False))
    assert len(results) == len(records)
    ok = {r.id: r for r in results if r.ok}
    assert {f"m{i}" for i in range(12)} <= set(ok)
    assert len(ok) == 13
    digest = ok["m3"].digest
    assert digest is not None and digest["article"]["id"] == "m3"
    assert "text" not in digest and digest["highlights"]
    failed = [r for r in results if not r.ok]
    assert sorted(r.error or "" for r in failed)[0].startswith("record has no text")
    assert all(r.digest is None for r in failed)


@pytest.mark.slow
def test_digest_many_in_input_order() -> None:
    records = [{"id": f"o{i:02d}", "text": story(i) * (1 + i % 5)} for i in range(30)]
    results = digest_many(records, workers=2, only=["highlights"], ordered=True)
    assert [r.id for r in results] == [f"o{i:02d}" for i in range(30)]


@pytest.mark.slow
def test_a_record_that_kills_its_worker_fails_alone() -> None:
    records = [Record(id=f"k{i}", body=story(i), source=f"in:{i}") for i in range(20)]
    records[7] = Record(id="k7", body="CRASH " + story(7), source="in:7")
    engine = LocalEngine(only=["highlights"], workers=2, pipeline_factory=crashing_pipeline)
    outcomes = {o.id: o for o in engine.run(records)}
    assert sorted(outcomes) == sorted(f"k{i}" for i in range(20))
    assert outcomes["k7"].error == WORKER_DIED
    assert all(o.ok for key, o in outcomes.items() if key != "k7")


class _Broken(Pipeline):
    def _digest(self, analysis: Any, sections: Any) -> Digest:
        if "BUG" in analysis.text:
            raise KeyError("a bug")
        return super()._digest(analysis, sections)


def test_a_bug_in_a_stage_becomes_a_one_line_reason_and_the_others_go_on() -> None:
    records = [(i, Record(id=f"b{i}", body=story(i), source=f"in:{i}")) for i in range(3)]
    records[1] = (1, Record(id="b1", body=f"BUG {story(1)}", source="in:1"))
    state = WorkerState(Settings(), _Broken)
    outcomes = list(digest_chunk(state, ChunkTask(records, ("dates",), True)))
    assert [o.error for o in outcomes] == [None, "internal error: KeyError: 'a bug'", None]


def test_one_line_squeezes_and_cuts() -> None:
    assert one_line("a\n  b\tc") == "a b c"
    assert len(one_line("x" * 900)) == 500


@pytest.mark.slow
def test_ray_actor_digests_a_batch_on_its_worker_within_the_time_limit() -> None:
    pa = pytest.importorskip("pyarrow")
    pytest.importorskip("ray")
    from newsdigest.batch.ray_engine import DigestActor, _blocks
    from newsdigest.batch.records import BadRecord

    items = [
        Record(id="a", body=story(1), source="in:1"),
        Record(id="b", body=story(2), source="in:2"),
        BadRecord(id=None, source="in:3", reason="line is not JSON"),
        Record(id="slow", body=f"{BLOCK} {story(4)}", source="in:4"),
        Record(id="c", body=story(5), source="in:5"),
    ]
    (block,) = list(_blocks(iter(items), 10))
    actor = DigestActor(
        Settings(), ("dates",), False, frozenset({id_key("b")}), 2.0, blocking_pipeline
    )
    try:
        rows = actor(block).to_pylist()
    finally:
        actor.engine.close()
    assert isinstance(block, pa.Table)
    assert [(r["seq"], r["id"], r["line"] is not None, r["error"]) for r in rows] == [
        (10, "a", True, None),
        (11, "b", False, None),
        (12, None, False, "line is not JSON"),
        (13, "slow", False, "timed out after 2 s"),
        (14, "c", True, None),
    ]


@pytest.mark.parametrize("ordered", [False, True])
def test_a_long_run_of_unreadable_records_comes_out_whole(ordered: bool) -> None:
    from newsdigest.batch.records import BadRecord

    items: list[Any] = [Record(id="first", body=story(1), source="in:0")]
    items += [BadRecord(id=None, source=f"in:{i}", reason="bad") for i in range(1, 3001)]
    items += [Record(id=f"after{i}", body=story(i), source=f"in:{3000 + i}") for i in range(1, 4)]
    engine = LocalEngine(only=["dates"], workers=1, ordered=ordered)
    outcomes = list(engine.run(items))
    assert len(outcomes) == len(items)
    assert sum(o.ok for o in outcomes) == 4
    if ordered:
        assert [o.seq for o in outcomes] == list(range(len(items)))
