"""Formulas read aloud (ClearSpeak-style) when short; summarised when long, tabular or unreadable."""

from __future__ import annotations

import time

import pytest
from bs4 import BeautifulSoup

from post2pod.narrate.maths import is_readable, read_formula, speak_formula


@pytest.mark.parametrize(
    ("tex", "spoken"),
    [
        ("x^2 + y^2 = r^2", "x squared plus y squared equals r squared"),
        ("(a+b)^2", "the quantity a plus b, squared"),
        ("P(\\text{survived} \\mid \\text{class})", "P of survived given class"),
        ("P(A|B) = 0.5", "P of A given B, equals zero point five"),
        ("\\{x \\mid x > 0\\}", "the set of x such that x is greater than zero"),
        ("2(x+1)", "two times the quantity x plus one"),
        ("a(b+c) = ab + ac", "a times the quantity b plus c, equals a b plus a c"),
        (
            "y_n(1.5 - 0.5 x y_n^2)",
            "y sub n times the quantity one point five minus zero point five x y sub n squared",
        ),
        ("f(x+1)", "f of the quantity x plus one"),
        ("f(x) = x^2", "f of x equals x squared"),
        ("E=mc^2", "E equals m c squared"),
        ("a^3", "a cubed"),
        ("10^{-3}", "ten to the minus three"),
        ("x^n", "x to the n"),
        ("x^{n+1}", "x to the power of n plus one"),
        ("x_i", "x sub i"),
        ("\\frac{1}{2}", "one half"),
        ("\\frac{3}{4}", "three quarters"),
        ("\\frac{a}{b}", "a over b"),
        ("\\frac{a+b}{c}", "the fraction a plus b over c"),
        ("\\sqrt{2}", "the square root of two"),
        ("\\sqrt[3]{x}", "the cube root of x"),
        ("\\alpha \\le \\beta", "alpha is less than or equal to beta"),
        ("\\Delta t", "Delta t"),
        ("a \\times b \\cdot c", "a times b times c"),
        ("x \\neq y", "x is not equal to y"),
        ("\\pi \\approx 3.14", "pi is approximately three point one four"),
        ("f(x) = \\sin x", "f of x equals sine x"),
        ("n!", "n factorial"),
        ("O(n \\log n)", "big O of n log n"),
        ("e^{i\\pi} + 1 = 0", "e to the i pi plus one equals zero"),
        ("\\mathrm{speed} = d/t", "speed equals d over t"),
        ("3 \\times 10^8", "three times ten to the eight"),
        ("\\left( a \\right)", "a"),
        ("\\sum_{i=1}^n x_i", "the sum from i equals one to n of x sub i"),
        ("\\int_0^1 f(x)\\,dx", "the integral from zero to one of f of x d x"),
        ("\\lim_{x \\to 0} x^2 = 0", "the limit as x approaches zero of x squared equals zero"),
        ("|x - y|", "the absolute value of x minus y"),
        ("\\hat{x} + \\bar{y}", "x hat plus y bar"),
        ("f'(x)", "f prime of x"),
        ("x \\in \\mathbb{R}", "x is an element of the real numbers"),
        ("\\mathbb{E}[X]", "the expected value of X"),
        ("X \\sim \\mathcal{N}(0, 1)", "X is distributed as N of zero, one"),
        ("\\binom{n}{k}", "n choose k"),
        ("\\frac{dy}{dx}", "d y by d x"),
        ("\\log_2 n", "log base two of n"),
        ("\\$500", "five hundred dollars"),
        ("10\\%", "ten percent"),
        ("0.4", "0.4"),
        ("n = 3", "n equals three"),
    ],
)
def test_short_formulas_are_read(tex: str, spoken: str) -> None:
    assert speak_formula(tex, display=False) == spoken
    assert is_readable(tex)


@pytest.mark.parametrize(
    ("tex", "display", "summary"),
    [
        ("\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}", True, "a matrix, shown in the post"),
        ("\\unknowncommand{x}", False, "a formula"),
        ("", False, "a formula"),
        ("{", True, "an equation, shown in the post"),
        (" + ".join(f"x_{i}" for i in range(30)), False, "a formula"),
        ("S = " + " + ".join(f"x_{i}" for i in range(30)), True, "an equation for S, shown in the post"),
        (
            "\\begin{align*} X_n &= X_{n-1} + \\epsilon_n \\\\ &= X_{n-2} + \\epsilon_{n-1} + \\epsilon_n"
            " \\\\ &= X_0 + \\sum_{k=1}^n \\epsilon_k \\end{align*}",
            True,
            "a derivation of X sub n in 3 steps, shown in the post",
        ),
        (
            "\\begin{gather} a = 1 \\\\ b = 2 \\end{gather}",
            True,
            "a system of 2 equations, shown in the post",
        ),
        (
            "f(x) = \\begin{cases} 1 & x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}",
            True,
            "an equation for f of x, shown in the post",
        ),
    ],
)
def test_long_or_tabular_formulas_are_summarised(tex: str, display: bool, summary: str) -> None:
    reading = read_formula(tex, display)
    assert (reading.text, reading.read) == (summary, False)


