"""Block-level reading: code runs, formulas, page furniture, struck text, quotations, images,
passages in other languages and references to list items."""

from __future__ import annotations

from dataclasses import replace

import pytest
from tests.narrate.conftest import QUIET, build_post

from post2pod.config import NarrationSettings
from post2pod.narrate import narrate, script_text


def spoken(html: str, settings: NarrationSettings = QUIET, **kwargs) -> list[str]:
    return [s.text for s in narrate(build_post(html), settings, **kwargs).segments]


def said(html: str, settings: NarrationSettings = QUIET) -> str:
    return script_text(narrate(build_post(html), settings))


# --- code -------------------------------------------------------------------------------------

TWO_LINES = "a = 1\nb = 2"


@pytest.mark.parametrize(
    ("markup", "language"),
    [
        (f'<pre class="language-ts"><code class="language-ts">{TWO_LINES}</code></pre>', "TypeScript"),
        (  # Jekyll + Rouge
            '<div class="language-ruby highlighter-rouge"><div class="highlight"><pre class="highlight">'
            f"<code>{TWO_LINES}</code></pre></div></div>",
            "Ruby",
        ),
        (  # Hugo + Chroma
            '<div class="highlight"><pre tabindex="0" class="chroma"><code class="language-go" '
            f'data-lang="go">{TWO_LINES}</code></pre></div>',
            "Go",
        ),
        (  # Pandoc / Quarto
            '<div class="sourceCode" id="cb1"><pre class="sourceCode python"><code class="sourceCode python">'
            '<span id="cb1-1">a = 1</span>\n<span id="cb1-2">b = 2</span></code></pre></div>',
            "Python",
        ),
        (  # Sphinx
            '<div class="highlight-python notranslate"><div class="highlight">'
            f"<pre>{TWO_LINES}</pre></div></div>",
            "Python",
        ),
        (f'<div class="highlight highlight-source-js"><pre>{TWO_LINES}</pre></div>', "JavaScript"),  # GitHub
        (f'<div class="brush: haskell"><div class="source"><pre>{TWO_LINES}</pre></div></div>', "Haskell"),
        (f'<pre><code class="hljs rust">{TWO_LINES}</code></pre>', "Rust"),
        (f'<pre data-lang="kotlin"><code>{TWO_LINES}</code></pre>', "Kotlin"),
        (f'<pre><code class="language-cpp">{TWO_LINES}</code></pre>', "C plus plus"),
        (f'<pre class="src src-python">{TWO_LINES}</pre>', "Python"),  # Org mode
        (f'<div class="highlight hl-ipython3"><pre>{TWO_LINES}</pre></div>', "Python"),  # Jupyter
        (f'<pre><code class="language-text">{TWO_LINES}</code></pre>', "code"),
        (f'<div class="highlight"><pre>{TWO_LINES}</pre></div>', "code"),
    ],
)
def test_code_language_named_from_markup(markup: str, language: str) -> None:
    assert spoken(f"<p>Here.</p>{markup}")[1] == f"The post shows a short {language} example here."


def test_adjacent_code_blocks_are_announced_once() -> None:
    html = (
        '<p>Before.</p><pre><code class="language-py">import os</code></pre>'
        '<pre><code class="language-py">print(os.name)</code></pre>'
        '<pre><code class="language-py">x = 1</code></pre><p>Between.</p>'
        '<pre><code class="language-py">y = 2</code></pre><p>After.</p>'
    )
    assert spoken(html) == [
        "Before.",
        "The post shows a short Python example here.",
        "Between.",
        "Another short Python example.",
        "After.",
    ]


def test_line_numbers_are_not_code() -> None:
    rows = "".join(f'<span class="line">x_{i} = {i}</span><br>' for i in range(1, 9))
    gutter = "".join(f'<span class="line">{i}</span><br>' for i in range(1, 9))
    hexo = (
        '<figure class="highlight python"><table><tr><td class="gutter"><pre>'
        f'{gutter}</pre></td><td class="code"><pre>{rows}</pre></td></tr></table></figure>'
    )
    assert spoken(hexo) == ["The post shows a short Python example here."]  # 8 lines, not 16
    read = " ".join(spoken(hexo, replace(QUIET, code="read")))
    assert read.startswith("x 1 equals") and read.count("equals") == 8


