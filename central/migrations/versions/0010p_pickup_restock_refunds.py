"""click-and-collect, second part (docs/pickups.md): a pickup's customer arriving at the kiosk,
an expired bag confirmed back on the shelf, pickups pruned from the stream, and the refunds a
pickup owes its channel (missing units of a paid order, an expired paid order).

The `pickups` stream gains three columns (arrived_at, restocked_at, refund): the rows already in
the change log are padded with (null, null, 0), so a tablet pulling old changes gets rows of the
new shape. Pickups expired before this revision had their stock released at once: they count as
restocked then.

Revision ID: 0010p
Revises: 0010e
Create Date: 2026-12-02 03:00:00
"""

import orjson
import sqlalchemy as sa
from alembic import op

revision = "0010p"
down_revision = "0010e"
branch_labels = None
depends_on = None

OLD_WIDTH = 18  # pickups stream columns before this revision


def upgrade() -> None:
    with op.batch_alter_table("fulfilments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("arrived_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("restocked_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("pruned_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "pickup_refunds",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("fulfilment_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("amount", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=16), nullable=False),
        sa.Column("lines", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["fulfilment_id"], ["fulfilments.id"], name=op.f("fk_pickup_refunds_fulfilment_id_fulfilments")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pickup_refunds")),
    )
    with op.batch_alter_table("pickup_refunds", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pickup_refunds_fulfilment_id"), ["fulfilment_id"], unique=False)
    bind = op.get_bind()
    bind.execute(sa.text("UPDATE fulfilments SET restocked_at = updated_at WHERE state = 'expired'"))
    rows = bind.execute(
        sa.text("SELECT seq, row FROM change_log WHERE stream = 'pickups' AND row IS NOT NULL")
    ).fetchall()
    for seq, row in rows:
        values = orjson.loads(row)
        if len(values) == OLD_WIDTH:
            restocked = values[17] if values[3] == "expired" else None  # updated_at
            values += [None, restocked, 0]
            bind.execute(
                sa.text("UPDATE change_log SET row = :row WHERE seq = :seq"),
                {"row": orjson.dumps(values).decode(), "seq": seq},
            )


def downgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(
        sa.text("SELECT seq, row FROM change_log WHERE stream = 'pickups' AND row IS NOT NULL")
    ).fetchall()
    for seq, row in rows:
        values = orjson.loads(row)
        if len(values) > OLD_WIDTH:
            bind.execute(
                sa.text("UPDATE change_log SET row = :row WHERE seq = :seq"),
                {"row": orjson.dumps(values[:OLD_WIDTH]).decode(), "seq": seq},
            )
    with op.batch_alter_table("pickup_refunds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pickup_refunds_fulfilment_id"))
    op.drop_table("pickup_refunds")
    with op.batch_alter_table("fulfilments", schema=None) as batch_op:
        batch_op.drop_column("pruned_at")
        batch_op.drop_column("restocked_at")
        batch_op.drop_column("arrived_at")
