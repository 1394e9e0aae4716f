"""Search in the store's language and with one typo, on a seeded central and a bootstrapped
Tokyo tablet: names per language come in their own stream, kanji and kana are found (also one or
two characters), Tokyo shows the Japanese name beside the Latin one, and "lenin" finds linen."""

from __future__ import annotations

import zlib

import orjson
from sqlalchemy import select

from central.changes import names_rows, touch_variant, writing
from central.db import Database
from central.models import ChangeLog, Style, Variant
from central.seed import JA_COLOURS
from pos_app.core.search import Vocabulary
from pos_app.local.store import REBUILD_STYLES
from pos_app.services.app import Device
from pos_app.services.lookup import LookupService, SearchResults
from sync.protocol import STREAMS


def test_seed_writes_japanese_names_in_their_own_stream(central_db: Database) -> None:
    with central_db.session() as s:
        styles = dict(s.execute(select(Style.id, Style.code)).all())
        rows = s.execute(select(Variant.style_id, Variant.colour, Variant.wire_row, Variant.row_hash)).all()
        names = {(str(k), str(key)): str(v) for k, key, v in names_rows(s)}
    colours: set[str] = set()
    for _style_id, colour, wire, h in rows:
        row = orjson.loads(wire)
        assert orjson.dumps(row).decode() == wire and zlib.crc32(wire.encode()) == h  # canonical, hashed
        assert len(row) == len(STREAMS["catalog"].columns) == 12  # no names on the catalog rows
        if colour:  # the delivery fee SKUs have no colour (docs/endless-aisle.md)
            colours.add(colour)
    for code in styles.values():
        ja = orjson.loads(names[("style", code)])
        assert set(ja) <= {"ja", "de"} and ja["ja"] and not ja["ja"].isascii()  # de: the delivery fee SKUs
    assert {key for kind, key in names if kind == "colour"} == colours
    assert all(orjson.loads(names[("colour", c)]) == {"ja": JA_COLOURS[c]} for c in colours)
    assert len(names) == len(styles) + len(colours)


def test_a_rewritten_catalog_row_keeps_its_names(central_db: Database) -> None:
    with central_db.session() as s:
        before = {(str(k), str(key)): v for k, key, v in names_rows(s)}
    with central_db.session() as s, writing(s):
        v = s.get_one(Variant, 1)
        v.size = "XXS"
        touch_variant(s, v)
        v2 = s.get_one(Variant, 2)
        v2.colour = "Sunset"  # a colour without a Japanese name (yet)
        touch_variant(s, v2)
    with central_db.session() as s:
        after = {(str(k), str(key)): v for k, key, v in names_rows(s)}
        assert s.get_one(Variant, 2).colour_names == "{}"
        assert zlib.crc32(s.get_one(Variant, 1).wire_row.encode()) == s.get_one(Variant, 1).row_hash
        changed = s.execute(select(ChangeLog.key, ChangeLog.row).where(ChangeLog.stream == "names")).all()
    assert after == before  # Sunset has no names (absent); the old colour keeps its other variants'
    assert ('["colour","Sunset"]', None) in [(k, r) for k, r in changed]  # published: none


def test_a_renamed_style_and_colour_reach_the_tablet_search(device: Device, central_db: Database) -> None:
    with central_db.session() as s, writing(s):
        v = s.get_one(Variant, 1)
        style = s.get_one(Style, v.style_id)
        code, colour = style.code, v.colour
        style.names = '{"ja":"日曜シャツ"}'
        touch_variant(s, v)
        for other in s.scalars(select(Variant).where(Variant.colour == colour)):  # the colour's names
            other.colour_names = '{"ja":"夜空"}'
            touch_variant(s, other)
    device.engine.sync_once(["names"])
    assert [h.code for h in device.lookup.search("日曜シャツ")] == [code]
    assert code in {h.code for h in device.lookup.search("夜空", 5000)}
    view = device.lookup.product(code)
    assert view is not None and view.local_name == "日曜シャツ" and view.colour_names[colour] == "夜空"
    assert device.store.local_checksum("names")[0] == device.store.query("SELECT count(*) FROM names")[0][0]


def _local_names(device: Device) -> list[tuple[str, str, str]]:
    return [(str(a), str(b), str(c)) for a, b, c in device.store.query("SELECT code, names, local_text FROM styles")]


