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
        ("P(A|B) = 0.5", "P of A given B, equals 0.5"),
        ("\\{x \\mid x > 0\\}", "the set of x such that x is greater than 0"),
        ("2(x+1)", "2 times the quantity x plus 1"),
        ("a(b+c) = ab + ac", "a times the quantity b plus c, equals a b plus a c"),
        ("y_n(1.5 - 0.5 x y_n^2)", "y sub n times the quantity 1.5 minus 0.5 x y sub n squared"),
        ("f(x+1)", "f of the quantity x plus 1"),
        ("f(x) = x^2", "f of x equals x squared"),
        ("E=mc^2", "E equals m c squared"),
        ("a^3", "a cubed"),
        ("10^{-3}", "10 to the minus 3"),
        ("x^n", "x to the n"),
        ("x^{n+1}", "x to the power of n plus 1"),
        ("x_i", "x sub i"),
        ("\\frac{1}{2}", "one half"),
        ("\\frac{3}{4}", "three quarters"),
        ("\\frac{a}{b}", "a over b"),
        ("\\frac{a+b}{c}", "the fraction a plus b over c"),
        ("\\sqrt{2}", "the square root of 2"),
        ("\\sqrt[3]{x}", "the cube root of x"),
        ("\\alpha \\le \\beta", "alpha is less than or equal to beta"),
        ("\\Delta t", "Delta t"),
        ("a \\times b \\cdot c", "a times b times c"),
        ("x \\neq y", "x is not equal to y"),
        ("\\pi \\approx 3.14", "pi is approximately 3.14"),
        ("f(x) = \\sin x", "f of x equals sine x"),
        ("n!", "n factorial"),
        ("O(n \\log n)", "big O of n log n"),
        ("e^{i\\pi} + 1 = 0", "e to the i pi plus 1 equals 0"),
        ("\\mathrm{speed} = d/t", "speed equals d over t"),
        ("3 \\times 10^8", "3 times 10 to the 8"),
        ("\\left( a \\right)", "a"),
        ("\\sum_{i=1}^n x_i", "the sum from i equals 1 to n of x sub i"),
        ("\\int_0^1 f(x)\\,dx", "the integral from 0 to 1 of f of x d x"),
        ("\\lim_{x \\to 0} x^2 = 0", "the limit as x approaches 0 of x squared equals 0"),
        ("|x - y|", "the absolute value of x minus y"),
        ("\\hat{x} + \\bar{y}", "x hat plus y bar"),
        ("f'(x)", "f prime of x"),
        ("x \\in \\mathbb{R}", "x is an element of the real numbers"),
        ("\\mathbb{E}[X]", "the expected value of X"),
        ("X \\sim \\mathcal{N}(0, 1)", "X is distributed as N of 0, 1"),
        ("\\binom{n}{k}", "n choose k"),
        ("\\frac{dy}{dx}", "d y by d x"),
        ("\\log_2 n", "log base 2 of n"),
        ("\\$500", "500 dollars"),
        ("10\\%", "10 percent"),
        ("0.4", "0.4"),
        ("n = 3", "n equals 3"),
    ],
)
def test_short_formulas_are_read(tex: str, spoken: str) -> None:
    assert speak_formula(tex, display=False) == spoken
    assert is_readable(tex)


@pytest.mark.parametrize(
    ("tex", "display", "summary"),
    [
        ("\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}", True, "an equation, shown in the post"),
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
        == "x sub n equals 1 over n the sum from i equals 1 to n of a sub i"
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
    assert time.perf_counter() - start < 0.5
    assert not reading.read


def test_huge_mathml_is_summarised_fast() -> None:
    html = "<math>" + "<mi>x</mi><mo>+</mo>" * 10000 + "</math>"
    math = BeautifulSoup(html, "html.parser").math
    start = time.perf_counter()
    assert not read_formula(math, display=True).read
    assert time.perf_counter() - start < 1.0
