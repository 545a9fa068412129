"""Structure: walk cleaned HTML and produce the blocks a listener hears, in reading order.

A block is a paragraph, a list item, a heading, a quoted paragraph, or an announcement of
something that cannot be heard (code, a big table, an equation, a video). The walk reads lists,
definitions, quotes with their attributions, tables, figures, passages in other languages, code
and displayed formulas.

It owns the one walk, `BlockCollector`: a block element goes to the handler for what it is (a
heading, code, a displayed formula, a bibliography) or else for its name (`BLOCK_HANDLERS`); inline
content goes to `inline.INLINE_HANDLERS`; blocks are written through an `emitter.BlockWriter`.
`elements` says what an element is, `images` whether a picture is described.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from bs4 import Comment, NavigableString, Tag

from post2pod.models import KIND_BODY, KIND_HEADING, KIND_LIST_ITEM, KIND_QUOTE
from post2pod.narrate.html import code as codeblocks
from post2pod.narrate.html import dialogue, tables, verse
from post2pod.narrate.html.code import CodeBlock
from post2pod.narrate.html.elements import (
    embed_kind,
    is_block,
    is_code,
    is_display_math,
    is_references,
    quote_source,
    source_name,
)
from post2pod.narrate.html.emitter import Block, BlockWriter, InlineBuffer, note_kind, terminate
from post2pod.narrate.html.images import has_prose, is_credit, meaningful_alt
from post2pod.narrate.html.inline import STRUCK_TAGS, math_words, plain_text, read_inline
from post2pod.narrate.html.inline_code import code_words
from post2pod.narrate.html.tags import CODE_PLACEHOLDER, HEADING_LEVELS, WALK_BLOCKS, classes
from post2pod.narrate.maths import is_readable, read_formula
from post2pod.narrate.notes.markers import MARKER_RE
from post2pod.narrate.script.phrases import ORDINAL_WORDS, language_name, list_prefix, phrase

MIN_FOREIGN_WORDS = 5  # a shorter phrase in another language (a loanword, a name) is read in the sentence


class BlockCollector:
    """Walks one element tree; `collect` returns its blocks."""

    def __init__(
        self, language: str = "en", code_mode: str = "announce", voice_languages: Collection[str] = ()
    ) -> None:
        self.language = language
        self.english = language == "en"
        self.out = BlockWriter(language)
        self.voice_languages = set(voice_languages)
        self.code_mode = code_mode
        self.code_runs = 0
        self.total_chars = 0
        self.asked = False  # an interview's question label was read: a bare "A." is its answer
        self.speakers: frozenset[str] = frozenset()  # the interview's bold speaker labels

    def collect(self, root: Tag, kind: str = KIND_BODY) -> list[Block]:
        """All blocks of `root`, read as `kind` (body, or aside for a footnote)."""
        self.total_chars = len(root.get_text(" ", strip=True))
        self.speakers = dialogue.speakers(root)
        self.container(root, kind)
        return self.out.blocks

    # --- the walk ---------------------------------------------------------------------------------

    def container(self, tag: Tag, kind: str) -> None:
        buffer = InlineBuffer()
        for child in list(tag.children):
            if isinstance(child, Tag) and is_display_math(child) and self.continues(buffer, child):
                buffer.add(" " + math_words(child, self.language) + " ")  # "the error is $$…$$": one sentence
            elif isinstance(child, Tag) and is_block(child):
                self.out.flush(buffer, kind)
                self.block(child, kind)
            else:
                self.inline_node(child, buffer, kind)
        self.out.flush(buffer, kind)

    def continues(self, buffer: InlineBuffer, math: Tag) -> bool:
        """A displayed formula inside a sentence that goes on ("the error is"), simple enough to read."""
        text = buffer.value()
        if not re.search(r"\w", text) or re.search(r"[.!?]\W*$", text) or not self.english:
            return False
        return is_readable(math, self.language)

    def block(self, tag: Tag, kind: str) -> None:
        """A block element, read by what it is (a passage in another language, a heading, code, a
        displayed formula, a bibliography), else by the handler for its name, else as a container."""
        name = tag.name
        if name in ("p", "blockquote", "div", "section", "li") and self.foreign_block(tag, kind):
            return
        if name in HEADING_LEVELS:
            _heading(self, tag, kind)
        elif is_code(tag):
            self.code(tag, kind)
        elif is_display_math(tag):
            _display_math(self, tag, kind)
        elif is_references(tag):
            self.out.announce(note_kind(kind), "references")
        else:
            BLOCK_HANDLERS.get(name, _container)(self, tag, kind)

    def inline_node(self, node: object, buffer: InlineBuffer, kind: str) -> None:
        """Inline content into `buffer`: text as written, an element by its handler (`inline`),
        struck-out text dropped, a passage in another language set apart."""
        if isinstance(node, Comment):
            return
        if isinstance(node, NavigableString):
            buffer.add(plain_text(node, self.language))
            return
        if not isinstance(node, Tag):
            return
        if node.name in STRUCK_TAGS:
            return  # struck-out text is what the writer took back
        if self.foreign(node, buffer, kind):
            return
        read_inline(self, node, buffer, kind)

    def inline_text(self, tag: Tag, kind: str) -> str:
        buffer = InlineBuffer()
        for child in list(tag.children):
            self.inline_node(child, buffer, kind)
        return buffer.value()

    def inline_children(self, tag: Tag, buffer: InlineBuffer, kind: str) -> None:
        for child in list(tag.children):
            self.inline_node(child, buffer, kind)

    # --- other languages ------------------------------------------------------------------------

    def foreign_language(self, tag: Tag) -> str:
        """The language of `tag` when it differs from the post's and we can name or voice it, else ""."""
        code = str(tag.get("lang") or tag.get("xml:lang") or "").strip().lower()
        code = re.split(r"[-_]", code)[0]
        if not code or code == self.language:
            return ""
        return code if code in self.voice_languages or language_name(self.language, code) else ""

    def foreign(self, node: Tag, buffer: InlineBuffer, kind: str) -> bool:
        """A quotation (or a long phrase) in another language inside a paragraph: its own segment."""
        code = self.foreign_language(node)
        if not code:
            return False
        quote = node.name == "q" or kind == KIND_QUOTE
        if not quote and len(node.get_text(" ").split()) < MIN_FOREIGN_WORDS:
            return False
        self.out.flush(buffer, kind, end=False)
        self.emit_foreign(self.inline_text(node, kind), code, quote, kind)
        return True

    def foreign_block(self, tag: Tag, kind: str) -> bool:
        code = self.foreign_language(tag)
        if not code or len(tag.get_text(" ", strip=True)) > 0.5 * self.total_chars:
            return False  # most of the post: that is the post's language, whatever the page says
        quote = tag.name == "blockquote" or kind == KIND_QUOTE
        if code in self.voice_languages:
            inner = KIND_QUOTE if quote and kind in (KIND_BODY, KIND_LIST_ITEM) else kind
            start = len(self.out.blocks)
            self.container(tag, inner)
            for block in self.out.blocks[start:]:
                block.language = block.language or code
            return True
        self.emit_foreign(tag.get_text(" "), code, quote, kind)
        return True

    def emit_foreign(self, text: str, code: str, quote: bool, kind: str) -> None:
        if not re.search(r"[^\W_]", text):
            return
        if code in self.voice_languages:
            self.out.blocks.append(Block(kind, terminate(text), language=code))
            return
        key = "foreign_quote" if quote else "foreign_passage"
        said = phrase(self.language, key).format(language_name(self.language, code))
        self.out.blocks.append(Block(kind, terminate(said), fixed=True))

    # --- code (a block, an embed, or inline code broken into lines) --------------------------------

    def code(self, tag: Tag, kind: str) -> None:
        if self.code_mode == "skip":
            return
        if self.code_mode == "announce" or tag.name == CODE_PLACEHOLDER:
            self.announce_code(codeblocks.describe(tag), kind)
            return
        lines = [code_words(line, self.english) for line in codeblocks.code_text(tag).splitlines()]
        spoken = ". ".join(line for line in lines if line)
        if spoken:
            self.out.emit(kind, spoken)

    def announce_code(self, code: CodeBlock, kind: str) -> None:
        """A one-line command is read aloud (in English, whose words the normaliser knows); other blocks
        join the run of code right before them."""
        command = codeblocks.spoken_command(code) if self.english else ""
        if command:
            self.out.emit(kind, command)
            return
        blocks = self.out.blocks
        last = blocks[-1] if blocks else None
        if last is not None and last.code is not None:
            run = last.code
            run.append(code)
        else:
            run = [code]
            last = Block(note_kind(kind), "", fixed=True, code=run)
            blocks.append(last)
            self.code_runs += 1
        last.text = codeblocks.announcement(run, self.language, another=self.code_runs > 1)


