"""Find items and show their stock: search as you type, barcode scans, the product view."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson

from pos_app.core.barcode import CodeKind, classify
from pos_app.core.money import Money, format_money
from pos_app.core.search import Vocabulary, fts_query, other_script, showing_results_for, substrings, trigram_query
from pos_app.core.stock import Level, level
from pos_app.local.store import LocalStore, parse_ts
from pos_app.services.errors import ValidationFailed

SEARCH_LIMIT = 50
HIT_COLUMNS = "s.code, s.name, s.brand, s.category, s.colours, s.first_variant, s.variants, s.names"
# The typo vocabulary: alphabetic words of these columns of the search index.
# This store's figures per style of a page: its price (the store's own list over the base list;
# member prices aside) and stock (available = on hand - reserved) per variant, summed per style.
FIGURES_SQL = """
SELECT style_code, min(amount), max(amount), sum(available), count(available) FROM (
    SELECT c.style_code AS style_code,
           coalesce((SELECT p.amount FROM prices p WHERE p.list_id IN ({own}) AND p.variant_id = c.id LIMIT 1),
                    (SELECT p.amount FROM prices p WHERE p.list_id IN ({base}) AND p.variant_id = c.id LIMIT 1))
               AS amount,
           (SELECT s.on_hand - s.reserved FROM stock s WHERE s.location_id = ? AND s.variant_id = c.id) AS available
    FROM catalog c WHERE c.style_code IN ({styles}) AND c.active = 1
) GROUP BY style_code
"""
# The same figures for styles whose active variants are one id run (styles.last_variant): key
# ranges of the prices and stock B-trees instead of a probe per variant (a page of 50 styles:
# ~250 range scans instead of ~3,600 probes). Used when there is one base list and the range
# holds no price of the store's own lists (else the per-variant query picks own over base).
RANGE_FIGURES_SQL = """
SELECT code,
       (SELECT count(*) FROM prices p WHERE p.list_id IN ({own}) AND p.variant_id BETWEEN s.first_variant AND s.last_variant),
       (SELECT min(amount) FROM prices p WHERE p.list_id = ? AND p.variant_id BETWEEN s.first_variant AND s.last_variant),
       (SELECT max(amount) FROM prices p WHERE p.list_id = ? AND p.variant_id BETWEEN s.first_variant AND s.last_variant),
       (SELECT sum(on_hand - reserved) FROM stock k WHERE k.location_id = ? AND k.variant_id BETWEEN s.first_variant AND s.last_variant),
       (SELECT count(*) FROM stock k WHERE k.location_id = ? AND k.variant_id BETWEEN s.first_variant AND s.last_variant)
