"""The runs: `sync`, `regenerate`, `remove` and `prune_cache`, each holding the state folder's lock.

A run plans each post (narrated, with its segments' synthesis jobs), synthesises what is new,
assembles and records each episode, then publishes from the store (see the package docstring for
the order of writes).
"""

from __future__ import annotations

import signal
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from filelock import FileLock, Timeout

from post2pod import assemble as assembly
from post2pod import fetch, narrate, publish, synth
from post2pod.config import Config
from post2pod.errors import (
    ConfigError,
    LockedError,
    NarrateError,
    Post2PodError,
    UsageError,
    VoiceError,
)
from post2pod.models import (
    KIND_ASIDE,
    Episode,
    Podcast,
    Post,
    RunReport,
    Script,
)
from post2pod.pipeline.adopt import ADOPTED, check_store_matches_feed
from post2pod.pipeline.adopt import adopt as adopt_feed
from post2pod.pipeline.output import (
    EPISODES_DIR,
    ensure_cover,
    episode_files,
    files_intact,
    parts_dir,
    prepare_output,
    publish_from_store,
    relative_name,
    remove_stale_work_dirs,
    scratch_dir,
)
from post2pod.pipeline.podcast import (
    build_podcast,
    describe,
    hash_parts,
    podcast_from_store,
    script_hash,
    unique_slug,
    with_author,
)
from post2pod.pipeline.sources import (
    Log,
    fetch_key,
    find_post,
    http_settings,
    page_settings,
    post_from_page,
    quiet,
    with_full_text,
)
from post2pod.pipeline.voices import VoiceChooser
from post2pod.store import DATABASE_ERRORS, Store, database_error

SYNTH_GROUP = 12  # segments per synthesis group (see _synthesis_groups)
NARRATE_LIMIT_S = 120.0  # per post: fetching its page (bounded on its own) and narrating it


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
    """How a run is carried out (not what it produces)."""

    dry_run: bool = False
    log: Log = quiet
    warn: Log = quiet
    progress: Progress = field(default_factory=Progress)
    engine: synth.Engine | None = None  # a fake synthesiser in unit tests
    use_cuda: bool = False


@dataclass(frozen=True)
class _Work:
    """One post to (re)build, narrated, with its segments' synthesis jobs."""

    post: Post
    script: Script
    jobs: tuple[synth.SynthJob, ...]
    source_hash: str
    content_hash: str
    previous: Episode | None


# --- public entry points ----------------------------------------------------------------------


def sync(config: Config, options: Options = Options()) -> RunReport:
    """Publish every new (or edited) post of the source feed; idempotent."""
    with _run(config, options) as store:
        check_store_matches_feed(config.out, store)
        config = _remembered(config, store, options)
        broken = [episode for episode in store.episodes() if not files_intact(config, episode)]
        # a file to rebuild needs its post: fetch the whole feed even when it has not changed
        etag, modified = (None, None) if broken else store.fetch_state(fetch_key(config))
        http = http_settings(config)
        result = fetch.fetch_feed(config.feed, settings=http, etag=etag, last_modified=modified)
        for warning in result.warnings:
            options.warn(warning)
        info = with_author(result.info, result.posts)
        if result.not_modified:
            options.log("source feed not modified since the last run")
            info = store.feed_info(config.feed) or info
        podcast = build_podcast(config, info, result.posts)
        every = _as_published(_with_first_guids(result.posts, store, options.warn), store)
        posts = every[: config.limit] if config.limit else every
        if config.podcast.max_episodes:  # never build what the rolling window would drop at once
            posts = posts[: config.podcast.max_episodes]
        posts, lost = _with_broken(posts, every, broken)
        if not result.not_modified and not options.dry_run:
            with store.transaction():
                store.save_feed_info(config.feed, info)
        pages = page_settings(http, result)
        report = _build(config, options, store, podcast, posts, force=(), pages=pages)
        report = replace(report, failed=(*report.failed, *lost))
        if report.ok and not options.dry_run:
            with store.transaction():
                store.save_fetch_state(fetch_key(config), result.etag, result.last_modified)
        return report


