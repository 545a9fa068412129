"""`plan`: from the published state, the fetched posts and the settings to the work of a run: which
posts a sync considers, which of them to (re)build, narrated, and what it learned about the others.

Planning writes nothing: what it learns comes back in the `Plan` for `record.plan`, so a dry run is
just a plan and its report.
"""

from __future__ import annotations

import signal
import threading
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from post2pod import __version__, narrate, publish, synth
from post2pod.config import Config
from post2pod.errors import ConfigError, NarrateError, Post2PodError, PublishError
from post2pod.models import KIND_ASIDE, Episode, PageState, Post, RunReport, Script, Segment
from post2pod.pipeline.context import Run
from post2pod.pipeline.identity import hash_parts, script_hash
from post2pod.pipeline.log import LOG
from post2pod.pipeline.podcast import default_address_warning
from post2pod.pipeline.publish import files_intact
from post2pod.pipeline.sources import check_page, needs_page, with_full_text
from post2pod.publish.names import COVER_NAMES

NARRATE_LIMIT_S = 120.0  # per post: fetching its page (bounded on its own) and narrating it
TIME_UP_REPEAT_S = 0.1  # after the limit, the alarm repeats until the block has stopped


@dataclass(frozen=True)
class Work:
    """One post to (re)build, narrated, with its segments' synthesis jobs."""

    post: Post
    script: Script
    jobs: tuple[synth.SynthJob, ...]
    source_hash: str
    content_hash: str
    previous: Episode | None
    page: PageState | None = None  # a summary-only post's page, as read this run
    from_summary: bool = False  # the feed's summary stood in for a page that could not be read


@dataclass(frozen=True)
class Learned:
    """What a published episode that needs no rebuild was built from, to record; for an adopted one,
    its post as narrated now (what it says is what it was published with)."""

    guid: str
    source_hash: str
    from_summary: bool = False
    page: PageState | None = None  # a summary-only post's page, as checked this run
    adopted: Narrated | None = None


@dataclass(frozen=True)
class Narrated:
    """A post, whole, as narrated, and the hash of what is spoken."""

    post: Post
    script: Script
    content_hash: str


@dataclass(frozen=True)
class Unnarratable:
    """A post that cannot be narrated as it stands (too slow, too long, no text): remembered by its
    key, so the next runs skip it at once until it changes (or `regenerate` forces it)."""

    guid: str
    source_key: str
    message: str


@dataclass(frozen=True)
class Plan:
    """What a run will do: the posts to build, those left as they are, those that failed."""

    work: tuple[Work, ...] = ()
    unchanged: tuple[str, ...] = ()
    failed: tuple[tuple[str, str], ...] = ()
    learned: tuple[Learned, ...] = ()
    unnarratable: tuple[Unnarratable, ...] = ()

    @property
    def pages(self) -> tuple[PageState, ...]:
        """The summary-only posts' pages as this run read them, to remember for the next checks."""
        items: tuple[Work | Learned, ...] = (*self.work, *self.learned)
        return tuple(item.page for item in items if item.page is not None)

    def preview(self) -> RunReport:
        """The report of a dry run."""
        return RunReport(
            unchanged=self.unchanged, failed=self.failed, would_publish=tuple(w.post.title for w in self.work)
        )


def plan(run: Run, posts: Sequence[Post], force: Sequence[str] = ()) -> Plan:
    """Check the settings, then narrate each post that needs (re)building (each in `force` whatever its
    state); a post that cannot be narrated fails alone."""
    _check(run)
    planner = _Planner(run, posts, force)
    work: list[Work] = []
    unchanged: list[str] = []
    failed: list[tuple[str, str]] = []
    learned: list[Learned] = []
    unnarratable: list[Unnarratable] = []
    for post in posts:
        try:
            item = planner.plan(post)
        except Post2PodError as exc:
            failed.append((post.title, str(exc)))
            LOG.warning(f"skipped {post.title!r}: {exc}")
            if isinstance(exc, _CannotNarrate):
                unnarratable.append(Unnarratable(post.guid, exc.source_key, str(exc)))
            continue
        if isinstance(item, Work):
            work.append(item)
        else:
            unchanged.append(post.title)
            if item is not None:
                learned.append(item)
    return Plan(tuple(work), tuple(unchanged), tuple(failed), tuple(learned), tuple(unnarratable))


