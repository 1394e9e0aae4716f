"""names per language in columns: styles.names, variants.colour_names

Until now the names per language lived only inside the materialised catalog wire row
(variants.wire_row, columns 12 and 13), so a rewrite had to fish them out of it and a colour
rename lost them. Existing databases are backfilled from their wire rows.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01 21:45:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Positions of `names` and `colour_names` in a catalog wire row of 14 columns (sync.protocol
# at the time of this revision; a migration must not follow later changes of the module).
NAMES_AT, COLOUR_NAMES_AT, COLUMNS = 12, 13, 14


def _element(dialect: str, column: str, at: int) -> str:
    if dialect == "postgresql":
        return f"({column}::jsonb ->> {at})"
    return f"json_extract({column}, '$[{at}]')"


def _is_row(dialect: str, column: str) -> str:
    if dialect == "postgresql":
        return f"({column} <> '' AND jsonb_array_length({column}::jsonb) = {COLUMNS})"
    return f"({column} <> '' AND json_array_length({column}) = {COLUMNS})"


def upgrade() -> None:
    with op.batch_alter_table("styles", schema=None) as batch_op:
        batch_op.add_column(sa.Column("names", sa.Text(), server_default="{}", nullable=False))
    with op.batch_alter_table("variants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("colour_names", sa.Text(), server_default="{}", nullable=False))

    dialect = op.get_bind().dialect.name
    row = _is_row(dialect, "wire_row")
    op.execute(f"UPDATE variants SET colour_names = {_element(dialect, 'wire_row', COLOUR_NAMES_AT)} WHERE {row}")
    v_row = _is_row(dialect, "v.wire_row")
    op.execute(
        f"UPDATE styles SET names = COALESCE((SELECT {_element(dialect, 'v.wire_row', NAMES_AT)} FROM variants v"
        f" WHERE v.style_id = styles.id AND {v_row} ORDER BY v.id LIMIT 1), '{{}}')"
    )


def downgrade() -> None:
    with op.batch_alter_table("variants", schema=None) as batch_op:
        batch_op.drop_column("colour_names")
    with op.batch_alter_table("styles", schema=None) as batch_op:
        batch_op.drop_column("names")
