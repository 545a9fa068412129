"""Structure: walk cleaned HTML and produce the blocks a listener hears, in reading order.

A block is a paragraph, a list item, a heading, a quoted paragraph, or an announcement of
something that cannot be heard (code, a big table, an equation, a video). Inline markup is
rendered to text here (links as their text, inline code as words, keys, abbreviations, images).

Over 400 lines because the walk renders every kind of element a post holds (lists, quotes with
their attributions, tables, figures, passages in other languages, inline code and keys) and they share
the walk's state; code blocks, formulas and page furniture already live in their own modules.
Splitting inline rendering from the block walk is the next step (issue 13).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field

from bs4 import Comment, NavigableString, Tag

from post2pod.models import KIND_BODY, KIND_HEADING, KIND_LIST_ITEM, KIND_NOTE, KIND_QUOTE
from post2pod.narrate import code as codeblocks
from post2pod.narrate.clean import CODE_PLACEHOLDER, MATH_PLACEHOLDER
from post2pod.narrate.code import CodeBlock
from post2pod.narrate.footnotes import MARKER_RE
from post2pod.narrate.formulas import RAW_TEX_RE, raw_tex, tex_source
from post2pod.narrate.inline_code import code_words
from post2pod.narrate.keys import key_words
from post2pod.narrate.math import speak_tex
from post2pod.narrate.phrases import ORDINAL_WORDS, language_name, list_prefix, phrase


@dataclass
class Block:
    """One unit of reading: `text` is raw (markers allowed); `fixed` text is said exactly as is."""

    kind: str
    text: str
    level: int = 0
    fixed: bool = False
    code: list[CodeBlock] | None = None  # the run of adjacent code blocks this announcement stands for
    image: str = ""  # the description of an announced image
    language: str = ""  # a passage in another language than the post's


HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
CONTAINERS = {
    "html",
    "body",
    "p",
    "div",
    "section",
    "article",
    "main",
    "aside",
    "header",
    "footer",
    "center",
    "details",
    "summary",
    "address",
    "hgroup",
    "figcaption",
    "li",
    "dd",
    "dt",
    "td",
    "th",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "caption",
    "fieldset",
    "legend",
    "blockquote",
    "noscript",
}
BLOCK_TAGS = (
    CONTAINERS
    | set(HEADINGS)
    | {
        "ul",
        "ol",
        "dl",
        "pre",
        "table",
        "figure",
        "hr",
        "iframe",
        "video",
        "audio",
        "object",
        "embed",
        "picture",
        CODE_PLACEHOLDER,
        "lite-youtube",
    }
)
STRUCK_TAGS = {"del", "s", "strike"}
_CODE_CLASS_RE = re.compile(
    r"^(?:highlight|highlighttable|sourceCode|codehilite|code-block|gist|highlighter-rouge|syntaxhighlighter"
    r"|wp-block-code|hljs|prism|language-\w+|code-toolbar|codeblock|listingblock)$"
)
_MATH_CLASS_RE = re.compile(r"^(?:katex|katex-display|MathJax|MathJax_Display|MathJax_SVG|math|mjx-chtml)$")
_VIDEO_RE = re.compile(
    r"youtube|youtu\.be|vimeo|dailymotion|loom\.com|twitch|ted\.com|wistia|\.mp4|\.webm", re.I
)
_AUDIO_RE = re.compile(r"soundcloud|spotify|bandcamp|anchor\.fm|podcasts\.apple|\.mp3|\.ogg|\.m4a", re.I)
_CODE_EMBED_RE = re.compile(r"codepen|jsfiddle|codesandbox|replit|glitch\.com|gist\.github", re.I)
_FILE_ALT_RE = re.compile(
    r"^[\w\-. ]+\.(?:png|jpe?g|gif|svg|webp|bmp|tiff?|avif|heic)$"
    r"|^(?:img|image|dsc|dscn|pxl|screenshot|photo|pic)[-_ ]?\d|^[\w-]*[_-]\d[\w-]*$"
    r"|^(?:screen ?shot|bildschirmfoto|schermata)\b|^(?:image|figure|fig|photo|picture|img)\.? ?\d+$"
    r"|^(?:image|photo|picture|img|figure|screenshot|logo|icon|banner|header|thumbnail|avatar|spacer|pixel|untitled)$",
    re.IGNORECASE,
)
_ATTRIBUTION_DASH_RE = re.compile(r"^[\s\-–—―~]+")
MAX_ATTRIBUTION_CHARS = 120
MIN_FOREIGN_WORDS = 5  # a shorter phrase in another language (a loanword, a name) is read in the sentence
# Alt texts that say there is none (Jupyter writes the first for every plot).
_NO_DESCRIPTION_RE = re.compile(
    r"^\W*no (?:description|alt(?:ernative)? text|caption)\b"
    r"|^\W*(?:image|photo|picture) (?:description|alt text)\W*$",
    re.IGNORECASE,
)
_CREDIT_RE = re.compile(
    r"^\W*(?:(?:photo|image|picture|illustration|cover|header)(?: image| photo)?\s+(?:by|via|courtesy of)\b"
    r"|(?:photo |image )?(?:credit|source)s?\s*:)[^.!?]{0,80}[.!]?$",
    re.IGNORECASE,
)
_LIST_NOUN_RE = re.compile(r"\b(?:step|item|point|rule|option|case|line|stage|part|phase)\s$", re.IGNORECASE)
_LIST_REF_RE = re.compile(r"(?<![\w(])(\bthe\s+)?\((\d{1,2})\)(?=[\s.,;:!?]|$)", re.IGNORECASE)
_DANGLING_RE = re.compile(r"(?:^|[\s,])(?:and|or|but|nor|then|with|of)$", re.IGNORECASE)
_NON_SPACED_RE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")  # scripts written without spaces
# A word after which a citation is part of the sentence ("as outlined in Rosso (2007)").
_CITATION_OBJECT_RE = re.compile(
    r"\b(?:in|by|of|from|to|with|and|or|see|cf|e\.g|i\.e|like|per|following|after|than)\.?$", re.IGNORECASE
)
_EXPONENT_RE = re.compile(r"[-+]?\d{1,3}")
# What a power can be raised on, right before the <sup>: a number, a one- or two-letter symbol, a bracket.
_POWER_BASE_RE = re.compile(r"(?:\d|(?<![\w.])[A-Za-z]{1,2}|\))$")
_ORDINAL_SUP_RE = re.compile(r"^(?:st|nd|rd|th|e|er|re|o|a|ª|º|ème|eme)$", re.IGNORECASE)
_WS_RE = re.compile(r"\s+")


@dataclass
class _Buffer:
    """Inline text gathered for the block being built; `\n` marks a `<br>`."""

    parts: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        self.parts.append(_WS_RE.sub(" ", text))

    def ends_with_digit(self) -> bool:
        joined = "".join(self.parts[-3:]).rstrip()
        return joined[-1:].isdigit()

    def tail(self) -> str:
        return "".join(self.parts[-3:])

    def value(self) -> str:
        text = "".join(self.parts)
        text = re.sub(r"(?<![.!?:;,\n])[ ]*\n\s*(?=[\"'(]?[A-Z])", ". ", text)
        return _WS_RE.sub(" ", text).strip()


class BlockCollector:
    """Walks one element tree; `collect` returns its blocks."""

    def __init__(
        self, language: str = "en", code_mode: str = "announce", voice_languages: Collection[str] = ()
    ) -> None:
        self.language = language
        self.voice_languages = set(voice_languages)
        self.list_items = 0  # items of the numbered list just read, for "(2)" after it
        self.english = language == "en"
        self.code_mode = code_mode
        self.blocks: list[Block] = []
        self.pending_prefix = ""
        self.code_runs = 0
        self.total_chars = 0

    def collect(self, root: Tag, kind: str = KIND_BODY) -> list[Block]:
        """All blocks of `root`, read as `kind` (body, or aside for a footnote)."""
        self.total_chars = len(root.get_text(" ", strip=True))
        self.container(root, kind)
        return self.blocks

    # --- emitting --------------------------------------------------------------------------------

    def emit(self, kind: str, text: str, level: int = 0, end: bool = True) -> None:
        if self.repeats_image(text):
            return
        if kind == KIND_BODY and self.list_items:
            text = list_references(text, self.list_items)
        text = self.pending_prefix + text.lstrip(" ,;")
        self.pending_prefix = ""
        ended = terminate(text) if end else text.strip().rstrip(",;")
        self.blocks.append(Block(kind, ended if kind != KIND_HEADING else text, level))

    def emit_image(self, description: str, kind: str) -> None:
        """Announce an image once: not again when a caption right after says the same."""
        if self.repeats_image(description):
            return
        self.emit(_note_kind(kind), phrase(self.language, "image").format(description))
        self.blocks[-1].image = description

    def repeats_image(self, text: str) -> bool:
        last = self.blocks[-1] if self.blocks else None
        return last is not None and bool(last.image) and _same_words(last.image, text)

    def announce(self, kind: str, key: str) -> None:
        text = phrase(self.language, key)
        last = self.blocks[-1] if self.blocks else None
        if last is not None and last.fixed and last.text == text:
            return
        self.blocks.append(Block(kind, text, fixed=True))

    def flush(self, buffer: _Buffer, kind: str, end: bool = True) -> None:
        text = buffer.value()
        if re.search(r"[^\W_]", MARKER_RE.sub("", text)):
            self.emit(kind, text, end=end)
        elif MARKER_RE.search(text) and self.blocks:
            last = self.blocks[-1]
            last.text = last.text + "".join(MARKER_RE.findall(text))
        elif not text:
            for alt in buffer.images:
                self.emit_image(alt, kind)
        buffer.parts.clear()
        buffer.images.clear()

    # --- block level ------------------------------------------------------------------------------

    def container(self, tag: Tag, kind: str) -> None:
        buffer = _Buffer()
        for child in list(tag.children):
            if isinstance(child, Tag) and _is_display_math(child) and self.continues(buffer, child):
                buffer.add(" " + self.math_words(child) + " ")  # "the error is $$…$$": one sentence
            elif isinstance(child, Tag) and self.is_block(child):
                self.flush(buffer, kind)
                self.block(child, kind)
            else:
                self.inline_node(child, buffer, kind)
        self.flush(buffer, kind)

    def continues(self, buffer: _Buffer, math: Tag) -> bool:
        """A displayed formula inside a sentence that goes on ("the error is"), simple enough to read."""
        text = buffer.value()
        if not re.search(r"\w", text) or re.search(r"[.!?]\W*$", text) or not self.english:
            return False
        source = tex_source(math)
        return bool(source and speak_tex(source))

    def is_block(self, tag: Tag) -> bool:
        return tag.name in BLOCK_TAGS or _is_code(tag) or _is_display_math(tag) or tag.name == "dl"

    def block(self, tag: Tag, kind: str) -> None:
        name = tag.name
        if name in ("p", "blockquote", "div", "section", "li") and self.foreign_block(tag, kind):
            return
        if name in HEADINGS:
            self.heading(tag, kind)
        elif _is_code(tag):
            self.code(tag, kind)
        elif _is_display_math(tag):
            self.display_math(tag, kind)
        elif _is_references(tag):
            self.announce(_note_kind(kind), "references")
        elif name in ("ul", "ol"):
            self.list(tag, kind)
        elif name == "dl":
            self.definitions(tag, kind)
        elif name == "blockquote":
            self.quote(tag, kind)
        elif name == "table":
            self.table(tag, kind)
        elif name == "figure":
            self.figure(tag, kind)
        elif name in ("img", "picture"):
            self.image(tag, kind)
        elif name in ("iframe", "video", "audio", "object", "embed", "lite-youtube"):
            self.embed(tag, kind)
        elif name != "hr":
            self.container(tag, kind)

    # --- other languages ------------------------------------------------------------------------

    def foreign_language(self, tag: Tag) -> str:
        """The language of `tag` when it differs from the post's and we can name or voice it, else ""."""
        code = str(tag.get("lang") or tag.get("xml:lang") or "").strip().lower()
        code = re.split(r"[-_]", code)[0]
        if not code or code == self.language:
            return ""
        return code if code in self.voice_languages or language_name(self.language, code) else ""

    def foreign(self, node: Tag, buffer: _Buffer, kind: str) -> bool:
        """A quotation (or a long phrase) in another language inside a paragraph: its own segment."""
        code = self.foreign_language(node)
        if not code:
            return False
        quote = node.name == "q" or kind == KIND_QUOTE
        if not quote and len(node.get_text(" ").split()) < MIN_FOREIGN_WORDS:
            return False
        self.flush(buffer, kind, end=False)
        self.emit_foreign(self.inline_text(node, kind), code, quote, kind)
        return True

    def foreign_block(self, tag: Tag, kind: str) -> bool:
        code = self.foreign_language(tag)
        if not code or len(tag.get_text(" ", strip=True)) > 0.5 * self.total_chars:
            return False  # most of the post: that is the post's language, whatever the page says
        quote = tag.name == "blockquote" or kind == KIND_QUOTE
        if code in self.voice_languages:
            inner = KIND_QUOTE if quote and kind in (KIND_BODY, KIND_LIST_ITEM) else kind
            start = len(self.blocks)
            self.container(tag, inner)
            for block in self.blocks[start:]:
                block.language = block.language or code
            return True
        self.emit_foreign(tag.get_text(" "), code, quote, kind)
        return True

    def emit_foreign(self, text: str, code: str, quote: bool, kind: str) -> None:
        if not re.search(r"[^\W_]", text):
            return
        if code in self.voice_languages:
            self.blocks.append(Block(kind, terminate(text), language=code))
            return
        key = "foreign_quote" if quote else "foreign_passage"
        said = phrase(self.language, key).format(language_name(self.language, code))
        self.blocks.append(Block(kind, terminate(said), fixed=True))

    # --- block level (continued) -----------------------------------------------------------------

    def heading(self, tag: Tag, kind: str) -> None:
        self.list_items = 0
        text = self.inline_text(tag, kind)
        if not re.search(r"[^\W_]", MARKER_RE.sub("", text)):
            return
        if kind == KIND_BODY:
            self.emit(KIND_HEADING, text, HEADINGS[tag.name])
        else:
            self.emit(kind, text)

    def code(self, tag: Tag, kind: str) -> None:
        if self.code_mode == "skip":
            return
        if self.code_mode == "announce" or tag.name == CODE_PLACEHOLDER:
            self.announce_code(codeblocks.describe(tag), kind)
            return
        lines = [code_words(line, self.english) for line in codeblocks.code_text(tag).splitlines()]
        spoken = ". ".join(line for line in lines if line)
        if spoken:
            self.emit(kind, spoken)

    def announce_code(self, code: CodeBlock, kind: str) -> None:
        """A one-line command is read aloud (in English, whose words the normaliser knows); other blocks
        join the run of code right before them."""
        command = codeblocks.spoken_command(code) if self.english else ""
        if command:
            self.emit(kind, command)
            return
        last = self.blocks[-1] if self.blocks else None
        if last is not None and last.code is not None:
            last.code.append(code)
        else:
            last = Block(_note_kind(kind), "", fixed=True, code=[code])
            self.blocks.append(last)
            self.code_runs += 1
        last.text = codeblocks.announcement(last.code, self.language, another=self.code_runs > 1)

    def list(self, tag: Tag, kind: str) -> None:
        items = [child for child in tag.children if isinstance(child, Tag)]
        count = sum(1 for item in items if item.name == "li")
        number = _list_start(tag)
        item_kind = KIND_LIST_ITEM if kind == KIND_BODY else kind
        for item in items:
            if item.name != "li":
                self.block(item, kind)
                continue
            self.pending_prefix = list_prefix(self.language, number, count) if tag.name == "ol" else ""
            self.container(item, item_kind)
            self.pending_prefix = ""
            number += 1
        if kind == KIND_BODY:
            ordinal = tag.name == "ol" and self.english and count <= len(ORDINAL_WORDS)
            self.list_items = count if ordinal and _list_start(tag) == 1 else 0

    def definitions(self, tag: Tag, kind: str) -> None:
        term = ""
        item_kind = KIND_LIST_ITEM if kind == KIND_BODY else kind
        for child in tag.find_all(["dt", "dd"]):
            if child.name == "dt":
                if term:
                    self.emit(item_kind, term)
                term = self.inline_text(child, kind)
            else:
                definition = self.inline_text(child, kind)
                self.emit(item_kind, f"{term}: {definition}" if term else definition)
                term = ""
        if term:
            self.emit(item_kind, term)

    def quote(self, tag: Tag, kind: str, attribution: str = "") -> None:
        inner = KIND_QUOTE if kind in (KIND_BODY, KIND_LIST_ITEM) else kind
        tweet = "twitter-tweet" in _classes(tag)
        source = None if tweet else _attribution(tag)
        named = self.attribution_text(source, kind) if source is not None else ""
        if source is not None and named:
            attribution = attribution or named
            source.extract()
        start = len(self.blocks)
        self.blocks.append(
            Block(inner, phrase(self.language, "tweet_open" if tweet else "quote_open"), fixed=True)
        )
        self.container(tag, inner)
        if len(self.blocks) == start + 1:
            self.blocks.pop()
            return
        close = phrase(self.language, "quote_close")
        if attribution:
            close = phrase(self.language, "quote_from").format(attribution)
        self.blocks.append(Block(inner, close, fixed=True))

    def attribution_text(self, source: Tag, kind: str) -> str:
        """ "Alan Kay" from `<footer>— <cite>Alan Kay</cite></footer>` (dashes and quotes trimmed)."""
        text = self.inline_text(source, kind)
        text = _ATTRIBUTION_DASH_RE.sub("", text).strip().rstrip(".")
        return text if 0 < len(text) <= MAX_ATTRIBUTION_CHARS else ""

    def table(self, tag: Tag, kind: str) -> None:
        if self.admonition(tag, kind):
            return
        rows = [tr for tr in tag.find_all("tr") if tr.find_parent("table") is tag]
        cells = [
            [self.inline_text(c, kind) for c in tr.find_all(["th", "td"], recursive=False)] for tr in rows
        ]
        if any(len(cell) > 200 for row in cells for cell in row) or tag.find(["p", "ul", "ol", "blockquote"]):
            for tr in rows:
                for cell in tr.find_all(["th", "td"], recursive=False):
                    self.container(cell, kind)
            return
        header = cells[0] if rows and _is_header_row(rows[0]) else None
        body = [row for row in (cells[1:] if header else cells) if any(row)]
        if not body and not header:
            return
        if len(body) > 6 or max(len(row) for row in cells) > 4:
            self.announce(_note_kind(kind), "table")
            return
        caption = tag.find("caption")
        if caption is not None and caption.get_text(strip=True):
            self.emit(kind, self.inline_text(caption, kind))
        for row in body or [header or []]:
            self.emit(kind, _table_row(header, row))

    def admonition(self, tag: Tag, kind: str) -> bool:
        """Asciidoctor's admonition, a one-row table `td.icon` + `td.content`: "Warning: …"."""
        icon = tag.find("td", class_="icon")
        content = tag.find("td", class_="content")
        if icon is None or content is None:
            return False
        titled = icon.find(attrs={"title": True})
        label = icon.get_text(" ", strip=True) or (str(titled["title"]) if titled is not None else "")
        if content.find(BLOCK_TAGS) is not None or not label:
            if label:
                self.emit(kind, label + ":")
            self.container(content, kind)
            return True
        self.emit(kind, f"{label}: {self.inline_text(content, kind)}")
        return True

    def figure(self, tag: Tag, kind: str) -> None:
        caption = tag.find("figcaption")
        quote = tag.find("blockquote")
        attribution = (
            self.attribution_text(caption, kind) if caption is not None and quote is not None else ""
        )
        if attribution and quote is not None and caption is not None and quote.find_parent("figure") is tag:
            caption.extract()
            self.quote(quote, kind, attribution)
            return
        image = tag.find("img")
        heavy = tag.find(["pre", "table", "blockquote", "iframe", "video", "audio", "ul", "ol"])
        if image is None or heavy is not None or _is_code(tag) or _has_prose(tag, caption):
            self.container(tag, kind)
            return
        text = self.inline_text(caption, kind) if caption is not None else ""
        if _CREDIT_RE.match(text):
            text = ""  # "Photo by Jane on Unsplash": a credit, not a description
        text = text or meaningful_alt(image)
        if text:
            self.emit_image(text, kind)

    def image(self, tag: Tag, kind: str) -> None:
        image = tag if tag.name == "img" else tag.find("img")
        alt = meaningful_alt(image) if image is not None else ""
        if alt:
            self.emit_image(alt, kind)

    def embed(self, tag: Tag, kind: str) -> None:
        sources = " ".join(
            str(t.get(a) or "")
            for t in [tag, *tag.find_all(["source", "embed"])]
            for a in ("src", "data-src", "videoid")
        )
        if tag.name in ("video", "lite-youtube") or _VIDEO_RE.search(sources):
            self.announce(_note_kind(kind), "video")
        elif tag.name == "audio" or _AUDIO_RE.search(sources):
            self.announce(_note_kind(kind), "audio")
        elif _CODE_EMBED_RE.search(sources):
            self.code(tag, kind)

    # --- inline level -----------------------------------------------------------------------------

    def inline_text(self, tag: Tag, kind: str) -> str:
        buffer = _Buffer()
        for child in list(tag.children):
            self.inline_node(child, buffer, kind)
        return buffer.value()

    def inline_node(self, node: object, buffer: _Buffer, kind: str) -> None:
        if isinstance(node, Comment):
            return
        if isinstance(node, NavigableString):
            buffer.add(self.plain_text(node))
            return
        if not isinstance(node, Tag):
            return
        name = node.name
        if name in STRUCK_TAGS:
            return  # struck-out text is what the writer took back
        if self.foreign(node, buffer, kind):
            return
        if name == "br":
            buffer.parts.append("\n")
        elif name in ("code", "tt", "samp", "var"):
            self.inline_code(node, buffer, kind)
        elif name == "kbd" and node.find("kbd") is None:
            buffer.add(key_words(node.get_text(), phrase(self.language, "plus")))
        elif name == "img":
            alt = meaningful_alt(node)
            if alt:
                buffer.images.append(alt)
        elif name == "sup":
            buffer.add(self.superscript(node, buffer))
        elif name == "sub":
            buffer.add(" " + node.get_text() + " ")
        elif _is_math(node):
            buffer.add(" " + self.math_words(node) + " ")
        elif name == "span" and "citation" in _classes(node) and node.has_attr("data-cites"):
            # a pandoc citation after running text ("manslaughter Leech (2012)") is said apart
            before = re.sub(r"[\ue000-\uefff\s]+$", "", buffer.tail())
            if re.search(r"[\w)\]\"'’”]$", before) and not _CITATION_OBJECT_RE.search(before):
                buffer.add(", ")
            self.inline_children(node, buffer, kind)
        elif name == "q":
            buffer.add('"')
            self.inline_children(node, buffer, kind)
            buffer.add('"')
        else:
            self.inline_children(node, buffer, kind)

    def inline_children(self, tag: Tag, buffer: _Buffer, kind: str) -> None:
        for child in list(tag.children):
            self.inline_node(child, buffer, kind)

    def inline_code(self, node: Tag, buffer: _Buffer, kind: str) -> None:
        if node.find("br") is not None and len(node.find_all("br")) >= 1 and node.parent.name != "pre":
            self.flush(buffer, kind)
            self.code(node, kind)
            return
        buffer.add(code_words(node.get_text(), self.english))

    def plain_text(self, node: NavigableString) -> str:
        text = str(node)
        if (
            text.strip() == "+"
            and isinstance(node.previous_sibling, Tag)
            and node.previous_sibling.name == "kbd"
        ):
            return f" {phrase(self.language, 'plus')} "
        if "$" in text or "\\(" in text or "\\[" in text:
            text = RAW_TEX_RE.sub(self.raw_tex_words, text)
        return text

    def raw_tex_words(self, match: re.Match[str]) -> str:
        source = raw_tex(match)
        if match.group("inline") and re.match(r"[A-Z][A-Z_]+\b", source):
            return match.group(0)  # "$HOME/$USER": shell variables, not TeX
        return " " + self.tex_words(source) + " "

    def superscript(self, node: Tag, buffer: _Buffer) -> str:
        text = node.get_text().strip()
        if _ORDINAL_SUP_RE.match(text):
            return text
        if text.isdigit() and buffer.ends_with_digit() and self.english:
            return f" to the power of {text} "
        exponent = re.sub(r"^[−–]", "-", text)
        if self.english and _EXPONENT_RE.fullmatch(exponent) and _POWER_BASE_RE.search(buffer.tail()):
            return "^" + exponent  # read by the power rules: "10^-4", "mc^2", "m^2" (square meters)
        return f" {text} " if text else ""

    def math_words(self, node: Tag) -> str:
        return self.tex_words(tex_source(node))

    def tex_words(self, source: str) -> str:
        """A formula read aloud when simple enough ("x squared plus y squared"), else "a formula"."""
        source = source.strip()
        if re.fullmatch(r"[A-Za-z0-9]{1,3}", source):
            return source
        spoken = speak_tex(source) if self.english and source else None
        return spoken or phrase(self.language, "formula")

    def display_math(self, tag: Tag, kind: str) -> None:
        """A displayed equation: read it as its own sentence when simple, else announce it."""
        source = tex_source(tag)
        spoken = speak_tex(source) if self.english and source else None
        if spoken:
            self.emit(kind, spoken)
        else:
            self.announce(_note_kind(kind), "equation")