# --- the handlers: (walk, element, the kind of block it is read in) --------------------------------


def _heading(walk: BlockCollector, tag: Tag, kind: str) -> None:
    walk.out.list_items = 0
    text = walk.inline_text(tag, kind)
    if not re.search(r"[^\W_]", MARKER_RE.sub("", text)):
        return
    if kind == KIND_BODY:
        walk.out.emit(KIND_HEADING, text, HEADING_LEVELS[tag.name])
    else:
        walk.out.emit(kind, text)


def _container(walk: BlockCollector, tag: Tag, kind: str) -> None:
    walk.container(tag, kind)


def _nothing(walk: BlockCollector, tag: Tag, kind: str) -> None:
    """A rule (`<hr>`): nothing to say."""


def _paragraph(walk: BlockCollector, tag: Tag, kind: str) -> None:
    """A paragraph: a Markdown table left as text, or prose (an interview's turns, each labelled)."""
    if _pipe_table(walk, tag, kind):
        return
    for turn in dialogue.lines(tag, walk.language, walk.speakers):
        _speaker(walk, turn)
        walk.container(turn, kind)


def _list(walk: BlockCollector, tag: Tag, kind: str) -> None:
    items = [child for child in tag.children if isinstance(child, Tag)]
    if tag.name == "ul" and verse.is_verse_list([item for item in items if item.name == "li"]):
        _verse_lines(walk, items, kind)
        return
    count = sum(1 for item in items if item.name == "li")
    number = _list_start(tag)
    item_kind = KIND_LIST_ITEM if kind == KIND_BODY else kind
    for item in items:
        if item.name != "li":
            walk.block(item, kind)
            continue
        walk.out.pending_prefix = list_prefix(walk.language, number, count) if tag.name == "ol" else ""
        walk.container(item, item_kind)
        walk.out.pending_prefix = ""
        number += 1
    if kind == KIND_BODY:
        ordinal = tag.name == "ol" and walk.english and count <= len(ORDINAL_WORDS)
        walk.out.list_items = count if ordinal and _list_start(tag) == 1 else 0


