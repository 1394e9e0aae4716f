"""click-and-collect: the store rule for units of a paid pickup order not found at picking
(`locations.missing_rule`: refund | ship_missing; docs/pickups.md "Missing lines")

Revision ID: 0013p
Revises: 0012e
Create Date: 2026-12-02 06:10:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0013p"
down_revision = "0012e"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("locations") as batch:
        batch.add_column(sa.Column("missing_rule", sa.String(length=16), server_default="refund", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("locations") as batch:
        batch.drop_column("missing_rule")
