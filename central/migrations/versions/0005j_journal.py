"""the devices' journals: entries as they arrived, each device's head, the breaks found

Revision ID: 0005j
Revises: 0004
Create Date: 2026-12-01 22:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0005j"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "journal_entries",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("at", sa.String(length=64), nullable=False),
        sa.Column("type", sa.String(length=64), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("prev_hash", sa.String(length=128), nullable=False),
        sa.Column("hash", sa.String(length=128), nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("device_id", "seq", name=op.f("pk_journal_entries")),
    )
    op.create_table(
        "journal_heads",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("hash", sa.String(length=128), nullable=False),
        sa.Column("entries", sa.BigInteger(), nullable=False),
        sa.Column("continues_device_id", sa.String(length=36), nullable=True),
        sa.Column("continues_seq", sa.BigInteger(), nullable=True),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_journal_heads")),
    )
    op.create_table(
        "journal_breaks",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("detail", sa.String(length=300), nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("noticed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_journal_breaks")),
    )
    with op.batch_alter_table("journal_breaks", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_journal_breaks_device_id"), ["device_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("journal_breaks", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_journal_breaks_device_id"))
    op.drop_table("journal_breaks")
    op.drop_table("journal_heads")
    op.drop_table("journal_entries")