FROM styles s WHERE s.code IN ({styles}) AND s.last_variant IS NOT NULL
"""
VOCABULARY_SQL = (
    "SELECT term, sum(doc) FROM styles_vocab WHERE col IN ('name', 'brand', 'category', 'colours') GROUP BY term"
)


@dataclass(frozen=True)
class StyleHit:
    code: str
    name: str
    brand: str
    category: str
    colours: str
    first_variant: int
    variants: int
    price_text: str = ""  # this store's price ("¥4,900" or a range); "" when it has none
    available: int | None = None  # pieces available here over all sizes; None: no figure
    # The name in this store's language (a Tokyo store: the Japanese name) when the catalog has
    # one that differs from `name`; "" otherwise. Shown first, with `name` beside it.
    local_name: str = ""

    @property
    def title(self) -> str:
        """`リネン… · Linen Shirt` where there is a local name, else the name."""
        return f"{self.local_name} · {self.name}" if self.local_name else self.name


class SearchResults(list[StyleHit]):
    """The hits of a search (a list, as before) and, when nothing matched what was typed but a
    one-typo correction did, the corrected text: `corrected_to` ("linen"), `note` ("Showing
    results for “linen”", "" when not corrected)."""

    def __init__(self, hits: list[StyleHit] | None = None, corrected_to: str | None = None) -> None:
        super().__init__(hits or [])
        self.corrected_to = corrected_to

    @property
    def note(self) -> str:
        return showing_results_for(self.corrected_to) if self.corrected_to else ""


@dataclass(frozen=True)
class Location:
    id: int
    code: str
    name: str
    kind: str
    currency: str
    locale: str
    timezone: str
    city: str
    nearby: tuple[int, ...]


@dataclass(frozen=True)
class Cell:
    variant_id: int
    sku: str
    available: int
    pending: int  # stock corrections not yet reflected in central's figures
    level: Level
    # Units of corrections set aside as stuck after a send whose answer was lost: central may or
    # may not have them, so they are not in `available` (nor `pending`), only shown as uncertain.
    uncertain: int = 0


@dataclass(frozen=True)
class ElsewhereRow:
    location: Location
    available: int | None  # None: no figure known
    as_of: datetime | None  # when the figure was true; None: never known on this device
    live: bool  # central answered just now and the device is online


@dataclass
class ProductView:
    style_code: str
    name: str
    brand: str
    category: str
    price_text: str
    member_price_text: str | None
    price: Money | None
    colours: list[str]
    sizes: list[str]
    cells: dict[tuple[str, str], Cell]
    elsewhere: list[ElsewhereRow] = field(default_factory=list)
    local_name: str = ""  # the name in this store's language ("" when none differs from `name`)
    colour_names: dict[str, str] = field(default_factory=dict)  # colour -> its name here (if any)
    focus_variant: int | None = None
    as_of: str = ""
    stock_as_of: datetime | None = None  # when this store's figures (the grid) were last pulled

    def cell(self, colour: str, size: str) -> Cell | None:
        return self.cells.get((colour, size))


@dataclass(frozen=True)
class ScanResult:
    code: str
    style_code: str | None
    variant_id: int | None
    message: str  # the English sentence of `problem` ("" when found)
    problem: str = ""  # its code in services/errors.MESSAGES, for the UI to word
    params: dict[str, Any] = field(default_factory=dict)


def _not_found(raw: str, problem: str, code: str) -> ScanResult:
    return ScanResult(raw, None, None, ValidationFailed(problem, code=code).message, problem, {"code": code})


class LookupService:
    def __init__(self, store: LocalStore, store_id: int, live_seconds: float = 120.0) -> None:
        self.store = store
        self.store_id = store_id
        self.live_window = timedelta(seconds=live_seconds)
        self._home: Location | None = None
        # False as soon as central is known unreachable (engine status, a failed live query);
        # only then may figures be called live.
        self.online = True
        self._vocabulary: tuple[tuple[Any, ...], Vocabulary] | None = None
        self._vocabulary_lock = threading.Lock()
        self._money_texts: dict[tuple[int, str, str], str] = {}
        self._lists: tuple[tuple[Any, ...], tuple[list[int], list[int]]] | None = None

    # --- reference data ------------------------------------------------------------------------

    def locations(self) -> dict[int, Location]:
        rows = self.store.query(
            "SELECT id, code, name, kind, currency, locale, timezone, city, nearby FROM locations ORDER BY id"
        )
        return {
            r[0]: Location(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], tuple(int(x) for x in r[8].split()))
            for r in rows
        }

    def home(self) -> Location | None:
        if self._home is None:
            self._home = self.locations().get(self.store_id)
        return self._home

    def language(self) -> str:
        """This store's language from its locale ("ja_JP" -> "ja"); "" when unknown."""
        home = self.home()
        return home.locale.split("_")[0].lower() if home and home.locale else ""

    def _local(self, names_json: str | None, latin: str) -> str:
        lang = self.language()
        if not lang or not names_json or names_json == "{}":
            return ""
        try:
            names = orjson.loads(names_json)
        except orjson.JSONDecodeError:
            return ""
        value = names.get(lang) if isinstance(names, dict) else None
        return value if isinstance(value, str) and value and value != latin else ""

    # --- search ------------------------------------------------------------------------------

    def search(self, text: str, limit: int = SEARCH_LIMIT, offset: int = 0) -> SearchResults:
        """Styles matching what was typed: barcode digits, SKU, name, brand, colour, size; names
        in kanji and kana; and, when nothing matches, the text with one typo per word corrected
        (the results then say so: `corrected_to`, `note`)."""
        text = text.strip()
        if not text:
            return SearchResults()
        compact = text.replace(" ", "")
        if compact.isdigit() and len(compact) >= 4:
            hits = self._by_barcode_prefix(compact, limit, offset)
            if hits:
                return SearchResults(hits)
        if other_script(text):
            return SearchResults(self._by_local_names(text, limit, offset))
        query = fts_query(text)
        if query is None:
            return SearchResults()
        rows = self._fts(query, limit, offset)
        if rows or (offset and self._fts(query, 1, 0)):
            return SearchResults(self._with_figures(rows))
        corrected = self.vocabulary().correct_text(text)
        fixed = None if corrected is None else fts_query(corrected)
        if fixed is None:
            return SearchResults()
        rows = self._fts(fixed, limit, offset)
        return SearchResults(self._with_figures(rows), corrected if rows or offset else None)

    def _fts(self, query: str, limit: int, offset: int) -> list[tuple[Any, ...]]:
        return self.store.query(
            f"SELECT {HIT_COLUMNS} FROM styles_fts JOIN styles s ON s.id = styles_fts.rowid "
            "WHERE styles_fts MATCH ? LIMIT ? OFFSET ?",
            (query, limit, offset),
        )

    def _hits(self, rows: list[tuple[Any, ...]]) -> list[StyleHit]:
        return [StyleHit(r[0], r[1], r[2], r[3], r[4], r[5], r[6], local_name=self._local(r[7], r[1])) for r in rows]

    def _by_local_names(self, text: str, limit: int, offset: int) -> list[StyleHit]:
        """Names in other scripts: every piece typed must be a substring of the style's local
        names (or its colours'). Pieces of 3+ characters go through the trigram index; shorter
        ones (紺, 麻) are checked on the rows it found, or by a scan of the styles (one row per
        style, stopping at the page) when no piece is long enough."""
        pieces = substrings(text)
        if not pieces:
            return []
        match = trigram_query(pieces)
        short = [p for p in pieces if match is None or len(p) < 3]
        where = " AND ".join(["instr(lower(s.local_text), ?) > 0"] * len(short))
        if match is None:
            sql = f"SELECT {HIT_COLUMNS} FROM styles s WHERE {where} LIMIT ? OFFSET ?"
            args: list[Any] = [*short, limit, offset]
        else:
            sql = (
                f"SELECT {HIT_COLUMNS} FROM styles_tri JOIN styles s ON s.id = styles_tri.rowid "
                f"WHERE styles_tri MATCH ?{' AND ' + where if where else ''} LIMIT ? OFFSET ?"
            )
            args = [match, *short, limit, offset]
        return self._with_figures(self.store.query(sql, args))

    def _catalog_version(self) -> tuple[Any, ...]:
        rows = self.store.query("SELECT epoch, cursor, resync_epoch FROM stream_state WHERE stream='catalog'")
        return tuple(rows[0]) if rows else ()

    def vocabulary(self) -> Vocabulary:
        """The catalog's words for typo correction: read from the search index once per catalog
        version (the catalog stream's epoch and cursor), kept in memory between keystrokes."""
        version = self._catalog_version()
        with self._vocabulary_lock:
            if self._vocabulary is None or self._vocabulary[0] != version:
                words = {str(term): int(docs) for term, docs in self.store.query(VOCABULARY_SQL) if str(term).isalpha()}
                self._vocabulary = (version, Vocabulary(words))
            return self._vocabulary[1]

    def _with_figures(self, rows: list[tuple[Any, ...]]) -> list[StyleHit]:
        """The page of hits (rows of HIT_COLUMNS) with this store's price (range) and stock,
        summed per style inside SQLite (no Python object per variant: a page of 50 styles has
        over a thousand) — key ranges where a style's variants are one id run, else a probe per
        variant — plus corrections not yet in the cache."""
        home = self.home()
        if not rows or home is None:
            return self._hits(rows)
        codes = [str(r[0]) for r in rows]
        with self._reading() as con:  # the figures and the cursor they are as of: one snapshot
            own, base = self._regular_lists(con)
            figures: dict[str, tuple[Any, Any, Any, int]] = {}
            if len(base) == 1:
                for code, own_n, lo, hi, stock, n in con.execute(
                    RANGE_FIGURES_SQL.format(own=",".join("?" * len(own)), styles=",".join("?" * len(codes))),
                    (*own, base[0], base[0], self.store_id, self.store_id, *codes),
                ):
                    if not own_n:
                        figures[str(code)] = (lo, hi, stock, int(n))
            rest = [c for c in codes if c not in figures]
            if rest:
                probed = con.execute(
                    FIGURES_SQL.format(
                        own=",".join("?" * len(own)), base=",".join("?" * len(base)), styles=",".join("?" * len(rest))
                    ),
                    (*own, *base, self.store_id, *rest),
                ).fetchall()
                figures.update((str(code), (lo, hi, stock, int(n))) for code, lo, hi, stock, n in probed)
            cursor = _stock_cursor(con)
        pending = self._pending_by_style(codes, cursor)
        out: list[StyleHit] = []
        for r in rows:
            code = str(r[0])
            lo, hi, stock, n = figures.get(code, (None, None, None, 0))
            text = ""
            if lo is not None:
                text = self._money_text(int(lo), home.currency, home.locale)
                if hi != lo:
                    text += " – " + self._money_text(int(hi), home.currency, home.locale)
            extra = pending.get(code)
            available = None if not n and extra is None else int(stock or 0) + (extra or 0)
            out.append(StyleHit(code, r[1], r[2], r[3], r[4], r[5], r[6], text, available, self._local(r[7], r[1])))
        return out

    def _regular_lists(self, con: sqlite3.Connection) -> tuple[list[int], list[int]]:
        """The price lists everyone pays here: this store's own lists and the base lists (member
        lists aside), each never empty (-1 matches nothing). Kept per copy of the prices stream
        (its epoch and cursor), read with `con`'s snapshot."""
        version = tuple(
            con.execute("SELECT epoch, cursor, resync_epoch FROM stream_state WHERE stream='prices'").fetchall()
        )
        if self._lists is not None and self._lists[0] == version:
            return self._lists[1]
        own: list[int] = []
        base: list[int] = []
        for list_id in key_values(con, "prices", "list_id"):
            store_id, group = con.execute(
                "SELECT store_id, customer_group FROM prices WHERE list_id=? LIMIT 1", (list_id,)
            ).fetchone()
            if group == "":
                if store_id == self.store_id:
                    own.append(list_id)
                elif store_id is None:
                    base.append(list_id)
        lists = (own or [-1], base or [-1])
        self._lists = (version, lists)
        return lists

    def _money_text(self, minor: int, currency: str, locale: str) -> str:
        key = (minor, currency, locale)
        text = self._money_texts.get(key)
        if text is None:
            if len(self._money_texts) > 10_000:
                self._money_texts.clear()
            text = self._money_texts[key] = format_money(Money(minor, currency), locale)
        return text

    def _pending_by_style(self, codes: list[str], cursor: int) -> dict[str, int]:
        """Per style of `codes`, the corrections of this store central has not reflected yet."""
        pending = self.pending_corrections(None, cursor=cursor)
        if not pending:
            return {}
        ids = list(pending)
        rows = self.store.query(
            f"SELECT id, style_code FROM catalog WHERE id IN ({','.join('?' * len(ids))}) AND active=1", ids
        )
        wanted = set(codes)
        out: dict[str, int] = {}
        for vid, style in rows:
            if style in wanted:
                out[style] = out.get(style, 0) + pending[int(vid)]
        return out

    def _by_barcode_prefix(self, digits: str, limit: int, offset: int) -> list[StyleHit]:
        upper = digits[:-1] + chr(ord(digits[-1]) + 1)
        rows = self.store.query(
            f"SELECT DISTINCT {HIT_COLUMNS} "
            "FROM barcodes b JOIN catalog c ON c.id = b.variant_id JOIN styles s ON s.code = c.style_code "
            "WHERE b.code >= ? AND b.code < ? LIMIT ? OFFSET ?",
            (digits, upper, limit, offset),
        )
        return self._with_figures(rows)

    def _key_values(self, table: str, column: str) -> list[int]:
        with self.store.raw() as con:
            return key_values(con, table, column)

    def scan(self, raw: str) -> ScanResult:
        """A scanner burst: a GTIN, a SKU, or a mistake, each with words for the person."""
        code = classify(raw)
        if code.kind is CodeKind.BAD_CHECK_DIGIT:
            return ScanResult(raw, None, None, code.message, "scan.bad_check_digit", {"code": code.raw})
        if code.kind is CodeKind.GTIN and code.gtin13 is not None:
            rows = self.store.query(
                "SELECT c.id, c.style_code FROM barcodes b JOIN catalog c ON c.id=b.variant_id WHERE b.code=?",
                (code.gtin13,),
            )
            if not rows:
                return _not_found(raw, "scan.unknown_barcode", raw)
            return ScanResult(raw, rows[0][1], rows[0][0], "")
        rows = self.store.query("SELECT id, style_code FROM catalog WHERE sku=?", (raw.strip().upper(),))
        if rows:
            return ScanResult(raw, rows[0][1], rows[0][0], "")
        rows = self.store.query("SELECT first_variant, code FROM styles WHERE code=?", (raw.strip().upper(),))
        if rows:
            return ScanResult(raw, rows[0][1], None, "")
        return _not_found(raw, "basket.unknown_code", raw.strip()[:40])

    # --- prices --------------------------------------------------------------------------------

    def prices(self, variant_ids: list[int]) -> dict[int, tuple[Money, Money | None]]:
        """Price of each variant for this store: store list over base list; members price too."""
        if not variant_ids:
            return {}
        marks = ",".join("?" * len(variant_ids))
        lists = self._key_values("prices", "list_id")
        rows = self.store.query(
            # prices is keyed (list_id, variant_id): name the lists so the key is used, not a scan
            f"SELECT variant_id, currency, store_id, customer_group, amount FROM prices "
            f"WHERE list_id IN ({','.join('?' * len(lists))}) AND variant_id IN ({marks})",
            [*lists, *variant_ids],
        )
        regular: dict[int, tuple[int, Money]] = {}
        member: dict[int, Money] = {}
        for vid, cur, store_id, group, amount in rows:
            money = Money(int(amount), cur)
            if group == "members":
                member[vid] = money
                continue
            rank = 2 if store_id == self.store_id else 1 if store_id is None else 0
            if rank and (vid not in regular or regular[vid][0] < rank):
                regular[vid] = (rank, money)
        return {vid: (m, member.get(vid)) for vid, (_r, m) in regular.items()}

    def price_of(self, variant_id: int) -> Money | None:
        got = self.prices([variant_id]).get(variant_id)
        return None if got is None else got[0]

    # --- product view --------------------------------------------------------------------------

    def product(
        self, style_code: str, focus_variant: int | None = None, now: datetime | None = None
    ) -> ProductView | None:
        now = now or datetime.now(UTC)
        variants = self.store.query(
            "SELECT id, sku, name, brand, category, colour, size, size_order FROM catalog "
            "WHERE style_code=? AND active=1 ORDER BY size_order, id",
            (style_code,),
        )
        if not variants:
            return None
        style_names = self.store.query("SELECT names FROM styles WHERE code=?", (style_code,))
        distinct = sorted({str(v[5]) for v in variants})
        named_colours = dict(
            self.store.query(
                f"SELECT key, value FROM names WHERE kind='colour' AND key IN ({','.join('?' * len(distinct))})",
                distinct,
            )
        )
        home = self.home()
        locale = home.locale if home else "en_US"
        ids = [v[0] for v in variants]
        prices = self.prices(ids)
        colours: list[str] = []
        sizes: list[str] = []
        colour_names: dict[str, str] = {}
        for v in variants:
            if v[5] not in colours:
                colours.append(v[5])
                local_colour = self._local(named_colours.get(v[5]), v[5])
                if local_colour:
                    colour_names[v[5]] = local_colour
            if v[6] not in sizes:
                sizes.append(v[6])
        marks = ",".join("?" * len(ids))
        locs = self._key_values("stock", "location_id")
        with self._reading() as con:  # the rows and the cursor they are as of: one snapshot
            rows = con.execute(
                f"SELECT location_id, variant_id, on_hand, reserved FROM stock "
                f"WHERE location_id IN ({','.join('?' * len(locs))}) AND variant_id IN ({marks})",
                [*locs, *ids],
            ).fetchall()
            cursor = _stock_cursor(con)
        stock = {(loc, vid): on_hand - reserved for loc, vid, on_hand, reserved in rows}
        pending = self.pending_corrections(ids, cursor=cursor)
        uncertain = self.uncertain_corrections(ids)
        cells: dict[tuple[str, str], Cell] = {}
        for vid, sku, _n, _b, _c, colour, size, _o in variants:
            avail = stock.get((self.store_id, vid), 0) + pending.get(vid, 0)
            cells[(colour, size)] = Cell(vid, sku, avail, pending.get(vid, 0), level(avail), uncertain.get(vid, 0))
        amounts = sorted({p[0].minor for p in prices.values()})
        first = prices.get(focus_variant or ids[0]) or (next(iter(prices.values())) if prices else None)
        if first is None:
            price_text, member_text, price = "No price in this store", None, None
        else:
            price = first[0]
            price_text = format_money(price, locale)
            if len(amounts) > 1 and focus_variant is None:
                cur = price.currency
                price_text = (
                    f"{format_money(Money(amounts[0], cur), locale)} – {format_money(Money(amounts[-1], cur), locale)}"
                )
            member_text = None if first[1] is None else format_money(first[1], locale)
        view = ProductView(
            style_code=style_code,
            name=variants[0][2],
            brand=variants[0][3],
            category=variants[0][4],
            price_text=price_text,
            member_price_text=member_text,
            price=price,
            colours=colours,
            sizes=sizes,
            cells=cells,
            local_name=self._local(style_names[0][0] if style_names else None, variants[0][2]),
            colour_names=colour_names,
            focus_variant=focus_variant,
            stock_as_of=self.store.stream_state("stock").synced_at,
        )
        view.elsewhere = self.elsewhere(ids, focus_variant, stock, now)
        return view

    def elsewhere(
        self,
        ids: list[int],
        focus_variant: int | None,
        stock: dict[tuple[int, int], int],
        now: datetime,
    ) -> list[ElsewhereRow]:
        """Nearby stores and warehouses, with the freshest figure known and how old it is."""
        locs = self.locations()
        home = locs.get(self.store_id)
        if home is None:
            return []
        wanted = [focus_variant] if focus_variant else ids
        stock_state = self.store.query("SELECT synced_at FROM stream_state WHERE stream='stock'")
        synced = parse_ts(stock_state[0][0]) if stock_state else None
        marks = ",".join("?" * len(wanted))
        live: dict[int, tuple[int, datetime]] = {}
        for loc, _vid, on_hand, reserved, fetched in self.store.query(
            f"SELECT location_id, variant_id, on_hand, reserved, fetched_at FROM live_stock WHERE variant_id IN ({marks})",
            wanted,
        ):
            at = parse_ts(fetched)
            assert at is not None
            total, seen = live.get(loc, (0, at))
            live[loc] = (total + on_hand - reserved, min(seen, at))
        rows: list[ElsewhereRow] = []
        order = [i for i in home.nearby if i in locs]
        for loc_id in order:
            loc = locs[loc_id]
            cached = sum(stock.get((loc_id, v), 0) for v in wanted)
            has_cached = synced is not None
            live_fig = live.get(loc_id)
            if live_fig and (synced is None or live_fig[1] >= synced):
                avail, at = live_fig
            elif has_cached:
                avail, at = cached, synced
            else:
                rows.append(ElsewhereRow(loc, None, None, False))
                continue
            # "live" only while central is reachable; offline every figure says its age.
            live_now = at is not None and self.online and now - at <= self.live_window
            rows.append(ElsewhereRow(loc, avail, at, live_now))
        return rows

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection]:
        """One cache.db read transaction: every statement in it sees the same committed state
        (a page applied meanwhile changes rows and cursor together, never between two reads)."""
        with self.store.raw() as con:
            con.execute("BEGIN")
            try:
                yield con
            finally:
                con.rollback()

    def pending_corrections(self, ids: list[int] | None, *, cursor: int | None = None) -> dict[int, int]:
        """Corrections (and sales' stock effects) central has not reflected in our stock cache
        yet — not sent, or sent but the stock stream's `cursor` is still before the change
        central made for them — of the variants `ids` (None: of every variant). Pass the cursor
        read in the same transaction as the figures it is added to. A sent mark whose sequence
        belongs to another epoch was settled when that epoch's copy was swapped in
        (LocalStore.settle_marks); a stuck op whose send may have reached central is not counted
        (`uncertain_corrections`)."""
        if ids is not None and not ids:
            return {}
        if cursor is None:
            with self._reading() as con:
                cursor = _stock_cursor(con)
        among = "" if ids is None else f" AND c.variant_id IN ({','.join('?' * len(ids))})"
        rows = self.store.query(
            f"SELECT c.variant_id, sum(c.delta) FROM stock_corrections c WHERE c.location_id=?{among} "
            f"AND (c.status='pending' OR (c.status='sent' AND c.server_seq > ?)) AND NOT {_UNCERTAIN} "
            "GROUP BY c.variant_id",
            (self.store_id, *(ids or ()), cursor),
            "device",
        )
        return {int(v): int(d) for v, d in rows}

    def on_hand_here(self, variant_id: int) -> int:
        """This store's cached on-hand figure of a variant plus its pending marks, the row and
        the cursor read in one transaction."""
        with self._reading() as con:
            row = con.execute(
                "SELECT on_hand FROM stock WHERE location_id=? AND variant_id=?", (self.store_id, variant_id)
            ).fetchone()
            cursor = _stock_cursor(con)
        cached = int(row[0]) if row else 0
        return cached + self.pending_corrections([variant_id], cursor=cursor).get(variant_id, 0)

    def uncertain_corrections(self, ids: list[int]) -> dict[int, int]:
        """Per variant, the units of corrections whose op was set aside as stuck while in doubt:
        central may have applied them (then the pulled figure has them) or not."""
        if not ids:
            return {}
        rows = self.store.query(
            f"SELECT c.variant_id, sum(c.delta) FROM stock_corrections c WHERE c.location_id=? "
            f"AND c.variant_id IN ({','.join('?' * len(ids))}) AND c.status='pending' AND {_UNCERTAIN} "
            "GROUP BY c.variant_id",
            (self.store_id, *ids),
            "device",
        )
        return {int(v): int(d) for v, d in rows}

    def store_live_stock(self, rows: list[tuple[int, int, int, int]], fetched_at: datetime) -> None:
        with self.store.tx() as con:
            con.executemany(
                "INSERT OR REPLACE INTO live_stock(location_id, variant_id, on_hand, reserved, fetched_at) VALUES (?, ?, ?, ?, ?)",
                [(*r, fetched_at.isoformat()) for r in rows],
            )


# A stock_corrections row belongs to the op of its op_id, or of the part before ":" (a sale's
# stock effect rows are "<op_id>:<n>"). Uncertain: that op is stuck and was sent without an answer.
_UNCERTAIN = (
    "EXISTS (SELECT 1 FROM outbox o WHERE o.state='stuck' AND o.in_doubt=1 "
    "AND o.op_id = CASE WHEN instr(c.op_id, ':') > 0 THEN substr(c.op_id, 1, instr(c.op_id, ':') - 1) ELSE c.op_id END)"
)


def key_values(con: sqlite3.Connection, table: str, column: str) -> list[int]:
    """Distinct values of a table's leading key column by skipping along the key (a handful
    of index probes) instead of scanning a million rows."""
    values: list[int] = []
    last = -(2**62)
    while True:
        (nxt,) = con.execute(f"SELECT min({column}) FROM {table} WHERE {column} > ?", (last,)).fetchone()
        if nxt is None:
            return values
        values.append(int(nxt))
        last = int(nxt)


def _stock_cursor(con: sqlite3.Connection) -> int:
    row = con.execute("SELECT cursor FROM stream_state WHERE stream='stock'").fetchone()
    return int(row[0]) if row else 0
