"""Merge the branches made side by side on 0012e (the ledger of stored value, and the pickup
missing-line rule with refused-order refunds): one head again. No schema change of its own.

Revision ID: 0014
Revises: 0013l, 0013p
"""

from __future__ import annotations

revision = "0014"
down_revision = ("0013l", "0013p")
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