def test_code_size_decides_example_or_listing() -> None:
    medium = "\n".join(f"line_{i} = {i}" for i in range(12))
    long = "\n".join(f"line_{i} = {i}" for i in range(40))
    assert (
        spoken(f'<pre class="language-python">{medium}</pre>')[0] == "The post shows a Python example here."
    )
    assert spoken(f'<pre class="language-python">{long}</pre>')[0] == (
        "The post shows a longer Python listing here."
    )
    assert spoken(f"<pre>{long}</pre>")[0] == "The post shows a longer code listing here."


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        (  # Quarto: a code cell and its output
            '<div class="cell"><div class="sourceCode cell-code"><pre class="sourceCode python">'
            '<code class="sourceCode python">print(1)\nprint(2)</code></pre></div>'
            '<div class="cell-output cell-output-stdout"><pre><code>1\n2</code></pre></div></div>',
            "The post shows a short Python example and its output here.",
        ),
        (  # Jupyter nbconvert output alone
            '<div class="output_area"><div class="output_text"><pre>Done in 3 steps</pre></div></div>',
            "The post shows some output here.",
        ),
        (
            '<pre><code class="language-console">$ make\ncc -o app app.c\n$ ./app</code></pre>',
            "The post shows a terminal session here.",
        ),
        (  # HTML's own markup for a session: samp for what the computer says, kbd for what is typed
            '<pre><samp><span class="prompt">$ </span><kbd>ls</kbd>\nfile.txt  notes.md</samp></pre>',
            "The post shows a terminal session here.",
        ),
        (  # benchmark figures in an unmarked pre
            "<pre>        user   system  total   real<br>"
            "sax c    0.060000 0.000000 0.060000 ( 0.069990)</pre>",
            "The post shows some output here.",
        ),
    ],
)
def test_output_and_sessions_are_not_called_code(markup: str, expected: str) -> None:
    assert spoken(markup) == [expected]


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        ('<pre><code class="language-bash">pip install foo</code></pre>', "pip install foo."),
        ("<pre><code>$ npm i -D typescript</code></pre>", "npm i dash D typescript."),
        ("<pre>cargo build --release</pre>", "cargo build dash dash release."),
        ('<pre><samp><span class="prompt">$ </span><kbd>git pull</kbd></samp></pre>', "git pull."),
        (
            '<pre><code class="language-python">print("hi")</code></pre>',
            "The post shows a short Python example here.",
        ),
        ("<pre>total = compute(values)</pre>", "The post shows a short code example here."),
        (
            '<pre><code class="language-sh">curl -s https://example.com/install.sh | sh</code></pre>',
            "The post shows a terminal command here.",
        ),
        (
            '<pre><code class="language-sh">'
            'docker run --rm -it -v "$PWD":/work -w /work image:tag make all</code></pre>',
            "The post shows a terminal command here.",
        ),
    ],
)
def test_short_shell_commands_are_read_aloud(markup: str, expected: str) -> None:
    assert spoken(markup) == [expected]


def test_code_announced_in_the_post_language() -> None:
    html = (
        '<html lang="it"><body><p>Ecco il codice:</p><pre><code class="language-html">&lt;p&gt;</code></pre>'
        "<pre>pip install foo</pre></body></html>"
    )
    assert spoken(html)[1:] == ["Qui il post mostra un esempio in HTML."]


def test_code_skip_and_read_modes_are_kept() -> None:
    html = '<p>Before.</p><pre class="language-python"><span class="k">x</span> = <span>1</span></pre>'
    assert spoken(html, replace(QUIET, code="skip")) == ["Before."]
    assert spoken(html, replace(QUIET, code="read")) == ["Before.", "x equals 1."]


# --- formulas ---------------------------------------------------------------------------------

