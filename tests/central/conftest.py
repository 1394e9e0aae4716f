"""Central tests run against SQLite and a real PostgreSQL the suite starts itself."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from central.app import create_app
from central.config import Settings
from central.db import Database, migrate
from central.models import ChannelClient, Location
from central.security import digest
from central.seed import seed
from tests.support.pg import postgres_cluster

_names = itertools.count()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    with postgres_cluster() as url:
        yield url


def _fresh_pg(server_url: str) -> str:
    name = f"central_{next(_names)}"
    plain = server_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain, autocommit=True) as con:
        con.execute(f"CREATE DATABASE {name}")
    return server_url.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """A migrated, seeded central database on each backend."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'central.db'}"
    else:
        url = _fresh_pg(request.getfixturevalue("pg_server"))
    db = Database(url)
    migrate(db.engine)
    seed(db, products=600, stores=4, seed=3)
    yield db
    db.dispose()


@pytest.fixture
def api(backend: Database) -> Iterator[TestClient]:
    settings = Settings(database_url=backend.url, keepalive_seconds=0.5, change_watch_seconds=0.2)
    with TestClient(create_app(settings, backend)) as client:
        yield client


def enrol(api: TestClient, db: Database, store: str = "TKY01") -> dict[str, str]:
    from central.cli import issue_enroll_code

    code = issue_enroll_code(db, store, 10)
    r = api.post("/v1/enroll", json={"code": code, "device_name": "t"})
    assert r.status_code == 201, r.text
    body = r.json()
    return {
        "Authorization": f"Bearer {body['token']}",
        "device_id": body["device_id"],
        "store_id": str(body["store_id"]),
    }


def auth(headers: dict[str, str]) -> dict[str, str]:
    return {"Authorization": headers["Authorization"]}


def channel_token(db: Database, name: str = "webshop") -> dict[str, str]:
    with db.transaction() as s:
        s.add(ChannelClient(name=name, token_hash=digest(f"tok-{name}")))
    return {"Authorization": f"Bearer tok-{name}"}


def location_id(db: Database, code: str) -> int:
    with db.session() as s:
        value = s.scalar(select(Location.id).where(Location.code == code))
    assert value is not None
    return value
