"""promotions and store pricing rules: the promotions stream's table, and the pricing rules
(tax mode, tax rounding and its direction, cash rounding, registration number) on locations

Revision ID: 0005p
Revises: 0004
Create Date: 2026-12-01 22:20:00
"""

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0005p"
down_revision = "0004"
branch_labels = None
depends_on = None

# (column, type, server default) added to locations; existing rows get the defaults.
RULES: list[tuple[str, sa.types.TypeEngine[Any], str]] = [
    ("tax_mode", sa.String(length=16), "included"),
    ("tax_rounding", sa.String(length=16), "per_line"),
    ("tax_rounding_mode", sa.String(length=16), "half_up"),
    ("cash_rounding", sa.Integer(), "0"),
    ("cash_rounding_mode", sa.String(length=16), "half_up"),
    ("registration_no", sa.String(length=32), ""),
]


def upgrade() -> None:
    for name, typ, default in RULES:
        op.add_column("locations", sa.Column(name, typ, nullable=False, server_default=default))
    op.create_table(
        "promotions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("get_target", sa.Text(), nullable=True),
        sa.Column("percent", sa.String(length=16), nullable=True),
        sa.Column("amount", sa.BigInteger(), nullable=True),
        sa.Column("buy", sa.Integer(), nullable=False),
        sa.Column("pay", sa.Integer(), nullable=False),
        sa.Column("get", sa.Integer(), nullable=False),
        sa.Column("threshold", sa.BigInteger(), nullable=False),
        sa.Column("max_applications", sa.Integer(), nullable=True),
        sa.Column("starts", sa.String(length=40), nullable=True),
        sa.Column("ends", sa.String(length=40), nullable=True),
        sa.Column("stores", sa.Text(), nullable=False),
        sa.Column("groups", sa.Text(), nullable=False),
        sa.Column("coupons", sa.Text(), nullable=False),
        sa.Column("stack_group", sa.String(length=32), nullable=False),
        sa.Column("active", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotions")),
        sa.UniqueConstraint("code", name=op.f("uq_promotions_code")),
    )


def downgrade() -> None:
    op.drop_table("promotions")
    with op.batch_alter_table("locations") as batch:
        for name, _typ, _default in reversed(RULES):
            batch.drop_column(name)
