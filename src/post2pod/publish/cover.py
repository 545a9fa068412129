"""Channel artwork: check and convert a configured image, or draw one from the podcast title.

Podcast apps want a square JPEG or PNG of 1400–3000 px in RGB. A configured image that already
fits is copied byte for byte; one in another mode (RGBA, P, CMYK, L), another format or larger
than 3000 px is converted (alpha flattened onto white, downscaled). A non-square or too small
image is refused: cropping or upscaling someone's artwork silently would look wrong.
"""

from __future__ import annotations

import colorsys
import hashlib
import io
import shutil
import subprocess
import unicodedata
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image, ImageDraw, ImageFont, ImageOps, UnidentifiedImageError

from post2pod.errors import PublishError
from post2pod.models import Podcast
from post2pod.publish.names import COVER_NAMES
from post2pod.workspace import write_atomic

MIN_SIZE = 1400
MAX_SIZE = 3000
MAX_SOURCE_SIZE = 6000  # a larger image is refused from its header, before 100+ MB are decoded
MAX_COVER_BYTES = 1_000_000  # apps download the cover on every subscription: a larger one is re-encoded
SIZE = 3000  # generated covers
JPEG_QUALITY = 92
DESIGN_VERSION = "1"  # bump when the generated design changes
_KEY_FIELD = "post2pod-cover"
# Hues (degrees) that stay rich when dark; muddy yellows and olives are left out.
_HUES = (0, 12, 145, 160, 178, 198, 212, 228, 248, 265, 285, 312, 332, 348)


def ensure_cover(podcast: Podcast, out_dir: Path) -> str:
    """Write the channel artwork into `out_dir`; return its file name ("cover.png" or "cover.jpg")."""
    if podcast.image:
        name, data = _configured(Path(podcast.image).expanduser())
    else:
        name, data = "cover.png", _generated_bytes(podcast, out_dir / "cover.png")
    _write(out_dir, name, data)
    return name


# --- a configured image -----------------------------------------------------------------------


def check_configured(source: Path) -> str | None:
    """Check a configured cover from its header alone (what a dry run does too): a PublishError
    for one that cannot be used, else a note when it will be converted (None: published as is)."""
    image = _open(source)
    _check_size(image, source)
    reasons = _conversion_reasons(image, source)
    if not reasons:
        return None
    kind = "JPEG" if _as_jpeg(image, source) else "PNG"
    return (
        f"cover image {source} is {', '.join(reasons)}: it is published as a converted copy "
        f"({kind}, RGB, at most {MAX_SIZE} px); your file is unchanged"
    )


def _conversion_reasons(image: Image.Image, source: Path) -> list[str]:
    reasons = []
    if image.format not in ("JPEG", "PNG"):
        reasons.append(f"a {image.format or 'non-JPEG/PNG'} file")
    if image.mode != "RGB":
        reasons.append(f"in {image.mode} mode")
    if image.width > MAX_SIZE:
        reasons.append(f"{image.width}×{image.height} px")
    size = source.stat().st_size
    if size > MAX_COVER_BYTES:
        reasons.append(f"{size / 1e6:.1f} MB")
    if _rotated(image):
        reasons.append("rotated by its EXIF orientation")
    return reasons


def _as_jpeg(image: Image.Image, source: Path) -> bool:
    """A JPEG stays a JPEG; a heavy PNG (a photo saved as PNG) becomes one too."""
    return image.format == "JPEG" or source.stat().st_size > MAX_COVER_BYTES


def _configured(source: Path) -> tuple[str, bytes | None]:
    image = _open(source)
    _check_size(image, source)
    _decode(image, source)
    is_jpeg = _as_jpeg(image, source)
    name = "cover.jpg" if is_jpeg else "cover.png"
    if not _conversion_reasons(image, source):
        return name, source.read_bytes()
    return name, _encode(_fit(image), "JPEG" if is_jpeg else "PNG")


