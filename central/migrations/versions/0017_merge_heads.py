"""Merge the branches made side by side on 0015s (the change log's key index for pruning, and
the exchange's link from a return to its sale): one head again. No schema change of its own.

Revision ID: 0017
Revises: 0016g, 0016x
"""

from __future__ import annotations

revision = "0017"
down_revision = ("0016g", "0016x")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
