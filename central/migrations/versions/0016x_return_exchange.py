"""return exchange: a return taken back in the same basket as a sale (docs/returns.md) names
that sale (`returns.exchange_sale_id`, at most one return per sale), whose `exchange` tender
central checks against the return's `exchange` refund.

Revision ID: 0016x
Revises: 0015s
Create Date: 2026-12-02 17:05:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0016x"
down_revision = "0015s"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("returns") as b:
        b.add_column(sa.Column("exchange_sale_id", sa.String(length=36), nullable=True))
        b.create_unique_constraint(op.f("uq_returns_exchange_sale_id"), ["exchange_sale_id"])


def downgrade() -> None:
    with op.batch_alter_table("returns") as b:
        b.drop_constraint(op.f("uq_returns_exchange_sale_id"), type_="unique")
        b.drop_column("exchange_sale_id")
