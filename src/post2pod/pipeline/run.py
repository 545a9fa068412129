"""The runs: `sync`, `regenerate`, `remove`, `adopt` and `prune_cache`, each holding the state
folder's lock. A sync, top-down (`sync` and `_carry_out` below read as this):

    feeds = _fetch(config, store, broken)      (merge.py: conditional on the last run's validators)
    run = Run(config, store, options, podcast, pages)       (context.py: what every stage shares)
    posts = plan.sync_posts(run, ...)          (plan.py: newest first, within --limit; broken ones too)
    todo = plan.plan(run, posts)               (plan.py: narrates what is new or edited; writes nothing)
    a dry run reports `todo` and stops
    record.plan(run, todo)                     (record.py: what planning learned)
    publish.prepare_output(run)                (publish.py: what a killed run left behind goes)
    every work item's clips go to the workers  (build.submit), then for each work item:
        slot = identity.slot(...)              (identity.py: its slug and version's file names)
        record.writing(run, slot)              (record.py: the names it is about to write)
        built = build.build(run, task, slot)   (build.py: encoding while its clips arrive)
        record.episode(run, item, built)       (record.py: one store transaction)
        publish.publish(run)                   (publish.py: feed, pages, then housekeeping)
    record.fetch_state(run, feeds.read)        (once every post went well)
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from functools import cache
from pathlib import Path

from filelock import FileLock, Timeout

from post2pod import fetch, synth
from post2pod.config import Config
from post2pod.errors import ClusterError, LockedError, Post2PodError, UsageError, VoiceError
from post2pod.models import Episode, Podcast, Post, RunReport
from post2pod.pipeline import build, identity, plan, publish, record
from post2pod.pipeline.context import Options, Run
from post2pod.pipeline.log import LOG, podcast_named
from post2pod.pipeline.merge import Sources, read_feeds
from post2pod.pipeline.podcast import build_podcast, podcast_from_store
from post2pod.pipeline.sources import find_post, post_from_page
from post2pod.publish.published import published_guids, read_published
from post2pod.store import DATABASE_ERRORS, Store, database_error

_DEFAULTS = Options()

# --- public entry points ----------------------------------------------------------------------


def sync(config: Config, options: Options = _DEFAULTS) -> RunReport:
    """Publish every new (or edited) post of the source feed; idempotent."""
    with _opened(config) as store, _workers(config, options) as options:
        publish.check_store_matches_feed(config.out, store)
        config = _remembered(config, store)
        broken = [episode for episode in store.episodes() if not publish.files_intact(config, episode)]
        feeds = _fetch(config, store, broken)
        run = Run(config, store, options, _podcast(config, store, feeds), feeds.pages)
        posts, lost = plan.sync_posts(run, feeds.posts, broken)
        failures = [*feeds.failed, *lost]
        if not options.dry_run:
            _warm_workers(run, posts)
        todo = plan.plan(run, posts)
        if any(read.result.not_modified for read in feeds.read):
            todo = _with_published_unchanged(run, todo, posts)
        if options.dry_run:
            return _failing(todo.preview(), failures)
        record.plan(run, todo, [read for read in feeds.read if not read.result.not_modified])
        report = _failing(_carry_out(run, todo), failures)
        if report.ok:
            record.fetch_state(run, feeds.read)
        return report


def regenerate(config: Config, reference: str, options: Options = _DEFAULTS) -> RunReport:
    """Re-fetch one post (by URL, guid or slug) and rebuild its episode: same guid, new audio file."""
    with _opened(config) as store, _workers(config, options) as options:
        publish.check_store_matches_feed(config.out, store)
        config = _remembered(config, store)
        sources = read_feeds(config, store, conditional=False)
        stored = store.find(reference)
        post = find_post(sources.posts, reference, stored)
        if post is None and stored is not None:
            post = post_from_page(stored, sources.pages)
        if post is None:
            raise UsageError(
                f"no post {reference!r} in {', '.join(config.feeds)} or among published episodes; "
                "give its URL, guid or slug"
            )
        run = Run(config, store, options, _podcast(config, store, sources), sources.pages)
        if not options.dry_run:
            _load_voice_here(run)
        todo = plan.plan(run, [post], force=(post.guid,))
        if options.dry_run:
            return todo.preview()
        record.plan(run, todo)
        return _carry_out(run, todo)


def remove(config: Config, reference: str, options: Options = _DEFAULTS) -> RunReport:
    """Take one episode out of the feed and delete its files."""
    with _opened(config) as store:
        publish.check_store_matches_feed(config.out, store)
        config = _remembered(config, store, need_feed=False)
        episode = store.find(reference)
        if episode is None:
            raise UsageError(f"no published episode matches {reference!r}; give its URL, guid or slug")
        if options.dry_run:
            return RunReport(removed=(episode.title,))
        run = Run(config, store, options, podcast_from_store(config, store), fetch.HttpSettings())
        record.remember(run)
        record.removal(run, episode)
        publish.publish(run)
        return RunReport(removed=(episode.title,))


def adopt(config: Config) -> list[str]:
    """Rebuild a lost state database from the published feed; returns the adopted episodes' titles.

    The next sync narrates each adopted post that the source feed still lists and records its hashes
    without rebuilding it (unless its files are missing).
    """
    with _opened(config) as store:
        if store.episodes() and published_guids(config.out) is not None:
            raise UsageError(
                f"the state database {store.path} already records episodes; adopt only into a new, empty "
                "--state"
            )
        base_url, episodes = read_published(config.out, config.base_url)
        owner = publish.read_owner(config.out) or ""
        record.adoption(store, episodes, {"base_url": base_url, "owner": owner, "feed": config.feed})
        return [episode.title for episode in episodes]


def prune_cache(config: Config, clear: bool = False) -> tuple[int, int]:
    """Evict least-recently-used clips (or all of them) while no run uses the cache.

    Returns (clips removed, bytes left).
    """
    with _opened(config), _cache_held(config, say_waiting=False):
        cache = synth.ClipCache(config.clip_cache_dir, config.cache_max_mb * 1024 * 1024)
        try:
            removed = cache.clear() if clear else cache.prune()
            return removed, cache.total_bytes()
        finally:
            cache.close()


# --- the stages of a sync -----------------------------------------------------------------------


def _fetch(config: Config, store: Store, broken: Sequence[Episode]) -> Sources:
    """Fetch the source feeds (conditionally, unless a published episode needs its post again)."""
    # a file to rebuild needs its post, and a page due for a check needs the feed's list of posts:
    # fetch the whole feed then, even when it has not changed
    due = store.pages_due(datetime.now(UTC) - timedelta(hours=config.fetch.page_recheck_h))
    feeds = read_feeds(config, store, conditional=not (broken or due))
    for read in feeds.read:
        if read.result.not_modified:
            which = "" if len(config.feeds) == 1 else f" {read.feed}"
            LOG.info(f"source feed{which} not modified since the last run")
    return feeds


def _podcast(config: Config, store: Store, sources: Sources) -> Podcast:
    """The podcast the source feeds make, with the identity it was first published under."""
    return identity.with_identity(build_podcast(config, sources.info, sources.posts), store)


def _warm_workers(run: Run, posts: Sequence[Post]) -> None:
    """Start the workers while the posts are narrated when one of them has never been built (its clips
    are then almost surely not cached): they load the voice meanwhile, not after narration."""
    store, pool = run.store, run.options.pool
    new = (
        store.episode(post.guid) is None
        and not store.is_removed(post.guid)
        and store.narration_failure(post.guid) is None
        for post in posts
    )
    voice = _voice_to_preload(run) if any(new) else None
    if pool is not None and voice is not None:
        pool.warm(run.config.workers, run.options.use_cuda, run.config.run.target, voice)


def _load_voice_here(run: Run) -> None:
    """Load the voice in this process while the post is narrated: after an edit, the few sentences
    that changed are synthesised here, not by workers started for them."""
    pool, voice = run.options.pool, _voice_to_preload(run)
    if pool is not None and voice is not None:
        pool.load_here(run.config.workers, run.options.use_cuda, voice)


def _voice_to_preload(run: Run) -> synth.VoiceSpec | None:
    """The run's default voice, to load before it is needed; None with a fake engine, or when the voice
    cannot be resolved (planning then stops the run with its own words for it)."""
    if run.options.engine is not None:
        return None
    try:
        return run.voices.default
    except VoiceError:
        return None


def _with_published_unchanged(run: Run, todo: plan.Plan, planned: Sequence[Post]) -> plan.Plan:
    """A feed that has not changed since the last run is not parsed, so its posts are not planned:
    its published episodes are as unchanged as if they had been."""
    guids = {post.guid for post in planned}
    published = [episode.title for episode in run.store.episodes() if episode.guid not in guids]
    return replace(todo, unchanged=(*todo.unchanged, *published))


def _carry_out(run: Run, todo: plan.Plan) -> RunReport:
    """Build and record each planned episode, publishing after each (one is out as soon as it is built)."""
    publish.prepare_output(run)
    record.identity(run)
    if not todo.work:
        publish.publish(run)
        return RunReport(unchanged=todo.unchanged, failed=todo.failed)
    new: list[str] = []
    regenerated: list[str] = []
    failed = list(todo.failed)
    progress = run.options.progress
    with _cache_held(run.config), build.synthesis(run) as (cache, synthesizer):
        pending = build.submit(synthesizer, todo.work)
        cover = publish.ensure_cover(run)  # while the workers start
        tasks = [build.Task(item, clips, cover) for item, clips in zip(todo.work, pending, strict=True)]
        progress.start(len(tasks), sum(task.segments for task in tasks))
        for task in tasks:
            item = task.item
            try:
                title = _episode(run, task)
            except (VoiceError, ClusterError):
                raise  # every later post would fail the same way
            except Post2PodError as exc:
                failed.append((item.post.title, str(exc)))
                LOG.warning(f"failed {item.post.title!r}: {exc}")
                continue
            publish.publish(run, cover)
            (regenerated if item.previous else new).append(title)
            run.options.result(f"{'regenerated' if item.previous else 'published'}: {title}")
        if not (new or regenerated):
            publish.publish(run, cover)
        cache.prune(keep=[job.key for item in todo.work for job in item.jobs])
        LOG.info(
            f"synthesised {_count(synthesizer.synthesised, 'segment')}, reused {synthesizer.reused} "
            "from the cache"
        )
    return RunReport(
        new=tuple(new), regenerated=tuple(regenerated), unchanged=todo.unchanged, failed=tuple(failed)
    )


def _episode(run: Run, task: build.Task) -> str:
    """Build one planned episode and record it; its title."""
    item, progress = task.item, run.options.progress
    LOG.info(
        f"{'regenerating' if item.previous else 'publishing'} {item.post.title!r} "
        f"({_count(len(item.jobs), 'segment')})"
    )
    progress.post(item.post.title, task.segments)
    progress.advance(len(task.clips.clips))
    where = identity.slot(run.store, item.post, item.previous)
    record.writing(run, where)
    built = build.build(run, task, where)
    return record.episode(run, item, built).title


# --- the run's resources ------------------------------------------------------------------------


def _make_folder(path: Path, what: str, advice: str) -> None:
    """Create a folder the run writes in, or fail with one line saying what to change."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Post2PodError(f"cannot create the {what} {path}: {exc.strerror}; {advice}") from None