def _check(run: Run) -> None:
    """What stops a run (a dry run too) before anything is narrated: a speaker the voice lacks, a
    cover that cannot be used; and what is worth a warning about the podcast."""
    check_speaker(run.config, run.voices.default)
    _check_cover(run)
    for warning in (*publish.check_podcast(run.podcast), default_address_warning(run.config)):
        if warning:
            LOG.warning(warning)


def _check_cover(run: Run) -> None:
    """A configured cover that cannot be used stops the run (a dry run too) before anything is built;
    one that will be converted says so once, when its converted copy is made."""
    if not run.podcast.image:
        return
    from post2pod.publish.cover import check_configured  # Pillow: only for a configured cover

    source = Path(run.podcast.image).expanduser()
    try:
        note = check_configured(source)
    except PublishError as exc:
        raise ConfigError(str(exc)) from None
    out = run.config.out
    published = [out / name for name in COVER_NAMES if (out / name).is_file()]
    if note and not any(path.stat().st_mtime >= source.stat().st_mtime for path in published):
        LOG.warning(note)


def sync_posts(
    run: Run, posts: Sequence[Post], broken: Sequence[Episode]
) -> tuple[list[Post], list[tuple[str, str]]]:
    """The posts a sync considers, newest first within --limit and the rolling window, plus those
    whose published files are broken; a failure for each broken one the feed no longer lists."""
    config = run.config
    every = _as_published(_with_first_guids(posts, run), run)
    chosen = every[: config.limit] if config.limit else every
    if config.podcast.max_episodes:  # never build what the rolling window would drop at once
        chosen = chosen[: config.podcast.max_episodes]
    return _with_broken(chosen, every, broken)


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


def _with_first_guids(posts: Sequence[Post], run: Run) -> list[Post]:
    """A post whose guid changed (same link and title, new guid: a blog migration) keeps the guid it was
    published under, so podcast apps see the same episode instead of a duplicate."""
    store = run.store
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
                LOG.warning(
                    f"post {post.title!r} changed its guid from {earlier[0].guid!r} to {post.guid!r}; "
                    "kept the first so apps show no duplicate"
                )
                post = replace(post, guid=earlier[0].guid)
        kept.append(post)
    return kept


def _as_published(posts: Sequence[Post], run: Run) -> list[Post]:
    """Newest first, a published post dated as it was published: a date that moves (a future date
    clamped to each fetch's time) must not keep a post at the top, ahead of newer posts. Only an
    episode published without a date takes the date its post has now (once, and it stays)."""
    dated = []
    for post in posts:
        episode = run.store.episode(post.guid)
        if episode and (episode.date_known or not post.date_known):
            post = replace(post, published=episode.published, date_known=episode.date_known)
        dated.append(post)
    return sorted(dated, key=lambda post: post.published, reverse=True)


def check_speaker(config: Config, voice: synth.VoiceSpec) -> None:
    speaker = config.audio.speaker
    if speaker is not None and speaker >= voice.speakers():
        count = voice.speakers()
        raise ConfigError(
            f"[audio] speaker = {speaker} is not a speaker of voice {voice.name}, which has {count} "
            f"(allowed: 0 to {count - 1}); change or remove it"
        )


class _Planner:
    """Plans one post at a time for a run: `force` names the posts to rebuild whatever their state."""

    def __init__(self, run: Run, posts: Sequence[Post], force: Sequence[str]) -> None:
        self.run = run
        self.force = set(force)
        self.signatures = _Signatures(posts)

    def plan(self, post: Post) -> Work | Learned | None:
        """Decide whether a post needs (re)building; narrate it if so. Learned or None: nothing to do."""
        run, config, store = self.run, self.run.config, self.run.store
        force = post.guid in self.force
        if store.is_removed(post.guid) and not force:
            return None
        # the narration settings (lexicon included) are part of it, so changing them is an edit too
        source_hash = hash_parts(post.title, post.html, repr(config.narration))
        page_state, page = None, None
        if needs_page(post):  # the post's text is on its page: an edit there is an edit too
            page_state, page = check_page(run, post)
            if page_state is not None:
                source_hash = hash_parts(source_hash, page_state.body_hash)
        source_key = hash_parts(source_hash, __version__)  # a new release may narrate it: try again then
        failure = store.narration_failure(post.guid)
        if failure is not None and failure[0] == source_key and not force:
            raise NarrateError(
                f"{failure[1]} (as on an earlier run; it is tried again when the post changes, or now with "
                f"`post2pod regenerate {post.guid}`)"
            )
        previous = store.episode(post.guid)
        # rebuild an episode whose files were lost or cut short (a power cut, a hand-edited folder)
        force = force or (previous is not None and not files_intact(config, previous))
        if previous is not None and not force and store.built_from(post.guid, source_hash):
            return Learned(post.guid, source_hash, page=page_state) if page_state is not None else None
        if previous is not None and not force and config.on_edit == "ignore":
            return None
        closing = self.signatures.of(post)
        complete = False
        try:
            with _isolated():
                full, complete = with_full_text(post, run.pages, page)
                script = narrate.narrate(
                    full,
                    config.narration,
                    podcast_title=config.podcast.title,
                    voice_languages=run.voices.languages,
                    signatures=closing,
                )
            _check_size(script, config)
        except NarrateError as exc:
            if complete:  # the whole post failed, not a summary standing in for an unreadable page
                raise _CannotNarrate(str(exc), source_key) from None
            raise
        summary = not complete  # recorded so that the next run tries the page again
        content_hash = script_hash(script)
        if previous is not None and not force and previous.adopted:
            # published before the state was lost: keep it, learn its hashes
            narrated = Narrated(full, script, content_hash)
            return Learned(post.guid, source_hash, summary, page_state, adopted=narrated)
        if previous is not None and not force and previous.content_hash == content_hash:
            return Learned(post.guid, source_hash, summary, page_state)
        # a passage in another language (kept apart by narrate only where a voice speaks it) gets that voice
        jobs = tuple(_job(segment, script.language, run) for segment in script.segments)
        return Work(full, script, jobs, source_hash, content_hash, previous, page_state, summary)


