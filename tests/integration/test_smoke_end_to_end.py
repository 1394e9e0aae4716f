from __future__ import annotations

from pathlib import Path

from pos_app.services.app import Device
from pos_app.services.enrollment import enroll


def test_enrol_bootstrap_search_and_price(central_url, enroll_code, memory_keyring, tmp_path: Path) -> None:
    from pos_app.local.store import LocalStore

    data = tmp_path / "tablet"
    store = LocalStore(data)
    assert enroll(store, central_url, enroll_code("TKY01"), "till 1") == "Aisle Shibuya"
    store.close()
    device = Device(data)
    status = device.engine.sync_once()
    assert status.online is True, status.message
    assert device.bootstrapped()
    hits = device.lookup.search("sneak")
    assert hits and all("sneak" in (h.name + h.category).lower() for h in hits)
    view = device.lookup.product(hits[0].code)
    assert view is not None
    assert view.price is not None and view.price.currency == "JPY"
    assert view.price_text.startswith("￥")
    device.close()
