"""device_seq continuity: the highest seq seen per device and the gaps found

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 21:15:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "device_seqs",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("high", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_device_seqs")),
    )
    op.create_table(
        "seq_gaps",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("first", sa.BigInteger(), nullable=False),
        sa.Column("last", sa.BigInteger(), nullable=False),
        sa.Column("noticed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_seq_gaps")),
    )
    with op.batch_alter_table("seq_gaps", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_seq_gaps_device_id"), ["device_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("seq_gaps", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_seq_gaps_device_id"))
    op.drop_table("seq_gaps")
    op.drop_table("device_seqs")
