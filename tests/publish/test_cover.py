"""Cover art: generated (deterministic 3000×3000 RGB PNG) or configured (checked, converted)."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from post2pod.errors import PublishError
from post2pod.publish import cover, ensure_cover

from .conftest import make_podcast


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("cover")
    assert ensure_cover(make_podcast(), out) == "cover.png"
    return out / "cover.png"


def _image(tmp_path: Path, name: str, size: tuple[int, int], mode: str = "RGB", **save: object) -> Path:
    path = tmp_path / name
    colour = {"RGB": (200, 30, 60), "RGBA": (200, 30, 60, 128), "CMYK": (0, 200, 150, 20), "L": 90, "P": 3}[
        mode
    ]
    Image.new(mode, size, colour).save(path, **save)
    return path


def test_generated_cover_is_a_3000px_rgb_png(generated: Path) -> None:
    with Image.open(generated) as image:
        assert (image.format, image.mode, image.size) == ("PNG", "RGB", (3000, 3000))
        assert len(image.getcolors(maxcolors=1_000_000) or ()) > 50  # a gradient and text, not a flat fill


def test_the_background_blends_the_two_colours_along_the_diagonal() -> None:
    top_left, bottom_right = (250, 20, 40), (10, 200, 90)
    pixels = np.asarray(cover._gradient(top_left, bottom_right)).astype(int)
    last = cover.SIZE - 1
    assert tuple(pixels[0, 0]) == top_left and tuple(pixels[last, last]) == bottom_right
    # one colour on each anti-diagonal, halfway between the two on the middle one
    assert (pixels[1:, :-1] == pixels[:-1, 1:]).all()
    assert np.abs(pixels[0, last] - (np.add(top_left, bottom_right) / 2)).max() <= 1
    assert (np.diff(pixels[:, 0, 0]) <= 0).all() and (np.diff(pixels[0, :, 1]) >= 0).all()  # monotonic


def test_generated_cover_is_deterministic_and_not_rewritten(generated: Path, tmp_path: Path) -> None:
    ensure_cover(make_podcast(), tmp_path)
    assert (tmp_path / "cover.png").read_bytes() == generated.read_bytes()
    os.utime(tmp_path / "cover.png", (1_000, 1_000))
    ensure_cover(make_podcast(), tmp_path)
    assert (tmp_path / "cover.png").stat().st_mtime == 1_000


def test_another_title_gives_another_cover(generated: Path, tmp_path: Path) -> None:
    ensure_cover(make_podcast(title="A different show"), tmp_path)
    assert (tmp_path / "cover.png").read_bytes() != generated.read_bytes()


def test_configured_rgba_png_is_converted_to_rgb(tmp_path: Path) -> None:
    source = _image(tmp_path, "art.png", (2000, 2000), "RGBA")
    out = tmp_path / "out"
    assert ensure_cover(make_podcast(image=str(source)), out) == "cover.png"
    with Image.open(out / "cover.png") as image:
        assert (image.format, image.mode, image.size) == ("PNG", "RGB", (2000, 2000))
        pixel = image.getpixel((5, 5))
    # half-transparent red flattened onto white
    assert all(abs(got - want) <= 1 for got, want in zip(pixel, (228, 142, 157), strict=True))


def test_configured_rgb_jpeg_is_copied_as_is_and_a_stale_png_removed(tmp_path: Path) -> None:
    source = _image(tmp_path, "art.jpeg", (1400, 1400), quality=80)
    out = tmp_path / "out"
    out.mkdir()
    (out / "cover.png").write_bytes(b"old generated cover")
    assert ensure_cover(make_podcast(image=str(source)), out) == "cover.jpg"
    assert (out / "cover.jpg").read_bytes() == source.read_bytes()
    assert not (out / "cover.png").exists()


@pytest.mark.parametrize(("mode", "name", "fmt"), [("CMYK", "art.jpg", "JPEG"), ("P", "art.png", "PNG")])
def test_other_colour_modes_become_rgb(tmp_path: Path, mode: str, name: str, fmt: str) -> None:
    source = _image(tmp_path, name, (1400, 1400), mode)
    cover = ensure_cover(make_podcast(image=str(source)), tmp_path / "out")
    with Image.open(tmp_path / "out" / cover) as image:
        assert (image.format, image.mode) == (fmt, "RGB")


def test_a_too_large_image_is_scaled_down(tmp_path: Path) -> None:
    source = _image(tmp_path, "art.png", (3200, 3200))
    ensure_cover(make_podcast(image=str(source)), tmp_path / "out")
    with Image.open(tmp_path / "out" / "cover.png") as image:
        assert image.size == (3000, 3000)


@pytest.mark.parametrize(
    ("size", "message"),
    [((2000, 1500), "square.*crop it to 1500×1500"), ((1000, 1000), "smaller than the 1400×1400")],
)
def test_unusable_sizes_are_refused(tmp_path: Path, size: tuple[int, int], message: str) -> None:
    source = _image(tmp_path, "art.png", size)
    with pytest.raises(PublishError, match=message):
        ensure_cover(make_podcast(image=str(source)), tmp_path / "out")


def test_unreadable_or_missing_images_are_refused(tmp_path: Path) -> None:
    bogus = tmp_path / "art.png"
    bogus.write_text("not an image")
    with pytest.raises(PublishError, match="cannot be read"):
        ensure_cover(make_podcast(image=str(bogus)), tmp_path / "out")
    with pytest.raises(PublishError, match="does not exist"):
        ensure_cover(make_podcast(image=str(tmp_path / "nope.png")), tmp_path / "out")


JAPANESE = "日本語で読むブログ"


def _white_pixels(image: Image.Image) -> int:
    """Pure white pixels in the title's area: only the title is drawn in white."""
    area = np.asarray(image.crop((0, 1400, 3000, 2800)))
    return int((area == 255).all(axis=2).sum())


