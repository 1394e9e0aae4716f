"""endless aisle: an index to find a till's order by its order_id (channel "store" orders have no
channel client, so the (channel_client_id, reference) unique index does not serve that look-up)

Revision ID: 0012e
Revises: 0011e
Create Date: 2026-12-02 03:15:00
"""

from alembic import op

revision = "0012e"
down_revision = "0011e"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_customer_orders_channel_reference", "customer_orders", ["channel", "reference"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_customer_orders_channel_reference", table_name="customer_orders")
