"""Central's schema: Alembic migrations build exactly the tables the models describe, on both
backends, and running them again changes nothing."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select

from central.db import Database, get_epoch, migrate
from central.models import Base, Meta, Variant
from central.seed import DELIVERY_OPTIONS, seed
from tests.central.conftest import PRODUCTS, DatabaseFactory


def test_migrations_match_the_models_and_are_idempotent(make_database: DatabaseFactory) -> None:
    db = make_database(seeded=False)
    assert set(inspect(db.engine).get_table_names()) == set(Base.metadata.tables) | {"alembic_version"}
    with db.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "render_as_batch": conn.dialect.name == "sqlite"}
        )
        assert compare_metadata(context, Base.metadata) == []
    with db.session() as s:
        epoch = get_epoch(s)
    migrate(db.engine)
    with db.session() as s:
        assert get_epoch(s) == epoch  # a second migrate keeps the epoch: devices keep their cursors
        assert sorted(s.scalars(select(Meta.key)).all()) == ["epoch", "pin_key"]


def test_seeding_twice_needs_reset_and_a_reset_is_a_new_epoch(backend: Database) -> None:
    with backend.session() as s:
        epoch = get_epoch(s)
        variants = len(s.scalars(select(Variant.id)).all())
    assert variants == PRODUCTS + len(DELIVERY_OPTIONS)  # and the delivery fee SKUs
    with pytest.raises(RuntimeError, match="already holds a catalog"):
        seed(backend, products=10, stores=2, seed=1)
    summary = seed(backend, products=10, stores=2, seed=1, reset=True)
    assert summary.variants == 10
    with backend.session() as s:
        assert get_epoch(s) != epoch  # every device resyncs
        assert len(s.scalars(select(Variant.id)).all()) == 10 + len(DELIVERY_OPTIONS)