def test_the_bundled_font_knows_only_ascii() -> None:
    assert cover.covers(cover._font(120), "Plain ASCII, 100% (ok)!")
    for text in ("Café", "Ωmega", "Привет", JAPANESE):
        assert not cover.covers(cover._font(120), text)


def test_without_a_font_for_its_accents_a_latin_title_drops_them(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cover, "_system_faces", lambda _text: [])
    assert cover.cover_title("Café crème") == ("Cafe creme", "")
    assert cover.cover_title(JAPANESE) == (JAPANESE, None)


def test_a_title_no_font_can_draw_leaves_the_title_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cover, "_system_faces", lambda _text: [])
    assert cover.title_face(JAPANESE) is None
    assert cover.title_face("Plain") == ""
    assert _white_pixels(cover.render_cover(JAPANESE, "blog.example.jp")) == 0
    assert _white_pixels(cover.render_cover("A Latin title", "blog.example.jp")) > 500


def test_a_japanese_title_is_set_in_a_font_that_has_its_glyphs() -> None:
    face = cover.title_face(JAPANESE)
    if not face:
        pytest.skip("no installed font covers Japanese (e.g. Debian's fonts-ipafont-gothic)")
    assert cover.covers(cover._font(120, face), JAPANESE)
    assert _white_pixels(cover.render_cover(JAPANESE, "blog.example.jp")) > 500


def test_a_heavy_png_is_published_as_a_small_jpeg_and_the_original_is_kept(tmp_path: Path) -> None:
    """A user's 17.7 MB PNG was published as is (issue 23): apps fetch the cover on every subscription."""
    noise = np.random.default_rng(7).integers(0, 256, (1600, 1600, 3), dtype=np.uint8)
    source = tmp_path / "art.png"
    Image.fromarray(noise, "RGB").save(source)
    original = source.read_bytes()
    assert len(original) > cover.MAX_COVER_BYTES
    note = cover.check_configured(source)
    assert note and "MB" in note and "JPEG" in note and "your file is unchanged" in note
    out = tmp_path / "out"
    assert ensure_cover(make_podcast(image=str(source)), out) == "cover.jpg"
    with Image.open(out / "cover.jpg") as published:
        assert (published.format, published.mode, published.size) == ("JPEG", "RGB", (1600, 1600))
    assert (out / "cover.jpg").stat().st_size <= 3 * cover.MAX_COVER_BYTES  # noise: JPEG's worst case
    assert source.read_bytes() == original
    assert cover.check_configured(_image(tmp_path, "fine.jpg", (1400, 1400))) is None


def test_a_dry_run_refuses_the_cover_the_real_sync_would_refuse(tmp_path: Path) -> None:
    from cli_helpers import assert_one_line_error, invoke_cli

    _image(tmp_path, "wide.png", (2000, 1400))
    feed = Path(__file__).parents[1] / "fixtures" / "cli" / "tiny-feed.xml"
    (tmp_path / "post2pod.toml").write_text('[podcast]\nimage = "wide.png"\n')
    result = invoke_cli("sync", "--feed", str(feed), "--out", "out", "--dry-run", cwd=tmp_path)
    assert_one_line_error(result, 2, "wide.png is 2000×1400 px", "square", warnings_allowed=True)
    assert "would publish" not in result.stdout
