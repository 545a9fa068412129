"""The orchestrator: `sync`, `regenerate` and `remove` compose the stages around the store.

Order of writes (crash safety): the names about to be written are recorded in the store; audio
files are written under temporary names and renamed into place; the episode is committed to the store
in one transaction; then the feed is written (it lists only what the store has); old files go last.
A killed run leaves only recorded names and temporary files behind, which the next run removes.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from filelock import FileLock, Timeout

from post2pod import assemble as assembly
from post2pod import fetch, narrate, publish, synth
from post2pod.config import Config
from post2pod.errors import (
    FetchError,
    LockedError,
    NarrateError,
    Post2PodError,
    PublishError,
    UsageError,
    VoiceError,
)
from post2pod.models import (
    KIND_ASIDE,
    KIND_BODY,
    KIND_LIST_ITEM,
    KIND_QUOTE,
    Episode,
    FeedInfo,
    Podcast,
    Post,
    RunReport,
    Script,
)
from post2pod.store import Store

EPISODES_DIR = "episodes"
SLUG_MAX = 60
DESCRIPTION_MAX = 600
DEFAULT_BASE_URL = "http://localhost:8000/"
SYNTH_GROUP = 12  # segments per synthesis group (see _synthesis_groups)
GENERIC_PAGE_NAMES = {"index", "default", "post", "article", "entry"}

Log = Callable[[str], None]


def _quiet(_message: str) -> None:
    pass


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
    log: Log = _quiet
    warn: Log = _quiet
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
        config = _remembered(config, store, options)
        etag, modified = store.fetch_state(_fetch_key(config))
        result = fetch.fetch_feed(config.feed, settings=_http(config), etag=etag, last_modified=modified)
        for warning in result.warnings:
            options.warn(warning)
        info = _with_author(result.info, result.posts)
        if result.not_modified:
            options.log("source feed not modified since the last run")
            info = store.feed_info(config.feed) or info
        podcast = build_podcast(config, info, result.posts)
        posts = list(result.posts)[: config.limit] if config.limit else list(result.posts)
        if config.podcast.max_episodes:  # never build what the rolling window would drop at once
            posts = posts[: config.podcast.max_episodes]
        if not result.not_modified and not options.dry_run:
            with store.transaction():
                store.save_feed_info(config.feed, info)
        report = _build(config, options, store, podcast, posts, force=())
        if report.ok and not options.dry_run:
            with store.transaction():
                store.save_fetch_state(_fetch_key(config), result.etag, result.last_modified)
        return report


def regenerate(config: Config, reference: str, options: Options = Options()) -> RunReport:
    """Re-fetch one post (by URL, guid or slug) and rebuild its episode: same guid, new audio file."""
    with _run(config, options) as store:
        config = _remembered(config, store, options)
        result = fetch.fetch_feed(config.feed, settings=_http(config))
        stored = store.find(reference)
        post = _find_post(result.posts, reference, stored)
        if post is None and stored is not None:
            post = _post_from_page(stored, config)
        if post is None:
            raise UsageError(
                f"no post {reference!r} in {config.feed} or among published episodes; "
                "give its URL, guid or slug"
            )
        podcast = build_podcast(config, result.info, result.posts)
        return _build(config, options, store, podcast, [post], force=(post.guid,))


def remove(config: Config, reference: str, options: Options = Options()) -> RunReport:
    """Take one episode out of the feed and delete its files."""
    with _run(config, options) as store:
        config = _remembered(config, store, options, need_feed=False)
        episode = store.find(reference)
        if episode is None:
            raise UsageError(f"no published episode matches {reference!r}; give its URL, guid or slug")
        if options.dry_run:
            return RunReport(removed=(episode.title,))
        with store.transaction():
            store.delete_episode(episode.guid)
            store.mark_removed(episode.guid)
            for name in _episode_files(episode):
                store.schedule_deletion(name)
        podcast = _podcast_from_store(config, store)
        _publish(config, store, podcast, options)
        return RunReport(removed=(episode.title,))


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


def load_post_script(source: str, post_ref: str | None, config: Config) -> Script:
    """What will be spoken for one post: SOURCE is an HTML file, a post URL, or a feed with `post_ref`."""
    if post_ref is not None or _looks_like_feed(source):
        result = fetch.fetch_feed(source, settings=_http(config))
        post = (
            _find_post(result.posts, post_ref, None)
            if post_ref
            else (result.posts[0] if result.posts else None)
        )
        if post is None:
            raise UsageError(f"no post {post_ref!r} in {source}; give its URL, guid or slug")
        post, _complete = _with_full_text(post, config)
        return narrate.narrate(post, config.narration, podcast_title=result.info.title)
    html = fetch.fetch_page(source, settings=_http(config)) if fetch.is_url(source) else _read_html(source)
    title, body = narrate.extract_article(html)
    post = Post(
        guid=source,
        url=source if fetch.is_url(source) else "",
        title=title or Path(source).stem,
        published=datetime.now(UTC),
        html=body,
    )
    return narrate.narrate(post, config.narration)


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
    _remove_stale_work_dirs(config.state)
    store = Store(config.state)
    try:
        yield store
    finally:
        store.close()
        lock.release()


def _remove_stale_work_dirs(state: Path) -> None:
    """Assembly's scratch folders left by a killed run (we hold the lock: no run is using them)."""
    for folder in state.glob("post2pod-*"):
        if folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)