# --- helpers ----------------------------------------------------------------------------------


def terminate(text: str) -> str:
    """Make sure a block ends like a sentence, so Piper does not run it into the next one."""
    text = text.strip()
    core = MARKER_RE.sub("", text).rstrip("\"'”’»)]} ")
    if not core or core[-1] in ".!?…:":
        return text
    if _DANGLING_RE.search(core.rstrip(",;")):
        return text  # the sentence goes on in a nested list: no full stop after "and"
    if text[-1] in ",;-–—":
        text = text[:-1].rstrip()
    return text + "."


def list_references(text: str, items: int) -> str:
    """ "(2)" right after a numbered list of `items` points -> "the second point"."""

    def spoken(match: re.Match[str]) -> str:
        number = int(match.group(2))
        if not 1 <= number <= items:
            return match.group(0)
        if not match.group(1) and _LIST_NOUN_RE.search(match.string[: match.start()]):
            return str(number)  # "Step (2)": the list's own name for it, "step 2"
        article = match.group(1) or "the "
        return f"{article}{ORDINAL_WORDS[number - 1].lower()} point"

    return _LIST_REF_RE.sub(spoken, text)


def meaningful_alt(image: Tag) -> str:
    """The alt text of an image if it says something (not empty, not a file name, not an emoji)."""
    if str(image.get("role") or "") == "presentation" or "emoji" in " ".join(_classes(image)):
        return ""
    alt = _WS_RE.sub(" ", str(image.get("alt") or "")).strip()
    if len(alt) < 3 or _FILE_ALT_RE.match(alt) or not re.search(r"[^\W\d_]{2}", alt):
        return ""
    if _is_slug(alt) or _NO_DESCRIPTION_RE.match(alt):
        return ""
    # one word ("tweet", "fig10", "cerebras") names the file, not what the picture shows
    if len(re.findall(r"[^\W\d_]{2,}", alt)) < 2 and not _NON_SPACED_RE.search(alt):
        return ""
    return alt