def _with_broken(
    posts: list[Post], every: Sequence[Post], broken: Sequence[Episode]
) -> tuple[list[Post], list[tuple[str, str]]]:
    """The posts to consider plus those (outside --limit too) whose published files are missing or
    cut short, which `_plan_post` rebuilds; a failure for each the source feed no longer lists."""
    chosen = {post.guid for post in posts}
    by_guid = {post.guid: post for post in every}
    extra: list[Post] = []
    lost: list[tuple[str, str]] = []
    for episode in broken:
        if episode.guid in chosen:
            continue
        if episode.guid in by_guid:
            extra.append(by_guid[episode.guid])
        else:
            lost.append(
                (
                    episode.title,
                    "its published files are missing and the source feed no longer lists it; "
                    f"run `post2pod regenerate {episode.slug}` to rebuild it from its page",
                )
            )
    return [*posts, *extra], lost


def _with_first_guids(posts: Sequence[Post], store: Store, warn: Log) -> list[Post]:
    """A post whose guid changed (same link and title, new guid: a blog migration) keeps the guid it was
    published under, so podcast apps see the same episode instead of a duplicate."""
    guids = {post.guid for post in posts}
    links = Counter(post.url.rstrip("/") for post in posts if post.url)
    kept = []
    for post in posts:
        link = post.url.rstrip("/")
        if post.url and links[link] == 1 and store.episode(post.guid) is None:
            # the same title too: some feeds give every post the blog's home page as its link
            earlier = [
                e for e in store.episodes_by_link(link) if e.guid not in guids and e.title == post.title
            ]
            if len(earlier) == 1:
                warn(
                    f"post {post.title!r} changed its guid from {earlier[0].guid!r} to {post.guid!r}; "
                    "kept the first so apps show no duplicate"
                )
                post = replace(post, guid=earlier[0].guid)
        kept.append(post)
    return kept


def _as_published(posts: Sequence[Post], store: Store) -> list[Post]:
    """Newest first, a published post dated as it was published: a date that moves (a future date
    clamped to each fetch's time) must not keep a post at the top, ahead of newer posts."""
    dated = []
    for post in posts:
        episode = store.episode(post.guid)
        dated.append(replace(post, published=episode.published) if episode else post)
    return sorted(dated, key=lambda post: post.published, reverse=True)


def regenerate(config: Config, reference: str, options: Options = Options()) -> RunReport:
    """Re-fetch one post (by URL, guid or slug) and rebuild its episode: same guid, new audio file."""
    with _run(config, options) as store:
        check_store_matches_feed(config.out, store)
        config = _remembered(config, store, options)
        http = http_settings(config)
        result = fetch.fetch_feed(config.feed, settings=http)
        stored = store.find(reference)
        post = find_post(result.posts, reference, stored)
        pages = page_settings(http, result)
        if post is None and stored is not None:
            post = post_from_page(stored, pages)
        if post is None:
            raise UsageError(
                f"no post {reference!r} in {config.feed} or among published episodes; "
                "give its URL, guid or slug"
            )
        podcast = build_podcast(config, result.info, result.posts)
        return _build(config, options, store, podcast, [post], force=(post.guid,), pages=pages)


def remove(config: Config, reference: str, options: Options = Options()) -> RunReport:
    """Take one episode out of the feed and delete its files."""
    with _run(config, options) as store:
        check_store_matches_feed(config.out, store)
        config = _remembered(config, store, options, need_feed=False)
        episode = store.find(reference)
        if episode is None:
            raise UsageError(f"no published episode matches {reference!r}; give its URL, guid or slug")
        if options.dry_run:
            return RunReport(removed=(episode.title,))
        with store.transaction():
            store.delete_episode(episode.guid)
            store.mark_removed(episode.guid)
            for name in episode_files(episode):
                store.schedule_deletion(name)
        podcast = podcast_from_store(config, store)
        publish_from_store(config, store, podcast, dry_run=options.dry_run)
        return RunReport(removed=(episode.title,))


