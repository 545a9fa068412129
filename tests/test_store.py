"""The SQLite store: episodes, lookups, pending deletions, transactions, migrations, a corrupt database."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from post2pod.errors import StoreError
from post2pod.models import Chapter, Episode
from post2pod.store import Store
from post2pod.workspace import STATE_DB


def _episode(guid: str = "g1", slug: str = "first-post", version: int = 1) -> Episode:
    moment = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    return Episode(
        guid,
        slug,
        version,
        "First post",
        "https://blog.example/first-post/",
        moment,
        "About it.",
        f"episodes/{slug}-v{version}.mp3",
        1234,
        5678,
        "hash",
        moment,
        chapters=(Chapter("First post", 0, 5678),),
    )


def test_round_trip_and_lookup(tmp_path: Path):
    store = Store(tmp_path)
    with store.transaction():
        store.save_episode(_episode(), "source")
    assert store.episodes() == [_episode()]
    for reference in (
        "g1",
        "https://blog.example/first-post/",
        "https://blog.example/first-post",
        "first-post",
    ):
        assert store.find(reference) == _episode()
    assert store.find("other") is None
    assert store.source_hash("g1") == "source"
    assert store.slug_taken("first-post", "g2") and not store.slug_taken("first-post", "g1")


def test_transaction_rolls_back(tmp_path: Path):
    store = Store(tmp_path)
    with pytest.raises(RuntimeError), store.transaction():
        store.save_episode(_episode(), "source")
        raise RuntimeError
    assert store.episodes() == []


def test_transactions_nest_and_an_inner_failure_undoes_only_itself(tmp_path: Path):
    store = Store(tmp_path)
    with store.transaction():
        store.save_episode(_episode(), "source")
        with pytest.raises(RuntimeError), store.transaction():
            store.schedule_deletion("episodes/a-v1.mp3")
            raise RuntimeError
        store.begin_writes(["episodes/b-v1.mp3"])  # a method with a transaction of its own, inside one
    assert store.episodes() == [_episode()]
    assert store.pending_deletions() == [] and store.pending_writes() == ["episodes/b-v1.mp3"]


def test_every_write_method_stands_alone_outside_a_transaction(tmp_path: Path):
    import sqlite3

    store = Store(tmp_path)
    store.save_episode(_episode(), "source", from_summary=True)
    store.begin_writes(["a", "b"])
    store.end_writes(["a", "b"])
    store.schedule_deletion("c")
    store.set_source_hash("g1", "other")
    with sqlite3.connect(tmp_path / STATE_DB) as other:  # committed: another connection sees it all
        assert other.execute("SELECT source_hash, from_summary FROM episodes").fetchall() == [("other", 0)]
        assert other.execute("SELECT path FROM pending_deletions").fetchall() == [("c",)]
        assert other.execute("SELECT count(*) FROM pending_writes").fetchone() == (0,)
    store.close()


def test_an_adopted_episode_is_adopted_until_its_hashes_are_learned(tmp_path: Path):
    store = Store(tmp_path)
    store.save_episode(replace(_episode(), content_hash="", adopted=True), "")
    assert store.episode("g1").adopted and not store.built_from("g1", "")
    store.set_hashes("g1", "content", "source", "About it, learned.", from_summary=True)
    learned = store.episode("g1")
    assert not learned.adopted and learned.content_hash == "content"
    assert store.source_hash("g1") == "source" and not store.built_from("g1", "source")  # a summary
    store.set_source_hash("g1", "source")
    assert store.built_from("g1", "source")


def test_migration_2_turns_the_sentinel_strings_into_flags(tmp_path: Path):
    import sqlite3

    store = Store(tmp_path)
    store.save_episode(_episode("a", "adopted-one"), "whatever")
    store.save_episode(_episode("s", "summary-one"), "abc")
    store.save_episode(_episode("w", "whole-one"), "def")
    store.close()
    with sqlite3.connect(tmp_path / STATE_DB) as db:  # as the last release (schema 1) wrote them
        db.executescript(
            "ALTER TABLE episodes DROP COLUMN adopted; ALTER TABLE episodes DROP COLUMN from_summary;"
            "UPDATE episodes SET content_hash = 'adopted', source_hash = 'adopted' WHERE guid = 'a';"
            "UPDATE episodes SET source_hash = 'abc-summary' WHERE guid = 's';"
            "PRAGMA user_version = 1;"
        )
    store = Store(tmp_path)
    assert [store.episode(guid).adopted for guid in "asw"] == [True, False, False]
    assert store.episode("a").content_hash == "" and store.source_hash("a") == ""
    assert store.source_hash("s") == "abc" and not store.built_from("s", "abc")
    assert store.source_hash("w") == "def" and store.built_from("w", "def")
    store.close()


def test_pending_deletions(tmp_path: Path):
    store = Store(tmp_path)
    with store.transaction():
        store.schedule_deletion("episodes/a-v1.mp3")
        store.schedule_deletion("episodes/a-v1.mp3")
    assert store.pending_deletions() == ["episodes/a-v1.mp3"]
    with store.transaction():
        store.clear_deletion("episodes/a-v1.mp3")
    assert store.pending_deletions() == []


def test_corrupt_database_names_a_recovery(tmp_path: Path):
    (tmp_path / STATE_DB).write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="move it aside"):
        Store(tmp_path)


def test_a_store_from_before_feed_hashes_and_narration_failures_opens_and_learns_them(tmp_path: Path):
    import sqlite3

    old = sqlite3.connect(tmp_path / STATE_DB)
    old.executescript(
        "CREATE TABLE fetch_state (source TEXT PRIMARY KEY, etag TEXT, last_modified TEXT);"
        "INSERT INTO fetch_state VALUES ('feed.xml#k', '\"v1\"', NULL);"
    )
    old.close()
    store = Store(tmp_path)
    assert store.fetch_state("feed.xml#k") == ('"v1"', None, None)  # unknown hash: parsed next run
    store.save_fetch_state("feed.xml#k", None, None, "abc")
    assert store.fetch_state("feed.xml#k") == (None, None, "abc")
    assert store.narration_failure("g") is None
    store.save_narration_failure("g", "key", "took over 120 s")
    assert store.narration_failure("g") == ("key", "took over 120 s")
    store.clear_narration_failure("g")
    assert store.narration_failure("g") is None
    store.close()


def test_a_store_from_a_newer_post2pod_is_refused_not_misread(tmp_path: Path):
    import sqlite3

    from post2pod.store import SCHEMA_VERSION

    Store(tmp_path).close()
    with sqlite3.connect(tmp_path / STATE_DB) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="written by a newer post2pod"):
        Store(tmp_path)
