"""index.html: a small landing page with the cover, the subscribe link and a player per episode
that follows the words (chapters, and a transcript that highlights the sentence being spoken).

Every piece of text is escaped; links from the source feed are used only when they are http(s).
Audio, transcript and cover links are relative, so the page works wherever the folder is served.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from urllib.parse import quote, urlsplit

from post2pod.models import Chapter, Episode, Podcast
from post2pod.publish.feed import sort_episodes
from post2pod.publish.text import clean, format_date, format_duration

INDEX_FILE = "index.html"

_CSS = """
:root {
  color-scheme: light dark;
  --bg: #f6f5f2; --card: #fff; --ink: #1d1d1f; --muted: #6b6b70; --line: #e4e2dd;
  --accent: #5b3fd1; --accent-ink: #fff;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #151517; --card: #1f1f23; --ink: #f2f2f4; --muted: #a0a0a8; --line: #2e2e34;
    --accent: #a996ff; --accent-ink: #151517;
  }
}
* { box-sizing: border-box }
body {
  margin: 0; background: var(--bg); color: var(--ink);
  font: 17px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
}
a { color: var(--accent) }
.wrap { max-width: 780px; margin: 0 auto; padding: 48px 24px }
.show { display: flex; gap: 32px; align-items: flex-start; margin-bottom: 40px }
.cover {
  width: 200px; height: 200px; flex: none; border-radius: 16px; object-fit: cover;
  box-shadow: 0 10px 30px rgba(0, 0, 0, .18);
}
.kicker {
  margin: 0; font-size: 12px; font-weight: 600; color: var(--muted);
  text-transform: uppercase; letter-spacing: .14em;
}
h1 { margin: 4px 0 6px; font-size: 34px; line-height: 1.15; letter-spacing: -.01em }
.byline { margin: 0 0 12px; color: var(--muted); font-size: 15px }
.description { margin: 0 0 18px }
.disclosure { margin: -12px 0 18px; color: var(--muted); font-size: 14px }
.subscribe { background: var(--card); border: 1px solid var(--line); border-radius: 12px; padding: 12px 14px }
.subscribe label { display: block; font-size: 13px; color: var(--muted); margin-bottom: 6px }
.feedbox { display: flex; gap: 8px }
.feedbox input {
  flex: 1; min-width: 0; padding: 8px 10px; border: 1px solid var(--line); border-radius: 8px;
  font: 14px ui-monospace, SFMono-Regular, Menlo, monospace; background: var(--bg); color: var(--ink);
}
.button {
  display: inline-block; padding: 8px 14px; border-radius: 8px; background: var(--accent);
  color: var(--accent-ink); text-decoration: none; font-weight: 600; font-size: 14px;
}
h2 {
  margin: 0 0 14px; font-size: 14px; color: var(--muted); text-transform: uppercase; letter-spacing: .12em;
}
.episode {
  background: var(--card); border: 1px solid var(--line); border-radius: 14px;
  padding: 20px 22px; margin-bottom: 18px;
}
.episode h3 { margin: 0 0 4px; font-size: 21px; line-height: 1.3 }
.episode h3 a { color: inherit; text-decoration: none }
.episode h3 a:hover { text-decoration: underline }
.meta { margin: 0 0 10px; color: var(--muted); font-size: 14px }
.summary { margin: 0 0 14px }
audio { width: 100%; margin: 0 0 8px }
details { margin: 4px 0 12px; font-size: 15px }
summary { cursor: pointer; color: var(--muted) }
ol.chapters { list-style: none; padding: 0; margin: 8px 0 0 }
ol.chapters li { display: flex; gap: 10px; padding: 3px 0; border-top: 1px solid var(--line) }
ol.chapters button {
  min-width: 4.5em; padding: 0; border: 0; background: none; color: var(--accent); cursor: pointer;
  font: 13px ui-monospace, SFMono-Regular, Menlo, monospace; text-align: left;
}
ol.chapters li.chapter-now span { font-weight: 650 }
.cues {
  max-height: 15em; overflow-y: auto; margin-top: 8px; padding: 10px 12px; border: 1px solid var(--line);
  border-radius: 10px; background: var(--bg); line-height: 1.7; overscroll-behavior: contain;
}
.cue { cursor: pointer; border-radius: 4px; padding: 1px 0; transition: background .15s }
.cue:hover { background: var(--line) }
.cue:focus-visible { outline: 2px solid var(--accent) }
.cue.cue-now { background: var(--accent); color: var(--accent-ink) }
.loading { margin: 0; color: var(--muted) }
.links { margin: 6px 0 0; font-size: 14px; color: var(--muted) }
.links a { display: inline-block; margin-right: 16px; font-weight: 500; text-decoration: none }
.links a:hover { text-decoration: underline }
.empty { color: var(--muted) }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; text-align: center }
@media (max-width: 600px) {
  .show { flex-direction: column; gap: 18px }
  .cover { width: 160px; height: 160px }
  h1 { font-size: 28px }
  .wrap { padding: 28px 16px }
  .episode { padding: 16px }
}
"""

# Follows the words: the transcript (the episode's WebVTT, fetched when it is opened or the episode
# plays) shows one clickable sentence per cue; the one being spoken is highlighted and kept in view;
# a click on a sentence or a chapter seeks there. Static: it needs nothing but the published files.
_SCRIPT = r"""
(() => {
  const seconds = t => t.split(":").reduce((sum, part) => sum * 60 + Number(part), 0);
  const unescape = s => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  function parseVtt(text) {
    const cues = [];
    for (const block of text.replace(/\r/g, "").split(/\n{2,}/)) {
      const lines = block.split("\n");
      const at = lines.findIndex(line => line.includes("-->"));
      if (at < 0) continue;
      const [start, end] = lines[at].split("-->").map(s => seconds(s.trim().split(/\s+/)[0]));
      const words = unescape(lines.slice(at + 1).join(" ")).trim();
      if (words) cues.push({start, end, words});
    }
    return cues;
  }
  async function load(article) {
    const panel = article.querySelector("details.transcript");
    if (!panel || panel.dataset.state) return;
    panel.dataset.state = "loading";
    const box = panel.querySelector(".cues");
    try {
      const response = await fetch(panel.dataset.vtt);
      if (!response.ok) throw new Error(response.status);
      const cues = parseVtt(await response.text());
      box.textContent = "";
      for (const cue of cues) {
        const span = document.createElement("span");
        span.className = "cue";
        span.dataset.t = cue.start;
        span.tabIndex = 0;
        span.setAttribute("role", "button");
        span.textContent = cue.words;
        box.append(span, " ");
      }
      panel.dataset.state = "ready";
      follow(article.querySelector("audio"));
    } catch (error) {
      box.textContent = "The transcript could not be loaded here; use the Transcript link below.";
      panel.dataset.state = "failed";
    }
  }
  function current(items, time) {
    let found = null;
    for (const item of items) {
      if (Number(item.dataset.t) <= time + 0.05) found = item; else break;
    }
    return found;
  }
  function follow(audio) {
    const article = audio.closest("article");
    const time = audio.currentTime;
    if (audio.paused && time === 0) return;  // nothing is being spoken yet
    for (const [selector, mark] of [[".cue", "cue"], ["ol.chapters li", "chapter"]]) {
      const items = [...article.querySelectorAll(selector)];
      const now = selector === ".cue" ? current(items, time)
        : current(items.map(li => li.querySelector("button")), time)?.closest("li");
      const before = article.querySelector("." + mark + "-now");
      if (now === before) continue;
      before?.classList.remove(mark + "-now");
      now?.classList.add(mark + "-now");
      if (now && mark === "cue") {
        now.setAttribute("aria-current", "true");
        before?.removeAttribute("aria-current");
        const box = now.parentElement;
        const top = now.offsetTop - box.offsetTop;
        if (top < box.scrollTop || top > box.scrollTop + box.clientHeight - now.offsetHeight) {
          box.scrollTop = Math.max(0, top - box.clientHeight / 3);
        }
      }
    }
  }
  function seek(target) {
    const audio = target.closest("article").querySelector("audio");
    audio.currentTime = Number(target.dataset.t);
    audio.play().catch(() => {});
    follow(audio);
  }
  document.addEventListener("click", event => {
    const target = event.target.closest("[data-t]");
    if (target) seek(target);
  });
  document.addEventListener("keydown", event => {
    const target = event.target.closest(".cue");
    if (target && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      seek(target);
    }
  });
  for (const audio of document.querySelectorAll("article audio")) {
    for (const name of ["timeupdate", "seeked"]) audio.addEventListener(name, () => follow(audio));
    audio.addEventListener("play", () => load(audio.closest("article")));
  }
  for (const panel of document.querySelectorAll("details.transcript")) {
    if (panel.open) load(panel.closest("article"));
    panel.addEventListener("toggle", () => panel.open && load(panel.closest("article")));
  }
})();
"""


def render_page(podcast: Podcast, episodes: Sequence[Episode], cover_file: str) -> str:
    """The whole page as a string (deterministic)."""
    ordered = sort_episodes(episodes)
    title = _text(podcast.title) or "Untitled podcast"
    body = "\n".join(_episode(e, first=i == 0) for i, e in enumerate(ordered))
    body = body or '<p class="empty">No episodes yet.</p>'
    count = f" ({len(ordered)})" if ordered else ""
    return f"""<!doctype html>