def adopt(config: Config, options: Options = Options()) -> list[str]:
    """Rebuild a lost state database from the published feed; returns the adopted episodes' titles.

    The next sync narrates each adopted post that the source feed still lists and records its hashes
    without rebuilding it (unless its files are missing).
    """
    with _run(config, options) as store:
        episodes = adopt_feed(config.out, store, config.base_url)
        if config.feed:
            with store.transaction():
                store.set_meta("feed", config.feed)
        return [episode.title for episode in episodes]


def prune_cache(config: Config, clear: bool = False) -> tuple[int, int]:
    """Evict least-recently-used clips (or all of them) while no run uses the cache.

    Returns (clips removed, bytes left).
    """
    with _run(config, Options()):
        cache = synth.ClipCache(config.clip_cache_dir, config.cache_max_mb * 1024 * 1024)
        try:
            removed = cache.clear() if clear else cache.prune()
            return removed, cache.total_bytes()
        finally:
            cache.close()


# --- the run ----------------------------------------------------------------------------------


@contextmanager
def _run(config: Config, options: Options) -> Iterator[Store]:
    """Hold the state folder's lock and its store for one run."""
    try:
        config.state.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise Post2PodError(
            f"cannot create state folder {config.state}: {exc.strerror}; use --state elsewhere"
        ) from None
    lock = FileLock(str(config.state / "lock"), timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise LockedError(
            f"another post2pod run holds {config.state / 'lock'}; try again when it has finished"
        ) from None
    try:
        remove_stale_work_dirs(config.state)
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


def _build(
    config: Config,
    options: Options,
    store: Store,
    podcast: Podcast,
    posts: Sequence[Post],
    force: Sequence[str],
    pages: fetch.HttpSettings,
) -> RunReport:
    voices = VoiceChooser(config, voices_dir(config), options.warn)
    _check_speaker(config, voices.default)
    for warning in publish.check_podcast(podcast):
        options.warn(warning)
    work: list[_Work] = []
    unchanged: list[str] = []
    failed: list[tuple[str, str]] = []
    for post in posts:
        try:
            item = _plan_post(
                config, store, post, voices, force=post.guid in force, warn=options.warn, pages=pages
            )
        except Post2PodError as exc:
            failed.append((post.title, str(exc)))
            options.warn(f"skipped {post.title!r}: {exc}")
            continue
        if item is None:
            unchanged.append(post.title)
        else:
            work.append(item)
    if options.dry_run:
        return RunReport(
            unchanged=tuple(unchanged), failed=tuple(failed), would_publish=tuple(w.post.title for w in work)
        )
    prepare_output(config, store)
    new, regenerated = [], []
    if work:
        cache = synth.ClipCache(config.clip_cache_dir, config.cache_max_mb * 1024 * 1024)
        with ExitStack() as stack:
            stack.callback(cache.close)
            stack.callback(options.progress.finish)
            synthesizer = stack.enter_context(
                synth.Synthesizer(
                    cache, workers=config.workers, engine=options.engine, use_cuda=options.use_cuda
                )
            )
            pending = [synthesizer.submit(w.jobs, _synthesis_groups(w.script)) for w in work]
            cover = ensure_cover(podcast, config.out)  # while the workers start
            options.progress.start(len(work), sum(len(p.clips) + len(p.futures) for p in pending))
            for item, clips in zip(work, pending, strict=True):
                options.log(
                    f"{'regenerating' if item.previous else 'publishing'} {item.post.title!r}"
                    f" ({len(item.jobs)} segments)"
                )
                options.progress.post(item.post.title, len(clips.clips) + len(clips.futures))
                options.progress.advance(len(clips.clips))
                try:
                    episode = _make_episode(config, store, podcast, item, clips, cover, options)
                except VoiceError:
                    raise
                except Post2PodError as exc:
                    failed.append((item.post.title, str(exc)))
                    options.warn(f"failed {item.post.title!r}: {exc}")
                    continue
                publish_from_store(config, store, podcast, dry_run=options.dry_run, cover=cover)
                (regenerated if item.previous else new).append(episode.title)
            if not (new or regenerated):
                publish_from_store(config, store, podcast, dry_run=options.dry_run, cover=cover)
            used = [job.key for w in work for job in w.jobs]
            cache.prune(keep=used)
            options.log(
                f"synthesised {synthesizer.synthesised} segments, reused {synthesizer.reused} from the cache"
            )
    else:
        publish_from_store(config, store, podcast, dry_run=options.dry_run)
    return RunReport(
        new=tuple(new), regenerated=tuple(regenerated), unchanged=tuple(unchanged), failed=tuple(failed)
    )


def _check_speaker(config: Config, voice: synth.VoiceSpec) -> None:
    speaker = config.audio.speaker
    if speaker is not None and speaker >= voice.speakers():
        count = voice.speakers()
        raise ConfigError(
            f"[audio] speaker = {speaker} is not a speaker of voice {voice.name}, which has {count} "
            f"(allowed: 0 to {count - 1}); change or remove it"
        )


def _plan_post(
    config: Config,
    store: Store,
    post: Post,
    voices: VoiceChooser,
    force: bool,
    warn: Log,
    pages: fetch.HttpSettings,
) -> _Work | None:
    """Decide whether a post needs (re)building; narrate it if so. None: nothing to do."""
    # the narration settings (lexicon included) are part of it, so changing them is an edit too
    if store.is_removed(post.guid) and not force:
        return None
    source_hash = hash_parts(post.title, post.html, repr(config.narration))
    previous = store.episode(post.guid)
    # rebuild an episode whose files were lost or cut short (a power cut, a hand-edited folder)
    force = force or (previous is not None and not files_intact(config, previous))
    if previous is not None and not force and store.source_hash(post.guid) == source_hash:
        return None
    if previous is not None and not force and config.on_edit == "ignore":
        return None
    with _isolated(post):
        full, complete = with_full_text(post, config, warn, pages)
        script = narrate.narrate(
            full, config.narration, podcast_title=config.podcast.title, voice_languages=voices.languages
        )
    if not complete:  # differs from next run's hash, so the page is tried again then
        source_hash += "-summary"
    _check_size(script, config)
    content_hash = script_hash(script)
    if previous is not None and not force and previous.content_hash == ADOPTED:
        with store.transaction():  # published before the state was lost: keep it, learn its hashes
            store.set_hashes(post.guid, content_hash, source_hash, describe(script))
        return None
    if previous is not None and not force and previous.content_hash == content_hash:
        with store.transaction():
            store.set_source_hash(post.guid, source_hash)
        return None
    # a passage in another language (kept apart by narrate only where a voice speaks it) gets that voice
    jobs = tuple(
        _job(
            segment.text,
            segment.kind,
            config,
            voices.voice(segment.language or script.language),
            voices.aside_voice(segment.language or script.language),
        )
        for segment in script.segments
    )
    return _Work(full, script, jobs, source_hash, content_hash, previous)


@contextmanager
def _isolated(post: Post) -> Iterator[None]:
    """Narrating one post fails alone, and within NARRATE_LIMIT_S: a hostile post (absurdly deep or
    slow HTML, a bug of ours it triggers) becomes that post's error, not the run's."""
    try:
        with _time_limit(NARRATE_LIMIT_S):
            yield
    except Post2PodError:
        raise
    except _TimeUp:
        raise NarrateError(
            f"narrating it took over {NARRATE_LIMIT_S:g} s; check the post's page (rerun with -v to see it)"
        ) from None
    except Exception as exc:
        raise NarrateError(
            f"cannot narrate it ({type(exc).__name__}: {str(exc)[:80]}); rerun with -v and report it"
        ) from exc


class _TimeUp(Exception):
    """The time limit of `_time_limit` ran out."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Raise _TimeUp in the block after `seconds` (a real-time timer; main thread on POSIX only,
    elsewhere no limit)."""
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return

    def time_up(_signum: int, _frame: object) -> None:
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, time_up)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _job(
    text: str, kind: str, config: Config, voice: synth.VoiceSpec, aside_voice: synth.VoiceSpec
) -> synth.SynthJob:
    audio = config.audio
    length = audio.length_scale * (audio.aside_length_scale if kind == KIND_ASIDE else 1.0)
    settings = synth.SynthSettings(length_scale=round(length, 3), speaker=audio.speaker)
    return synth.SynthJob(text, aside_voice if kind == KIND_ASIDE else voice, settings)


