"""shift_reports: a till's closed shift and its Z report (the `shift.close` op, issue 11)

Revision ID: 0008s
Revises: 0007
Create Date: 2026-12-02 12:00:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008s"
down_revision = "0007"
branch_labels = None
depends_on = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "shift_reports",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("shift_id", sa.String(length=36), nullable=False),
        sa.Column("store_id", sa.Integer(), nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("till", sa.String(length=40), nullable=False),
        sa.Column("number", sa.BigInteger(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("opened_by", sa.Integer(), nullable=False),
        sa.Column("closed_by", sa.Integer(), nullable=False),
        sa.Column("sales_total", sa.BigInteger(), nullable=False),
        sa.Column("expected_cash", sa.BigInteger(), nullable=False),
        sa.Column("counted_cash", sa.BigInteger(), nullable=False),
        sa.Column("staff", sa.Text(), nullable=False),
        sa.Column("movements", sa.Text(), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        sa.Column("report", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["store_id"], ["locations.id"], name=op.f("fk_shift_reports_store_id_locations")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_shift_reports")),
        sa.UniqueConstraint("shift_id", name=op.f("uq_shift_reports_shift_id")),
        sa.UniqueConstraint("store_id", "till", "number", name="uq_shift_reports_till_number"),
    )
    op.create_index("ix_shift_reports_store_id", "shift_reports", ["store_id", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_shift_reports_store_id", table_name="shift_reports")
    op.drop_table("shift_reports")
