"""Names per language live in central's columns (styles.names, variants.colour_names), not only
in the materialised catalog wire row; the `names` stream is built from them (the catalog row no
longer carries them): a rename publishes its names rows, a colour rename takes the new colour's
names (or none, never the old one's), the seed writes them, and migration 0003
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

from central.changes import catalog_row, names_row, names_rows, touch_variant, writing
from central.db import Database, alembic_config, migrate
from central.models import ChangeLog, Style, Variant
from central.seed import JA_COLOURS
from tests.central.conftest import BACKENDS
from tests.support.postgres import PostgresCluster


def _wire(db: Database, vid: int) -> list[object]:
    with db.session() as s:
        v = s.get_one(Variant, vid)
        assert zlib.crc32(v.wire_row.encode()) == v.row_hash
        return list(orjson.loads(v.wire_row))


def _names(db: Database) -> dict[tuple[str, str], str]:
    """The names stream as central serves it."""
    with db.session() as s:
        return {(str(k), str(key)): str(v) for k, key, v in names_rows(s)}


def _published(db: Database) -> dict[tuple[str, str], str | None]:
    """The last change of each names row in the change log (None: published as none)."""
    with db.session() as s:
        rows = s.execute(
            select(ChangeLog.key, ChangeLog.row).where(ChangeLog.stream == "names").order_by(ChangeLog.seq)
        )
        out: dict[tuple[str, str], str | None] = {}
        for key, row in rows:
            kind, k = orjson.loads(key)
            out[(kind, k)] = None if row is None else orjson.loads(row)[2]
        return out


def test_the_seed_writes_the_names_into_their_columns(backend: Database) -> None:
    with backend.session() as s:
        for v in s.scalars(select(Variant).order_by(Variant.id).limit(300)):
            style = s.get_one(Style, v.style_id)
            assert (
                orjson.loads(style.names)["ja"]
                and v.colour_names == orjson.dumps({"ja": JA_COLOURS[v.colour]}).decode()
            )
            # the stored wire row is exactly what a rewrite would build from the columns, without names
            assert orjson.loads(v.wire_row) == catalog_row(s, v) and len(catalog_row(s, v)) == 12
            assert names_row(s, "style", style.code) == ["style", style.code, style.names]
            assert names_row(s, "colour", v.colour) == ["colour", v.colour, v.colour_names]


def test_a_rewritten_catalog_row_keeps_its_names(backend: Database) -> None:
    before, names = _wire(backend, 1), _names(backend)
    with backend.session() as s, writing(s):
        v = s.get_one(Variant, 1)
        v.size = "XXS"
        touch_variant(s, v)
    after = _wire(backend, 1)
    assert after[7] == "XXS" and after[:7] == before[:7] and _names(backend) == names
    assert _published(backend) == {}  # no rename: nothing for the names stream


def test_a_renamed_style_carries_its_new_names(backend: Database) -> None:
    with backend.session() as s, writing(s):
        v = s.get_one(Variant, 1)
        style = s.get_one(Style, v.style_id)
        style.name, style.names = "Sunday Shirt", '{"ja":"日曜シャツ"}'
        code = style.code
        touch_variant(s, v)
    assert _wire(backend, 1)[3] == "Sunday Shirt"
    assert _names(backend)[("style", code)] == '{"ja":"日曜シャツ"}'
    assert _published(backend) == {("style", code): '{"ja":"日曜シャツ"}'}


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
    assert row[6] == new
    with backend.session() as s:
        assert orjson.loads(s.get_one(Variant, 1).colour_names) == {"ja": JA_COLOURS[new]}
    assert _published(backend)[("colour", new)] == orjson.dumps({"ja": JA_COLOURS[new]}).decode()

    with backend.session() as s, writing(s):
        v = s.get_one(Variant, 1)
        v.colour = "Sunset"  # a colour without a Japanese name (yet)
        s.flush()  # a flush before the rewrite must not hide the rename
        touch_variant(s, v)
    assert _wire(backend, 1)[6] == "Sunset"
    with backend.session() as s:
        assert s.get_one(Variant, 1).colour_names == "{}"
    assert ("colour", "Sunset") not in _names(backend) and _published(backend)[("colour", "Sunset")] is None

    with backend.session() as s, writing(s):
        v = s.get_one(Variant, 1)
        v.colour, v.colour_names = old, old_names  # names given with the rename are kept
        touch_variant(s, v)
        v2 = s.get_one(Variant, 2)
        v2.colour, v2.colour_names = "Dawn", '{"ja":"暁"}'
        touch_variant(s, v2)
    assert _wire(backend, 1)[6] == old
    with backend.session() as s:
        assert s.get_one(Variant, 1).colour_names == old_names
    names = _names(backend)
    assert names[("colour", old)] == old_names and names[("colour", "Dawn")] == '{"ja":"暁"}'
    assert _published(backend)[("colour", "Dawn")] == '{"ja":"暁"}'


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


def test_migrations_0003_and_0005c_move_the_names_out_of_the_wire_rows(at_0002: Database) -> None:
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
    with at_0002.engine.begin() as c:
        c.execute(text("INSERT INTO meta (key, value) VALUES ('epoch', 'before')"))
    epoch_before = "before"
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
        # 0005c: the wire rows lose their names (12 columns, hashed again) and the epoch changes,
        # so devices download the catalog again; the names stay in their columns (above)
        wire, h = s.execute(select(Variant.wire_row, Variant.row_hash).where(Variant.id == 1)).one()
        assert orjson.loads(wire) == orjson.loads(named)[:12] and zlib.crc32(wire.encode()) == h
        assert s.scalar(select(Variant.wire_row).where(Variant.id == 2)) == old12  # already 12: kept
        assert s.scalar(text("SELECT value FROM meta WHERE key='epoch'")) != epoch_before
        s.add(Style(id=4, code="TS4", name="y", brand="Kaze", category_id=1))  # the default for new rows
        s.commit()
        assert s.get_one(Style, 4).names == "{}"
