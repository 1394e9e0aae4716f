"""stored value (issue 13): accounts and their ledger (points, store credit, gift cards), offline
overspends for head office, earn rules, tiers and the per-day offline spending cap (docs/loyalty.md)

Revision ID: 0013l
Revises: 0012e
Create Date: 2026-12-02 05:45:33.414055
"""

import sqlalchemy as sa
from alembic import op

revision = "0013l"
down_revision = "0012e"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accounts",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("owner", sa.String(length=32), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("customer_id", sa.BigInteger(), nullable=True),
        sa.Column("balance", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("status", sa.String(length=8), server_default="active", nullable=False),
        sa.Column("tier", sa.String(length=16), server_default="", nullable=False),
        sa.Column("row_hash", sa.BigInteger(), server_default="0", nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("activated_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accounts")),
        sa.UniqueConstraint("kind", "owner", "currency", name="uq_accounts_kind_owner_currency"),
    )
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.create_index("ix_accounts_customer_kind", ["customer_id", "kind", "currency"], unique=False)

    op.create_table(
        "tiers",
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("min_points", sa.BigInteger(), nullable=False),
        sa.Column("multiplier", sa.String(length=16), server_default="1", nullable=False),
        sa.Column("benefits", sa.String(length=300), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_tiers")),
    )
    op.create_table(
        "earn_rules",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=100), server_default="", nullable=False),
        sa.Column("per_amount", sa.BigInteger(), nullable=False),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("redeem_value", sa.Integer(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["store_id"], ["locations.id"], name=op.f("fk_earn_rules_store_id_locations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_earn_rules")),
    )
    op.create_table(
        "ledger_entries",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("balance_after", sa.BigInteger(), nullable=False),
        sa.Column("op_id", sa.String(length=100), nullable=False),
        sa.Column("ref", sa.String(length=100), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("lines", sa.Text(), server_default="", nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_ledger_entries_account_id_accounts")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ledger_entries")),
        sa.UniqueConstraint("account_id", "op_id", "ref", name="uq_ledger_entries_account_op_ref"),
    )
    with op.batch_alter_table("ledger_entries", schema=None) as batch_op:
        batch_op.create_index("ix_ledger_entries_account_id", ["account_id", "id"], unique=False)
        batch_op.create_index("ix_ledger_entries_ref", ["ref"], unique=False)

    op.create_table(
        "spend_limits",
        sa.Column("store_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("per_day", sa.BigInteger(), server_default="0", nullable=False),
        sa.ForeignKeyConstraint(["store_id"], ["locations.id"], name=op.f("fk_spend_limits_store_id_locations")),
        sa.PrimaryKeyConstraint("store_id", name=op.f("pk_spend_limits")),
    )
    op.create_table(
        "overspends",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("entry_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("account_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("shortfall", sa.BigInteger(), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=True),
        sa.Column("device_id", sa.String(length=36), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("settled_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("note", sa.String(length=300), server_default="", nullable=False),
        sa.ForeignKeyConstraint(["account_id"], ["accounts.id"], name=op.f("fk_overspends_account_id_accounts")),
        sa.ForeignKeyConstraint(
            ["entry_id"], ["ledger_entries.id"], name=op.f("fk_overspends_entry_id_ledger_entries")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_overspends")),
        sa.UniqueConstraint("entry_id", name=op.f("uq_overspends_entry_id")),
    )
    with op.batch_alter_table("overspends", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_overspends_account_id"), ["account_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("overspends", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_overspends_account_id"))

    op.drop_table("overspends")
    op.drop_table("spend_limits")
    with op.batch_alter_table("ledger_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_ledger_entries_ref")
        batch_op.drop_index("ix_ledger_entries_account_id")

    op.drop_table("ledger_entries")
    op.drop_table("earn_rules")
    op.drop_table("tiers")
    with op.batch_alter_table("accounts", schema=None) as batch_op:
        batch_op.drop_index("ix_accounts_customer_kind")

    op.drop_table("accounts")
