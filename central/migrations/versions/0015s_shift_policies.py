"""shift policies: each store's shift rules set by head office (the `shift_policies` stream):
whether the count screen shows the expected amounts before the count is saved, and the variance
beyond which a manager approves the close. No rows: every store counts blind with the default
limit until head office sets one (`central shift-policy`).

Revision ID: 0015s
Revises: 0013r
Create Date: 2026-12-02 10:30:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0015s"
down_revision = "0013r"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "shift_policies",
        sa.Column("store_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("show_expected", sa.Integer(), server_default="0", nullable=False),
        sa.Column("variance_limit", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(["store_id"], ["locations.id"], name=op.f("fk_shift_policies_store_id_locations")),
        sa.PrimaryKeyConstraint("store_id", name=op.f("pk_shift_policies")),
    )


def downgrade() -> None:
    op.drop_table("shift_policies")
