"""State in SQLite: published episodes, what each post looked like, feed fetch state, pending deletions.

The schema carries a version (`PRAGMA user_version`); `_MIGRATIONS` upgrade an older state folder in place.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from post2pod.errors import StoreError
from post2pod.models import Chapter, Episode, FeedInfo, PageState
from post2pod.workspace import STATE_DB

SCHEMA = """
CREATE TABLE IF NOT EXISTS episodes (
    guid TEXT PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    version INTEGER NOT NULL,
    title TEXT NOT NULL,
    link TEXT NOT NULL,
    published TEXT NOT NULL,
    description TEXT NOT NULL,
    audio_file TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    duration_ms INTEGER NOT NULL,
    content_hash TEXT NOT NULL,
    source_hash TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    author TEXT NOT NULL DEFAULT '',
    transcript_file TEXT,
    chapters_file TEXT,
    chapters TEXT NOT NULL DEFAULT '[]',
    date_known INTEGER NOT NULL DEFAULT 1,
    notes_html TEXT NOT NULL DEFAULT '',
    image_url TEXT NOT NULL DEFAULT '',
    adopted INTEGER NOT NULL DEFAULT 0,
    from_summary INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS fetch_state (
    source TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    body_hash TEXT
);
CREATE TABLE IF NOT EXISTS page_state (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    body_hash TEXT NOT NULL,
    checked_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS feed_info (
    source TEXT PRIMARY KEY,
    info TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS pending_deletions (
    path TEXT PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS pending_writes (
    path TEXT PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS removed (
    guid TEXT PRIMARY KEY
);
CREATE TABLE IF NOT EXISTS narration_failures (
    guid TEXT PRIMARY KEY,
    source_key TEXT NOT NULL,
    message TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


class Store:
    """The SQLite state of one podcast (kept in the state folder, outside the published folder).

    Transactions: every public write method is one transaction of its own, unless it is called inside
    `with store.transaction():`, which makes everything in the block one transaction (blocks nest: an
    inner block is a savepoint, undone alone when it raises).
    """

    def __init__(self, state_dir: Path) -> None:
        self.path = state_dir / STATE_DB
        self._savepoints = 0
        try:
            state_dir.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(SCHEMA)
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise database_error(exc, self.path) from None
        except OSError as exc:
            raise StoreError(
                f"cannot create state folder {state_dir}: {exc.strerror}; use --state elsewhere"
            ) from None

    def close(self) -> None:
        self._db.close()

    def _migrate(self) -> None:
        """Bring an older store up to SCHEMA_VERSION in place (`PRAGMA user_version`), one numbered
        migration at a time, so a state folder survives every upgrade; a store written by a newer
        post2pod is refused rather than misread."""
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version == SCHEMA_VERSION:
            return
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the state database {self.path} was written by a newer post2pod (schema {version}, this "
                f"one reads up to {SCHEMA_VERSION}); upgrade post2pod"
            )
        with self.transaction():  # another process may have just migrated it: look again inside
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version == SCHEMA_VERSION:
                return
            for number, migration in enumerate(_MIGRATIONS, start=1):
                if version < number:
                    migration(self)
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def _add_missing_columns(self) -> None:
        """Migration 1, from the stores made before versions were kept (each column added only where
        it is missing): `date_known`, false for an episode stored with the undated post's fixed date
        (1970-01-01); show notes and pictures (from the next build); a feed's `body_hash`, unknown,
        so the next run parses the feed."""
        if "date_known" not in self._columns():
            self._db.execute("ALTER TABLE episodes ADD COLUMN date_known INTEGER NOT NULL DEFAULT 1")
            undated = _iso(UNDATED_EPISODE)
            self._db.execute("UPDATE episodes SET date_known = 0 WHERE published = ?", (undated,))
        for column in ("notes_html", "image_url"):
            if column not in self._columns():
                self._db.execute(f"ALTER TABLE episodes ADD COLUMN {column} TEXT NOT NULL DEFAULT ''")
        if "body_hash" not in self._columns("fetch_state"):
            self._db.execute("ALTER TABLE fetch_state ADD COLUMN body_hash TEXT")

    def _flags_for_sentinels(self) -> None:
        """Migration 2: real columns for what sentinel strings said. An adopted episode had "adopted"
        as its content and source hash: now `adopted`, its hashes unknown (""). A post whose feed
        summary stood in for an unreadable page had "-summary" after its source hash: now
        `from_summary`, beside the hash itself."""
        columns = self._columns()
        for column in ("adopted", "from_summary"):
            if column not in columns:
                self._db.execute(f"ALTER TABLE episodes ADD COLUMN {column} INTEGER NOT NULL DEFAULT 0")
        self._db.execute(
            "UPDATE episodes SET adopted = 1, content_hash = '', source_hash = '' WHERE content_hash = ?",
            (_ADOPTED_BEFORE,),
        )
        self._db.execute(
            "UPDATE episodes SET from_summary = 1,"
            " source_hash = substr(source_hash, 1, length(source_hash) - ?) WHERE source_hash LIKE ?",
            (len(_SUMMARY_SUFFIX_BEFORE), f"%{_SUMMARY_SUFFIX_BEFORE}"),
        )

    def _columns(self, table: str = "episodes") -> set[str]:
        return {row[1] for row in self._db.execute(f"PRAGMA table_info({table})")}

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All-or-nothing changes: BEGIN IMMEDIATE … COMMIT, or inside another transaction a savepoint."""
        if self._db.in_transaction:
            self._savepoints += 1
            name = f"nested_{self._savepoints}"
            self._db.execute(f"SAVEPOINT {name}")
            try:
                yield
            except BaseException:
                self._db.execute(f"ROLLBACK TO {name}")
                raise
            finally:
                self._db.execute(f"RELEASE {name}")
                self._savepoints -= 1
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # --- episodes -------------------------------------------------------------------------

    def episodes(self) -> list[Episode]:
        """Every published episode, newest first."""
        rows = self._db.execute("SELECT * FROM episodes ORDER BY published DESC, guid").fetchall()
        return [_episode(row) for row in rows]

    def episode(self, guid: str) -> Episode | None:
        row = self._db.execute("SELECT * FROM episodes WHERE guid = ?", (guid,)).fetchone()
        return _episode(row) if row else None

    def source_hash(self, guid: str) -> str | None:
        """The hash of the post (and settings) the episode was built from; "" when adopted."""
        row = self._db.execute("SELECT source_hash FROM episodes WHERE guid = ?", (guid,)).fetchone()
        return row[0] if row else None

    def built_from(self, guid: str, source_hash: str) -> bool:
        """Whether the episode was built from exactly this post, whole: not adopted (what it was built
        from is not known), nor from its feed summary standing in for a page that could not be read
        (the page is then tried again)."""
        row = self._db.execute(
            "SELECT 1 FROM episodes WHERE guid = ? AND source_hash = ? AND NOT from_summary AND NOT adopted",
            (guid, source_hash),
        ).fetchone()
        return row is not None

    def find(self, reference: str) -> Episode | None:
        """An episode by guid, post URL or slug."""
        reference = reference.strip()
        for column in ("guid", "link", "slug"):
            row = self._db.execute(f"SELECT * FROM episodes WHERE {column} = ?", (reference,)).fetchone()
            if row:
                return _episode(row)
        stripped = reference.rstrip("/")
        row = self._db.execute("SELECT * FROM episodes WHERE rtrim(link, '/') = ?", (stripped,)).fetchone()
        return _episode(row) if row else None

    def episodes_by_link(self, link: str) -> list[Episode]:
        """Episodes whose post lives at `link` (a trailing slash ignored)."""
        rows = self._db.execute(
            "SELECT * FROM episodes WHERE rtrim(link, '/') = ?", (link.strip().rstrip("/"),)
        ).fetchall()
        return [_episode(row) for row in rows]

    def slug_taken(self, slug: str, guid: str) -> bool:
        row = self._db.execute("SELECT 1 FROM episodes WHERE slug = ? AND guid != ?", (slug, guid)).fetchone()
        return row is not None

    def save_episode(self, episode: Episode, source_hash: str, from_summary: bool = False) -> None:
        """Record an episode (a new version replaces the old) with the hash of what it was built from."""
        chapters = json.dumps([[c.title, c.start_ms, c.end_ms] for c in episode.chapters])
        self._db.execute(
            "INSERT OR REPLACE INTO episodes (guid, slug, version, title, link, published, description,"
            " audio_file, bytes, duration_ms, content_hash, source_hash, updated_at, author,"
            " transcript_file, chapters_file, chapters, date_known, notes_html, image_url, adopted,"
            " from_summary) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                episode.guid,
                episode.slug,
                episode.version,
                episode.title,
                episode.link,
                _iso(episode.published),
                episode.description,
                episode.audio_file,
                episode.bytes,
                episode.duration_ms,
                episode.content_hash,
                source_hash,
                _iso(episode.updated_at),
                episode.author,
                episode.transcript_file,
                episode.chapters_file,
                chapters,
                int(episode.date_known),
                episode.notes_html,
                episode.image_url,
                int(episode.adopted),
                int(from_summary),
            ),
        )

    def set_hashes(
        self,
        guid: str,
        content_hash: str,
        source_hash: str,
        description: str,
        notes_html: str = "",
        image_url: str = "",
        from_summary: bool = False,
    ) -> None:
        """An adopted episode's post narrated again: what it says now is what it was published with
        (the episode is adopted no more)."""
        self._db.execute(
            "UPDATE episodes SET content_hash = ?, source_hash = ?, description = ?, notes_html = ?,"
            " image_url = ?, from_summary = ?, adopted = 0 WHERE guid = ?",
            (content_hash, source_hash, description, notes_html, image_url, int(from_summary), guid),
        )

    def set_source_hash(self, guid: str, source_hash: str, from_summary: bool = False) -> None:
        """An episode left as it is: the post it would be built from now (see `built_from`)."""
        self._db.execute(
            "UPDATE episodes SET source_hash = ?, from_summary = ? WHERE guid = ?",
            (source_hash, int(from_summary), guid),
        )

    def delete_episode(self, guid: str) -> None:
        self._db.execute("DELETE FROM episodes WHERE guid = ?", (guid,))

    # --- files to delete once the feed no longer lists them ------------------------------------

    def schedule_deletion(self, relative_path: str) -> None:
        self._db.execute("INSERT OR IGNORE INTO pending_deletions (path) VALUES (?)", (relative_path,))

    def pending_deletions(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT path FROM pending_deletions ORDER BY path")]

    def clear_deletion(self, relative_path: str) -> None:
        self._db.execute("DELETE FROM pending_deletions WHERE path = ?", (relative_path,))

    # --- files being written (a killed run's leftovers are exactly these) -----------------------

    def begin_writes(self, relative_paths: list[str]) -> None:
        with self.transaction():
            for path in relative_paths:
                self._db.execute("INSERT OR IGNORE INTO pending_writes (path) VALUES (?)", (path,))

    def end_writes(self, relative_paths: list[str]) -> None:
        with self.transaction():
            for path in relative_paths:
                self._db.execute("DELETE FROM pending_writes WHERE path = ?", (path,))

    def pending_writes(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT path FROM pending_writes ORDER BY path")]

    # --- episodes the author removed: never published again by sync -------------------------

    def mark_removed(self, guid: str) -> None:
        self._db.execute("INSERT OR IGNORE INTO removed (guid) VALUES (?)", (guid,))

    def is_removed(self, guid: str) -> bool:
        return self._db.execute("SELECT 1 FROM removed WHERE guid = ?", (guid,)).fetchone() is not None

    def removed_guids(self) -> list[str]:
        return [row[0] for row in self._db.execute("SELECT guid FROM removed ORDER BY guid")]

    def unmark_removed(self, guid: str) -> None:
        self._db.execute("DELETE FROM removed WHERE guid = ?", (guid,))

    # --- settings remembered from the last sync (base URL, feed) -------------------------------

    def get_meta(self, key: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    # --- conditional GET state -------------------------------------------------------------

    def fetch_state(self, source: str) -> tuple[str | None, str | None, str | None]:
        """(etag, last_modified, body_hash) of a source feed as last read by a run that went well."""
        row = self._db.execute(
            "SELECT etag, last_modified, body_hash FROM fetch_state WHERE source = ?", (source,)
        ).fetchone()
        return (row[0], row[1], row[2]) if row else (None, None, None)

    def save_fetch_state(
        self, key: str, etag: str | None, last_modified: str | None, body_hash: str | None = None
    ) -> None:
        """Remember validators for the next conditional GET, and the hash of the feed's bytes."""
        self._db.execute(
            "INSERT OR REPLACE INTO fetch_state (source, etag, last_modified, body_hash) VALUES (?, ?, ?, ?)",
            (key, etag, last_modified, body_hash),
        )

    def page_state(self, url: str) -> PageState | None:
        """What the last read of a post's page found (summary-only feeds): validators and body hash."""
        row = self._db.execute(
            "SELECT url, etag, last_modified, body_hash, checked_at FROM page_state WHERE url = ?", (url,)
        ).fetchone()
        return PageState(row[0], row[1], row[2], row[3], datetime.fromisoformat(row[4])) if row else None

    def save_page_state(self, state: PageState) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO page_state (url, etag, last_modified, body_hash, checked_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (state.url, state.etag, state.last_modified, state.body_hash, state.checked_at.isoformat()),
        )

    def pages_due(self, checked_before: datetime) -> bool:
        """Whether a page read for a published episode was last checked before `checked_before`."""
        row = self._db.execute(
            "SELECT 1 FROM page_state WHERE checked_at < ? LIMIT 1", (checked_before.isoformat(),)
        ).fetchone()
        return row is not None

    def narration_failure(self, guid: str) -> tuple[str, str] | None:
        """(the key of the post as it failed, why) for a post that could not be narrated."""
        row = self._db.execute(
            "SELECT source_key, message FROM narration_failures WHERE guid = ?", (guid,)
        ).fetchone()
        return (row[0], row[1]) if row else None

    def save_narration_failure(self, guid: str, source_key: str, message: str) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO narration_failures (guid, source_key, message) VALUES (?, ?, ?)",
            (guid, source_key, message),
        )

    def clear_narration_failure(self, guid: str) -> None:
        self._db.execute("DELETE FROM narration_failures WHERE guid = ?", (guid,))

    def save_feed_info(self, source: str, info: FeedInfo) -> None:
        """Remember the blog's metadata, for runs that do not fetch it (a 304, `remove`)."""
        self._db.execute(
            "INSERT OR REPLACE INTO feed_info (source, info) VALUES (?, ?)",
            (source, json.dumps(asdict(info), sort_keys=True)),
        )

    def feed_info(self, source: str) -> FeedInfo | None:
        """The blog's metadata as last fetched from `source`."""
        row = self._db.execute("SELECT info FROM feed_info WHERE source = ?", (source,)).fetchone()
        return FeedInfo(**json.loads(row[0])) if row else None


# Each migration brings a store from its number minus one to its number (`Store._migrate`).
_MIGRATIONS = (Store._add_missing_columns, Store._flags_for_sentinels)
SCHEMA_VERSION = len(_MIGRATIONS)

_ADOPTED_BEFORE = "adopted"  # schema 1: the content and source hash of an adopted episode
_SUMMARY_SUFFIX_BEFORE = "-summary"  # schema 1: after the source hash of an episode read from a summary
DATABASE_ERRORS = (sqlite3.Error,)
UNDATED_EPISODE = datetime(
    1970, 1, 1, tzinfo=UTC
)  # fetch.feeds.UNDATED: what an undated post was stored with


def database_error(exc: Exception, path: Path) -> StoreError:
    """A failure of the state database as the operator can act on it (disk full, corrupt file…)."""
    text = str(exc)
    if "disk is full" in text or "disk I/O" in text:
        return StoreError(f"cannot write the state database {path}: {text}; free disk space and rerun")
    corrupt = type(exc) is sqlite3.DatabaseError  # not IntegrityError, OperationalError…
    if corrupt or "malformed" in text or "not a database" in text:
        return StoreError(
            f"the state database {path} is corrupt ({text}); restore it from a backup, or move it aside "
            "and run `post2pod adopt` to rebuild it from the published feed"
        )
    return StoreError(
        f"the state database {path} failed ({text}); check its disk and permissions, then rerun"
    )


def _episode(row: sqlite3.Row) -> Episode:
    return Episode(
        guid=row["guid"],
        slug=row["slug"],
        version=row["version"],
        title=row["title"],
        link=row["link"],
        published=_parse(row["published"]),
        description=row["description"],
        audio_file=row["audio_file"],
        bytes=row["bytes"],
        duration_ms=row["duration_ms"],
        content_hash=row["content_hash"],
        updated_at=_parse(row["updated_at"]),
        author=row["author"],
        transcript_file=row["transcript_file"],
        chapters_file=row["chapters_file"],
        chapters=tuple(Chapter(t, s, e) for t, s, e in json.loads(row["chapters"])),
        date_known=bool(row["date_known"]),
        notes_html=row["notes_html"],
        image_url=row["image_url"],
        adopted=bool(row["adopted"]),
    )


def _iso(moment: datetime) -> str:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _parse(text: str) -> datetime:
    return datetime.fromisoformat(text)