def _build(
    config: Config,
    options: Options,
    store: Store,
    podcast: Podcast,
    posts: Sequence[Post],
    force: Sequence[str],
) -> RunReport:
    voice = synth.resolve_voice(config.voice, _voices_dir(config))
    aside_voice = (
        synth.resolve_voice(config.audio.aside_voice, _voices_dir(config))
        if config.audio.aside_voice
        else voice
    )
    for warning in publish.check_podcast(podcast):
        options.warn(warning)
    work: list[_Work] = []
    unchanged: list[str] = []
    failed: list[tuple[str, str]] = []
    for post in posts:
        try:
            item = _plan_post(
                config, store, post, voice, aside_voice, force=post.guid in force, warn=options.warn
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
    _prepare_output(config, store)
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
            cover = publish.ensure_cover(podcast, config.out)  # while the workers start
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
                _publish(config, store, podcast, options, cover)
                (regenerated if item.previous else new).append(episode.title)
            if not (new or regenerated):
                _publish(config, store, podcast, options, cover)
            used = [job.key for w in work for job in w.jobs]
            cache.prune(keep=used)
            options.log(
                f"synthesised {synthesizer.synthesised} segments, reused {synthesizer.reused} from the cache"
            )
    else:
        _publish(config, store, podcast, options)
    return RunReport(
        new=tuple(new), regenerated=tuple(regenerated), unchanged=tuple(unchanged), failed=tuple(failed)
    )


def _plan_post(
    config: Config,
    store: Store,
    post: Post,
    voice: synth.VoiceSpec,
    aside_voice: synth.VoiceSpec,
    force: bool,
    warn: Log,
) -> _Work | None:
    """Decide whether a post needs (re)building; narrate it if so. None: nothing to do."""
    # the narration settings (lexicon included) are part of it, so changing them is an edit too
    if store.is_removed(post.guid) and not force:
        return None
    source_hash = _hash(post.title, post.html, repr(config.narration))
    previous = store.episode(post.guid)
    # rebuild an episode whose files were lost or cut short (a power cut, a hand-edited folder)
    force = force or (previous is not None and not _files_intact(config, previous))
    if previous is not None and not force and store.source_hash(post.guid) == source_hash:
        return None
    if previous is not None and not force and config.on_edit == "ignore":
        return None
    full, complete = _with_full_text(post, config, warn)
    if not complete:  # differs from next run's hash, so the page is tried again then
        source_hash += "-summary"
    script = narrate.narrate(full, config.narration, podcast_title=config.podcast.title)
    _check_size(script, config)
    content_hash = script_hash(script)
    if previous is not None and not force and previous.content_hash == content_hash:
        with store.transaction():
            store.set_source_hash(post.guid, source_hash)
        return None
    jobs = tuple(_job(segment.text, segment.kind, config, voice, aside_voice) for segment in script.segments)
    return _Work(full, script, jobs, source_hash, content_hash, previous)


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
    slug = item.previous.slug if item.previous else _unique_slug(store, post)
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
            store_dir=_parts_dir(config) / slug,
            work_dir=config.state,
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
        transcript_file=_relative(config.out, audio.transcript_path),
        chapters_file=_relative(config.out, audio.chapters_path),
        chapters=audio.chapters,
    )
    with store.transaction():
        store.save_episode(episode, item.source_hash)
        store.end_writes(names)
        store.unmark_removed(post.guid)
        if item.previous:
            for name in _episode_files(item.previous):
                store.schedule_deletion(name)
    return episode


