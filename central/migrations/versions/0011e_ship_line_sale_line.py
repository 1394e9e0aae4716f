"""endless aisle: each ship fulfilment line names the sale line that paid it, so a cancel
refunds what the customer paid for exactly those units (docs/endless-aisle.md)

Revision ID: 0011e
Revises: 0010p
Create Date: 2026-12-02 03:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0011e"
down_revision = "0010p"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("fulfilment_lines") as batch:
        batch.add_column(sa.Column("sale_line_id", sa.String(length=64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("fulfilment_lines") as batch:
        batch.drop_column("sale_line_id")
