"""catalog wire rows without names: back to 12 columns, names in their own stream

The names per language moved from every catalog row (columns 12 and 13 of a 14-column wire row)
to the `names` stream, built from styles.names / variants.colour_names (filled by 0003). The
materialised wire rows are cut to their first 12 columns with their hashes, and when any was, a
new epoch makes every device download its streams again (its rows and its position in the
change log are of the old shape). An index on variants (colour, colour_names) lets the names
stream list the colours with a probe each.

Revision ID: 0005c
Revises: 0004
Create Date: 2026-12-01 22:40:00
"""

import uuid
import zlib

import orjson
import sqlalchemy as sa
from alembic import op

revision = "0005c"
down_revision = "0004"
branch_labels = None
depends_on = None

# The catalog row of sync.protocol at this revision (a migration must not follow the module).
COLUMNS, OLD_COLUMNS = 12, 14
BATCH = 5000


def upgrade() -> None:
    # The names stream's colours: a probe per colour along this index, not a scan of the variants.
    op.create_index("ix_variants_colour", "variants", ["colour", "colour_names"])
    conn = op.get_bind()
    last, rewritten = 0, 0
    while True:
        rows = conn.execute(
            sa.text("SELECT id, wire_row FROM variants WHERE id > :last ORDER BY id LIMIT :n"),
            {"last": last, "n": BATCH},
        ).all()
        if not rows:
            break
        last = rows[-1][0]
        updates = []
        for vid, wire in rows:
            if not wire:
                continue
            row = orjson.loads(wire)
            if len(row) != OLD_COLUMNS:
                continue
            cut = orjson.dumps(row[:COLUMNS])
            updates.append({"id": vid, "w": cut.decode(), "h": zlib.crc32(cut)})
        if updates:
            conn.execute(sa.text("UPDATE variants SET wire_row = :w, row_hash = :h WHERE id = :id"), updates)
            rewritten += len(updates)
    if rewritten:
        conn.execute(sa.text("UPDATE meta SET value = :e WHERE key = 'epoch'"), {"e": str(uuid.uuid4())})


def downgrade() -> None:
    """The names stay in their columns; 14-column rows are not rebuilt (a reseed or an upgrade
    again gives the current shape)."""
    op.drop_index("ix_variants_colour", table_name="variants")
