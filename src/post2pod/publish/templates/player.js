(() => {
  // Follows the words: the transcript (the episode's WebVTT, fetched when it is opened or the episode
  // plays) shows one clickable sentence per cue; the one being spoken is highlighted and kept in view;
  // a click (or Enter) on a sentence or a chapter seeks there. Static: it needs only the published files.
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
  // Copy buttons: the clipboard API where the page may use it, else the selected field and
  // execCommand; the status line (aria-live) says what happened.
  async function copy(button) {
    const field = document.getElementById(button.dataset.copy);
    const status = document.getElementById(button.dataset.copy + "-status");
    if (!field) return;
    let copied = false;
    try {
      await navigator.clipboard.writeText(field.value);
      copied = true;
    } catch (error) {
      field.focus();
      field.select();
      try { copied = document.execCommand("copy"); } catch (ignored) { copied = false; }
    }
    if (!status) return;
    status.textContent = copied ? "Copied" : "Press Ctrl+C (or \u2318C) to copy the selected text";
    clearTimeout(status.timer);
    status.timer = setTimeout(() => { status.textContent = ""; }, 6000);
  }
  document.addEventListener("click", event => {
    const button = event.target.closest("button[data-copy]");
    if (button) return copy(button);
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
  document.addEventListener("focusin", event => {
    if (event.target.matches("input[readonly], textarea[readonly]")) event.target.select();
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
