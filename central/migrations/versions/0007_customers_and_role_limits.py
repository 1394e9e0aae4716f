"""customers (search, created at the till online or offline) and role limits (the
`role_limits` stream), seeded with the limits the tablet had built in

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02 10:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

KINDS = ("discount", "override")
# The tablet's built-in limits until now (pos_app/services/basket.py): an existing central keeps
# selling with the same rules after the upgrade.
# One limit per role served discounts and overrides alike; they are now two rows each.
DEFAULT_LIMITS = [(r, k, p) for r, p in [("associate", "10"), ("supervisor", "30"), ("manager", None)] for k in KINDS]


def upgrade() -> None:
    op.create_table(
        "customers",
        sa.Column("id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kana", sa.String(length=200), nullable=False),
        sa.Column("name_key", sa.String(length=401), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column("phone", sa.String(length=16), nullable=False),
        sa.Column("customer_group", sa.String(length=32), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_store_id", sa.Integer(), nullable=True),
        sa.Column("created_device_id", sa.String(length=36), nullable=True),
        sa.Column("created_staff_id", sa.Integer(), nullable=True),
        sa.Column("merged_into", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_store_id"], ["locations.id"], name=op.f("fk_customers_created_store_id_locations")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customers")),
        sa.UniqueConstraint("client_id", name=op.f("uq_customers_client_id")),
    )
    op.create_index(op.f("ix_customers_email"), "customers", ["email"], unique=False)
    op.create_index(op.f("ix_customers_phone"), "customers", ["phone"], unique=False)
    limits = op.create_table(
        "role_limits",
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("max_percent", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("role", "kind", name=op.f("pk_role_limits")),
    )
    op.bulk_insert(limits, [{"role": r, "kind": k, "max_percent": p} for r, k, p in DEFAULT_LIMITS])


def downgrade() -> None:
    op.drop_table("role_limits")
    op.drop_index(op.f("ix_customers_phone"), table_name="customers")
    op.drop_index(op.f("ix_customers_email"), table_name="customers")
    op.drop_table("customers")
