"""The runs: `sync`, `regenerate`, `remove`, `adopt` and `prune_cache`, each holding the state
folder's lock. A sync, top-down:

    source = the fetched feed                  (fetch, with the published state's validators)
    todo = plan(state, posts, settings)        (plan.py: narrates what is new or edited; writes nothing)
    a dry run reports `todo` and stops
    for each work item:
        audio = build(item)                    (build.py: synthesis while encoding, streamed)
        record(item, audio)                    (build.py: one store transaction)
        publish                                (output.py: feed, page, then housekeeping)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from filelock import FileLock, Timeout

from post2pod import fetch, publish, synth
from post2pod.config import Config
from post2pod.errors import (
    ClusterError,
    ConfigError,
    LockedError,
    Post2PodError,
    PublishError,
    UsageError,
    VoiceError,
)
from post2pod.models import Podcast, Post, RunReport
from post2pod.pipeline.adopt import adopt as adopt_feed
from post2pod.pipeline.adopt import check_store_matches_feed
from post2pod.pipeline.build import build, record, slot, synthesis_groups
from post2pod.pipeline.merge import FeedRead, read_feeds
from post2pod.pipeline.output import (
    ensure_cover,
    episode_files,
    files_intact,
    prepare_output,
    publish_from_store,
)
from post2pod.pipeline.plan import Plan, Work, check_speaker, plan, record_learned, sync_posts
from post2pod.pipeline.podcast import (
    build_podcast,
    default_address_warning,
    podcast_from_store,
    remember_identity,
    with_identity,
)
from post2pod.pipeline.sources import Log, fetch_key, find_post, http_settings, post_from_page, quiet
from post2pod.pipeline.voices import VoiceChooser
from post2pod.publish.cover import COVER_NAMES, check_configured
from post2pod.store import DATABASE_ERRORS, Store, database_error


class Progress:
    """Progress of a run's synthesis; the CLI draws bars from it, the default ignores it."""

    def start(self, posts: int, segments: int) -> None:
        """A run will build `posts` episodes from `segments` segments."""

    def post(self, title: str, segments: int) -> None:
        """Work on one post's episode begins."""

    def advance(self, segments: int = 1) -> None:
        """Segments are ready (synthesised or found in the cache)."""

    def finish(self) -> None:
        """The run is over."""


@dataclass(frozen=True)
class Options:
    """How a run is carried out (not what it produces); a dry run plans and reports, nothing more."""

    dry_run: bool = False
    log: Log = quiet
    warn: Log = quiet
    result: Log = quiet  # "published: TITLE" as each episode goes live, for a cron's log
    progress: Progress = field(default_factory=Progress)
    engine: synth.Engine | None = None  # a fake synthesiser in unit tests
    use_cuda: bool = False
    pool: synth.WorkerPool | None = None  # workers shared by the podcasts of a run (None: the run's own)


# --- public entry points ----------------------------------------------------------------------


def sync(config: Config, options: Options = Options()) -> RunReport:
    """Publish every new (or edited) post of the source feed; idempotent."""
    with _run(config) as store, _workers(options) as options:
        check_store_matches_feed(config.out, store)
        config = _remembered(config, store)
        source = _fetch_source(config, store, options)
        if not options.dry_run:
            _warm_workers(config, options, store, source.posts)
        todo = _plan(config, options, store, source.podcast, source.posts, force=(), pages=source.pages)
        todo = _with_unread_unchanged(todo, source, store)
        if options.dry_run:
            return _failing(todo.preview(), source.lost)
        _record_plan(config, store, todo, [r for r in source.read if not r.result.not_modified])
        report = _failing(_carry_out(config, options, store, source.podcast, todo), source.lost)
        if report.ok:
            with store.transaction():
                for read in source.read:
                    key = fetch_key(config, read.feed)
                    store.save_fetch_state(
                        key, read.result.etag, read.result.last_modified, read.result.body_hash
                    )
        return report


def regenerate(config: Config, reference: str, options: Options = Options()) -> RunReport:
    """Re-fetch one post (by URL, guid or slug) and rebuild its episode: same guid, new audio file."""
    with _run(config) as store:
        check_store_matches_feed(config.out, store)
        config = _remembered(config, store)
        sources = read_feeds(config, store, http_settings(config), options.warn, conditional=False)
        stored = store.find(reference)
        post = find_post(sources.posts, reference, stored)
        if post is None and stored is not None:
            post = post_from_page(stored, sources.pages)
        if post is None:
            raise UsageError(
                f"no post {reference!r} in {', '.join(config.feeds)} or among published episodes; "
                "give its URL, guid or slug"
            )
        podcast = with_identity(build_podcast(config, sources.info, sources.posts), store)
        todo = _plan(config, options, store, podcast, [post], force=(post.guid,), pages=sources.pages)
        if options.dry_run:
            return todo.preview()
        _record_plan(config, store, todo)
        return _carry_out(config, options, store, podcast, todo)