<html lang="{_text(podcast.language) or "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{_text(podcast.description)}">
<meta name="generator" content="post2pod">
<link rel="alternate" type="application/rss+xml" title="{title}" href="{_text(podcast.feed_url)}">
<link rel="icon" href="{_local(cover_file)}">
<style>{_CSS}</style>
</head>
<body>
<div class="wrap">
{_header(podcast, title, cover_file)}
<main>
<h2>Episodes{count}</h2>
{body}
</main>
<footer>Narrated with post2pod · <a href="feed.xml">RSS feed</a></footer>
</div>
<script>{_SCRIPT}</script>
</body>
</html>
"""


def _header(podcast: Podcast, title: str, cover_file: str) -> str:
    feed = _text(podcast.feed_url)
    byline = [f"by {_text(podcast.author)}"] if podcast.author.strip() else []
    site = _safe_href(podcast.link)
    if site:
        byline.append(f'<a href="{site}">{_text(urlsplit(clean(podcast.link)).hostname or podcast.link)}</a>')
    return f"""<header class="show">
<img class="cover" src="{_local(cover_file)}" alt="Cover art of {title}" width="200" height="200">
<div>
<p class="kicker">Podcast</p>
<h1>{title}</h1>
<p class="byline">{" · ".join(byline)}</p>
<p class="description">{_text(podcast.description)}</p>{_disclosure(podcast)}
<div class="subscribe">
<label for="feed-url">Subscribe: paste this address into your podcast app</label>
<div class="feedbox"><input id="feed-url" type="url" readonly value="{feed}" onfocus="this.select()">\
<a class="button" href="{feed}">RSS</a></div>
</div>
</div>
</header>"""


def _episode(episode: Episode, first: bool = False) -> str:
    title = _text(episode.title) or "Untitled episode"
    post = _safe_href(episode.link)
    heading = f'<a href="{post}">{title}</a>' if post else title
    audio = _local(episode.audio_file)
    links = [f'<a href="{post}">Read the post</a>'] if post else []
    if episode.transcript_file:
        links.append(f'<a href="{_local(episode.transcript_file)}">Transcript</a>')
    links.append(f'<a href="{audio}" download>Download MP3</a>')
    summary = "".join(
        f'<p class="summary">{_text(paragraph)}</p>'
        for paragraph in clean(episode.description).split("\n\n")
        if paragraph.strip()
    )
    return f"""<article class="episode" id="{_text(episode.slug)}">