KATEX = (
    '<span class="katex"><span class="katex-mathml"><math><semantics><mrow><mi>π</mi><msup><mi>r</mi>'
    '<mn>2</mn></msup></mrow><annotation encoding="application/x-tex">\\pi r^2</annotation></semantics>'
    '</math></span><span class="katex-html" aria-hidden="true">πr2</span></span>'
)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        (
            "<p>The circle $x^2 + y^2 = r^2$ again.</p>",
            "The circle x squared plus y squared equals r squared again.",
        ),
        ("<p>It costs $5 and $10 today.</p>", "It costs five dollars and ten dollars today."),
        ("<p>Einstein: \\(E = mc^2\\).</p>", "Einstein: E equals m c squared."),
        (f"<p>The area is {KATEX} here.</p>", "The area is pi r squared here."),
        (
            "<p>So <math><mrow><msup><mi>a</mi><mn>2</mn></msup><mo>+</mo><msup><mi>b</mi><mn>2</mn></msup>"
            "<mo>=</mo><msup><mi>c</mi><mn>2</mn></msup></mrow></math> holds.</p>",
            "So a squared plus b squared equals c squared holds.",
        ),
        (
            '<p>Then <script type="math/tex">\\alpha + \\beta</script> follows.</p>',
            "Then alpha plus beta follows.",
        ),
        ('<p>And <span class="math inline">\\(\\sqrt{x}\\)</span> too.</p>', "And the square root of x too."),
        (
            "<p>Hard: $\\int_0^1 f(x)\\,dx$ here.</p>",
            "Hard: the integral from zero to one of f of x d x here.",
        ),
        ("<p>Hard: $\\begin{pmatrix} a \\end{pmatrix}$ here.</p>", "Hard: a matrix, shown in the post here."),
    ],
)
def test_inline_formulas(html: str, expected: str) -> None:
    assert spoken(html) == [expected]


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>The flat is 40 m<sup>2</sup> in all.</p>", "The flat is 40 square meters in all."),
        ("<p>Error: 3.7×10<sup>-4</sup> at most.</p>", "Error: 3.7 times 10 to the minus 4 at most."),
        ("<p>Or 10<sup>−4</sup> with a real minus.</p>", "Or 10 to the minus 4 with a real minus."),
        ("<p>So E = mc<sup>2</sup> holds.</p>", "So E equals m c squared holds."),
        ("<p>And x<sup>-1</sup> is the inverse.</p>", "And x to the minus 1 is the inverse."),
        ("<p>It is 2<sup>10</sup> bytes.</p>", "It is 2 to the power of 10 bytes."),
    ],
)
def test_sup_exponents_are_powers(html: str, expected: str) -> None:
    assert spoken(html) == [expected]


def test_displayed_formula_inside_a_sentence_continues_it() -> None:
    katex = (
        '<span class="katex-display"><span class="katex"><span class="katex-mathml"><math><semantics>'
        "<mrow><msub><mi>ε</mi><mn>2</mn></msub><mo>≈</mo><mfrac><mn>3</mn><mn>2</mn></mfrac>"
        "<msubsup><mi>ε</mi><mn>1</mn><mn>2</mn></msubsup></mrow>"
        '<annotation encoding="application/x-tex">\\varepsilon_2 \\approx '
        "\\frac{3}{2}\\varepsilon_1^2</annotation></semantics></math></span></span></span>"
    )
    assert spoken(f"<p>The error after two steps is {katex}</p>") == [
        "The error after two steps is epsilon sub two is approximately three halves epsilon sub one squared."
    ]
    assert spoken(f"<p>Here it is. {katex}</p>")[0] == "Here it is."


def test_displayed_formula_read_when_simple_else_announced() -> None:
    simple = (
        '<div class="katex-display"><math display="block"><semantics><mrow><mi>E</mi><mo>=</mo><mi>m</mi>'
        "<msup><mi>c</mi><mn>2</mn></msup></mrow>"
        '<annotation encoding="application/x-tex">E = mc^2</annotation></semantics></math></div>'
    )
    matrix = "<mrow><mo>(</mo><mtable><mtr><mtd><mi>a</mi></mtd></mtr></mtable><mo>)</mo>"
    hard = simple.replace("E = mc^2", "\\begin{pmatrix} a & b \\end{pmatrix}").replace(
        "<mrow><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup>", matrix
    )
    assert spoken(simple) == ["E equals m c squared."]
    assert spoken(hard) == ["A matrix, shown in the post."]


# --- page furniture ---------------------------------------------------------------------------

BODY = "<p>The first real paragraph of the post.</p><p>The last real paragraph.</p>"


