"""change-log pruning: an index to find a later row of the same stream, scope and key, which
key compaction (`central prune-log`, central/prune.py) asks of every row older than the retention

Revision ID: 0016g
Revises: 0015s
Create Date: 2026-12-02 17:00:00
"""

from alembic import op

revision = "0016g"
down_revision = "0015s"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_change_log_key", "change_log", ["stream", "scope", "key", "seq"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_change_log_key", table_name="change_log")
