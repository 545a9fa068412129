"""Tables as a narrator reads them: a layout table as text, a small data table row by row with its
headers, a big one described in one sentence, a Markdown pipe table left in a paragraph like an
HTML one.

The shape of a table is found by counting its rows and cells, never by rendering them, so a
10,000-cell table costs one pass over its rows; only the cells of a table small enough to read
(at most MAX_ROWS x MAX_COLUMNS) and the first few headers of a big one are rendered, through the
`render` callback the block walk passes in.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from bs4 import Comment, Tag

from post2pod.narrate.script.phrases import phrase

MAX_ROWS = 6  # body rows read aloud; more and the table is described
MAX_PAIR_ROWS = 12  # rows of a two-column list of pairs (a term and its value) read aloud
MAX_PAIR_WORDS = 80
MAX_COLUMNS = 4
MAX_WORDS = 60  # spoken words of the rows read aloud
MAX_SPAN = 50  # a colspan larger than this is hostile or a layout trick, not a column count
PROSE_WORDS = 25  # a cell this long is running text, not a value
SAMPLE_CELLS = 64  # cells looked at to tell a layout table from a data table
LISTED_HEADERS = 3  # column names said in a big table's description
MAX_HEADER_WORDS = 6
_EMPTY_RE = re.compile(r"^[\s\-–—‒―.?/]*$|^(?:n/?a|none|null)$", re.IGNORECASE)
_YES = frozenset("✓✔✅☑")
_NO = frozenset("✗✘❌✕×")
_LETTER_RE = re.compile(r"[^\W\d_]")
_NUMBER_RE = re.compile(r"^[\s$€£¥+\-−~≈<>≤≥]*\d[\d\s.,:%/x×+\-−]*[^\W\d_]{0,3}\.?$")
_PIPE_RULE_RE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)+\|?\s*$")
_MARKDOWN_EMPHASIS_RE = re.compile(r"(\*\*|__|\*|`|~~)")

Render = Callable[[Tag], str]


@dataclass
class Grid:
    """A table's cells (Tags, or text for a pipe table), its header row and row-label column."""

    header: Sequence[object] = field(default_factory=list)
    rows: Sequence[Sequence[object]] = field(default_factory=list)
    labels: bool = False  # the first column names each row
    header_by_shape: bool = False  # the header row is written with `td` cells
    caption: object = None

    @property
    def columns(self) -> int:
        return max([len(self.header), *(len(row) for row in self.rows)], default=0)


@dataclass(frozen=True)
class Reading:
    """How to read one table: `layout` cells walked as text in order, else `lines` said as sentences
    (rows read aloud, or one sentence describing the table, `described`)."""

    layout: tuple[Tag, ...] = ()
    lines: tuple[str, ...] = ()
    described: bool = False


# --- HTML tables -----------------------------------------------------------------------------


def own_rows(table: Tag) -> list[Tag]:
    """The table's own rows, in order (not those of a table nested in a cell)."""
    return [tr for tr in table.find_all("tr") if tr.find_parent("table") is table]


def cells_of(row: Tag) -> list[Tag]:
    return row.find_all(["th", "td"], recursive=False)


def is_layout(table: Tag, rows: Sequence[Tag]) -> bool:
    """A table used to lay out text: one column, one row, nested tables, or cells of running text."""
    if str(table.get("role") or "") in ("presentation", "none"):
        return True
    widths = [len(cells_of(row)) for row in rows]
    if len(rows) <= 1 or max(widths, default=0) <= 1:
        return True
    if any(t.find_parent("table") is table for t in table.find_all("table")):
        return True
    sample = [cell for row in rows[:SAMPLE_CELLS] for cell in cells_of(row)][:SAMPLE_CELLS]
    filled = [cell for cell in sample if cell.get_text(strip=True)]
    prose = [cell for cell in filled if _is_prose(cell)]
    return bool(filled) and len(prose) * 2 > len(filled)