@pytest.mark.parametrize(
    ("tex", "spoken"),
    [
        # Numbers are said as words, so the prose rules cannot read "4 x" as "4 times" (listening audit).
        ("y=4x", "y equals four x"),
        ("z=3x^2", "z equals three x squared"),
        ("\\frac{x}{2x}", "the fraction x over two x"),
        ("2n+1", "two n plus one"),
        ("10^{-3}", "ten to the minus three"),
        ("0.5x", "zero point five x"),
        ("2\\pi r", "two pi r"),
        ("3!", "three factorial"),
        ("1{,}000x", "one thousand x"),
        ("\\sqrt[4]{x}", "the fourth root of x"),
        # Inline formulas once summarised as "a formula".
        ("f: X \\to Y", "f from X to Y"),
        ("\\int f(x)\\,dx", "the integral of f of x d x"),
        ("\\lfloor x \\rfloor", "the floor of x"),
        ("\\lceil n/2 \\rceil", "the ceiling of n over two"),
        ("\\langle x, y \\rangle", "the inner product of x and y"),
        ("\\{x : x > 0\\}", "the set of x such that x is greater than zero"),
        # Wording.
        ("x_1 + \\ldots + x_n", "x sub one plus, and so on, up to x sub n"),
        ("x_1, x_2, \\dots, x_n", "x sub one, x sub two, and so on, up to x sub n"),
        ("1, 2, 3, \\ldots", "one, two, three, and so on"),
        ("x^{(i)}", "x superscript i"),
        ("\\|x\\|_2", "the two-norm of x"),
        ("\\|w\\|_2^2", "the two-norm of w, squared"),
        ("\\forall x \\in S", "for all x in S"),
        ("\\forall \\epsilon > 0", "for all epsilon greater than zero"),
        ("x \\in S", "x is an element of S"),
        ("\\sum_{i \\in S} x_i", "the sum over i in S of x sub i"),
        ("\\frac{\\partial}{\\partial a}(a+b)", "partial by partial a of the quantity a plus b"),
        ("\\frac{d}{dx} x^2", "d by d x of x squared"),
        ("\\nabla \\cdot \\mathbf{E}", "del dot E"),
        ("\\nabla \\times \\mathbf{B}", "del cross B"),
        ("\\mathbf{u} \\cdot \\mathbf{v}", "u dot v"),
        ("\\vec{a} \\cdot \\vec{b}", "vector a dot vector b"),
        ("a \\cdot b", "a times b"),
    ],
)
def test_listening_audit_readings(tex: str, spoken: str) -> None:
    assert speak_formula(tex, display=False) == spoken


def test_no_digit_next_to_a_letter_reaches_the_prose_rules() -> None:
    from post2pod.narrate.speech import normalize

    for tex in ("y=4x", "z=3x^2", "0.5x", "3m + 2s", "2\\pi r"):
        spoken = speak_formula(tex, display=False)
        assert not any(c.isdigit() for c in spoken)
        assert normalize(spoken) == spoken


def test_a_bracketed_table_is_named_a_matrix() -> None:
    html = (
        "<math><mtext>Matrix: </mtext><mrow><mo>(</mo><mtable><mtr><mtd><mn>2</mn></mtd></mtr>"
        "<mtr><mtd><mn>4</mn></mtd></mtr></mtable><mo>)</mo></mrow></math>"
    )  # after https://josephrex.me/things-you-can-do-with-mathml/
    math = BeautifulSoup(html, "html.parser").math
    assert speak_formula(math, display=False) == "a matrix, shown in the post"


def test_mathml_is_read_from_its_tree() -> None:
    html = (
        "<math><mrow><msub><mi>x</mi><mi>n</mi></msub><mo>=</mo><mfrac><mn>1</mn><mi>n</mi></mfrac>"
        "<munderover><mo>∑</mo><mrow><mi>i</mi><mo>=</mo><mn>1</mn></mrow><mi>n</mi></munderover>"
        "<msub><mi>a</mi><mi>i</mi></msub></mrow><annotation encoding='application/x-tex'>wrong</annotation>"
        "</math>"
    )
    math = BeautifulSoup(html, "html.parser").math
    assert (
        speak_formula(math, display=False)
        == "x sub n equals one over n the sum from i equals one to n of a sub i"
    )


def test_other_languages_keep_the_phrase_and_read_numbers() -> None:
    assert speak_formula("x^2", display=False, language="fr") == "une formule"
    assert speak_formula("0.4", display=False, language="de") == "0.4"


def test_raw_environment_found_in_text() -> None:
    from post2pod.narrate.maths import RAW_TEX_RE, raw_tex

    text = "We get \\begin{align*} a &= b \\\\ &= c \\end{align*} and more."
    match = RAW_TEX_RE.search(text)
    assert match is not None
    assert raw_tex(match) == ("\\begin{align*} a &= b \\\\ &= c \\end{align*}", True)


@pytest.mark.parametrize(
    "source",
    [
        "x = " + "+".join(["a_{1}^{2}"] * 6000),  # 50 KB of TeX
        "\\frac{" * 20000 + "x",
        "{" * 30000,
        "\\begin{align}" + "a &= b \\\\" * 5000 + "\\end{align}",
    ],
)
def test_hostile_formulas_are_fast(source: str) -> None:
    start = time.perf_counter()
    reading = read_formula(source, display=True)
    assert time.perf_counter() - start < 10
    assert not reading.read


def test_huge_mathml_is_summarised_fast() -> None:
    html = "<math>" + "<mi>x</mi><mo>+</mo>" * 10000 + "</math>"
    math = BeautifulSoup(html, "html.parser").math
    start = time.perf_counter()
    assert not read_formula(math, display=True).read
    assert time.perf_counter() - start < 10
