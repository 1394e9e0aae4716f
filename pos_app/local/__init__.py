"""The tablet's offline cache: SQLite (WAL) through SQLAlchemy, plus the outbox and journal."""
