"""Names per language live in central's columns (styles.names, variants.colour_names), not only
in the materialised catalog wire row: a rewrite builds the row from them, a colour rename takes
the new colour's names (or none, never the old one's), the seed writes them, and migration 0003
upgrades a 0002 database that holds data by backfilling them from its wire rows."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import select, text

from central.changes import catalog_row, touch_variant, writing
from central.db import Database, alembic_config, migrate
from central.models import Style, Variant
from central.seed import JA_COLOURS
from tests.central.conftest import BACKENDS
from tests.support.postgres import PostgresCluster

NAMES_AT, COLOUR_NAMES_AT = 12, 13


def _wire(db: Database, vid: int) -> list[object]:
    with db.session() as s:
        v = s.get_one(Variant, vid)
        assert zlib.crc32(v.wire_row.encode()) == v.row_hash
        return list(orjson.loads(v.wire_row))


def test_the_seed_writes_the_names_into_their_columns(backend: Database) -> None:
    with backend.session() as s:
        for v in s.scalars(select(Variant).order_by(Variant.id).limit(300)):
            style = s.get_one(Style, v.style_id)
            assert (
                orjson.loads(style.names)["ja"]
                and v.colour_names == orjson.dumps({"ja": JA_COLOURS[v.colour]}).decode()
            )
            # the stored wire row is exactly what a rewrite would build from the columns
            assert orjson.loads(v.wire_row) == catalog_row(s, v)


def test_a_rewritten_catalog_row_keeps_its_names(backend: Database) -> None:
    before = _wire(backend, 1)
    with backend.session() as s, writing(s):
        v = s.get_one(Variant, 1)
        v.size = "XXS"
        touch_variant(s, v)
    after = _wire(backend, 1)
    assert after[7] == "XXS" and after[NAMES_AT:] == before[NAMES_AT:] and after[NAMES_AT] != "{}"


def test_a_renamed_style_carries_its_new_names(backend: Database) -> None:
    with backend.session() as s, writing(s):
        v = s.get_one(Variant, 1)
        style = s.get_one(Style, v.style_id)
        style.name, style.names = "Sunday Shirt", '{"ja":"日曜シャツ"}'
        touch_variant(s, v)
    assert _wire(backend, 1)[3:4] + _wire(backend, 1)[NAMES_AT : NAMES_AT + 1] == [
        "Sunday Shirt",
        '{"ja":"日曜シャツ"}',
    ]


def test_a_renamed_colour_gets_the_new_colours_names_or_none_never_the_old(backend: Database) -> None:
    with backend.session() as s:
        v = s.get_one(Variant, 1)
        old, new = v.colour, next(c for c in JA_COLOURS if c != v.colour)
        old_names = v.colour_names
    with backend.session() as s, writing(s):
        v = s.get_one(Variant, 1)
        v.colour = new  # a colour the catalog knows: its Japanese name comes along
        touch_variant(s, v)
    row = _wire(backend, 1)
    assert row[6] == new and orjson.loads(str(row[COLOUR_NAMES_AT])) == {"ja": JA_COLOURS[new]}
    with backend.session() as s:
        assert s.get_one(Variant, 1).colour_names == row[COLOUR_NAMES_AT]

    with backend.session() as s, writing(s):
        v = s.get_one(Variant, 1)
        v.colour = "Sunset"  # a colour without a Japanese name (yet)
        s.flush()  # a flush before the rewrite must not hide the rename
        touch_variant(s, v)
    row = _wire(backend, 1)
    assert row[6] == "Sunset" and row[COLOUR_NAMES_AT] == "{}"

    with backend.session() as s, writing(s):
        v = s.get_one(Variant, 1)
        v.colour, v.colour_names = old, old_names  # names given with the rename are kept
        touch_variant(s, v)
        v2 = s.get_one(Variant, 2)
        v2.colour, v2.colour_names = "Dawn", '{"ja":"暁"}'
        touch_variant(s, v2)
    assert _wire(backend, 1)[6:7] + _wire(backend, 1)[COLOUR_NAMES_AT:] == [old, old_names]
    assert _wire(backend, 2)[COLOUR_NAMES_AT] == '{"ja":"暁"}'


# --- migration 0003 on a 0002 database with data -----------------------------------------


@pytest.fixture(params=BACKENDS)
def at_0002(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """An empty database migrated only to revision 0002."""
    if request.param == "sqlite":
        db = Database(f"sqlite:///{tmp_path / 'old.db'}")
        cluster: PostgresCluster | None = None
    else:
        cluster = request.getfixturevalue("postgres_server")
        db = Database(cluster.create_database("central_at_0002"))
    command.upgrade(alembic_config(db.engine), "0002")
    yield db
    db.dispose()
    if cluster is not None:
        cluster.drop_database("central_at_0002")


def test_migration_0003_backfills_names_from_the_wire_rows(at_0002: Database) -> None:
    named = orjson.dumps([1, "TS1-NVY-M", "TS1", "Crew Tee", "Kaze", "T-shirts", "Navy", "M", 2, "4900000000017",
                          "standard", 1, '{"ja":"クルーネックTシャツ"}', '{"ja":"紺"}']).decode()  # fmt: skip
    old12 = orjson.dumps(
        [2, "TS2-BLK-S", "TS2", "Hoodie", "Kaze", "T-shirts", "Black", "S", 1, "", "standard", 1]
    ).decode()
    with at_0002.engine.begin() as c:
        c.execute(text("INSERT INTO categories (id, name, department) VALUES (1, 'T-shirts', 'apparel')"))
        for sid in (1, 2, 3):
            c.execute(
                text(
                    "INSERT INTO styles (id, code, name, brand, category_id, tax_class) VALUES (:i, :c, 'x', 'Kaze', 1, 'standard')"
                ),
                {"i": sid, "c": f"TS{sid}"},
            )
        for vid, sid, wire in ((1, 1, named), (2, 2, old12), (3, 3, "")):
            c.execute(
                text(
                    "INSERT INTO variants (id, style_id, sku, colour, size, size_order, active, wire_row, row_hash)"
                    " VALUES (:v, :s, :k, 'Navy', 'M', 2, 1, :w, 0)"
                ),
                {"v": vid, "s": sid, "k": f"SKU{vid}", "w": wire},
            )
    migrate(at_0002.engine)
    with at_0002.session() as s:
        applied = set(s.scalars(text("SELECT version_num FROM alembic_version")))
        assert applied == set(ScriptDirectory.from_config(alembic_config(at_0002.engine)).get_heads())
        assert dict(s.execute(select(Style.id, Style.names)).all()) == {
            1: '{"ja":"クルーネックTシャツ"}',
            2: "{}",
            3: "{}",
        }
        assert dict(s.execute(select(Variant.id, Variant.colour_names)).all()) == {
            1: '{"ja":"紺"}',
            2: "{}",
            3: "{}",
        }
        # the wire rows are untouched: devices keep their checksums
        assert s.scalar(select(Variant.wire_row).where(Variant.id == 1)) == named
        s.add(Style(id=4, code="TS4", name="y", brand="Kaze", category_id=1))  # the default for new rows
        s.commit()
        assert s.get_one(Style, 4).names == "{}"