@pytest.mark.parametrize(
    "furniture",
    [
        "<p>Share.</p>",
        '<p>Discuss on <a href="https://news.ycombinator.com/">Hacker News</a> · '
        '<a href="#c">Comments (12)</a></p>',
        '<p>Tags: <a href="/t/a">rust</a>, <a href="/t/b">tooling</a></p>',
        "<p>Filed under: Uncategorized</p>",
        '<p><a href="/slides.pdf">slides</a>.</p>',
        '<p>Transcript: <a href="/en">English</a> <a href="/es">Español</a></p>',
        '<p>The post <a href="https://x.com/p">My Title</a> appeared first on '
        '<a href="https://x.com">X Blog</a>.</p>',
        "<p>Like this: Like Loading...</p>",
        "<p>Subscribe to my newsletter to get new posts by email.</p>",
        "<p>Posted in Uncategorized | Leave a comment</p>",
        '<h3>Related posts</h3><ul><li><a href="/a">One older post</a></li>'
        '<li><a href="/b">Another one</a></li></ul>',
    ],
)
def test_furniture_at_the_end_is_not_read(furniture: str) -> None:
    assert spoken(BODY + furniture) == ["The first real paragraph of the post.", "The last real paragraph."]


@pytest.mark.parametrize(
    "furniture",
    [
        "<p>By Jane Doe</p>",
        "<p>March 3, 2024</p>",
        "<p>Posted on March 3, 2024 by jane</p>",
        "<p>5 min read</p>",
    ],
)
def test_furniture_at_the_start_is_not_read(furniture: str) -> None:
    assert spoken(furniture + BODY)[0] == "The first real paragraph of the post."


def test_the_same_words_inside_the_post_are_read() -> None:
    html = "<p>Intro.</p><p>Share.</p><p>Tags: are labels.</p><p>By Jane Doe</p>" + BODY
    assert spoken(html)[:4] == ["Intro.", "Share.", "Tags: are labels.", "By Jane Doe."]


@pytest.mark.parametrize(
    "ending",
    [
        "<p>(25 paragraphs remaining, a 3 minutes' read)</p>",
        '<p><a href="https://www.example.com/posts/test/">'
        "Continue reading <em>A Test Post</em> at Example</a></p>",
        '<p><a class="more-link" href="/p">Read more »</a></p>',
    ],
)
def test_teaser_ends_with_where_the_rest_is(ending: str) -> None:
    segments = spoken("<p>The opening of a long post.</p>" + ending, NarrationSettings(disclosure=""))
    assert segments[1:] == [
        "The opening of a long post.",
        "That is the opening of the post; the rest is at example.com.",
    ]


def test_excerpt_flag_gives_the_teaser_outro_and_full_posts_keep_theirs() -> None:
    full = narrate(build_post("<p>A whole post.</p>"), NarrationSettings())
    excerpt = narrate(replace(build_post("<p>A whole post.</p>"), excerpt=True), NarrationSettings())
    assert full.segments[-1].text == "You can read this post at example.com."
    assert excerpt.segments[-1].text == "That is the opening of the post; the rest is at example.com."


# --- struck text, quotations, images ----------------------------------------------------------


def test_struck_text_is_skipped() -> None:
    html = "<p>I hate <del>love</del> meetings, <s>tabs</s> and <strike>old</strike> spaces.</p>"
    assert spoken(html) == ["I hate meetings, and spaces."]


@pytest.mark.parametrize(
    "html",
    [
        "<blockquote><p>Simple things should be simple.</p>"
        "<footer>— <cite>Alan Kay</cite></footer></blockquote>",
        "<figure><blockquote><p>Simple things should be simple.</p></blockquote>"
        "<figcaption>— Alan Kay</figcaption></figure>",
        "<blockquote><p>Simple things should be simple.</p><p>— Alan Kay</p></blockquote>",
        "<blockquote><p>Simple things should be simple.</p><cite>Alan Kay</cite></blockquote>",
    ],
)
def test_quote_attribution_closes_the_quote(html: str) -> None:
    assert spoken(html) == ["Quote.", "Simple things should be simple.", "End of quote, from Alan Kay."]


def test_long_attribution_is_read_as_written() -> None:
    source = "a very long line about where this came from " * 4
    html = f"<blockquote><p>Short quote.</p><footer>— {source}</footer></blockquote>"
    assert spoken(html)[-2:] == [source.strip() + ".", "End of quote."]


