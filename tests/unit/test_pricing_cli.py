"""`pos-app price FILE.json`, run as a process on the example files of docs/pricing.md."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "sync" / "pricing" / "examples"


def run(*args: str, tmp: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "POS_APP_DATA_DIR": str(tmp / "data")}
    return subprocess.run(
        [sys.executable, "-m", "pos_app.cli", "--data-dir", str(tmp / "data"), "price", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        cwd=ROOT,
    )


def priced(name: str, tmp: Path) -> dict[str, Any]:
    p = run(str(EXAMPLES / name), tmp=tmp)
    assert p.returncode == 0, p.stderr
    out: dict[str, Any] = json.loads(p.stdout)
    return out


def test_tokyo_receipt_rounded_once_per_rate(tmp_path: Path) -> None:
    d = priced("tokyo.json", tmp_path)
    assert d["currency"] == "JPY" and d["exponent"] == 0 and d["at"] == "2026-12-01T18:30:00+09:00"
    taxes = {t["rate"]: (t["net"], t["tax"], t["gross"]) for t in d["taxes"]}
    assert taxes == {"8": (323, 25, 348), "10": (2298, 229, 2527)}  # floor(348*8/108), floor(2527*10/110)
    assert d["totals"]["total"] == 2875 and d["payment"]["change"] == 2125
    assert {p["id"] for p in d["promotions"]} == {"FOOD-10", "SOCKS-3FOR2", "WINTER-300"}
    assert {"subject": "AUTUMN", "reason": "promotion.ended"} in d["not_applied"]
    assert {"code": "NOSUCH", "accepted": False, "reason": "coupon.unknown"} in d["coupons"]
    assert d["lines"][0]["source"] == {"kind": "group", "list": "members-JPY"}


def test_berlin_receipt_per_line_19_and_7(tmp_path: Path) -> None:
    d = priced("berlin.json", tmp_path)
    taxes = {t["rate"]: (t["net"], t["tax"], t["gross"]) for t in d["taxes"]}
    assert taxes == {"7": (2263, 158, 2421), "19": (11740, 2231, 13971)}
    assert d["totals"]["total"] == 16392 and d["payment"]["cash_due"] == 6392
    assert d["lines"][1]["source"] == {"kind": "store", "list": "BER1-override"}


def test_zurich_cash_rounding_on_cash_part_and_us_tax_added(tmp_path: Path) -> None:
    z = priced("zurich.json", tmp_path)
    assert (z["totals"]["total"], z["payment"]["cash_due"], z["payment"]["cash_rounding"]) == (4656, 2655, -1)
    us = priced("newyork.json", tmp_path)
    assert us["tax_mode"] == "added" and us["totals"]["total"] == us["totals"]["net"] + us["totals"]["tax"]
    assert us["payment"]["complete"] is False and us["payment"]["still_due"] > 0


def test_compact_output_is_canonical(tmp_path: Path) -> None:
    p = run("--compact", str(EXAMPLES / "tokyo.json"), tmp=tmp_path)
    assert p.returncode == 0
    line = p.stdout.strip()
    assert (
        "\n" not in line
        and json.dumps(json.loads(line), sort_keys=True, separators=(",", ":"), ensure_ascii=False) == line
    )


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        (lambda d: d["lines"][0].update(quantity=0), "quantity is 0"),
        (lambda d: d["lines"][0].update(quantity=-2), "negative"),
        (lambda d: d["lines"][0].update(quantity=100000), "check the quantity"),
        (lambda d: d["lines"][0].update(discount={"kind": "percent", "value": "120", "reason": "x"}), "100 %"),
        (lambda d: d["lines"][0].update(colour="red"), "unknown field 'colour'"),
        (lambda d: d["store"].update(tax_mode="sometimes"), "not one of"),
        (lambda d: d.update(tenders=[{"type": "card", "amount": 99999}]), "change is only given from cash"),
    ],
)
def test_bad_input_exits_2_with_a_message(tmp_path: Path, change: Any, needle: str) -> None:
    d = json.loads((EXAMPLES / "tokyo.json").read_text())
    change(d)
    f = tmp_path / "bad.json"
    f.write_text(json.dumps(d))
    p = run(str(f), tmp=tmp_path)
    assert p.returncode == 2 and needle in p.stderr and "Traceback" not in p.stderr, p.stderr
    assert p.stdout == ""


def test_not_json_and_floats_exit_2(tmp_path: Path) -> None:
    f = tmp_path / "x.json"
    f.write_text('{"store": ')
    p = run(str(f), tmp=tmp_path)
    assert p.returncode == 2 and "not JSON" in p.stderr
    f.write_text('{"lines": [{"unit_price": 12.5}]}')
    p = run(str(f), tmp=tmp_path)
    assert p.returncode == 2 and "JSON float" in p.stderr
    p = run(str(tmp_path / "missing.json"), tmp=tmp_path)
    assert p.returncode == 2 and "cannot read" in p.stderr
