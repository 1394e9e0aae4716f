"""ESC/POS bytes for 80 mm receipt printers (48 columns of Font A, 42 on narrower models).

Commands (Epson's ESC/POS, also spoken by Star in ESC/POS mode, Bixolon, Citizen …):

- ``ESC @`` initialise; ``ESC t 19`` code page PC858 (Latin-1 + €) for German and English,
  with ``FS .`` to make sure Kanji mode is off (Japanese models start in it);
- Japanese: ``FS C 1`` selects Shift_JIS and ``FS &`` enters Kanji mode, and the text is sent
  as Shift_JIS (cp932) — not python-escpos's GB18030, which a Japanese printer prints as
  garbage, nor its ``????`` for kana. ``FS !`` sets the size of kanji, ``GS !`` of the rest;
- ``ESC E n`` bold on/off, ``GS ! 0x11`` double width and height (bold is its own command, so a
  size change never drops it), ``ESC a n`` alignment;
- the QR as a raster image, ``GS v 0``: drawn from qrcode's module matrix, so it prints the
  same on any model (``GS ( k`` QR support varies) and the tests can rebuild the bitmap from
  the bytes and decode it with zxing-cpp;
- ``ESC d n`` feed, ``GS V 66 0`` feed and partial cut, ``ESC p 0 25 250`` drawer kick (pin 2,
  50 ms on, 500 ms off) — the cash drawer hangs off the printer.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace

import qrcode

from sync.receipts.layout import Pair, Qr, Rule, Text, clip, cols, language, layout, pad_pair, wrap
from sync.receipts.model import Receipt

ESC, GS, FS, LF = b"\x1b", b"\x1d", b"\x1c", b"\n"
INIT = ESC + b"@"
LATIN = ESC + b"t\x13" + FS + b"."  # PC858 (code page 19), Kanji mode off
KANJI = ESC + b"t\x01" + FS + b"C\x01" + FS + b"&"  # Katakana page for single bytes, Shift_JIS, Kanji mode on
KANJI_OFF = FS + b"."
BOLD_ON, BOLD_OFF = ESC + b"E\x01", ESC + b"E\x00"
DOUBLE_ON = GS + b"!\x11" + FS + b"!\x0c"
DOUBLE_OFF = GS + b"!\x00" + FS + b"!\x00"
ALIGN = {"left": ESC + b"a\x00", "center": ESC + b"a\x01", "right": ESC + b"a\x02"}
CUT = ESC + b"d\x04" + GS + b"V\x42\x00"
DRAWER_KICK = ESC + b"p\x00\x19\xfa"
DOTS = {42: 512, 48: 576}  # printable width in dots at 203 dpi


def encoding_for(receipt: Receipt) -> str:
    return "cp932" if language(receipt) == "ja" else "cp858"


# What the printer's code page lacks, as the nearest thing it has: Shift_JIS (cp932) has no
# U+00A5 "¥" (its 0x5C is a backslash in cp932), so a promotion named "¥3,000引き" printed
# "?3,000引き"; the full-width yen is in it (0x81 0x8F). PC858 lacks the full-width forms, which
# NFKC folds to what it has (￥ → ¥, ０ → 0).
SUBSTITUTES = {"cp932": {"¥": "￥", "−": "－", "‐": "－", "–": "－", "—": "―", "\u00a0": " ", "\u202f": " "}}


def printable(text: str, encoding: str) -> str:
    """`text` with each character the printer's `encoding` lacks replaced by its substitute,
    else its NFKC form, else "?". Applied before the layout's widths are counted (￥ is two
    columns where ¥ was one), so padded lines stay within the paper's columns."""
    try:
        text.encode(encoding)
        return text
    except UnicodeEncodeError:
        pass
    subs = SUBSTITUTES.get(encoding, {})
    out: list[str] = []
    for ch in text:
        for candidate in (ch, subs.get(ch, ""), unicodedata.normalize("NFKC", ch)):
            if not candidate:
                continue
            try:
                candidate.encode(encoding)
            except UnicodeEncodeError:
                continue
            out.append(candidate)
            break
        else:
            out.append("?")
    return "".join(out)


def encode_text(text: str, encoding: str) -> bytes:
    """`text` in the printer's `encoding` (see `printable`; never an exception: a receipt always prints)."""
    return printable(text, encoding).encode(encoding, errors="replace")


def qr_raster(data: str, module: int = 6, max_width: int = 576) -> bytes:
    """``GS v 0`` raster of a QR code: ``module`` dots per module, a quiet zone of 4 modules."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4)
    qr.add_data(data)
    qr.make(fit=True)
    matrix: list[list[bool]] = qr.get_matrix()
    size = len(matrix)
    while module > 1 and size * module > max_width:
        module -= 1
    width = size * module
    row_bytes = (width + 7) // 8
    body = bytearray()
    for row in matrix:
        bits = bytearray(row_bytes)
        for x, dark in enumerate(row):
            if dark:
                for dx in range(module):
                    px = x * module + dx
                    bits[px >> 3] |= 0x80 >> (px & 7)
        body += bytes(bits) * module
    height = size * module
    head = GS + b"v0\x00" + bytes([row_bytes & 0xFF, row_bytes >> 8, height & 0xFF, height >> 8])
    return head + bytes(body)


def _printable(el: Text | Pair, enc: str) -> Text | Pair:
    if isinstance(el, Text):
        return replace(el, text=printable(el.text, enc))
    return replace(el, left=printable(el.left, enc), right=printable(el.right, enc))


def render_escpos(
    receipt: Receipt, *, columns: int = 48, open_drawer: bool = False, cut: bool = True, qr_module: int = 6
) -> bytes:
    enc = encoding_for(receipt)

    def t(text: str) -> bytes:
        return encode_text(text, enc)

    out = bytearray(INIT)
    out += KANJI if enc == "cp932" else LATIN
    if open_drawer:
        out += DRAWER_KICK  # first, so the drawer opens while the receipt prints
    for el in layout(receipt):
        if isinstance(el, Text | Pair):
            el = _printable(el, enc)
        if isinstance(el, Text):
            width = columns // 2 if el.double else columns
            out += ALIGN[el.align]
            out += (BOLD_ON if el.bold else b"") + (DOUBLE_ON if el.double else b"")
            for part in wrap(el.text, width):
                out += t(part) + LF
            out += (DOUBLE_OFF if el.double else b"") + (BOLD_OFF if el.bold else b"")
            out += ALIGN["left"]
        elif isinstance(el, Pair):
            width = columns // 2 if el.double else columns
            out += (BOLD_ON if el.bold else b"") + (DOUBLE_ON if el.double else b"")
            for part in pad_pair(el.left, el.right, width):
                out += t(part) + LF
            out += (DOUBLE_OFF if el.double else b"") + (BOLD_OFF if el.bold else b"")
        elif isinstance(el, Rule):
            out += t(el.char * columns) + LF
        elif isinstance(el, Qr):
            out += ALIGN["center"] + qr_raster(el.data, qr_module, DOTS.get(columns, 576)) + LF
            if el.caption:
                out += t(clip(el.caption, columns)) + LF
            out += ALIGN["left"]
    if enc == "cp932":
        out += KANJI_OFF
    if cut:
        out += CUT
    return bytes(out)


__all__ = ["CUT", "DRAWER_KICK", "cols", "encode_text", "encoding_for", "printable", "qr_raster", "render_escpos"]
