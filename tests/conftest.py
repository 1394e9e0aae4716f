from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("AISLE_LANGUAGE", "en")  # the tests read English; tests/ui/test_languages.py unpins it

from central.cli import issue_enroll_code
from central.db import Database, migrate
from central.seed import seed
from tests.support.keyring_backend import MemoryKeyring
from tests.support.servers import run_central

DEMO_PRODUCTS = 3000


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    kr = MemoryKeyring()
    keyring.set_keyring(kr)
    yield kr
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def seeded_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded central SQLite file, made once; tests copy it."""
    path = tmp_path_factory.mktemp("central") / "template.db"
    db = Database(f"sqlite:///{path}")
    migrate(db.engine)
    seed(db, products=DEMO_PRODUCTS, stores=4, seed=7)
    with db.engine.connect() as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture
def central_db(seeded_template: Path, tmp_path: Path) -> Iterator[Database]:
    target = tmp_path / "central.db"
    target.write_bytes(seeded_template.read_bytes())
    db = Database(f"sqlite:///{target}")
    migrate(db.engine)
    yield db
    db.dispose()


@pytest.fixture
def central_url(central_db: Database) -> Iterator[str]:
    with run_central(central_db) as url:
        yield url


@pytest.fixture
def enroll_code(central_db: Database):  # type: ignore[no-untyped-def]
    def make(store: str = "TKY01", minutes: int = 60) -> str:
        return issue_enroll_code(central_db, store, minutes)

    return make


@pytest.fixture
def enrolled(central_url: str, enroll_code, memory_keyring, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """A data directory enrolled with TKY01 (token in the test keyring), not yet synced."""
    from pos_app.local.store import LocalStore
    from pos_app.services.enrollment import enroll

    data = tmp_path / "tablet"
    store = LocalStore(data)
    enroll(store, central_url, enroll_code("TKY01"), "test tablet")
    store.close()
    return data


@pytest.fixture
def device(enrolled: Path):  # type: ignore[no-untyped-def]
    """An enrolled and bootstrapped device."""
    from pos_app.services.app import Device

    dev = Device(enrolled, keepalive_seconds=1.0, poll_seconds=2.0)
    status = dev.engine.sync_once()
    assert status.online and dev.bootstrapped(), status.message
    yield dev
    dev.close()