def test_kana_and_kanji_find_styles_and_tokyo_shows_the_japanese_name(device: Device) -> None:
    styles = _local_names(device)
    assert styles and all(text for _c, _n, text in styles)
    shirts = {code for code, names, _t in styles if "シャツ" in orjson.loads(names)["ja"]}
    hits = device.lookup.search("シャツ", 500)
    assert isinstance(hits, SearchResults) and hits.corrected_to is None
    assert {h.code for h in hits} == shirts
    hit = hits[0]
    assert hit.local_name and "シャツ" in hit.local_name and hit.name.isascii()
    assert hit.title == f"{hit.local_name} · {hit.name}"
    assert hit.price_text[0] in "¥￥"  # this store's price, as before

    # one character (shorter than a trigram): the colour 紺 (navy) and the material 麻 (linen)
    navy = {code for code, _n, text in styles if "紺" in text}
    assert navy and {h.code for h in device.lookup.search("紺", 5000)} == navy
    linen = {code for code, _n, text in styles if "麻" in text}
    assert linen and {h.code for h in device.lookup.search("麻", 5000)} == linen
    # a long piece and a short one together: both must be there
    both = {code for code, names, text in styles if "シャツ" in text and "紺" in text}
    assert {h.code for h in device.lookup.search("シャツ 紺", 5000)} == both
    assert both < shirts
    # paging goes on where the first page ended
    first, second = device.lookup.search("紺", 3, 0), device.lookup.search("紺", 3, 3)
    assert len(first) == 3 and not {h.code for h in first} & {h.code for h in second}
    assert device.lookup.search("存在しない名前") == []

    view = device.lookup.product(hit.code)
    assert view is not None and view.local_name == hit.local_name
    assert set(view.colour_names) == set(view.colours)
    assert all(view.colour_names[c] == JA_COLOURS[c] for c in view.colours)


def test_other_stores_show_names_as_before(device: Device) -> None:
    (ber,) = device.store.query("SELECT id FROM locations WHERE code='BER01'")[0]
    berlin = LookupService(device.store, int(ber))
    hits = berlin.search("shirt")
    assert hits and all(h.local_name == "" and h.title == h.name for h in hits)
    view = berlin.product(hits[0].code)
    assert view is not None and view.local_name == "" and view.colour_names == {}
    assert device.lookup.search("shirt")[0].local_name  # the Tokyo store's own lookup does


def test_one_typo_is_corrected_and_said(device: Device) -> None:
    exact = device.lookup.search("linen", 500)
    assert exact and exact.corrected_to is None and exact.note == ""
    typo = device.lookup.search("lenin", 500)
    assert typo.corrected_to == "linen" and typo.note == "Showing results for “linen”"
    assert [h.code for h in typo] == [h.code for h in exact]
    assert typo[0].price_text  # hits carry their figures as usual
    shirts = device.lookup.search("shrit")
    assert shirts.corrected_to == "shirt" and shirts
    two = device.lookup.search("lenin shrit", 500)
    assert two.corrected_to == "linen shirt"
    assert {h.code for h in two} == {h.code for h in device.lookup.search("linen shirt", 500)}
    # the next page of a corrected search is corrected too
    page2 = device.lookup.search("lenin", 2, 2)
    assert page2.corrected_to == "linen" and [h.code for h in page2] == [h.code for h in exact[2:4]]
    for nothing in ("qqqqzx", "zz"):
        got = device.lookup.search(nothing)
        assert got == [] and got.corrected_to is None


def test_the_vocabulary_is_built_once_per_catalog_version(device: Device, central_db: Database) -> None:
    lookup = device.lookup
    vocab = lookup.vocabulary()
    assert isinstance(vocab, Vocabulary) and "linen" in vocab.words and "navy" in vocab.words
    assert not any(w.isdigit() for w in vocab.words)
    lookup.search("lenin")
    lookup.search("shrit")
    assert lookup.vocabulary() is vocab  # not per keystroke
    assert lookup.search("aubergene").corrected_to is None
    with central_db.session() as s, writing(s):
        v = s.get_one(Variant, 3)
        v.colour = "Aubergine"
        touch_variant(s, v)
    device.engine.sync_once(["catalog"])
    fresh = lookup.vocabulary()
    assert fresh is not vocab and "aubergine" in fresh.words
    assert lookup.search("aubergene").corrected_to == "aubergine"


def test_figures_read_as_key_ranges_equal_those_probed_per_variant(device: Device) -> None:
    """A style whose active variants are one id run reads its price range and stock as key ranges
    of prices and stock; the per-variant probes (own list over base list) give the same figures,
    and a style with an inactive variant or an own-list price takes the probes."""
    store = device.store
    own = store.query(
        "SELECT p.variant_id FROM prices p WHERE p.store_id=? AND p.customer_group='' LIMIT 1",
        (device.lookup.store_id,),
    )
    own_vid = own[0][0] if own else None
    queries = ["shirt", "linen", "navy", "シャツ", "4900000"]
    fast = {q: [(h.code, h.price_text, h.available) for h in device.lookup.search(q, 200)] for q in queries}
    assert all(fast.values()) and store.query("SELECT count(*) FROM styles WHERE last_variant IS NULL")[0][0] == 0
    with store.tx() as con:
        con.execute("UPDATE styles SET last_variant = NULL")
    probed = LookupService(store, device.lookup.store_id)
    assert {q: [(h.code, h.price_text, h.available) for h in probed.search(q, 200)] for q in queries} == fast
    # an own-list price inside a run is still picked over the base price
    if own_vid is not None:
        (code,) = store.query("SELECT style_code FROM catalog WHERE id=?", (own_vid,))[0]
        with store.tx() as con:
            con.execute("DELETE FROM styles WHERE code=?", (code,))
            con.execute(REBUILD_STYLES.format(where="WHERE style_code = ?"), (code,))
        (hit,) = [h for h in LookupService(store, device.lookup.store_id).search(code) if h.code == code]
        (expected,) = [h for h in probed.search(code) if h.code == code]
        assert (hit.price_text, hit.available) == (expected.price_text, expected.available)