def _verse_lines(walk: BlockCollector, items: list[Tag], kind: str) -> None:
    """A list of verse lines read as one passage: its line ends are short pauses."""
    buffer = InlineBuffer()
    for item in items:
        if item.find(WALK_BLOCKS) is not None:  # a title or a stanza's heading in the list
            walk.out.flush(buffer, kind)
            walk.container(item, kind)
            continue
        walk.inline_children(item, buffer, kind)
        buffer.parts.append("\n")
    walk.out.flush(buffer, kind)


def _speaker(walk: BlockCollector, paragraph: Tag) -> None:
    """An interview's "Q:" or `<strong>Jane Doe:</strong>` said first as a label of its own."""
    label, said = dialogue.speaker(paragraph, walk.language, walk.asked, walk.speakers)
    walk.asked = walk.asked or said == "question"
    walk.out.pending_prefix += label


def _definitions(walk: BlockCollector, tag: Tag, kind: str) -> None:
    term = ""
    item_kind = KIND_LIST_ITEM if kind == KIND_BODY else kind
    for child in tag.find_all(["dt", "dd"]):
        if child.name == "dt":
            if term:
                walk.out.emit(item_kind, term)
            term = walk.inline_text(child, kind)
        else:
            definition = walk.inline_text(child, kind)
            walk.out.emit(item_kind, f"{term}: {definition}" if term else definition)
            term = ""
    if term:
        walk.out.emit(item_kind, term)


def _quote(walk: BlockCollector, tag: Tag, kind: str, attribution: str = "") -> None:
    inner = KIND_QUOTE if kind in (KIND_BODY, KIND_LIST_ITEM) else kind
    tweet = "twitter-tweet" in classes(tag)
    source = None if tweet else quote_source(tag)
    named = _attribution_text(walk, source, kind) if source is not None else ""
    if source is not None and named:
        attribution = attribution or named
        source.extract()
    blocks = walk.out.blocks
    start = len(blocks)
    blocks.append(Block(inner, phrase(walk.language, "tweet_open" if tweet else "quote_open"), fixed=True))
    walk.container(tag, inner)
    if len(blocks) == start + 1:
        blocks.pop()
        return
    close = phrase(walk.language, "quote_close")
    if attribution:
        close = phrase(walk.language, "quote_from").format(attribution)
    blocks.append(Block(inner, close, fixed=True))


def _attribution_text(walk: BlockCollector, source: Tag, kind: str) -> str:
    """ "Alan Kay" from `<footer>— <cite>Alan Kay</cite></footer>` (dashes and quotes trimmed)."""
    return source_name(walk.inline_text(source, kind))