def remove(config: Config, reference: str, options: Options = Options()) -> RunReport:
    """Take one episode out of the feed and delete its files."""
    with _run(config) as store:
        check_store_matches_feed(config.out, store)
        config = _remembered(config, store, need_feed=False)
        episode = store.find(reference)
        if episode is None:
            raise UsageError(f"no published episode matches {reference!r}; give its URL, guid or slug")
        if options.dry_run:
            return RunReport(removed=(episode.title,))
        _remember(config, store)
        with store.transaction():
            store.delete_episode(episode.guid)
            store.mark_removed(episode.guid)
            for name in episode_files(episode):
                store.schedule_deletion(name)
        publish_from_store(config, store, podcast_from_store(config, store))
        return RunReport(removed=(episode.title,))


def adopt(config: Config) -> list[str]:
    """Rebuild a lost state database from the published feed; returns the adopted episodes' titles.

    The next sync narrates each adopted post that the source feed still lists and records its hashes
    without rebuilding it (unless its files are missing).
    """
    with _run(config) as store:
        episodes = adopt_feed(config.out, store, config.base_url)
        if config.feed:
            with store.transaction():
                store.set_meta("feed", config.feed)
        return [episode.title for episode in episodes]


def prune_cache(config: Config, clear: bool = False) -> tuple[int, int]:
    """Evict least-recently-used clips (or all of them) while no run uses the cache.

    Returns (clips removed, bytes left).
    """
    with _run(config), _cache_held(config, quiet):
        cache = synth.ClipCache(config.clip_cache_dir, config.cache_max_mb * 1024 * 1024)
        try:
            removed = cache.clear() if clear else cache.prune()
            return removed, cache.total_bytes()
        finally:
            cache.close()


# --- the run ----------------------------------------------------------------------------------