def _is_slug(alt: str) -> bool:
    """`sunset_final_v2`, `header-image-dark-mode`: a file name, not a description."""
    return not re.search(r"\s", alt) and ("_" in alt or alt.count("-") >= 2)


def _attribution(quote: Tag) -> Tag | None:
    """The element that names a quotation's source: a `footer`, a `cite` or a last "— Name" line."""
    children = [c for c in quote.children if isinstance(c, Tag)]
    for child in reversed(children):
        if child.name in ("footer", "cite", "figcaption"):
            return child
        break
    if len(children) >= 2:
        last = children[-1]
        text = last.get_text(" ", strip=True)
        if last.name == "p" and _ATTRIBUTION_DASH_RE.match(text) and len(text) <= MAX_ATTRIBUTION_CHARS:
            return last
    return None


def _has_prose(figure: Tag, caption: Tag | None) -> bool:
    """A figure with paragraphs of its own beside its image (not just a `p` wrapping the image)."""
    for p in figure.find_all("p"):
        if caption is not None and caption in p.parents:
            continue
        if p.get_text(strip=True):
            return True
    return False


def _same_words(a: str, b: str) -> bool:
    """Whether one text says what the other does (equal, or one contains the other)."""
    x, y = sorted((" ".join(re.findall(r"[^\W_]+", t.lower())) for t in (a, b)), key=len)
    return bool(x) and x in y and len(y.split()) <= len(x.split()) + 3


