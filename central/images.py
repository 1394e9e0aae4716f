"""Product pictures: a simple, distinct PNG per style and colour, drawn on demand.

The demo has no photographs, so central draws one: the garment's silhouette by category (a tee,
a shirt, trousers, a boot, ...) in the variant's colour, a detail placed by the style (a pocket,
a stripe, a seam), and the style code as text. Drawing is deterministic (the same style and
colour give the same bytes, so the ETag is stable across restarts) and cached in memory, bounded;
nothing is stored in the database, whatever the size of the catalog.

`picture()` is called from FastAPI's threadpool: the cache is an LRU under a lock, bounded by
count and by bytes; drawing happens outside the lock (two threads missing the same picture may
both draw it: the same bytes). The ETag is the hash of the drawn bytes, computed once per
drawing, so it changes whenever what is drawn changes (shape, colour, code, drawing code).
"""

from __future__ import annotations

import hashlib
import io
import threading
import zlib
from collections import OrderedDict
from typing import NamedTuple

from PIL import Image, ImageDraw, ImageFont

SIZE = 320
CACHED = 512  # pictures kept in memory at most (about 10 KB each) ...
CACHED_BYTES = 8 * 1024 * 1024  # ... and at most this many bytes of them
FONT_SIZE, MIN_FONT_SIZE = 24, 8  # the style code's text, shrunk to fit the picture's width
MARGIN = 8

Shape = list[tuple[int, int]]

# Silhouettes in a 100 x 100 box.
_TEE: Shape = [(30, 16), (42, 12), (50, 18), (58, 12), (70, 16), (90, 32), (80, 44), (70, 38), (70, 88), (30, 88)]
_TEE += [(30, 38), (20, 44), (10, 32)]
_LONG: Shape = [(30, 16), (42, 12), (50, 18), (58, 12), (70, 16), (86, 40), (92, 84), (80, 86), (70, 48), (70, 88)]
_LONG += [(30, 88), (30, 48), (20, 86), (8, 84), (14, 40)]
_TROUSERS: Shape = [(30, 10), (70, 10), (76, 90), (56, 90), (50, 36), (44, 90), (24, 90)]
_DRESS: Shape = [(40, 10), (60, 10), (62, 32), (82, 90), (18, 90), (38, 32)]
_SKIRT: Shape = [(34, 24), (66, 24), (84, 84), (16, 84)]
_SHOE: Shape = [(8, 62), (14, 46), (36, 46), (50, 56), (80, 60), (92, 70), (92, 80), (8, 80)]
_BOOT: Shape = [(24, 14), (52, 14), (54, 54), (84, 60), (92, 72), (92, 82), (24, 82)]

SHAPES: dict[str, Shape] = {
    "T-shirts": _TEE,
    "Shirts": _LONG,
    "Knitwear": _LONG,
    "Hoodies": _LONG,
    "Jackets": _LONG,
    "Jeans": _TROUSERS,
    "Trousers": _TROUSERS,
    "Dresses": _DRESS,
    "Skirts": _SKIRT,
    "Sneakers": _SHOE,
    "Loafers": _SHOE,
    "Sandals": _SHOE,
    "Boots": _BOOT,
}

COLOURS: dict[str, tuple[int, int, int]] = {
    "Black": (30, 30, 32),
    "White": (246, 246, 242),
    "Navy": (31, 42, 72),
    "Olive": (107, 112, 56),
    "Sand": (212, 192, 152),
    "Burgundy": (112, 28, 46),
    "Grey Melange": (160, 160, 166),
    "Ecru": (236, 226, 202),
    "Sky Blue": (140, 190, 230),
    "Rust": (172, 82, 40),
    "Forest Green": (34, 86, 52),
    "Charcoal": (60, 62, 66),
    "Indigo": (46, 52, 112),
    "Tan": (192, 142, 92),
}


def colour_rgb(colour: str) -> tuple[int, int, int]:
    """The colour's RGB; a colour the table does not know gets one from its name's hash."""
    known = COLOURS.get(colour)
    if known is not None:
        return known
    h = zlib.crc32(colour.casefold().encode())
    return (h & 0xFF, (h >> 8) & 0xFF, (h >> 16) & 0xFF)