def _make_folder(path: Path, what: str, advice: str) -> None:
    """Create a folder the run writes in, or fail with one line saying what to change."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Post2PodError(f"cannot create the {what} {path}: {exc.strerror}; {advice}") from None


@contextmanager
def _run(config: Config) -> Iterator[Store]:
    """Hold the state folder's lock and its store for one run."""
    _make_folder(config.state, "state folder", "use --state elsewhere")
    lock = FileLock(str(config.workspace.lock), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise LockedError(
            f"another post2pod run holds {config.workspace.lock}; try again when it has finished"
        ) from None
    try:
        config.workspace.remove_stale_scratch()
        store = Store(config.state)
    except BaseException:
        lock.release()
        raise
    try:
        yield store
    except DATABASE_ERRORS as exc:
        raise database_error(exc, store.path) from exc
    finally:
        store.close()
        lock.release()


@contextmanager
def _workers(options: Options) -> Iterator[Options]:
    """`options` with the run's worker pool: the one given (shared with other podcasts, left running)
    or a new one, stopped when the run ends."""
    if options.pool is not None:
        yield options
        return
    with synth.WorkerPool(stop_when_idle=True) as pool:
        yield replace(options, pool=pool)


def _warm_workers(config: Config, options: Options, store: Store, posts: Sequence[Post]) -> None:
    """Start the workers while the posts are narrated when one of them has never been built (its clips
    are then almost surely not cached): they load the voice meanwhile, not after narration."""
    if options.pool is None or options.engine is not None:
        return
    if not any(
        store.episode(post.guid) is None
        and not store.is_removed(post.guid)
        and store.narration_failure(post.guid) is None
        for post in posts
    ):
        return
    try:
        voice = synth.resolve_voice(config.voice, voices_dir(config))
    except VoiceError:
        return  # planning stops the run with its own words for it
    options.pool.warm(config.workers, options.use_cuda, config.run.target, voice)


@dataclass(frozen=True)
class _Source:
    """What a sync fetched: the podcast, the posts to consider, failures (source feeds not read, broken
    episodes the feeds no longer list), and the feeds as read, to record once the run has gone well."""

    podcast: Podcast
    posts: list[Post]
    lost: list[tuple[str, str]]
    pages: fetch.HttpSettings
    read: tuple[FeedRead, ...]


def _fetch_source(config: Config, store: Store, options: Options) -> _Source:
    """Fetch the source feeds (conditionally, unless a published episode needs its post again)."""
    broken = [episode for episode in store.episodes() if not files_intact(config, episode)]
    # a file to rebuild needs its post, and a page due for a check needs the feed's list of posts:
    # fetch the whole feed then, even when it has not changed
    due = store.pages_due(datetime.now(UTC) - timedelta(hours=config.fetch.page_recheck_h))
    sources = read_feeds(config, store, http_settings(config), options.warn, conditional=not (broken or due))
    for read in sources.read:
        if read.result.not_modified:
            which = "" if len(config.feeds) == 1 else f" {read.feed}"
            options.log(f"source feed{which} not modified since the last run")
    podcast = with_identity(build_podcast(config, sources.info, sources.posts), store)
    posts, lost = sync_posts(sources.posts, store, config, broken, options.warn)
    return _Source(podcast, posts, [*sources.failed, *lost], sources.pages, sources.read)


def _plan(
    config: Config,
    options: Options,
    store: Store,
    podcast: Podcast,
    posts: Sequence[Post],
    force: Sequence[str],
    pages: fetch.HttpSettings,
) -> Plan:
    voices = VoiceChooser(config, voices_dir(config), options.warn)
    check_speaker(config, voices.default)
    _check_cover(config, podcast, options.warn)
    for warning in (*publish.check_podcast(podcast), default_address_warning(config)):
        if warning:
            options.warn(warning)
    return plan(config, store, posts, voices, force=force, pages=pages, warn=options.warn)


def _check_cover(config: Config, podcast: Podcast, warn: Log) -> None:
    """A configured cover that cannot be used stops the run (a dry run too) before anything is built;
    one that will be converted says so once, when its converted copy is made."""
    if not podcast.image:
        return
    source = Path(podcast.image).expanduser()
    try:
        note = check_configured(source)
    except PublishError as exc:
        raise ConfigError(str(exc)) from None
    published = [config.out / name for name in COVER_NAMES if (config.out / name).is_file()]
    if note and not any(path.stat().st_mtime >= source.stat().st_mtime for path in published):
        warn(note)


def _with_unread_unchanged(todo: Plan, source: _Source, store: Store) -> Plan:
    """A feed that has not changed since the last run is not parsed, so its posts are not planned:
    its published episodes are as unchanged as if they had been."""
    if not any(read.result.not_modified for read in source.read):
        return todo
    planned = {post.guid for post in source.posts}
    published = [episode.title for episode in store.episodes() if episode.guid not in planned]
    return replace(todo, unchanged=(*todo.unchanged, *published))


def _record_plan(config: Config, store: Store, todo: Plan, fetched: Sequence[FeedRead] = ()) -> None:
    """Before building: remember the feed and URL, the metadata of the feeds fetched anew and the
    hashes the plan learned about episodes it leaves as they are."""
    _remember(config, store)
    with store.transaction():
        for read in fetched:
            store.save_feed_info(read.feed, read.info)
        for page in todo.pages:  # even when a build then fails: the page's hash is then new to its episode
            store.save_page_state(page)
    record_learned(store, todo)


def _carry_out(config: Config, options: Options, store: Store, podcast: Podcast, todo: Plan) -> RunReport:
    """Build and record each planned episode, publishing after each (one is out as soon as it is built)."""
    prepare_output(config, store)
    remember_identity(store, podcast)
    if not todo.work:
        publish_from_store(config, store, podcast)
        return RunReport(unchanged=todo.unchanged, failed=todo.failed)
    new, regenerated, failed = [], [], list(todo.failed)
    with _cache_held(config, options.log), _synthesis(config, options) as (cache, synthesizer):
        pending = [synthesizer.submit(w.jobs, synthesis_groups(w.script)) for w in todo.work]
        cover = ensure_cover(podcast, config.out)  # while the workers start
        options.progress.start(len(todo.work), sum(len(p.clips) + len(p.futures) for p in pending))
        for item, clips in zip(todo.work, pending, strict=True):
            try:
                title = _episode(config, options, store, podcast, item, clips, cover)
            except (VoiceError, ClusterError):
                raise  # every later post would fail the same way
            except Post2PodError as exc:
                failed.append((item.post.title, str(exc)))
                options.warn(f"failed {item.post.title!r}: {exc}")
                continue
            publish_from_store(config, store, podcast, cover=cover)
            (regenerated if item.previous else new).append(title)
            options.result(f"{'regenerated' if item.previous else 'published'}: {title}")
        if not (new or regenerated):
            publish_from_store(config, store, podcast, cover=cover)
        cache.prune(keep=[job.key for w in todo.work for job in w.jobs])
        options.log(
            f"synthesised {_count(synthesizer.synthesised, 'segment')}, reused {synthesizer.reused} "
            "from the cache"
        )
    return RunReport(
        new=tuple(new), regenerated=tuple(regenerated), unchanged=todo.unchanged, failed=tuple(failed)
    )


def _episode(
    config: Config,
    options: Options,
    store: Store,
    podcast: Podcast,
    item: Work,
    clips: synth.PendingClips,
    cover: str,
) -> str:
    """Build one planned episode and record it; its title."""
    options.log(
        f"{'regenerating' if item.previous else 'publishing'} {item.post.title!r} "
        f"({_count(len(item.jobs), 'segment')})"
    )
    options.progress.post(item.post.title, len(clips.clips) + len(clips.futures))
    options.progress.advance(len(clips.clips))
    where = slot(store, item)
    store.begin_writes(where.names)
    audio = build(config, podcast, item, where, clips, cover, options.progress.advance)
    return record(config, store, podcast, item, where, audio).title


def _count(number: int, noun: str) -> str:
    """`1 segment`, `2 segments`."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


@contextmanager
def _synthesis(config: Config, options: Options) -> Iterator[tuple[synth.ClipCache, synth.Synthesizer]]:
    """The clip cache and the synthesiser's workers for one run's building."""
    cache = synth.ClipCache(config.clip_cache_dir, config.cache_max_mb * 1024 * 1024)
    try:
        try:
            with synth.Synthesizer(
                cache,
                workers=config.workers,
                engine=options.engine,
                use_cuda=options.use_cuda,
                executor=config.run.target,
                cluster_timeout_s=config.run.cluster_timeout_s,
                warn=options.warn,
                pool=options.pool,
            ) as synthesizer:
                yield cache, synthesizer
        finally:
            options.progress.finish()
    finally:
        cache.close()


@contextmanager
def _cache_held(config: Config, log: Log) -> Iterator[None]:
    """The clip cache's lock: podcasts sharing a cache build one at a time, so one's pruning never
    removes clips another is writing. A run with nothing to build never waits for it."""
    _make_folder(config.clip_cache_dir, "clip cache", "set [cache] dir elsewhere")
    lock = FileLock(str(config.workspace.cache_lock))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        log(f"waiting for another run to finish with the clip cache {config.clip_cache_dir}")
        lock.acquire()
    try:
        yield
    finally:
        lock.release()


def podcast_publishing(configs: Sequence[Config], reference: str) -> Config:
    """The one podcast among `configs` that has published the post `reference` (URL, guid or slug)."""
    found = [config for config in configs if _has_published(config, reference)]
    if len(found) == 1:
        return found[0]
    names = ", ".join(config.name for config in (found or configs))
    if found:
        raise UsageError(f"podcasts {names} have all published {reference!r}; pick one with --only NAME")
    raise UsageError(f"no podcast has published {reference!r}; pick the podcast with --only NAME ({names})")


def _has_published(config: Config, reference: str) -> bool:
    if not config.workspace.database.is_file():
        return False
    store = Store(config.state)
    try:
        return store.find(reference) is not None
    finally:
        store.close()


def _failing(report: RunReport, failures: Sequence[tuple[str, str]]) -> RunReport:
    return replace(report, failed=(*report.failed, *failures)) if failures else report


def voices_dir(config: Config) -> Path:
    """The voices/ folder beside the config file (else in the working folder) that holds extra voices."""
    base = config.config_path.parent if config.config_path else Path.cwd()
    return base / "voices"


def _remembered(config: Config, store: Store, need_feed: bool = True) -> Config:
    """The source feed and public URL given before, when this run does not give them.

    So `post2pod remove POST` or `regenerate POST` after a `sync --feed … --base-url …` keeps
    publishing at the same URL, from the same feed.
    """
    feed = config.feed or store.get_meta("feed") or ""
    base_url = config.base_url or store.get_meta("base_url") or ""
    if need_feed and not feed:
        raise UsageError('no source feed: pass --feed URL|PATH or set feed = "..." in post2pod.toml')
    return replace(config, feed=feed, base_url=base_url)


def _remember(config: Config, store: Store) -> None:
    """Record this run's source feed and public URL for the runs that do not give them."""
    with store.transaction():
        for key, value in (("feed", config.feed), ("base_url", config.base_url)):
            if value:
                store.set_meta(key, value)
