"""The customer's e-receipt page at /r/{sale_id}, read by a real headless browser (chromium):
the receipt in the store's language once the sale is at central, its PDF, a self-reloading
"on its way" page before, and nothing for a made-up id."""

from __future__ import annotations

import uuid

import httpx
from fastapi.testclient import TestClient

from central.db import Database
from tests.central.helpers import enrol, location_id, stocked_variant
from tests.central.test_sales import push, sale_op
from tests.support.browser import dump_dom
from tests.support.servers import run_central


def test_the_e_receipt_page_shows_the_receipt_in_the_stores_language(api: TestClient, backend: Database) -> None:
    device = enrol(api, backend, "TKY01")
    loc = location_id(backend, "TKY01")
    vid, _sku, _ = stocked_variant(backend, loc)
    op = sale_op(backend, loc, vid, qty=2)
    sale_id = str(op["payload"]["sale_id"])
    with run_central(backend) as url:
        before = httpx.get(f"{url}/r/{sale_id}")
        assert before.status_code == 404 and before.headers["retry-after"] == "15"
        dom = dump_dom(f"{url}/r/{sale_id}")
        assert "レシートを準備しています" in dom and "Your receipt is on its way" in dom
        assert push(api, device, op)[0]["status"] == "applied"
        dom = dump_dom(f"{url}/r/{sale_id}")
        assert '<html lang="ja">' in dom and op["payload"]["receipt_no"] in dom
        assert "合計" in dom and "登録番号" in dom  # the qualified invoice's lines
        total = op["payload"]["totals"]["total"]
        assert f"{total:,}" in dom
        pdf = httpx.get(f"{url}/r/{sale_id}/pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        assert pdf.headers["content-type"] == "application/pdf"
        assert httpx.get(f"{url}/r/{uuid.uuid4()}").status_code == 404
        assert httpx.get(f"{url}/r/not-a-sale").status_code == 422
