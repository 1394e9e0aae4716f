"""Plain text receipts (logs, the CLI, tests): the layout drawn in a fixed number of columns."""

from __future__ import annotations

from sync.receipts.layout import Pair, Qr, Rule, Text, clip, cols, layout, pad_pair, wrap
from sync.receipts.model import Receipt


def align(text: str, width: int, how: str) -> str:
    gap = max(width - cols(text), 0)
    if how == "center":
        return " " * (gap // 2) + text
    if how == "right":
        return " " * gap + text
    return text


def render_text(receipt: Receipt, columns: int = 42) -> str:
    out: list[str] = []
    for el in layout(receipt):
        if isinstance(el, Text):
            out.extend(align(part, columns, el.align) for part in wrap(el.text, columns))
        elif isinstance(el, Pair):
            out.extend(pad_pair(el.left, el.right, columns))
        elif isinstance(el, Rule):
            out.append(el.char * columns)
        elif isinstance(el, Qr):
            out.append(align("[QR]", columns, "center"))
            if el.caption:
                out.append(align(clip(el.caption, columns), columns, "center"))
            out.append(el.data)
    return "\n".join(line.rstrip() for line in out) + "\n"