@contextmanager
def _opened(config: Config) -> Iterator[Store]:
    """Hold the state folder's lock and its store for one run; what the run logs names its podcast."""
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
        with podcast_named(config.name):
            yield store
    except DATABASE_ERRORS as exc:
        raise database_error(exc, store.path) from exc
    finally:
        store.close()
        lock.release()


@contextmanager
def _workers(config: Config, options: Options) -> Iterator[Options]:
    """`options` with the run's worker pool: the one given (shared with other podcasts, left running)
    or a new one, stopped when the run ends. A GPU asked for where onnxruntime offers none is said
    once, and the run synthesises on the CPU."""
    options = _on_cpu_without_cuda(config, options)
    if options.pool is not None:
        yield options
        return
    with synth.WorkerPool(stop_when_idle=True) as pool:
        yield replace(options, pool=pool)


def _on_cpu_without_cuda(config: Config, options: Options) -> Options:
    """`options` on the CPU when they ask for CUDA that onnxruntime here lacks (a Dask cluster's
    workers have their own onnxruntime: theirs to decide)."""
    if not options.use_cuda or options.dry_run:
        return options
    from post2pod.synth import remote  # numpy and the engine: only for a run that asks for CUDA

    if remote.scheduler_address(config.run.target) is not None:
        return options
    reason = synth.cuda_missing()
    if reason is None:
        return options
    _say_once(f"--cuda: {reason}; synthesising on the CPU")
    return replace(options, use_cuda=False)


@cache
def _say_once(warning: str) -> None:
    """A warning once per process, however many podcasts the run syncs."""
    LOG.warning(warning)


@contextmanager
def _cache_held(config: Config, say_waiting: bool = True) -> Iterator[None]:
    """The clip cache's lock: podcasts sharing a cache build one at a time, so one's pruning never
    removes clips another is writing. A run with nothing to build never waits for it."""
    _make_folder(config.clip_cache_dir, "clip cache", "set [cache] dir elsewhere")
    lock = FileLock(str(config.workspace.cache_lock))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        if say_waiting:
            LOG.info(f"waiting for another run to finish with the clip cache {config.clip_cache_dir}")
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


def _count(number: int, noun: str) -> str:
    """`1 segment`, `2 segments`."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


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