def _publish(
    config: Config, store: Store, podcast: Podcast, options: Options, cover: str | None = None
) -> None:
    """Write the feed and page from the store, then delete files no longer listed."""
    episodes = store.episodes()
    if config.podcast.max_episodes and len(episodes) > config.podcast.max_episodes:
        with store.transaction():
            for old in episodes[config.podcast.max_episodes :]:
                store.delete_episode(old.guid)
                for name in _episode_files(old):
                    store.schedule_deletion(name)
        episodes = episodes[: config.podcast.max_episodes]
    if options.dry_run:
        return
    cover = cover or publish.ensure_cover(podcast, config.out)
    publish.write_feed(podcast, episodes, config.out, cover)
    publish.write_index(podcast, episodes, config.out, cover)
    _forget_parts(config, episodes)
    listed = {name for episode in episodes for name in _episode_files(episode)}
    with store.transaction():
        for name in store.pending_deletions():
            if name not in listed:
                (config.out / name).unlink(missing_ok=True)
            store.clear_deletion(name)


def _prepare_output(config: Config, store: Store) -> None:
    """Create the output folder; remove temporary files and files of runs killed before their commit."""
    episodes_dir = config.out / EPISODES_DIR
    try:
        episodes_dir.mkdir(parents=True, exist_ok=True)
        probe = config.out / f".post2pod-write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise PublishError(
            f"cannot write to output folder {config.out}: {exc.strerror}; check permissions or use --out"
        ) from None
    listed = {name for episode in store.episodes() for name in _episode_files(episode)}
    for path in episodes_dir.iterdir():
        if path.is_file() and path.name.startswith(".") and path.name.endswith(".tmp"):
            path.unlink(missing_ok=True)
    # files a killed run was writing but never committed; never anything we did not write ourselves
    with store.transaction():
        for name in store.pending_writes():
            if name not in listed:
                (config.out / name).unlink(missing_ok=True)
        store.end_writes(store.pending_writes())


# --- podcast metadata -------------------------------------------------------------------------


def build_podcast(config: Config, info: FeedInfo, posts: Sequence[Post] = ()) -> Podcast:
    """Channel metadata: config first, then what the source feed says."""
    settings = config.podcast
    base_url = _base_url(config)
    title = settings.title or info.title or "Untitled podcast"
    author = settings.author or _with_author(info, posts).author
    return Podcast(
        title=title,
        description=settings.description or info.description or f"{title}, read aloud.",
        link=settings.link or info.link or base_url,
        feed_url=publish.feed_url(base_url),
        base_url=base_url,
        language=settings.language or info.language or "en",
        author=author,
        owner_name=settings.owner or author,
        owner_email=settings.email,
        image=settings.image,
        category=settings.category,
        subcategory=settings.subcategory,
        explicit=settings.explicit,
        podcast_type=settings.type,
        copyright=settings.copyright,
        locked=settings.locked,
    )


def _with_author(info: FeedInfo, posts: Sequence[Post]) -> FeedInfo:
    """A blog without a feed-level author is written by its posts' author."""
    if info.author:
        return info
    return replace(info, author=next((p.author for p in posts if p.author), ""))


def _podcast_from_store(config: Config, store: Store) -> Podcast:
    """Channel metadata without fetching: the blog's details as the last sync saw them."""
    info = store.feed_info(config.feed) if config.feed else None
    return build_podcast(config, info or FeedInfo(title=config.podcast.title, link=config.podcast.link))


def _base_url(config: Config) -> str:
    base = config.base_url or DEFAULT_BASE_URL
    return base if base.endswith("/") else base + "/"


# --- helpers ----------------------------------------------------------------------------------


def script_hash(script: Script) -> str:
    """Content hash of what would be spoken (edit detection ignores markup-only changes)."""
    digest = hashlib.sha256()
    for section in script.sections:
        digest.update(f"§{section.title}\n".encode())
        for segment in section.segments:
            digest.update(f"{segment.kind}\t{segment.text}\n".encode())
    return digest.hexdigest()


def describe(script: Script) -> str:
    """Episode description: the opening sentences of the post."""
    text = ""
    for segment in script.segments:
        if segment.kind not in (KIND_BODY, KIND_LIST_ITEM, KIND_QUOTE):
            continue
        if text and len(text) + len(segment.text) > DESCRIPTION_MAX:
            break
        text = f"{text} {segment.text}".strip()
    return text[:DESCRIPTION_MAX] or script.title


