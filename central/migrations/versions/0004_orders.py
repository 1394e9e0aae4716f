"""orders, their lines and payments: a tablet's sale.complete becomes an order of channel store

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 22:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "orders",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("sale_id", sa.String(length=36), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.Column("op_id", sa.String(length=36), nullable=True),
        sa.Column("receipt_no", sa.String(length=64), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("customer_id", sa.BigInteger(), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("tax", sa.BigInteger(), nullable=False),
        sa.Column("cash_rounding", sa.Integer(), nullable=False),
        sa.Column("pricing", sa.Text(), nullable=False),
        sa.Column("priced", sa.Text(), nullable=False),
        sa.Column("central_total", sa.BigInteger(), nullable=True),
        sa.Column("flagged", sa.Integer(), nullable=False),
        sa.Column("checks", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["store_id"], ["locations.id"], name=op.f("fk_orders_store_id_locations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_orders")),
        sa.UniqueConstraint("sale_id", name=op.f("uq_orders_sale_id")),
    )
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_orders_receipt_no"), ["receipt_no"], unique=False)
        batch_op.create_index("ix_orders_store_id", ["store_id", "id"], unique=False)
    op.create_table(
        "order_lines",
        sa.Column("order_id", BigId, nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("line_id", sa.String(length=64), nullable=False),
        sa.Column("variant_id", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("fulfilment", sa.String(length=16), nullable=False),
        sa.Column("unit_price", sa.BigInteger(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("promotions", sa.BigInteger(), nullable=False),
        sa.Column("discounts", sa.BigInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("tax_class", sa.String(length=32), nullable=False),
        sa.Column("tax_rate", sa.String(length=16), nullable=False),
        sa.Column("net", sa.BigInteger(), nullable=False),
        sa.Column("tax", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_order_lines_order_id_orders")),
        sa.ForeignKeyConstraint(["variant_id"], ["variants.id"], name=op.f("fk_order_lines_variant_id_variants")),
        sa.PrimaryKeyConstraint("order_id", "line_no", name=op.f("pk_order_lines")),
    )
    op.create_table(
        "payments",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("order_id", BigId, nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("change", sa.BigInteger(), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=True),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_payments_order_id_orders")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments")),
    )
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payments_order_id"), ["order_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("payments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payments_order_id"))
    op.drop_table("payments")
    op.drop_table("order_lines")
    with op.batch_alter_table("orders", schema=None) as batch_op:
        batch_op.drop_index("ix_orders_store_id")
        batch_op.drop_index(batch_op.f("ix_orders_receipt_no"))
    op.drop_table("orders")
