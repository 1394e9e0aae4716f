"""click-and-collect and the endless aisle: the store rule for units of a paid pickup order not
found at picking (`locations.missing_rule`: refund | ship_missing; docs/pickups.md "Missing
lines"), and `refused_order_refunds` (a till paid back an order central refused:
order.refund_refused, docs/endless-aisle.md)

Revision ID: 0013p
Revises: 0012e
Create Date: 2026-12-02 06:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0013p"
down_revision = "0012e"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    with op.batch_alter_table("locations") as batch:
        batch.add_column(sa.Column("missing_rule", sa.String(length=16), server_default="refund", nullable=False))
    op.create_table(
        "refused_order_refunds",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("order_ref", sa.String(length=36), nullable=False),
        sa.Column("sale_id", sa.String(length=36), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("tender", sa.String(length=8), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["store_id"], ["locations.id"], name=op.f("fk_refused_order_refunds_store_id_locations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refused_order_refunds")),
        sa.UniqueConstraint("op_id", name=op.f("uq_refused_order_refunds_op_id")),
    )
    op.create_index(op.f("ix_refused_order_refunds_order_ref"), "refused_order_refunds", ["order_ref"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_refused_order_refunds_order_ref"), table_name="refused_order_refunds")
    op.drop_table("refused_order_refunds")
    with op.batch_alter_table("locations") as batch:
        batch.drop_column("missing_rule")
