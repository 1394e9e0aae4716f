"""The high-contrast look meets WCAG AA, computed from the style sheets the app really sets (the
app's and every screen's own, through theme.style), and the text size scales every font size
(docs/accessibility.md)."""

from __future__ import annotations

import re

import pytest

from pos_app.ui import delivery_view, kiosk_view, orders_view, pickup_view, returns_view, theme

HC = theme.Look(100, True)
SHEETS = {
    "app": theme.QSS,
    "delivery": delivery_view.STYLE,
    "kiosk": kiosk_view.STYLE,
    "orders": orders_view.STYLE,
    "pickups": pickup_view.STYLE,
    "returns": returns_view.STYLE,
}
NAMED = {"white": "#FFFFFF", "black": "#000000"}
RULE = re.compile(r"([^{}]+)\{([^{}]*)\}")


def luminance(hex_: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def value(body: str, prop: str) -> str | None:
    m = re.search(rf"(?:^|[;\s]){prop}\s*:\s*([^;]+)", body)
    if not m:
        return None
    word = m.group(1).strip().split()[0]
    if word.lower() in NAMED:
        return NAMED[word.lower()]
    hexes = re.findall(r"#[0-9A-Fa-f]{6}", m.group(1))
    return hexes[0].upper() if hexes else None


def rules(qss: str) -> list[tuple[str, str]]:
    return [(sel.strip(), body) for sel, body in RULE.findall(qss)]


def backgrounds(qss: str) -> dict[str, str]:
    return {sel: bg for sel, body in rules(qss) if (bg := value(body, "background")) is not None}


def test_wcag_contrast_of_a_known_pair() -> None:
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)  # the classic AA grey


@pytest.mark.parametrize("name", list(SHEETS))
def test_high_contrast_text_reaches_aa_on_its_background(name: str) -> None:
    app_bgs = backgrounds(theme.style(theme.QSS, HC))
    sheet = theme.style(SHEETS[name], HC)
    own_bgs = backgrounds(sheet)
    page = app_bgs["QMainWindow, QDialog, #page"]
    assert page == "#FFFFFF"  # the page itself is white in high contrast
    poor = []
    for selector, body in rules(sheet):
        fg = value(body, "color")
        if fg is None or ":disabled" in selector:
            continue  # WCAG exempts inactive controls
        bg = value(body, "background")
        if bg is None:  # the background it sits on: its dark bar or page, else the light page
            context = next(
                (
                    b
                    for key, b in {
                        "#statusbar": app_bgs["#statusbar"],
                        "#customer": app_bgs["#customer"],
                        "kiosk": own_bgs.get("QWidget#kiosk", page),
                    }.items()
                    if key in selector
                ),
                page,
            )
            bg = context
        ratio = contrast(fg, bg)
        if ratio < 4.5:
            poor.append(f"{selector}: {fg} on {bg} is {ratio:.2f}:1")
    assert not poor, "\n".join(poor)


def test_high_contrast_borders_and_focus_ring_are_visible() -> None:
    sheet = theme.style(theme.QSS, HC)
    for selector, body in rules(sheet):
        border = value(body, "border-color") or value(body, "border")
        if border is None or ":disabled" in selector or "#statusbar" in selector or "pinOk" in selector:
            continue
        if any(k in selector for k in ("#primary", "#pay", "#quick", "#padOk", ":checked", "#card")):
            continue  # a filled button: its fill is the edge (checked below)
        assert contrast(border, "#FFFFFF") >= 3.0, (selector, border)
    assert "QFocusFrame { border: 3px solid #000000;" in sheet  # the keyboard's focus ring


def test_the_normal_look_is_unchanged_at_100_percent() -> None:
    assert theme.style(theme.QSS, theme.Look()).startswith(theme.QSS)


@pytest.mark.parametrize("size", theme.TEXT_SIZES)
def test_every_font_size_scales(size: int) -> None:
    look = theme.Look(size, False)
    for qss in SHEETS.values():
        before = [int(n) for n in re.findall(r"font-size:\s*(\d+)px", qss)]
        after = [int(n) for n in re.findall(r"font-size:\s*(\d+)px", theme.style(qss, look))]
        assert after == [round(n * size / 100) for n in before]
