"""card limits: the store-and-forward caps of each store (the `card_limits` stream); merges the
pickups and shift-report heads. No rows: until head office sets them (`central card-limits`) no
store takes card payments while its terminal is offline.

Revision ID: 0009
Revises: 0008p, 0008s
Create Date: 2026-12-03 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = ("0008p", "0008s")
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "card_limits",
        sa.Column("store_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("per_sale", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("total", sa.BigInteger(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["store_id"], ["locations.id"], name=op.f("fk_card_limits_store_id_locations")),
        sa.PrimaryKeyConstraint("store_id", name=op.f("pk_card_limits")),
    )


def downgrade() -> None:
    op.drop_table("card_limits")