def _is_prose(cell: Tag) -> bool:
    """Running text: several paragraphs or list items, or a long passage."""
    blocks = cell.find_all(["p", "li", "blockquote", "pre", "h2", "h3", "h4"], limit=3)
    return len(blocks) >= 2 or len(cell.get_text(" ", strip=True).split()) >= PROSE_WORDS


def read_table(table: Tag, render: Render, language: str) -> Reading:
    """How `table` is read: as layout (its cells in order), its rows aloud, or a description."""
    rows = own_rows(table)
    if is_layout(table, rows):
        return Reading(layout=tuple(cell for row in rows for cell in cells_of(row)))
    grid = html_grid(rows)
    caption = table.find("caption")
    grid.caption = caption if caption is not None and caption.get_text(strip=True) else None
    return read_grid(grid, lambda cell: render(cell) if isinstance(cell, Tag) else str(cell), language)


def html_grid(rows: Sequence[Tag]) -> Grid:
    """Header row, body rows (colspans expanded) and whether the first column labels the rows."""
    grid = Grid()
    body_start = 0
    while body_start < len(rows) and _is_header_row(rows[body_start]):
        body_start += 1
    expanded = _expanded_rows(rows)
    if not body_start and _header_by_shape(rows, expanded):
        body_start = 1
    if body_start:
        grid.header = expanded[body_start - 1]  # the last header row names the columns most precisely
    grid.rows = expanded[body_start:]
    grid.rows = [row for row in grid.rows if any(_text(c) for c in row)]
    first_cells = [row[0] for row in grid.rows if row]
    scoped = any(isinstance(c, Tag) and (c.name == "th" or c.get("scope") == "row") for c in first_cells)
    grid.labels = grid.columns >= 2 and (scoped or _label_column([_text(c) for c in first_cells]))
    return grid


def _is_header_row(row: Tag) -> bool:
    """A row of `th` cells (an empty corner cell allowed), or one inside `thead`."""
    cells = cells_of(row)
    headers = [c for c in cells if c.name == "th"]
    corner = all(c.name == "th" or not c.get_text(strip=True) for c in cells)
    return bool(headers) and (corner or row.find_parent("thead") is not None)


def _header_by_shape(rows: Sequence[Tag], expanded: list[list[object]]) -> bool:
    """A header row written with `td`: the first row is short distinct names, all in bold or over a
    column of numbers ("Name | Age" above "Ann | 30")."""
    if len(expanded) < 2 or not expanded[0]:
        return False
    names = [_text(cell) for cell in expanded[0]]
    if not all(
        name
        and len(name.split()) <= MAX_HEADER_WORDS
        and _LETTER_RE.search(name)
        and not _NUMBER_RE.match(name)
        for name in names
    ) or len(set(names)) < len(names):
        return False
    if all(_bold(cell) for cell in cells_of(rows[0])):
        return True
    body = expanded[1 : 1 + SAMPLE_CELLS]
    for column in range(len(names)):
        values = [_text(row[column]) for row in body if column < len(row) and _text(row[column])]
        if values and all(_NUMBER_RE.match(value) for value in values):
            return True
    return False


def _bold(cell: Tag) -> bool:
    """All the cell's text is set in bold (`strong`, `b`)."""
    text = cell.get_text(strip=True)
    bold = "".join(
        b.get_text(strip=True)
        for b in cell.find_all(["strong", "b"])
        if b.find_parent(["strong", "b"]) is None
    )
    return bool(text) and bold == text


def _expanded_rows(rows: Sequence[Tag]) -> list[list[object]]:
    """Each row's cells with colspans repeated as blanks and rowspans carried down."""
    carried: dict[int, tuple[object, int]] = {}  # column -> (cell, rows it still covers)
    result = []
    for row in rows:
        cells: list[object] = []
        for cell in cells_of(row):
            while len(cells) in carried:
                cells.append(_carry(carried, len(cells)))
            rowspan = _span(cell, "rowspan")
            for offset in range(_span(cell, "colspan")):
                if rowspan > 1:
                    carried[len(cells)] = (cell if offset == 0 else "", rowspan - 1)
                cells.append(cell if offset == 0 else "")
        while len(cells) in carried:
            cells.append(_carry(carried, len(cells)))
        result.append(cells)
    return result