def _check_size(script: Script, config: Config) -> None:
    words = sum(len(segment.text.split()) for segment in script.segments)
    if words > config.narration.max_words:
        raise NarrateError(
            f"post has {words} words, over the limit of {config.narration.max_words} "
            "(narration.max_words in config)"
        )


def _make_episode(
    config: Config,
    store: Store,
    podcast: Podcast,
    item: _Work,
    clips: synth.PendingClips,
    cover: str,
    options: Options,
) -> Episode:
    """Assemble a post's clips as they arrive into a new version of its episode and record it."""
    post = item.post
    slug = item.previous.slug if item.previous else unique_slug(store, post)
    version = item.previous.version + 1 if item.previous else 1
    relative = f"{EPISODES_DIR}/{slug}-v{version}.mp3"
    tags = assembly.EpisodeTags(
        title=post.title,
        artist=post.author or podcast.author,
        album=podcast.title,
        date=post.published.date().isoformat(),
        comment=post.url,
        cover=config.out / cover,
    )
    keys = [job.key for job in item.jobs]
    names = [
        relative,
        relative.removesuffix(".mp3") + ".vtt",
        relative.removesuffix(".mp3") + ".chapters.json",
    ]
    store.begin_writes(names)
    with (
        assembly.EpisodeBuilder(
            item.script,
            keys,
            config.out / relative,
            tags,
            config.audio,
            store_dir=parts_dir(config) / slug,
            work_dir=_scratch(config),
        ) as builder,
        closing(clips.as_ready(options.progress.advance)) as ready,
    ):
        for key, clip in ready:
            builder.add(key, clip)
        audio = builder.finish()
    now = datetime.now(UTC).replace(microsecond=0)
    episode = Episode(
        guid=post.guid,
        slug=slug,
        version=version,
        title=post.title,
        link=post.url,
        published=post.published,
        description=describe(item.script),
        audio_file=relative,
        bytes=audio.bytes,
        duration_ms=audio.duration_ms,
        content_hash=item.content_hash,
        updated_at=now,
        author=post.author or podcast.author,
        transcript_file=relative_name(config.out, audio.transcript_path),
        chapters_file=relative_name(config.out, audio.chapters_path),
        chapters=audio.chapters,
    )
    with store.transaction():
        store.save_episode(episode, item.source_hash)
        store.end_writes(names)
        store.unmark_removed(post.guid)
        if item.previous:
            for name in episode_files(item.previous):
                store.schedule_deletion(name)
    return episode


