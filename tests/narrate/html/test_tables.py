"""Tables read as a narrator would: layout as text, small data tables row by row, big ones described,
Markdown pipe tables left in a paragraph read like HTML ones. Real cases in
tests/fixtures/structure_bits/table-*.html (each names its source) read exactly as table-*.txt."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from post2pod.narrate import narrate, script_text
from post2pod.narrate.html.blocks import BlockCollector

BITS = Path(__file__).resolve().parents[2] / "fixtures" / "structure_bits"
TABLES = sorted(BITS.glob("table-*.html"))


def said(html: str, make_post, quiet) -> str:
    return script_text(narrate(make_post(html), quiet))


@pytest.mark.parametrize("html_file", TABLES, ids=[p.stem for p in TABLES])
def test_real_table(html_file: Path, make_post, quiet) -> None:
    expected = html_file.with_suffix(".txt").read_text(encoding="utf-8")
    assert said(html_file.read_text(encoding="utf-8"), make_post, quiet) + "\n" == expected


def test_there_are_eight_real_tables() -> None:
    assert len(TABLES) >= 8


def test_cells_of_paragraphs_in_a_wide_table_are_described_not_read(make_post, quiet) -> None:
    header = "".join(f"<th><p>Column {i}</p></th>" for i in range(30))
    rows = "".join(
        "<tr>" + "".join(f"<td><p>rec{r}x{i}</p></td>" for i in range(30)) + "</tr>" for r in range(9)
    )
    text = said(f"<p>Our records.</p><table><tr>{header}</tr>{rows}</table>", make_post, quiet)
    assert "rec1x" not in text
    assert (
        "A table of 9 rows and 30 columns, giving Column 1, Column 2 and Column 3 for each Column 0" in text
    )


def test_label_column_names_the_row_and_headers_say_what_a_value_is(make_post, quiet) -> None:
    html = (
        "<p>Results.</p><table><thead><tr><th>Model</th><th>Size</th><th>Score</th></tr></thead>"
        "<tr><td>Small model</td><td>8B parameters</td><td>70%</td></tr>"
        "<tr><td>Large model</td><td>70B parameters</td><td>—</td></tr></table>"
    )
    text = said(html, make_post, quiet)
    assert "Small model: Size 8 billion parameters, Score 70%." in text
    assert "Large model: Size 70 billion parameters." in text  # the dash is no value


def test_big_table_in_another_language_uses_its_phrases(make_post, quiet) -> None:
    rows = "".join(f"<tr><td>Stadt {i}</td><td>{i}</td></tr>" for i in range(20))
    html = (
        '<div lang="de"><p>Die Ergebnisse der Umfrage sind unten zu sehen.</p>'
        f"<table><tr><th>Stadt</th><th>Antworten</th></tr>{rows}</table></div>"
    )
    text = said(html, make_post, quiet)
    assert "Eine Tabelle mit zwanzig Zeilen, die Antworten nach Stadt vergleicht; siehe den Beitrag." in text


def test_a_ten_thousand_cell_table_is_described_fast() -> None:
    rows = "".join("<tr>" + "<td>cell value</td>" * 10 + "</tr>" for _ in range(1000))
    soup = BeautifulSoup(f"<table><tr>{'<th>h</th>' * 10}</tr>{rows}</table>", "html.parser")
    start = time.perf_counter()
    blocks = BlockCollector("en").collect(soup)
    assert time.perf_counter() - start < 10
    assert [block.text for block in blocks] == [
        "A table of 1000 rows and 10 columns, including h, h and h; see the post."
    ]