@pytest.mark.parametrize(
    "alt", ["fig10", "tweet", "cerebras", "IMG_2034", "Screen Shot 2020-01-01 at 10.00.00", "Figure 3"]
)
def test_image_file_names_are_not_announced(alt: str) -> None:
    assert spoken(f'<p>Text.</p><p><img src="x.png" alt="{alt}"></p>') == ["Text."]


@pytest.mark.parametrize(
    ("src", "alt"),
    [
        ("/content/images/2024/06/sunset_final_v2.jpg", "sunset_final_v2"),
        ("/img/a.png", "header-image-dark-mode"),
    ],
)
def test_image_slugs_are_not_announced(src: str, alt: str) -> None:
    assert spoken(f'<p>Text.</p><p><img src="{src}" alt="{alt}"></p>') == ["Text."]


def test_descriptive_alt_is_announced() -> None:
    html = '<p>Text.</p><p><img src="/i/DSC_0412.jpg" alt="The Old Man of Storr under low cloud"></p>'
    assert spoken(html)[-1] == "An image: The Old Man of Storr under low cloud."


def test_image_described_once_when_caption_repeats_alt() -> None:
    assert spoken('<p><img src="a.png" alt="Shurui Zhou"></p><p>Shurui Zhou</p>') == [
        "An image: Shurui Zhou."
    ]
    html = (
        '<figure><p><img src="a.png" alt="A cat on a mat"></p>'
        "<figcaption>A cat on a mat.</figcaption></figure>"
    )
    assert spoken(html) == ["An image: A cat on a mat."]
    prose = (
        '<p><img src="a.png" alt="Shurui Zhou"></p><p>Shurui Zhou studies how open source projects grow.</p>'
    )
    assert spoken(prose)[1] == "Shurui Zhou studies how open source projects grow."


# --- other languages --------------------------------------------------------------------------

FRENCH = '<p>Hugo wrote <q lang="fr">Ceux qui vivent sont ceux qui luttent</q> and meant it.</p>'


def test_quotation_in_another_language_is_named_without_a_voice() -> None:
    assert spoken(FRENCH) == ["Hugo wrote", "(a quotation in French).", "and meant it."]


def test_quotation_in_another_language_keeps_its_language_with_a_voice() -> None:
    segments = narrate(build_post(FRENCH), QUIET, voice_languages={"fr"}).segments
    assert [(s.text, s.language) for s in segments] == [
        ("Hugo wrote", ""),
        ("Ceux qui vivent sont ceux qui luttent.", "fr"),
        ("and meant it.", ""),
    ]
    assert narrate(build_post(FRENCH), QUIET, voice_languages={"fr"}).to_dict()["sections"][0]["segments"][
        1
    ] == {
        "kind": "body",
        "text": "Ceux qui vivent sont ceux qui luttent.",
        "language": "fr",
    }


def test_block_in_another_language_and_short_phrases() -> None:
    html = (
        '<blockquote lang="de"><p>Ich bin ein Berliner.</p></blockquote>'
        '<p>It had a certain <span lang="fr">je ne sais quoi</span> about it.</p>'
        '<p lang="en-GB">A British colour.</p>'
    )
    assert spoken(html) == [
        "(a quotation in German).",
        "It had a certain je ne sais quoi about it.",
        "A British colour.",
    ]


# --- lists ------------------------------------------------------------------------------------


def test_reference_to_a_numbered_point_after_the_list() -> None:
    html = (
        "<ol><li>Be kind.</li><li>Be fast.</li><li>Be done.</li></ol>"
        "<p>I don't necessarily agree with (2), but (3) is fine; f(2) and (7) stay.</p>"
        "<h2>Later</h2><p>Equation (2) is elsewhere.</p>"
    )
    assert spoken(html)[3] == (
        "I don't necessarily agree with the second point, but the third point is fine; f(2) and (7) stay."
    )
    assert spoken(html)[-1] == "Equation (2) is elsewhere."
    steps = "<ol><li>Open it.</li><li>Press i.</li></ol><p>Step (2) is where most get stuck.</p>"
    assert spoken(steps)[-1] == "Step 2 is where most get stuck."