def _scratch(config: Config) -> Path:
    folder = scratch_dir(config.state)
    folder.mkdir(exist_ok=True)
    return folder


def _synthesis_groups(script: Script) -> list[int]:
    """The group of each segment, in reading order: a new one at every section and every
    SYNTH_GROUP segments. Workers take the groups in order (assembly encodes the start of the
    episode while the rest is synthesised) and the longest text first within one (an even finish)."""
    groups: list[int] = []
    group = -1
    for section in script.sections:
        for position, _segment in enumerate(section.segments):
            if position % SYNTH_GROUP == 0:
                group += 1
            groups.append(group)
    return groups


def voices_dir(config: Config) -> Path:
    """The voices/ folder beside the config file (else in the working folder) that holds extra voices."""
    base = config.config_path.parent if config.config_path else Path.cwd()
    return base / "voices"


def _remembered(config: Config, store: Store, options: Options, need_feed: bool = True) -> Config:
    """The source feed and public URL given before, when this run does not give them.

    So `post2pod remove POST` or `regenerate POST` after a `sync --feed … --base-url …` keeps
    publishing at the same URL, from the same feed.
    """
    feed = config.feed or store.get_meta("feed") or ""
    base_url = config.base_url or store.get_meta("base_url") or ""
    if need_feed and not feed:
        raise UsageError('no source feed: pass --feed URL|PATH or set feed = "..." in post2pod.toml')
    if not options.dry_run:
        with store.transaction():
            for key, value in (("feed", feed), ("base_url", base_url)):
                if value:
                    store.set_meta(key, value)
    return replace(config, feed=feed, base_url=base_url)