def _carry(carried: dict[int, tuple[object, int]], column: int) -> object:
    cell, left = carried[column]
    if left <= 1:
        del carried[column]
    else:
        carried[column] = (cell, left - 1)
    return cell


def _span(cell: Tag, name: str) -> int:
    try:
        return min(max(int(str(cell.get(name) or "1")), 1), MAX_SPAN)
    except ValueError:
        return 1


def _text(cell: object) -> str:
    if isinstance(cell, Tag):
        return cell.get_text(" ", strip=True)
    return str(cell or "").strip()


def _label_column(values: list[str]) -> bool:
    """Text that names the rows: every value has a letter, is no number, and no two are the same."""
    values = [v for v in values if v]
    return (
        len(values) >= 1
        and all(_LETTER_RE.search(v) and not _NUMBER_RE.match(v) for v in values)
        and len(set(values)) == len(values)
    )


# --- reading a grid ------------------------------------------------------------------------


def read_grid(grid: Grid, render: Callable[[object], str], language: str) -> Reading:
    """The rows of a small table read aloud, or one sentence describing a large one."""
    if not grid.rows and not grid.header:
        return Reading()
    caption = render(grid.caption) if grid.caption is not None else ""
    pairs = grid.columns == 2 and grid.labels
    if len(grid.rows) <= (MAX_PAIR_ROWS if pairs else MAX_ROWS) and grid.columns <= MAX_COLUMNS:
        header = [_value(render(cell), language) for cell in grid.header]
        rows = [[_value(render(cell), language) for cell in row] for row in grid.rows]
        _say_blank_marks(rows, language)
        lines = [_row(header, row, grid) for row in rows]
        lines = [line for line in lines if line]
        if not grid.rows and header:
            lines = [", ".join(h for h in header if h)]
        if sum(len(line.split()) for line in lines) <= (MAX_PAIR_WORDS if pairs else MAX_WORDS):
            return Reading(lines=tuple(line for line in [caption, *lines] if line))
    return Reading(lines=(describe(grid, render, caption, language),), described=True)


def _say_blank_marks(rows: list[list[str]], language: str) -> None:
    """In a column of check marks ("✓" or nothing), a blank cell is a "no"."""
    yes, no = phrase(language, "yes"), phrase(language, "no")
    for column in range(max((len(row) for row in rows), default=0)):
        values = [row[column] for row in rows if column < len(row)]
        if yes in values and all(value in (yes, no, "") for value in values):
            for row in rows:
                if column < len(row) and not row[column]:
                    row[column] = no


def _row(header: list[str], values: list[str], grid: Grid) -> str:
    """ "Small model: size 8B, score 70%" with a label column, else "size: 8B, score: 70%"; a list of
    pairs says only "Learned Vector: Constant", where the value is a word, not a number."""
    label = values[0] if grid.labels and values else ""
    start = 1 if grid.labels else 0
    pairs = []
    for index in range(start, len(values)):
        value = values[index]
        if not value:
            continue
        name = header[index] if index < len(header) and len(header) == len(values) else ""
        term = len(values) == 2 and label and not _NUMBER_RE.match(value)
        if name and not term and not _names_itself(name, value):
            value = f"{name} {value}" if label else f"{name}: {value}"
        pairs.append(value)
    if label:
        return f"{label}: {', '.join(pairs)}" if pairs else label
    return ", ".join(pairs)


def _value(text: str, language: str) -> str:
    """A cell as said: empty for "—", "-", "n/a"; "yes"/"no" for check marks."""
    text = text.strip()
    if _EMPTY_RE.match(text):
        return ""
    if text in _YES:
        return phrase(language, "yes")
    if text in _NO:
        return phrase(language, "no")
    return text