def test_nested_list_after_a_conjunction_has_no_stray_full_stop() -> None:
    html = "<ul><li>The tool finds bugs, suggests fixes, and<ul><li>formats code</li></ul></li></ul>"
    assert spoken(html) == ["The tool finds bugs, suggests fixes, and", "formats code."]


def test_read_more_in_prose_is_not_a_teaser() -> None:
    html = (
        "<p>The opening of a post.</p>"
        '<p>Read more about the kettle on <a href="https://en.wikipedia.org/wiki/Kettle">Wikipedia</a>.</p>'
    )
    segments = spoken(html, NarrationSettings())
    assert segments[-2:] == [
        "Read more about the kettle on Wikipedia.",
        "You can read this post at example.com.",
    ]


def test_a_post_wrapped_in_another_language_is_read_not_named() -> None:
    html = (
        '<p>Intro.</p><div lang="fr"><p>Un long article en français, écrit pour tous les lecteurs '
        "du blog.</p></div>"
    )
    assert spoken(html)[1] == "Un long article en français, écrit pour tous les lecteurs du blog."


def test_pandoc_citation_after_running_text_is_said_apart() -> None:
    cite = '<span class="citation" data-cites="{0}">{0} (2012)</span>'
    html = (
        f"<p>It is large scale manslaughter {cite.format('Leech')}.</p>"
        f"<p>{cite.format('Gare')} argues otherwise.</p>"
        f"<p>As outlined in {cite.format('Rosso')}, it grows.</p>"
    )
    assert spoken(html) == [
        "It is large scale manslaughter, Leech, 2012.",
        "Gare, twenty twelve, argues otherwise.",
        "As outlined in Rosso, 2012, it grows.",
    ]


def test_jupyter_prompts_and_placeholder_alt_are_not_read() -> None:
    html = (
        "<p>Load it.</p>"
        '<div class="jp-Cell jp-CodeCell"><div class="jp-InputPrompt jp-InputArea-prompt">In&nbsp;[1]:</div>'
        '<div class="highlight hl-ipython3"><pre>import pandas as pd\ndf = pd.read_csv("t.csv")</pre></div>'
        '<div class="jp-OutputArea-child"><div class="jp-OutputPrompt jp-OutputArea-prompt">Out[1]:</div>'
        '<div class="jp-RenderedImage"><img src="data:image/png;base64,iVBORw0KGgo=" '
        'alt="No description has been provided for this image"></div></div></div>'
        "<p>Done.</p>"
    )
    said_text = said(html)
    assert "In [1]" not in said_text and "Out[1]" not in said_text
    assert "No description" not in said_text


@pytest.mark.parametrize(
    "caption",
    [
        "Photo by <a href='https://unsplash.com/@x'>Jane</a> on <a href='https://unsplash.com'>Unsplash</a>",
        "Credit: NASA",
    ],
)
def test_photo_credit_caption_is_not_announced(caption: str) -> None:
    html = f"<p>Text.</p><figure><img src='/a.jpg'><figcaption>{caption}</figcaption></figure>"
    assert spoken(html) == ["Text."]


def test_title_repeated_after_the_subtitle_is_not_read() -> None:
    html = (
        "<section class='p-summary'>And what I learned since</section>"
        "<h3 class='graf graf--h3 graf--title'>A Test Post</h3><p>In 2022 I left.</p>"
    )
    assert spoken(html) == ["And what I learned since.", "In twenty twenty two I left."]


def test_asciidoctor_admonition_reads_its_label() -> None:
    plain = (
        '<div class="admonitionblock warning"><table><tr>'
        '<td class="icon"><div class="title">Warning</div></td>'
        '<td class="content">A RAID array is not a backup.</td></tr></table></div>'
    )
    assert spoken(plain) == ["Warning: A raid array is not a backup."]
    icons = (  # with font icons the label is only a title
        '<div class="admonitionblock note"><table><tr>'
        '<td class="icon"><i class="fa icon-note" title="Note"></i></td>'
        '<td class="content"><div class="paragraph"><p>First.</p></div>'
        '<div class="paragraph"><p>Second.</p></div></td></tr></table></div>'
    )
    assert spoken(icons) == ["Note:", "First.", "Second."]
