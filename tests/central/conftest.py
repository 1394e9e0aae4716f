"""Central's tests run on SQLite and on a real PostgreSQL 15 the suite starts itself.

`backend` is parametrised over both: a fresh, migrated, seeded `central.db.Database` per test.
Seeding (scrypt PIN hashes, 1,500 variants) is done once per backend and session into a
template; each test gets a copy (a file copy on SQLite, `CREATE DATABASE ... TEMPLATE` on
PostgreSQL), so a test may write whatever it likes.
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from central.app import create_app
from central.config import Settings
from central.db import Database, migrate
from central.seed import seed
from tests.support.postgres import PostgresCluster, postgres_server, postgres_url

__all__ = ["postgres_server", "postgres_url"]  # session fixtures from tests.support.postgres

PRODUCTS, STORES, SEED = 1500, 4, 3
BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
PG_TEMPLATE = "central_template"

_names = itertools.count()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("central-template") / "central.db"
    db = Database(f"sqlite:///{path}")
    migrate(db.engine)
    seed(db, products=PRODUCTS, stores=STORES, seed=SEED)
    with db.engine.connect() as c:  # everything into the main file: a plain copy is then whole
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture(scope="session")
def pg_template(postgres_server: PostgresCluster) -> str:
    db = Database(postgres_server.create_database(PG_TEMPLATE))
    migrate(db.engine)
    seed(db, products=PRODUCTS, stores=STORES, seed=SEED)
    db.dispose()  # a template must have no connections when it is copied
    return PG_TEMPLATE


DatabaseFactory = Callable[..., Database]


@pytest.fixture(params=BACKENDS)
def make_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[DatabaseFactory]:
    """A factory of fresh migrated databases on this test's backend: seeded (a template copy)
    or empty (`seeded=False`). Everything it made is disposed and dropped after the test."""
    kind: str = request.param
    made: list[tuple[Database, PostgresCluster | None, str]] = []

    def make(*, seeded: bool = True) -> Database:
        n = next(_names)
        if kind == "sqlite":
            path = tmp_path / f"central-{n}.db"
            if seeded:
                shutil.copyfile(request.getfixturevalue("sqlite_template"), path)
            db, cluster = Database(f"sqlite:///{path}"), None
        else:
            cluster = request.getfixturevalue("postgres_server")
            template = request.getfixturevalue("pg_template") if seeded else None
            db = Database(cluster.create_database(f"central_{n}", template))
        made.append((db, cluster, f"central_{n}"))
        migrate(db.engine)  # a no-op on a copy of the migrated template, as on a deployed central
        return db

    yield make
    for db, cluster, name in made:
        db.dispose()
        if cluster is not None:
            cluster.drop_database(name)


@pytest.fixture
def backend(make_database: DatabaseFactory) -> Database:
    """A fresh migrated central database seeded with 1,500 variants over 4 stores, per test."""
    return make_database()


@pytest.fixture
def settings(backend: Database) -> Settings:
    return Settings(database_url=backend.url, keepalive_seconds=0.3, change_watch_seconds=0.2)


@pytest.fixture
def api(backend: Database, settings: Settings) -> Iterator[TestClient]:
    """The ASGI app in-process (lifespan running) on `backend`."""
    with TestClient(create_app(settings, backend)) as client:
        yield client


@pytest.fixture
def pg_backend(postgres_server: PostgresCluster, pg_template: str) -> Iterator[Database]:
    """PostgreSQL only (mark the test `postgres`): a fresh seeded database."""
    name = f"central_{next(_names)}"
    db = Database(postgres_server.create_database(name, pg_template))
    migrate(db.engine)
    yield db
    db.dispose()
    postgres_server.drop_database(name)