def _names_itself(header: str, value: str) -> bool:
    """The value already says what it is ("8 billion parameters" under "Parameters")."""
    words = set(re.findall(r"[^\W\d_]{3,}", header.lower()))
    return bool(words) and words <= set(re.findall(r"[^\W\d_]{3,}", value.lower()))


def describe(grid: Grid, render: Callable[[object], str], caption: str, language: str) -> str:
    """ "A table, "Results", of 12 rows comparing size and score by model; see the post." """
    rows, columns = len(grid.rows), grid.columns
    parts = [phrase(language, "table_a")]
    if caption:
        parts[0] += f', "{caption.rstrip(".")}",'
    if rows >= 2:
        parts.append(phrase(language, "table_rows").format(rows))
        if columns > MAX_COLUMNS:
            parts.append(phrase(language, "table_and_columns").format(columns))
    elif columns >= 2:
        parts.append(phrase(language, "table_columns").format(columns))
    names = [_header_name(grid.header, i, render) for i in range(min(len(grid.header), LISTED_HEADERS + 2))]
    label, others = (names[0], names[1:]) if grid.labels and names else ("", names)
    others = [name for name in others if name][:LISTED_HEADERS]
    sentence = " ".join(parts)
    if others and label:
        sentence += ", " + phrase(language, "table_by").format(_series(others, language), label)
    elif others:
        key = "table_including" if columns > MAX_COLUMNS else "table_with"
        sentence += ", " + phrase(language, key).format(_series(others, language))
    return sentence + "; " + phrase(language, "table_see")


def _header_name(header: Sequence[object], index: int, render: Callable[[object], str]) -> str:
    name = render(header[index]).strip().rstrip(":")
    return name if 0 < len(name.split()) <= MAX_HEADER_WORDS else ""


def _series(names: list[str], language: str) -> str:
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + f" {phrase(language, 'and')} {names[-1]}"


# --- Markdown pipe tables left as text ------------------------------------------------------


def pipe_lines(tag: Tag) -> list[str]:
    """The lines of a paragraph (text and `<br>`), cheaply; [] unless it holds a pipe table rule."""
    text = tag.get_text()
    if "|" not in text or "-" not in text:
        return []
    lines: list[str] = [""]
    for node in tag.descendants:
        if isinstance(node, Tag):
            if node.name == "br":
                lines.append("")
        elif isinstance(node, str) and not isinstance(node, Comment):
            pieces = str(node).split("\n")
            lines[-1] += pieces[0]
            lines.extend(pieces[1:])
    lines = [line.strip() for line in lines if line.strip()]
    return lines if any(_PIPE_RULE_RE.match(line) for line in lines) else []


def pipe_grid(lines: list[str]) -> tuple[list[str], Grid, list[str]]:
    """Lines before the table, the table ("| a | b |" rows around a "|---|---|" rule), lines after."""
    rule = next(i for i, line in enumerate(lines) if _PIPE_RULE_RE.match(line))
    start = rule - 1 if rule >= 1 and "|" in lines[rule - 1] else rule
    before = lines[:start]
    header = _pipe_cells(lines[start]) if start < rule else []
    rows: list[list[str]] = []
    end = rule + 1
    while end < len(lines) and "|" in lines[end]:
        rows.append(_pipe_cells(lines[end]))
        end += 1
    rows = [row for row in rows if any(row)]
    grid = Grid(header=header, rows=rows)
    grid.labels = grid.columns >= 2 and _label_column([row[0] for row in rows if row])
    return before, grid, lines[end:]


def _pipe_cells(line: str) -> list[str]:
    line = line.strip()
    line = line[1:] if line.startswith("|") else line
    line = line[:-1] if line.endswith("|") else line
    return [_MARKDOWN_EMPHASIS_RE.sub("", cell).strip() for cell in line.split("|")]