def _table(walk: BlockCollector, tag: Tag, kind: str) -> None:
    if _admonition(walk, tag, kind):
        return
    reading = tables.read_table(tag, lambda cell: walk.inline_text(cell, kind), walk.language)
    for cell in reading.layout:
        walk.container(cell, kind)
    _table_lines(walk, reading, kind)


def _table_lines(walk: BlockCollector, reading: tables.Reading, kind: str) -> None:
    for line in reading.lines:
        walk.out.emit(note_kind(kind) if reading.described else kind, line)


def _pipe_table(walk: BlockCollector, tag: Tag, kind: str) -> bool:
    """A Markdown table left as text ("| a | b |" lines and a "|---|---|" rule): read as a table."""
    lines = tables.pipe_lines(tag)
    if not lines:
        return False
    before, grid, after = tables.pipe_grid(lines)
    if before:
        walk.out.emit(kind, verse.join_lines(before))
    reading = tables.read_grid(grid, str, walk.language)
    _table_lines(walk, reading, kind)
    if after:
        walk.out.emit(kind, verse.join_lines(after))
    return True


def _admonition(walk: BlockCollector, tag: Tag, kind: str) -> bool:
    """Asciidoctor's admonition, a one-row table `td.icon` + `td.content`: "Warning: …"."""
    icon = tag.find("td", class_="icon")
    content = tag.find("td", class_="content")
    if icon is None or content is None:
        return False
    titled = icon.find(None, {"title": True})
    label = icon.get_text(" ", strip=True) or (str(titled["title"]) if titled is not None else "")
    if content.find(WALK_BLOCKS) is not None or not label:
        if label:
            walk.out.emit(kind, label + ":")
        walk.container(content, kind)
        return True
    walk.out.emit(kind, f"{label}: {walk.inline_text(content, kind)}")
    return True


def _figure(walk: BlockCollector, tag: Tag, kind: str) -> None:
    caption = tag.find("figcaption")
    quote = tag.find("blockquote")
    attribution = _attribution_text(walk, caption, kind) if caption is not None and quote is not None else ""
    if attribution and quote is not None and caption is not None and quote.find_parent("figure") is tag:
        caption.extract()
        _quote(walk, quote, kind, attribution)
        return
    image = tag.find("img")
    heavy = tag.find(["pre", "table", "blockquote", "iframe", "video", "audio", "ul", "ol"])
    if image is None or heavy is not None or is_code(tag) or has_prose(tag, caption):
        walk.container(tag, kind)
        return
    text = walk.inline_text(caption, kind) if caption is not None else ""
    if is_credit(text):
        text = ""  # "Photo by Jane on Unsplash": a credit, not a description
    text = text or meaningful_alt(image)
    if text:
        walk.out.emit_image(text, kind)


def _image(walk: BlockCollector, tag: Tag, kind: str) -> None:
    image = tag if tag.name == "img" else tag.find("img")
    alt = meaningful_alt(image) if image is not None else ""
    if alt:
        walk.out.emit_image(alt, kind)


def _embed(walk: BlockCollector, tag: Tag, kind: str) -> None:
    plays = embed_kind(tag)
    if plays in ("video", "audio"):
        walk.out.announce(note_kind(kind), plays)
    elif plays == "code":
        walk.code(tag, kind)


def _display_math(walk: BlockCollector, tag: Tag, kind: str) -> None:
    """A displayed equation: read it as its own sentence when simple, else announce it."""
    reading = read_formula(tag, True, walk.language)
    if reading.read:
        walk.out.emit(kind, reading.text)
    elif reading.generic:
        walk.out.announce(note_kind(kind), "equation")
    else:  # "An equation for X sub n, shown in the post."
        walk.out.emit(note_kind(kind), reading.text[:1].upper() + reading.text[1:])


BlockHandler = Callable[[BlockCollector, Tag, str], None]
# A block element by its name, once the walk knows it is none of the kinds it checks first.
BLOCK_HANDLERS: dict[str, BlockHandler] = {
    "p": _paragraph,
    "ul": _list,
    "ol": _list,
    "dl": _definitions,
    "blockquote": _quote,
    "table": _table,
    "figure": _figure,
    "img": _image,
    "picture": _image,
    **dict.fromkeys(("iframe", "video", "audio", "object", "embed", "lite-youtube"), _embed),
    "hr": _nothing,
}


# --- helpers ----------------------------------------------------------------------------------


def _list_start(tag: Tag) -> int:
    try:
        return int(str(tag.get("start") or "1"))
    except ValueError:
        return 1