def slugify(text: str) -> str:
    """A safe file-name stem: lowercase ASCII letters, digits and single hyphens."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:SLUG_MAX].rstrip("-") or "episode"


def _unique_slug(store: Store, post: Post) -> str:
    parts = [re.sub(r"\.(html?|php|aspx?)$", "", p) for p in urlsplit(post.url).path.split("/") if p]
    parts = [p for p in parts if p.lower() not in GENERIC_PAGE_NAMES]
    stem = parts[-1] if parts else ""
    base = slugify(stem if len(stem) > 3 else post.title)
    slug, number = base, 2
    while store.slug_taken(slug, post.guid):
        slug = f"{base}-{number}"
        number += 1
    return slug


def _files_intact(config: Config, episode: Episode) -> bool:
    """The episode's audio exists with the size the feed announces (a cheap stat, no decoding)."""
    audio = config.out / episode.audio_file
    return audio.is_file() and audio.stat().st_size == episode.bytes


def _episode_files(episode: Episode) -> list[str]:
    return [name for name in (episode.audio_file, episode.transcript_file, episode.chapters_file) if name]


def _relative(root: Path, path: Path | None) -> str | None:
    return path.relative_to(root).as_posix() if path else None


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "replace")).hexdigest()


def _with_full_text(post: Post, config: Config, warn: Log = _quiet) -> tuple[Post, bool]:
    """The post with its full HTML, from the post's page when the feed only has a summary.

    The flag is False when the page could not be read and the summary stands in for the post.
    """
    if fetch.has_full_text(post) or not fetch.is_url(post.url):
        return post, True
    try:
        _title, body = narrate.extract_article(fetch.fetch_page(post.url, settings=_http(config)))
    except FetchError as exc:
        warn(f"reading the summary of {post.title!r} from the feed for now: {exc}")
        return post, False
    return (replace(post, html=body), True) if body.strip() else (post, False)


def _post_from_page(episode: Episode, config: Config) -> Post | None:
    if not fetch.is_url(episode.link):
        return None
    title, body = narrate.extract_article(fetch.fetch_page(episode.link, settings=_http(config)))
    return Post(
        guid=episode.guid,
        url=episode.link,
        title=episode.title or title,
        published=episode.published,
        html=body,
        author=episode.author,
    )


def _find_post(posts: Sequence[Post], reference: str | None, stored: Episode | None) -> Post | None:
    if reference is None:
        return None
    wanted = {reference, reference.rstrip("/")}
    if stored is not None:
        wanted.add(stored.guid)
    for post in posts:
        if wanted & {post.guid, post.url, post.url.rstrip("/"), slugify(post.title)}:
            return post
    slug = reference.strip("/").rsplit("/", 1)[-1]
    return next((p for p in posts if urlsplit(p.url).path.rstrip("/").endswith("/" + slug)), None)


def _http(config: Config) -> fetch.HttpSettings:
    settings = config.fetch
    return fetch.HttpSettings(
        timeout_s=settings.timeout_s,
        retries=settings.retries,
        backoff_s=settings.backoff_s,
        max_bytes=settings.max_mb * 1_000_000,
    )


def _fetch_key(config: Config) -> str:
    """Conditional-GET state is only valid for the settings it was saved under: a 304 says the feed is
    unchanged, not that a larger --limit, another voice or new narration settings have nothing to do."""
    settings = repr(
        (
            config.limit,
            config.voice,
            config.narration,
            config.audio,
            config.on_edit,
            config.podcast.max_episodes,
        )
    )
    return f"{config.feed}#{_hash(settings)[:16]}"


def _looks_like_feed(source: str) -> bool:
    if fetch.is_url(source):
        return source.rstrip("/").endswith((".xml", ".rss", ".atom", "/feed", "/rss"))
    return Path(source).suffix.lower() in (".xml", ".rss", ".atom")


def _read_html(source: str) -> str:
    try:
        return Path(source).read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise UsageError(
            f"cannot read {source}: {exc.strerror}; give an HTML file, a post URL or a feed"
        ) from None


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


def _parts_dir(config: Config) -> Path:
    """Where each episode's encoded parts are kept for the next regenerate."""
    return config.state / "parts"


def _forget_parts(config: Config, episodes: Sequence[Episode]) -> None:
    """Drop the stored parts of episodes that are no longer published."""
    root = _parts_dir(config)
    if not root.is_dir():
        return
    slugs = {episode.slug for episode in episodes}
    for folder in root.iterdir():
        if folder.is_dir() and folder.name not in slugs:
            shutil.rmtree(folder, ignore_errors=True)


def _voices_dir(config: Config) -> Path:
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
