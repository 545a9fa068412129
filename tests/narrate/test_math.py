"""Simple TeX read aloud; anything complex is refused (None) so the caller says "a formula"."""

from __future__ import annotations

import pytest

from post2pod.narrate.math import speak_tex


@pytest.mark.parametrize(
    ("tex", "spoken"),
    [
        ("x^2 + y^2 = r^2", "x squared plus y squared equals r squared"),
        ("(a+b)^2", "the quantity a plus b, squared"),
        ("P(\\text{survived} \\mid \\text{class})", "P of survived given class"),
        ("P(A|B) = 0.5", "P of A given B equals 0.5"),
        ("\\{x \\mid x > 0\\}", "x such that x is greater than 0"),
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
        ("O(n \\log n)", "O n log n"),
        ("e^{i\\pi} + 1 = 0", "e to the i pi plus 1 equals 0"),
        ("\\mathrm{speed} = d/t", "speed equals d over t"),
        ("3 \\times 10^8", "3 times 10 to the 8"),
        ("\\left( a \\right)", "a"),
    ],
)
def test_speak_tex(tex: str, spoken: str) -> None:
    assert speak_tex(tex) == spoken


@pytest.mark.parametrize(
    "tex",
    [
        "\\sum_{i=1}^n x_i",
        "\\int_0^1 f(x)\\,dx",
        "\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}",
        "\\unknowncommand{x}",
        "",
        "{",
        " + ".join(f"x_{i}" for i in range(30)),
    ],
)
def test_speak_tex_refuses_complex(tex: str) -> None:
    assert speak_tex(tex) is None