def _check_size(image: Image.Image, source: Path) -> None:
    width, height = image.size  # from the header: nothing is decoded before these checks
    if max(width, height) > MAX_SOURCE_SIZE:
        raise PublishError(
            f"cover image {source} is {width}×{height} px, far larger than podcast apps use: scale it to "
            f"{MAX_SIZE}×{MAX_SIZE} px (1400–3000 px), or leave [podcast] image empty to generate one"
        )
    if width != height:
        side = min(width, height, MAX_SIZE)
        raise PublishError(
            f"cover image {source} is {width}×{height} px but podcast apps need a square image: "
            f"crop it to {side}×{side} px (1400–3000 px), or leave [podcast] image empty to generate one"
        )
    if width < MIN_SIZE:
        raise PublishError(
            f"cover image {source} is {width}×{height} px, smaller than the {MIN_SIZE}×{MIN_SIZE} px "
            "podcast apps require: use a larger image, or leave [podcast] image empty to generate one"
        )


def _open(source: Path) -> Image.Image:
    if source.exists() and not source.is_file():  # a pipe or device would block the run, lock held
        raise PublishError(
            f"cover image {source} is not a regular file (a folder, pipe or device?): fix [podcast] image "
            "in the config, or leave it empty to generate a cover"
        )
    try:
        image = Image.open(source)  # reads the header only
    except FileNotFoundError:
        raise PublishError(
            f"cover image {source} does not exist: fix [podcast] image in the config, "
            "or leave it empty to generate a cover"
        ) from None
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError) as exc:
        raise _unreadable(source, exc) from None
    return image


def _decode(image: Image.Image, source: Path) -> None:
    try:
        image.load()
    except (Image.DecompressionBombError, OSError, SyntaxError, ValueError) as exc:
        raise _unreadable(source, exc) from None


def _unreadable(source: Path, exc: Exception) -> PublishError:
    return PublishError(
        f"cover image {source} cannot be read ({exc}): use a square JPEG or PNG of 1400–3000 px"
    )


def _rotated(image: Image.Image) -> bool:
    return image.getexif().get(0x0112, 1) != 1  # EXIF orientation


def _fit(image: Image.Image) -> Image.Image:
    """RGB (alpha flattened onto white), upright, at most MAX_SIZE px."""
    image = ImageOps.exif_transpose(image)
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        image = flat
    elif image.mode != "RGB":
        image = image.convert("RGB")
    if image.width > MAX_SIZE:
        image = image.resize((MAX_SIZE, MAX_SIZE), Image.Resampling.LANCZOS)
    return image


def _encode(image: Image.Image, fmt: str, pnginfo: object | None = None) -> bytes:
    buffer = io.BytesIO()
    if fmt == "JPEG":
        for quality in (JPEG_QUALITY, 85, 75):  # lower only as far as the size needs
            buffer = io.BytesIO()
            image.save(buffer, "JPEG", quality=quality, optimize=True)
            if buffer.tell() <= MAX_COVER_BYTES:
                break
    else:
        image.save(buffer, "PNG", compress_level=6, pnginfo=pnginfo)
    return buffer.getvalue()


# --- a generated cover ------------------------------------------------------------------------


def _generated_bytes(podcast: Podcast, existing: Path) -> bytes | None:
    """PNG bytes of the generated cover, or None when `existing` already shows this exact design."""
    domain = _domain(podcast.link)
    title = podcast.title.strip() or "Untitled podcast"
    text, face = cover_title(title)  # part of the key: a font installed later redraws the cover
    key = hashlib.sha256(f"{DESIGN_VERSION}\n{text}\n{domain}\n{face}".encode()).hexdigest()
    if _stored_key(existing) == key:
        return None
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text(_KEY_FIELD, key)
    return _encode(render_cover(podcast.title, domain), "PNG", pnginfo=info)


def _stored_key(path: Path) -> str | None:
    try:
        with Image.open(path) as image:
            return image.info.get(_KEY_FIELD) if image.size == (SIZE, SIZE) and image.mode == "RGB" else None
    except (OSError, UnidentifiedImageError, SyntaxError):
        return None


def _domain(link: str) -> str:
    host = urlsplit(link).hostname or ""
    return host.removeprefix("www.")


def render_cover(title: str, domain: str = "") -> Image.Image:
    """A 3000×3000 RGB cover: colour from the title, a waveform motif, the title set large."""
    digest = hashlib.sha256(title.encode()).digest()
    hue = (_HUES[digest[0] % len(_HUES)] + (digest[1] / 255 - 0.5) * 12) / 360
    image = _gradient(_hls(hue, 0.36, 0.62), _hls(hue + 0.09, 0.17, 0.55))
    draw = ImageDraw.Draw(image)
    accent = _hls(hue + 0.05, 0.72, 0.85)
    margin = 230
    _label(draw, "PODCAST", margin, accent)
    _waveform(draw, digest, margin, accent)
    text, face = cover_title(title.strip() or "Untitled podcast")
    domain = domain if covers(_font(110), domain) else ""
    _title_block(draw, text, face, domain, margin, accent)
    return image