def _is_code(tag: Tag) -> bool:
    if tag.name in ("pre", CODE_PLACEHOLDER):
        return True
    if tag.name in ("div", "figure", "table", "section") and any(
        _CODE_CLASS_RE.match(c) for c in _classes(tag)
    ):
        return True
    if tag.name == "table" and tag.find("pre") is not None:
        return True
    return (
        tag.name == "code"
        and tag.find("br") is not None
        and tag.parent is not None
        and tag.parent.name != "pre"
    )


def _is_math(tag: Tag) -> bool:
    return tag.name in ("math", MATH_PLACEHOLDER, "mjx-container") or any(
        _MATH_CLASS_RE.match(c) for c in _classes(tag)
    )


def _is_display_math(tag: Tag) -> bool:
    if not _is_math(tag):
        return False
    classes = _classes(tag)
    return (
        str(tag.get("display") or "") in ("block", "true")
        or "katex-display" in classes
        or "MathJax_Display" in classes
        or ("math" in classes and "display" in classes)
    )


def _is_references(tag: Tag) -> bool:
    classes = _classes(tag)
    return (
        str(tag.get("id") or "") in ("refs", "references", "bibliography")
        or "csl-bib-body" in classes
        or "references" in classes
        or "bibliography" in classes
    )


def _is_header_row(row: Tag) -> bool:
    cells = row.find_all(["th", "td"], recursive=False)
    return bool(cells) and (all(c.name == "th" for c in cells) or row.find_parent("thead") is not None)


def _table_row(header: list[str] | None, row: list[str]) -> str:
    if header and len(header) == len(row):
        parts = [f"{h}: {v}" if h else v for h, v in zip(header, row, strict=True) if v]
    else:
        parts = [v for v in row if v]
    return ", ".join(parts)


def _list_start(tag: Tag) -> int:
    try:
        return int(str(tag.get("start") or "1"))
    except ValueError:
        return 1


def _note_kind(kind: str) -> str:
    return KIND_NOTE if kind in (KIND_BODY, KIND_LIST_ITEM, KIND_QUOTE) else kind


def _classes(tag: Tag) -> list[str]:
    value = tag.get("class") or []
    return [value] if isinstance(value, str) else list(value)
