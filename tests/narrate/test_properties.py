"""Property: narrate never crashes on arbitrary HTML-ish text; it only raises NarrateError when empty."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from post2pod.errors import NarrateError
from post2pod.narrate import narrate, script_text

TAGS = [
    "p",
    "div",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h4",
    "blockquote",
    "pre",
    "code",
    "sup",
    "a",
    "table",
    "tr",
    "td",
    "th",
    "img",
    "figure",
    "figcaption",
    "kbd",
    "abbr",
    "dl",
    "dt",
    "dd",
    "section",
    "script",
    "br",
]
ATTRS = [
    "",
    ' id="fn:1"',
    ' href="#fn:1"',
    ' class="footnotes"',
    ' alt="A cat on a mat"',
    " hidden",
    ' class="highlight"',
    ' href="https://example.com/x"',
    ' start="3"',
    ' class="katex"',
]
PIECES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "$2 billion",
            "100MW",
            "…",
            "—",
            "&amp;amp;",
            "↩︎",
            "1990s",
            "v2.0.1",
            "e.g.",
            "St.",
            "\ue000",
            "https://a.example/b",
            "x@y.com",
            "🎉",
            "&#xD;",
            "<!-- c -->",
            "]]>",
            "<",
            ">",
            "&",
        ]
    ),
    st.builds(lambda t, a: f"<{t}{a}>", st.sampled_from(TAGS), st.sampled_from(ATTRS)),
    st.builds(lambda t: f"</{t}>", st.sampled_from(TAGS)),
)


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_narrate_never_crashes(make_post, quiet, html: str) -> None:
    try:
        script = narrate(make_post(html), quiet)
    except NarrateError as exc:
        assert str(exc) == "post has no text to read"
        return
    assert script.segments
    for segment in script.segments:
        assert segment.text.strip() and len(segment.text) <= 300
        assert "\ue000" not in segment.text
    assert script_text(script)