class _Signatures:
    """What ends many posts of each source feed (a signature, a standing plug: `narrate.feed_signatures`),
    worked out once per feed, and only when a post of it is narrated."""

    SAMPLE = 20  # the newest posts of a feed are enough to see what ends all of them
    MAX_HTML = 500_000  # a huge post says nothing about the others' endings

    def __init__(self, posts: Sequence[Post]) -> None:
        self.posts = posts
        self.by_feed: dict[str, frozenset[str]] = {}

    def of(self, post: Post) -> frozenset[str]:
        feed = post.source_feed
        if feed not in self.by_feed:
            htmls = [p.html for p in self.posts if p.source_feed == feed and len(p.html) <= self.MAX_HTML]
            try:
                with _isolated():
                    self.by_feed[feed] = narrate.feed_signatures(htmls[: self.SAMPLE])
            except Post2PodError:
                self.by_feed[feed] = frozenset()  # a hostile post: no signatures, each post read whole
        return self.by_feed[feed]


@contextmanager
def _isolated() -> Iterator[None]:
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


class _CannotNarrate(NarrateError):
    """The whole post, as it stands, cannot be narrated: the run remembers it (`Unnarratable`)."""

    def __init__(self, reason: str, source_key: str) -> None:
        super().__init__(reason)
        self.source_key = source_key


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
    # then again every TIME_UP_REPEAT_S: a raise that lands in a garbage-collector callback or a
    # __del__ is printed and dropped by Python, and the next one must still stop the block
    signal.setitimer(signal.ITIMER_REAL, seconds, TIME_UP_REPEAT_S)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _job(segment: Segment, language: str, run: Run) -> synth.SynthJob:
    """A segment's synthesis: its voice (the aside voice for an aside) and speed."""
    audio, aside = run.config.audio, segment.kind == KIND_ASIDE
    language = segment.language or language
    voice, aside_voice = run.voices.voice(language), run.voices.aside_voice(language)
    length = audio.length_scale * (audio.aside_length_scale if aside else 1.0)
    settings = synth.SynthSettings(length_scale=round(length, 3), speaker=audio.speaker)
    return synth.SynthJob(segment.text, aside_voice if aside else voice, settings)


CHARS_PER_WORD = 12  # twice an English word and its space: room for long words, none for a 5 MB token


def _check_size(script: Script, config: Config) -> None:
    """Refuse a post longer than `max_words`, counted in words and, for text without spaces (a
    megabyte of one token is a day of audio in few "words"), in characters too."""
    limit = config.narration.max_words
    words = sum(len(segment.text.split()) for segment in script.segments)
    if words > limit:
        raise NarrateError(
            f"post has {words} words, over the limit of {limit} (narration.max_words in config)"
        )
    chars = sum(len(segment.text) for segment in script.segments)
    if chars > limit * CHARS_PER_WORD:
        raise NarrateError(
            f"post has {chars} characters to read, over the limit of {limit * CHARS_PER_WORD} "
            f"({CHARS_PER_WORD} per word of narration.max_words in config)"
        )
