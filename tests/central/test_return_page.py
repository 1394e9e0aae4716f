"""The customer's online return form in a real headless chromium, driven over the DevTools
protocol on a pipe (`--remote-debugging-pipe`: no driver, no download): the form lists what can
come back, the customer picks a quantity, a reason and submits; the page shows the signed return
QR (decoded from a screenshot the browser took) that a till verifies offline, and the e-mail
with it is in the outbox. A quantity above what is left is refused on the page in one sentence."""

from __future__ import annotations

import base64
import contextlib
import io
import json
import os
import subprocess
import tempfile
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from central.db import Database
from central.models import MailMessage, ReturnAuthorization
from sync.receipts.code import public_key_from_text
from sync.return_code import verify_return_code
from tests.central.helpers import enrol, snapshot, stocked_variant
from tests.central.test_sales import push, sale_op
from tests.support.browser import chromium
from tests.support.servers import run_central


class Browser:
    """Chromium with the DevTools protocol on fds 3 (in) and 4 (out), NUL-delimited JSON."""

    def __init__(self) -> None:
        self.profile = tempfile.TemporaryDirectory(prefix="chromium-")
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()
        # the child reads commands on fd 3 and writes answers on fd 4
        os.set_inheritable(to_chrome_r, True)
        os.set_inheritable(from_chrome_w, True)

        def fds() -> None:  # in the child: high copies first, so 3 and 4 never overwrite each other
            a, b = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        self.proc = subprocess.Popen(
            [chromium(), "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-dev-shm-usage", "--hide-scrollbars", f"--user-data-dir={self.profile.name}",
             "--remote-debugging-pipe", "--window-size=390,1200", "about:blank"],
            preexec_fn=fds, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buf = b""
        self._id = 0
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self.session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        self.call("Page.enable", session=True)
        self.call("Runtime.enable", session=True)

    def _read(self, timeout: float = 30) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        while b"\0" not in self._buf:
            if time.monotonic() > deadline:
                raise TimeoutError("chromium did not answer")
            chunk = os.read(self._from_chrome, 65536)
            if not chunk:
                raise RuntimeError("chromium closed its pipe")
            self._buf += chunk
        msg, self._buf = self._buf.split(b"\0", 1)
        return dict(json.loads(msg))

    def call(self, method: str, session: bool = False, **params: Any) -> dict[str, Any]:
        self._id += 1
        msg: dict[str, Any] = {"id": self._id, "method": method, "params": params}
        if session:
            msg["sessionId"] = self.session
        os.write(self._to_chrome, json.dumps(msg).encode() + b"\0")
        while True:
            got = self._read()
            if got.get("id") == self._id:
                if "error" in got:
                    raise RuntimeError(f"{method}: {got['error']}")
                return dict(got.get("result", {}))

    def js(self, expression: str) -> Any:
        out = self.call("Runtime.evaluate", session=True, expression=expression, returnByValue=True, awaitPromise=True)
        return out.get("result", {}).get("value")

    def wait(self, expression: str, timeout: float = 20) -> Any:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                value = self.js(expression)
            except RuntimeError:
                value = None  # between two documents
            if value:
                return value
            time.sleep(0.1)
        raise TimeoutError(expression)

    def open(self, url: str) -> None:
        self.call("Page.navigate", session=True, url=url)
        self.wait(f"location.href === {json.dumps(url)} && document.readyState === 'complete'")

    def png(self) -> bytes:
        return base64.b64decode(self.call("Page.captureScreenshot", session=True, format="png")["data"])

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, OSError, TimeoutError):
            self.call("Browser.close")
        self.proc.wait(10)
        os.close(self._to_chrome)
        os.close(self._from_chrome)
        self.profile.cleanup()


@pytest.fixture
def browser() -> Iterator[Browser]:
    b = Browser()
    yield b
    b.close()


def qr_in(png: bytes) -> str | None:
    import zxingcpp
    from PIL import Image

    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(png)))
    return next((r.text for r in found if r.format == zxingcpp.BarcodeFormat.QRCode), None)


@pytest.mark.parametrize("make_database", ["sqlite"], indirect=True)
def test_the_customer_starts_a_return_online_and_gets_the_signed_qr(
    api: TestClient, backend: Database, browser: Browser
) -> None:
    till = enrol(api, backend, "TKY01")
    vid, _sku, _n = stocked_variant(backend, till.store_id)
    op = sale_op(backend, till.store_id, vid, 3)
    assert push(api, till, op)[0]["status"] == "applied"
    sale_id = op["payload"]["sale_id"]
    with run_central(backend) as url:
        browser.open(f"{url}/r/{sale_id}")  # the e-receipt page links to the form
        assert browser.wait("document.querySelector('#start-return') !== null")
        browser.js("document.querySelector('#start-return').click()")
        form = f"{url}/r/{sale_id}/return"
        browser.wait(f"location.href === {json.dumps(form)} && document.readyState === 'complete'")
        assert browser.js("document.documentElement.lang") == "ja"  # a Tokyo sale: the store's language
        assert browser.js("document.querySelectorAll('#q-1 option').length") == 4  # 0..3
        # more than is left (another tab, or a tampered form): the page says so in one sentence
        browser.js("const o = document.createElement('option'); o.value = '5'; document.querySelector('#q-1').add(o)")
        browser.js("document.querySelector('#q-1').value = '5'; document.querySelector('#send').click()")
        browser.wait("document.querySelector('#error') !== null")
        assert browser.js("document.querySelector('#error').textContent").startswith("Only 3 of ")
        browser.js("document.querySelector('#q-1').value = '2'")
        browser.js("document.querySelector('#reason').value = 'fit'")
        browser.js("document.querySelector('#email').value = 'hana@example.jp'")
        browser.js("document.querySelector('#send').click()")
        browser.wait("document.querySelector('#return-qr') !== null")
        code = browser.js("document.querySelector('#return-qr').alt")
        shown = qr_in(browser.png())
    assert shown == code and code.startswith("aisle:t1:")
    keys = {row[0]: public_key_from_text(row[2]) for row in snapshot(api, till.headers, "central_keys").rows}
    claim = verify_return_code(code, keys, currency="JPY", now=time.time())
    assert claim.sale_id == sale_id and [x.quantity for x in claim.lines] == [2] and claim.reason == "fit"
    with backend.session() as s:
        auth = s.scalars(select(ReturnAuthorization)).one()
        assert auth.source == "web" and auth.code == code
        mail = s.scalars(select(MailMessage).where(MailMessage.kind == "return.instructions")).one()
        assert mail.to == "hana@example.jp" and mail.language == "ja"
    view = api.get(f"/v1/returns/sales/{sale_id}", headers=till.headers).json()
    assert view["lines"][0]["open"] == 1  # two units are held by the authorization
