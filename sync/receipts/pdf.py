"""PDF receipts (e-mail attachments from central, "save as PDF" on the tablet) with fpdf2.

An 80 mm wide page as tall as the receipt, the same elements as the printed one. fpdf2 embeds
a subset of an OpenType font, CFF outlines and .ttc collections included, so Japanese is drawn
with Noto Sans CJK JP (Debian's fonts-noto-cjk, installed by scripts/system-deps.sh) and the
rest with DejaVu Sans (or Noto CJK, which covers Latin too). No font, no PDF: it says which.
"""

from __future__ import annotations

import math
import os
import shutil
import subprocess
from dataclasses import dataclass
from typing import Any

import qrcode

from sync.receipts.layout import Pair, Qr, Rule, Text, cols, language, layout
from sync.receipts.model import Receipt, ReceiptError

CJK_DIRS = ("/usr/share/fonts/opentype/noto", "/usr/share/fonts/noto-cjk", "/usr/local/share/fonts")
LATIN_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")


@dataclass(frozen=True, slots=True)
class FontFiles:
    regular: str
    bold: str
    index: int = 0  # the face in a .ttc collection


def _fc_match(pattern: str) -> tuple[str, int] | None:
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    try:
        res = subprocess.run([exe, "-f", "%{file}\t%{index}", pattern], capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return None
    file, _, index = res.stdout.partition("\t")
    return (file, int(index or 0)) if file and os.path.exists(file) else None


def find_fonts(lang: str) -> FontFiles:
    if lang == "ja":
        for d in CJK_DIRS:
            reg, bold = os.path.join(d, "NotoSansCJK-Regular.ttc"), os.path.join(d, "NotoSansCJK-Bold.ttc")
            if os.path.exists(reg):
                return FontFiles(reg, bold if os.path.exists(bold) else reg, 0)  # face 0: JP
        hit = _fc_match("Noto Sans CJK JP:lang=ja")
        if hit and hit[0].endswith((".ttc", ".otf", ".ttf")) and "CJK" in hit[0]:
            return FontFiles(hit[0], hit[0], hit[1])
        raise ReceiptError("receipt.pdf_font", "A Japanese PDF receipt needs the Noto Sans CJK font (fonts-noto-cjk).")
    for d in LATIN_DIRS:
        reg, bold = os.path.join(d, "DejaVuSans.ttf"), os.path.join(d, "DejaVuSans-Bold.ttf")
        if os.path.exists(reg):
            return FontFiles(reg, bold if os.path.exists(bold) else reg)
    try:
        return find_fonts("ja")
    except ReceiptError:
        raise ReceiptError("receipt.pdf_font", "A PDF receipt needs DejaVu Sans or Noto Sans CJK.") from None


WIDTH_MM, MARGIN_MM, LINE_MM, QR_MM = 80.0, 4.0, 4.2, 36.0


def _draw(receipt: Receipt, fonts: FontFiles, height: float) -> tuple[Any, float]:
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format=(WIDTH_MM, height))
    pdf.set_auto_page_break(False)
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_creator("Aisle")
    pdf.set_title(f"{receipt.store.name} {receipt.sale.number}")
    pdf.add_font("receipt", "", fonts.regular, collection_font_number=fonts.index)
    pdf.add_font("receipt", "B", fonts.bold, collection_font_number=fonts.index)
    pdf.add_page()
    w = WIDTH_MM - 2 * MARGIN_MM
    for el in layout(receipt):
        if isinstance(el, Text | Pair):
            size = 13.0 if el.double else 8.5
            pdf.set_font("receipt", "B" if el.bold else "", size)
            lh = LINE_MM * (1.6 if el.double else 1)
        if isinstance(el, Text):
            pdf.multi_cell(w, lh, el.text, align={"left": "L", "center": "C", "right": "R"}[el.align])
        elif isinstance(el, Pair):
            right_w = pdf.get_string_width(el.right) + 1
            y = pdf.get_y()
            pdf.set_xy(MARGIN_MM + w - right_w, y)
            pdf.cell(right_w, lh, el.right, align="R")
            pdf.set_xy(MARGIN_MM, y)
            pdf.multi_cell(w - right_w - 1, lh, el.left, align="L")
        elif isinstance(el, Rule):
            y = pdf.get_y() + LINE_MM / 2
            pdf.line(MARGIN_MM, y, MARGIN_MM + w, y)
            pdf.set_y(y + LINE_MM / 2)
        elif isinstance(el, Qr):
            img = qrcode.make(el.data, border=2).get_image()
            pdf.image(img, x=(WIDTH_MM - QR_MM) / 2, y=pdf.get_y(), w=QR_MM, h=QR_MM)
            pdf.set_y(pdf.get_y() + QR_MM)
            if el.caption:
                pdf.set_font("receipt", "", 7.5)
                pdf.multi_cell(w, LINE_MM, el.caption, align="C")
    return pdf, pdf.get_y() + MARGIN_MM


def _close(pdf: Any) -> None:
    """fpdf2 leaves fontTools' font files open; close them (no ResourceWarning, no fd leak)."""
    for font in pdf.fonts.values():
        tt = getattr(font, "ttfont", None)
        if tt is not None:
            tt.close()


def estimate_height(receipt: Receipt) -> float:
    """A generous page height from the layout (wide characters 1 em, others 0.6 em), so one
    pass usually suffices; a receipt that runs past it is drawn again at its measured height."""
    w = WIDTH_MM - 2 * MARGIN_MM
    h = 2 * MARGIN_MM
    for el in layout(receipt):
        if isinstance(el, Text | Pair):
            size = 13.0 if el.double else 8.5
            em = size * 0.3528  # pt -> mm
            text = el.text if isinstance(el, Text) else f"{el.left}  {el.right}"
            lines = max(1, math.ceil(cols(text) * 0.6 * em / w))
            h += lines * LINE_MM * (1.6 if el.double else 1)
        elif isinstance(el, Rule):
            h += LINE_MM
        elif isinstance(el, Qr):
            h += QR_MM + 2 * LINE_MM
    return h + LINE_MM


def render_pdf(receipt: Receipt) -> bytes:
    fonts = find_fonts(language(receipt))
    height = max(estimate_height(receipt), 60.0)
    pdf, used = _draw(receipt, fonts, height)
    if used > height:
        _close(pdf)
        pdf, _ = _draw(receipt, fonts, used)
    try:
        return bytes(pdf.output())
    finally:
        _close(pdf)
