"""Merge the four branches made side by side on 0004 (catalog rows without names, the journal,
the mail outbox, promotions and store rules): one head again. No schema change of its own.

Revision ID: 0006
Revises: 0005c, 0005j, 0005m, 0005p
"""

from __future__ import annotations

revision = "0006"
down_revision = ("0005c", "0005j", "0005m", "0005p")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
