"""returns: the return policy (with its default rules), return authorizations, returns taken
back at a till with their lines and refunds (docs/returns.md)

Revision ID: 0013r
Revises: 0014 (was written on 0013l; moved after the merge of 0013l and 0013p so there is one head)
Create Date: 2026-12-02 06:00:00
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "0013r"
down_revision = "0014"
branch_labels = None
depends_on = None

REASONS = [
    ("size", "Wrong size", "サイズが合わない", "Falsche Größe"),
    ("fit", "Does not fit or suit", "イメージと違う", "Passt oder gefällt nicht"),
    ("damaged", "Arrived damaged or faulty", "不良品・破損", "Beschädigt oder fehlerhaft"),
    ("wrong", "Not what I ordered", "注文と違う商品", "Falscher Artikel"),
    ("changed_mind", "Changed my mind", "気が変わった", "Nicht mehr gewünscht"),
]


def upgrade() -> None:
    policy = op.create_table(
        "return_policy",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("match", sa.String(100), nullable=False),
        sa.Column("days", sa.Integer(), nullable=False),
        sa.Column("words", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_policy")),
    )
    rows = [{"id": "window:*", "kind": "window", "match": "*", "days": 30, "words": "{}"}]
    rows += [
        {"id": f"reason:{c}", "kind": "reason", "match": c, "days": 0,
         "words": json.dumps({"en": en, "ja": ja, "de": de}, ensure_ascii=False, sort_keys=True)}
        for c, en, ja, de in REASONS
    ]  # fmt: skip
    op.bulk_insert(policy, rows)
    op.create_table(
        "return_authorizations",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("number", sa.String(16), nullable=False),
        sa.Column("sale_id", sa.String(36), nullable=False),
        sa.Column("order_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("reason", sa.String(40), nullable=False),
        sa.Column("refund", sa.String(16), nullable=False),
        sa.Column("lines", sa.Text(), nullable=False),
        sa.Column("tenders", sa.Text(), nullable=False),
        sa.Column("code", sa.Text(), nullable=False),
        sa.Column("email", sa.String(254), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("return_id", sa.String(36), nullable=True),
        sa.Column("claimed_device", sa.String(36), nullable=True),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["order_id"], ["orders.id"], name=op.f("fk_return_authorizations_order_id_orders")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_authorizations")),
        sa.UniqueConstraint("number", name=op.f("uq_return_authorizations_number")),
    )
    op.create_index(op.f("ix_return_authorizations_sale_id"), "return_authorizations", ["sale_id"])
    op.create_table(
        "returns",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("authorization_id", sa.String(36), nullable=True),
        sa.Column("sale_id", sa.String(36), nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("approved_by", sa.Integer(), nullable=True),
        sa.Column("customer_id", sa.BigInteger(), nullable=True),
        sa.Column("op_id", sa.String(36), nullable=False),
        sa.Column("currency", sa.String(3), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(40), nullable=False),
        sa.Column("completed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["store_id"], ["locations.id"], name=op.f("fk_returns_store_id_locations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_returns")),
        sa.UniqueConstraint("op_id", name=op.f("uq_returns_op_id")),
    )
    op.create_index(op.f("ix_returns_authorization_id"), "returns", ["authorization_id"])
    op.create_index(op.f("ix_returns_sale_id"), "returns", ["sale_id"])
    op.create_index("ix_returns_store_id", "returns", ["store_id", "received_at"])
    op.create_table(
        "return_lines",
        sa.Column("return_id", sa.String(36), nullable=False),
        sa.Column("line_id", sa.String(64), nullable=False),
        sa.Column("sale_id", sa.String(36), nullable=True),
        sa.Column("variant_id", sa.Integer(), nullable=False),
        sa.Column("sku", sa.String(64), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("resellable", sa.Integer(), nullable=False),
        sa.Column("damaged", sa.Integer(), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["return_id"], ["returns.id"], name=op.f("fk_return_lines_return_id_returns")),
        sa.ForeignKeyConstraint(["variant_id"], ["variants.id"], name=op.f("fk_return_lines_variant_id_variants")),
        sa.PrimaryKeyConstraint("return_id", "line_id", name=op.f("pk_return_lines")),
    )
    op.create_index("ix_return_lines_sale_line", "return_lines", ["sale_id", "line_id"])
    op.create_table(
        "return_refunds",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("return_id", sa.String(36), nullable=False),
        sa.Column("sale_id", sa.String(36), nullable=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("reference", sa.String(100), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.ForeignKeyConstraint(["return_id"], ["returns.id"], name=op.f("fk_return_refunds_return_id_returns")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_return_refunds")),
    )
    op.create_index(op.f("ix_return_refunds_return_id"), "return_refunds", ["return_id"])
    op.create_index(op.f("ix_return_refunds_sale_id"), "return_refunds", ["sale_id"])


def downgrade() -> None:
    op.drop_table("return_refunds")
    op.drop_table("return_lines")
    op.drop_table("returns")
    op.drop_table("return_authorizations")
    op.drop_table("return_policy")