def _hls(hue: float, lightness: float, saturation: float) -> tuple[int, int, int]:
    r, g, b = colorsys.hls_to_rgb(hue % 1.0, lightness, saturation)
    return round(r * 255), round(g * 255), round(b * 255)


def _gradient(top_left: tuple[int, int, int], bottom_right: tuple[int, int, int]) -> Image.Image:
    """A smooth diagonal blend between two colours.

    Every anti-diagonal has one colour, so the 2 * SIZE - 1 colours are blended once (by Pillow, as a
    one-pixel-high composite) and laid out with a strided view: a tenth of a full-size composite."""
    import numpy as np

    diagonal = np.arange(2 * SIZE - 1, dtype=np.uint32) * 255 // (2 * SIZE - 2)
    mask = Image.fromarray(diagonal.astype(np.uint8)[None, :], "L")
    width = (2 * SIZE - 1, 1)
    colours = np.asarray(
        Image.composite(Image.new("RGB", width, bottom_right), Image.new("RGB", width, top_left), mask)
    )
    line = np.ascontiguousarray(colours[0])  # (2 * SIZE - 1, 3)
    square = np.lib.stride_tricks.as_strided(line, shape=(SIZE, SIZE, 3), strides=(3, 3, 1), writeable=False)
    return Image.fromarray(np.ascontiguousarray(square), "RGB")


def _font(size: int, face: str = "") -> Font:
    """Pillow's bundled font (same glyphs everywhere, Latin, Greek and Cyrillic), or the font file `face`."""
    if face:
        return ImageFont.truetype(face, size)
    return ImageFont.load_default(size=size)  # bundled with Pillow >= 10.1


# --- fonts for other scripts ------------------------------------------------------------------

# Pillow's bundled font is a FreeTypeFont, or a bitmap ImageFont where Pillow has no FreeType
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont
_NOTDEF_PROBE = "\U0010fffd"  # a private-use code point no font draws: its mask is the font's .notdef
_KNOWN_FACES = (  # tried when fontconfig is missing; Debian's paths
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
)


def covers(font: Font, text: str) -> bool:
    """Whether `font` has a glyph for every visible character of `text` (no "tofu" boxes)."""
    notdef = bytes(font.getmask(_NOTDEF_PROBE))
    return all(
        bytes(font.getmask(char)) != notdef for char in set(text) if char.isprintable() and not char.isspace()
    )


def title_face(title: str) -> str | None:
    """The font to set `title` in: "" for Pillow's bundled font, a system font's path when only it has
    every glyph (CJK, Arabic, Hebrew...), None when no font here does (the cover then shows no title)."""
    if covers(_font(120), title):
        return ""
    for face in _system_faces(title):
        try:
            if covers(_font(120, face), title):
                return face
        except OSError:  # unreadable or not a font Pillow can open
            continue
    return None


def cover_title(title: str) -> tuple[str, str | None]:
    """The title as drawn and its font (see `title_face`). With no font for its accents, a Latin title
    is drawn without them ("Café" as "Cafe"): better than boxes, and than no title."""
    face = title_face(title)
    if face is not None:
        return title, face
    plain = "".join(c for c in unicodedata.normalize("NFKD", title) if not unicodedata.combining(c))
    if covers(_font(120), plain):
        return plain, ""
    return title, None


def _system_faces(text: str) -> list[str]:
    """Installed fonts that fontconfig says cover `text` (bold ones first), then a few known paths."""
    faces: list[str] = []
    points = sorted({f"{ord(c):x}" for c in text if c.isprintable() and not c.isspace()})
    if points and shutil.which("fc-list"):
        try:
            listing = subprocess.run(
                ["fc-list", f":charset={' '.join(points[:200])}", "file", "style"],
                capture_output=True,
                text=True,
                timeout=10,
                check=False,
            ).stdout
        except (OSError, subprocess.SubprocessError):
            listing = ""
        rows = sorted(line.partition(":") for line in listing.splitlines() if line.strip())
        serif = ("serif", "mincho", "ming", "song")  # a sans face suits the cover's design
        rows.sort(key=lambda row: ("bold" not in row[2].lower(), any(w in row[0].lower() for w in serif)))
        faces = [path.strip() for path, _, _ in rows if path.strip().endswith((".ttf", ".otf", ".ttc"))]
    return faces + [face for face in _KNOWN_FACES if Path(face).is_file() and face not in faces]