def _shade(rgb: tuple[int, int, int], by: float) -> tuple[int, int, int]:
    r, g, b = rgb
    if by < 0:
        return (int(r * (1 + by)), int(g * (1 + by)), int(b * (1 + by)))
    return (int(r + (255 - r) * by), int(g + (255 - g) * by), int(b + (255 - b) * by))


def render(style_code: str, category: str, colour: str) -> bytes:
    """The PNG of a style in a colour (deterministic)."""
    seed = zlib.crc32(style_code.encode())
    rgb = colour_rgb(colour)
    light = sum(rgb) > 600
    img = Image.new("RGB", (SIZE, SIZE), (242 - seed % 12, 240 - (seed >> 4) % 12, 236))
    draw = ImageDraw.Draw(img)
    scale = SIZE * 0.82 / 100
    off = SIZE * 0.09
    shape = [(off + x * scale, off * 0.6 + y * scale) for x, y in SHAPES.get(category, _TEE)]
    outline = _shade(rgb, -0.35) if light else _shade(rgb, 0.35)
    draw.polygon(shape, fill=rgb, outline=outline, width=3)
    # A detail placed by the style, so that two styles of a category do not look the same.
    xs, ys = [p[0] for p in shape], [p[1] for p in shape]
    cx, top, bottom = (min(xs) + max(xs)) / 2, min(ys), max(ys)
    detail = seed % 3
    if detail == 0:  # a stripe across
        y = top + (bottom - top) * (0.35 + (seed >> 8) % 30 / 100)
        draw.line([(min(xs) + 30, y), (max(xs) - 30, y)], fill=outline, width=6)
    elif detail == 1:  # a pocket or patch
        x = cx + ((seed >> 8) % 3 - 1) * 28
        y = top + (bottom - top) * 0.45
        draw.rectangle([x - 14, y - 12, x + 14, y + 14], outline=outline, width=3)
    else:  # a seam down the middle
        draw.line([(cx, top + 12), (cx, bottom - 10)], fill=outline, width=3)
    font = _fitting_font(draw, style_code)
    draw.text((SIZE / 2, SIZE - 14), style_code, fill=(60, 60, 64), font=font, anchor="ms")
    out = io.BytesIO()
    img.save(out, format="PNG", optimize=False)
    return out.getvalue()


def _fitting_font(draw: ImageDraw.ImageDraw, text: str) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    """The largest font (FONT_SIZE down to MIN_FONT_SIZE) in which `text` fits the picture's
    width; a fresh font object per drawing (a FreeType face is not shared between threads)."""
    font: ImageFont.ImageFont | ImageFont.FreeTypeFont
    for size in range(FONT_SIZE, MIN_FONT_SIZE - 1, -2):
        try:
            font = ImageFont.load_default(size=size)
        except TypeError:  # Pillow before 10.1: the bitmap font, one size
            return ImageFont.load_default()
        if draw.textlength(text, font=font) <= SIZE - 2 * MARGIN:
            break
    return font


def etag(png: bytes) -> str:
    return '"' + hashlib.sha256(png).hexdigest()[:32] + '"'


class Picture(NamedTuple):
    png: bytes
    etag: str


class PictureCache:
    """A least-recently-used cache of drawn pictures, safe to share between threads, bounded
    by count and by total bytes."""

    def __init__(self, max_items: int = CACHED, max_bytes: int = CACHED_BYTES) -> None:
        self.max_items, self.max_bytes = max_items, max_bytes
        self._items: OrderedDict[tuple[str, str, str], Picture] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, style_code: str, category: str, colour: str) -> Picture:
        key = (style_code, category, colour)
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
                return hit
        png = render(style_code, category, colour)  # outside the lock: others are served meanwhile
        made = Picture(png, etag(png))
        with self._lock:
            if key not in self._items:
                self._items[key] = made
                self._bytes += len(png)
            self._items.move_to_end(key)
            while self._items and (len(self._items) > self.max_items or self._bytes > self.max_bytes):
                _key, old = self._items.popitem(last=False)
                self._bytes -= len(old.png)
            return self._items.get(key, made)

    def stats(self) -> tuple[int, int]:
        """(pictures, bytes) held now."""
        with self._lock:
            return len(self._items), self._bytes

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0


PICTURES = PictureCache()


def picture(style_code: str, category: str, colour: str) -> Picture:
    """The picture of a style in a colour, with its ETag, from the process-wide cache."""
    return PICTURES.get(style_code, category, colour)
