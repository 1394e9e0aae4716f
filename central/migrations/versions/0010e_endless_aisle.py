"""endless aisle: ship fulfilments (source, destination, carrier, tracking, refund due), the
selling store, sale, customer, delivery option and fee on customer orders, the delivery_options
and ship_refunds tables, and the split_shipments store rule (docs/endless-aisle.md)

Revision ID: 0010e
Revises: 0009
Create Date: 2026-12-02 03:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0010e"
down_revision = "0009"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "delivery_options",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("sku", sa.String(length=64), nullable=False),
        sa.Column("name_en", sa.String(length=100), nullable=False),
        sa.Column("name_ja", sa.String(length=100), nullable=False),
        sa.Column("name_de", sa.String(length=100), nullable=False),
        sa.Column("fee", sa.BigInteger(), nullable=False),
        sa.Column("free_over", sa.BigInteger(), nullable=True),
        sa.Column("days_min", sa.Integer(), nullable=False),
        sa.Column("days_max", sa.Integer(), nullable=False),
        sa.Column("active", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery_options")),
    )
    with op.batch_alter_table("locations") as batch:
        batch.add_column(sa.Column("split_shipments", sa.Integer(), server_default="1", nullable=False))
    with op.batch_alter_table("customer_orders") as batch:
        batch.add_column(sa.Column("store_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("sale_id", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("customer_id", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("device_id", sa.String(length=36), nullable=True))
        batch.add_column(sa.Column("staff_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("delivery_option", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("delivery_fee", sa.BigInteger(), nullable=True))
        batch.add_column(sa.Column("checks", sa.Text(), server_default="[]", nullable=False))
        batch.create_foreign_key(op.f("fk_customer_orders_store_id_locations"), "locations", ["store_id"], ["id"])
    with op.batch_alter_table("fulfilments") as batch:
        batch.add_column(sa.Column("source_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("destination", sa.Text(), nullable=True))
        batch.add_column(sa.Column("carrier", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("tracking", sa.String(length=40), nullable=True))
        batch.add_column(sa.Column("shipped_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("delivered_at", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("refund_due", sa.BigInteger(), server_default="0", nullable=False))
        batch.add_column(sa.Column("refunded", sa.BigInteger(), server_default="0", nullable=False))
        batch.add_column(sa.Column("waiting", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("pickup_id", sa.BigInteger(), nullable=True))
        batch.create_index(batch.f("ix_fulfilments_source_id"), ["source_id"], unique=False)
        batch.create_foreign_key(op.f("fk_fulfilments_source_id_locations"), "locations", ["source_id"], ["id"])
    op.create_table(
        "ship_refunds",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("fulfilment_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("tender", sa.String(length=8), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["fulfilment_id"], ["fulfilments.id"], name=op.f("fk_ship_refunds_fulfilment_id_fulfilments")
        ),
        sa.ForeignKeyConstraint(["store_id"], ["locations.id"], name=op.f("fk_ship_refunds_store_id_locations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ship_refunds")),
        sa.UniqueConstraint("op_id", name=op.f("uq_ship_refunds_op_id")),
    )
    op.create_index(op.f("ix_ship_refunds_fulfilment_id"), "ship_refunds", ["fulfilment_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_ship_refunds_fulfilment_id"), table_name="ship_refunds")
    op.drop_table("ship_refunds")
    with op.batch_alter_table("fulfilments") as batch:
        batch.drop_constraint(op.f("fk_fulfilments_source_id_locations"), type_="foreignkey")
        batch.drop_index(batch.f("ix_fulfilments_source_id"))
        for col in (
            "pickup_id",
            "waiting",
            "refunded",
            "refund_due",
            "delivered_at",
            "shipped_at",
            "tracking",
            "carrier",
            "destination",
            "source_id",
        ):
            batch.drop_column(col)
    with op.batch_alter_table("customer_orders") as batch:
        batch.drop_constraint(op.f("fk_customer_orders_store_id_locations"), type_="foreignkey")
        for col in (
            "checks",
            "delivery_fee",
            "delivery_option",
            "staff_id",
            "device_id",
            "customer_id",
            "sale_id",
            "store_id",
        ):
            batch.drop_column(col)
    with op.batch_alter_table("locations") as batch:
        batch.drop_column("split_shipments")
    op.drop_table("delivery_options")
