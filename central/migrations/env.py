"""Alembic environment: the engine comes from central.db (never from an ini file)."""

from __future__ import annotations

from alembic import context

from central.models import Base

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # `alembic` CLI use: AISLE_DATABASE_URL or the default
    from central.config import Settings
    from central.db import make_engine

    engine = make_engine(Settings().database_url)

with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
