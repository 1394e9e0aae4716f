"""Index the sales by customer: a till finds a customer's receipts for a return by their
phone, e-mail or name (GET /v1/returns/customer-sales); without it every such search reads
every sale.

Revision ID: 0018c
Revises: 0017
"""

from __future__ import annotations

from alembic import op

revision = "0018c"
down_revision = "0017"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_orders_customer_id", "orders", ["customer_id", "completed_at"])


def downgrade() -> None:
    op.drop_index("ix_orders_customer_id", table_name="orders")