<h3>{heading}</h3>
<p class="meta">{_when(episode)} · {format_duration(episode.duration_ms)}</p>
{summary}
<audio controls preload="none" src="{audio}"></audio>
{_chapters(episode.chapters)}{_transcript(episode, first)}<p class="links">{"".join(links)}</p>
</article>"""


def _disclosure(podcast: Podcast) -> str:
    text = _text(podcast.disclosure)
    return f'\n<p class="disclosure">{text}</p>' if text else ""


def _when(episode: Episode) -> str:
    day = episode.published.date()
    return f'<time datetime="{day.isoformat()}">{format_date(episode.published)}</time>'


def _chapters(chapters: Sequence[Chapter]) -> str:
    if not chapters:
        return ""
    rows = "".join(
        f'<li><button type="button" data-t="{c.start_ms / 1000:g}">{format_duration(c.start_ms)}</button>'
        f"<span>{_text(c.title)}</span></li>"
        for c in sorted(chapters, key=lambda c: c.start_ms)
    )
    return (
        f'<details><summary>Chapters ({len(chapters)})</summary><ol class="chapters">{rows}</ol></details>\n'
    )


def _transcript(episode: Episode, open_: bool) -> str:
    """The panel the script fills with the transcript's sentences (the newest episode's is open)."""
    if not episode.transcript_file:
        return ""
    return (
        f'<details class="transcript" data-vtt="{_local(episode.transcript_file)}"{" open" if open_ else ""}>'
        '<summary>Transcript</summary><div class="cues"><p class="loading">Loading the transcript…</p>'
        "</div></details>\n"
    )


def _text(value: str | None) -> str:
    """Escaped text (quotes too, so it is safe in attributes) without control characters."""
    return escape(clean(value).strip(), quote=True)


def _local(relative: str) -> str:
    """A relative link to a file in the output folder, URL-quoted and escaped."""
    return escape(
        "/".join(quote(part, safe="") for part in clean(relative).strip("/").split("/")), quote=True
    )


def _safe_href(url: str) -> str:
    """The escaped URL if it is http(s), else "" (no javascript: links from a hostile feed)."""
    value = clean(url).strip()
    return escape(value, quote=True) if urlsplit(value).scheme.lower() in ("http", "https") else ""