def _label(draw: ImageDraw.ImageDraw, text: str, margin: int, colour: tuple[int, int, int]) -> None:
    font = _font(96)
    x: float = margin
    for char in text:  # letter-spaced caps
        draw.text((x, margin), char, font=font, fill=colour, stroke_width=2, stroke_fill=colour)
        x += font.getlength(char) + 26
    draw.rounded_rectangle((margin, margin + 150, margin + 220, margin + 168), radius=9, fill=colour)


def _waveform(draw: ImageDraw.ImageDraw, digest: bytes, margin: int, colour: tuple[int, int, int]) -> None:
    """Rounded bars whose heights come from the title's hash: a little sound wave."""
    bars, centre, tallest = 31, 1020, 560
    step = (SIZE - 2 * margin) / bars
    width = round(step * 0.5)
    for i in range(bars):
        envelope = 0.35 + 0.65 * (1 - abs(i - (bars - 1) / 2) / ((bars - 1) / 2)) ** 0.7
        height = max(width, round(tallest * envelope * (0.35 + 0.65 * digest[i % len(digest)] / 255)))
        x = round(margin + i * step + (step - width) / 2)
        draw.rounded_rectangle(
            (x, centre - height // 2, x + width, centre + height // 2), radius=width // 2, fill=colour
        )


def _title_block(
    draw: ImageDraw.ImageDraw,
    title: str,
    face: str | None,
    domain: str,
    margin: int,
    accent: tuple[int, int, int],
) -> None:
    """The title, wrapped and as large as fits, set from the bottom up above the domain; no title when
    no font has its glyphs (`face` None): boxes instead of letters would look broken."""
    width = SIZE - 2 * margin
    bottom = SIZE - margin
    if domain:
        font = _font(110)
        draw.text((margin, bottom), domain, font=font, fill=accent, anchor="ls")
        bottom -= 230
    if face is None:
        return
    size, lines = _fit_title(title, width, bottom - 1420, face)
    font = _font(size, face)
    leading = round(size * 1.12)
    for number, line in enumerate(reversed(lines)):
        y = bottom - number * leading
        draw.text(
            (margin, y),
            line,
            font=font,
            fill="white",
            anchor="ls",
            stroke_width=max(2, size // 45),
            stroke_fill="white",
        )


def _fit_title(title: str, width: int, height: int, face: str = "") -> tuple[int, list[str]]:
    """The largest font size (and its lines) whose wrapped title fits the box."""
    for size in range(480, 119, -20):
        lines = _wrap(title, _font(size, face), width)
        if len(lines) * size * 1.12 <= height:
            return size, lines
    lines = _wrap(title, _font(120, face), width)
    most = max(1, int(height // (120 * 1.12)))
    if len(lines) > most:
        lines = [*lines[: most - 1], lines[most - 1].rstrip(" .,;:") + "…"]
    return 120, lines


def _wrap(text: str, font: Font, width: int) -> list[str]:
    """Greedy word wrap by measured width; a word wider than the line is broken."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while font.getlength(line) > width:
            cut = max(1, next(i for i in range(len(line), 0, -1) if font.getlength(line[:i]) <= width))
            lines.append(line[:cut])
            line = line[cut:]
    if line:
        lines.append(line)
    return lines


# --- writing ----------------------------------------------------------------------------------


def _write(out_dir: Path, name: str, data: bytes | None) -> None:
    """Write the cover (None: already up to date) and remove a stale cover of the other type."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        if data is not None:
            write_atomic(out_dir / name, data, skip_unchanged=True, published=True)
        for other in COVER_NAMES:
            if other != name:
                (out_dir / other).unlink(missing_ok=True)
    except OSError as exc:
        raise PublishError(
            f"cannot write the cover into {out_dir}: {exc.strerror or exc}; "
            "check the output folder's permissions"
        ) from None
