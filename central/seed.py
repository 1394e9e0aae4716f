"""`central seed`: a realistic, deterministic apparel and footwear demo.

Styles come in size x colour variants with readable names, valid EAN-13 barcodes, prices in
JPY (Tokyo stores) and EUR (Berlin stores), stock spread over stores and a regional warehouse,
and staff with known demo PINs. Bulk rows go in through the DB-API executemany (the ORM's unit
of work is many times slower for a million rows, DESIGN.md section 3).
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson
from orjson import OPT_SORT_KEYS
from sqlalchemy import Connection, delete, func, select
from sqlalchemy.orm import Session
from stdnum import ean

from central.customers import name_key
from central.db import Database, get_pin_key, new_epoch
from central.models import Base, CardLimit, Customer, Location, RoleLimit, ShiftPolicyRow, Variant
from sync.pins import hash_pin
from sync.protocol import customer_id_for, row_hash

DEMO_PINS = {"manager": "3333", "supervisor": "2222", "associate": "1111"}
SECOND_ASSOCIATE_PIN = "1112"


@dataclass(frozen=True)
class StoreDef:
    code: str
    name: str
    currency: str
    locale: str
    timezone: str
    address: str
    city: str
    country: str


STORES = [
    StoreDef("TKY01", "Aisle Shibuya", "JPY", "ja_JP", "Asia/Tokyo", "1-21-3 Jinnan, Shibuya-ku", "Tokyo", "JP"),
    StoreDef("BER01", "Aisle Berlin Mitte", "EUR", "de_DE", "Europe/Berlin", "Rosenthaler Str. 40", "Berlin", "DE"),
    StoreDef("TKY02", "Aisle Shinjuku", "JPY", "ja_JP", "Asia/Tokyo", "3-38-1 Shinjuku, Shinjuku-ku", "Tokyo", "JP"),
    StoreDef("BER02", "Aisle Kreuzberg", "EUR", "de_DE", "Europe/Berlin", "Oranienstr. 19", "Berlin", "DE"),
    StoreDef(
        "YOK01",
        "Aisle Yokohama Minatomirai",
        "JPY",
        "ja_JP",
        "Asia/Tokyo",
        "2-3-1 Minatomirai, Nishi-ku",
        "Yokohama",
        "JP",
    ),
    StoreDef("POT01", "Aisle Potsdam", "EUR", "de_DE", "Europe/Berlin", "Brandenburger Str. 12", "Potsdam", "DE"),
    StoreDef("TKY03", "Aisle Ginza", "JPY", "ja_JP", "Asia/Tokyo", "4-6-16 Ginza, Chuo-ku", "Tokyo", "JP"),
    StoreDef("HAM01", "Aisle Hamburg Neustadt", "EUR", "de_DE", "Europe/Berlin", "Neuer Wall 30", "Hamburg", "DE"),
]
WAREHOUSES = {
    "JP": StoreDef(
        "WH-JP", "Warehouse Chiba", "JPY", "ja_JP", "Asia/Tokyo", "2-1 Shinminato, Mihama-ku", "Chiba", "JP"
    ),
    "DE": StoreDef(
        "WH-DE", "Warehouse Erfurt", "EUR", "de_DE", "Europe/Berlin", "Am Güterverkehrszentrum 5", "Erfurt", "DE"
    ),
}

# The store pricing rules per country (the locations stream carries them, docs/pricing.md):
# tax mode, tax rounding and its direction, cash rounding increment (0 = none) and its mode,
# and the qualified-invoice issuer's registration number (Japan; a demo "T" + 13 digits).
STORE_RULES: dict[str, tuple[str, str, str, int, str, str]] = {
    "JP": ("included", "per_rate", "down", 0, "half_up", "T7010001088960"),
    "DE": ("included", "per_line", "half_up", 0, "half_up", ""),
}
RULE_COLUMNS = [
    "tax_mode",
    "tax_rounding",
    "tax_rounding_mode",
    "cash_rounding",
    "cash_rounding_mode",
    "registration_no",
]

TOPS = ["XS", "S", "M", "L", "XL", "XXL"]
WAIST = ["W28", "W29", "W30", "W31", "W32", "W33", "W34", "W36"]
SHOES = [str(s) for s in range(36, 47)]

# category, department, prefix, size run, nouns, materials, features, base price EUR
CATEGORIES: list[tuple[str, str, str, list[str], list[str], list[str], list[str], int]] = [
    (
        "T-shirts",
        "apparel",
        "TS",
        TOPS,
        ["Crew Tee", "Pocket Tee", "V-Neck Tee", "Henley"],
        ["Organic Cotton", "Slub Jersey", "Pima Cotton", "Linen Blend"],
        ["Relaxed", "Boxy", "Everyday", "Heavyweight", "Washed"],
        25,
    ),
    (
        "Shirts",
        "apparel",
        "SH",
        TOPS,
        ["Oxford Shirt", "Camp Shirt", "Overshirt", "Flannel Shirt"],
        ["Cotton", "Linen", "Brushed Twill", "Corduroy"],
        ["Button-Down", "Regular Fit", "Garment-Dyed", "Utility"],
        59,
    ),
    (
        "Knitwear",
        "apparel",
        "KN",
        TOPS,
        ["Crew Jumper", "Cardigan", "Roll Neck", "Polo Knit"],
        ["Merino", "Lambswool", "Cashmere Blend", "Cotton"],
        ["Fine-Gauge", "Chunky", "Ribbed", "Fisherman"],
        79,
    ),
    (
        "Hoodies",
        "apparel",
        "HD",
        TOPS,
        ["Hoodie", "Zip Hoodie", "Sweatshirt"],
        ["Loopback Cotton", "Fleece", "French Terry"],
        ["Oversized", "Classic", "Garment-Dyed", "Brushed"],
        69,
    ),
    (
        "Jackets",
        "apparel",
        "JK",
        TOPS,
        ["Field Jacket", "Puffer Jacket", "Chore Coat", "Rain Shell", "Bomber"],
        ["Waxed Cotton", "Down", "Ripstop", "Wool Blend", "Recycled Nylon"],
        ["Packable", "Insulated", "Hooded", "Lightweight"],
        149,
    ),
    (
        "Jeans",
        "apparel",
        "JN",
        WAIST,
        ["Jeans"],
        ["Selvedge Denim", "Stretch Denim", "Rigid Denim", "Organic Denim"],
        ["Slim Tapered", "Straight", "Relaxed", "Wide-Leg", "Skinny"],
        89,
    ),
    (
        "Trousers",
        "apparel",
        "TR",
        WAIST,
        ["Chinos", "Pleated Trousers", "Cargo Trousers", "Drawstring Trousers"],
        ["Cotton Twill", "Linen", "Wool", "Ripstop"],
        ["Slim", "Regular", "Relaxed", "Cropped"],
        69,
    ),
    (
        "Dresses",
        "apparel",
        "DR",
        TOPS,
        ["Midi Dress", "Shirt Dress", "Slip Dress", "Wrap Dress"],
        ["Viscose", "Linen", "Cotton Poplin", "Satin"],
        ["Tiered", "Belted", "Sleeveless", "Pleated"],
        89,
    ),
    (
        "Skirts",
        "apparel",
        "SK",
        TOPS,
        ["Midi Skirt", "Mini Skirt", "A-Line Skirt"],
        ["Denim", "Corduroy", "Satin", "Wool"],
        ["Pleated", "Wrap", "Button-Front"],
        59,
    ),
    (
        "Sneakers",
        "footwear",
        "SN",
        SHOES,
        ["Sneaker", "Court Sneaker", "Runner", "High-Top"],
        ["Leather", "Suede", "Canvas", "Knit"],
        ["Low", "Retro", "Trail", "Everyday", "Platform"],
        109,
    ),
    (
        "Boots",
        "footwear",
        "BT",
        SHOES,
        ["Chelsea Boot", "Lace-Up Boot", "Hiking Boot", "Work Boot"],
        ["Leather", "Suede", "Nubuck", "Waterproof Leather"],
        ["Lug Sole", "Classic", "Lined", "Lightweight"],
        169,
    ),
    (
        "Loafers",
        "footwear",
        "LF",
        SHOES,
        ["Penny Loafer", "Loafer", "Boat Shoe"],
        ["Leather", "Suede", "Patent Leather"],
        ["Classic", "Chunky", "Soft"],
        129,
    ),
    (
        "Sandals",
        "footwear",
        "SD",
        SHOES,
        ["Slide", "Sandal", "Trek Sandal"],
        ["Leather", "Cork", "Rubber", "Webbing"],
        ["Two-Strap", "Cushioned", "Adjustable"],
        59,
    ),
]
BRANDS = ["Northwind", "Kaze", "Lumen & Co", "Hale", "Marlow", "Sora", "Fjell", "Brisk", "Aisle Basics", "Tatami"]
COLOURS = [
    ("Black", "BLK"),
    ("White", "WHT"),
    ("Navy", "NVY"),
    ("Olive", "OLV"),
    ("Sand", "SND"),
    ("Burgundy", "BRG"),
    ("Grey Melange", "GRM"),
    ("Ecru", "ECR"),
    ("Sky Blue", "SKY"),
    ("Rust", "RST"),
    ("Forest Green", "FGR"),
    ("Charcoal", "CHR"),
    ("Indigo", "IND"),
    ("Tan", "TAN"),
]
# Japanese words for the demo's names (the Tokyo stores show them): feature, material (its
# katakana, and the kanji a label names it by where there is one), noun, colour. A style's
# Japanese name is "<feature> <material><noun>" plus "（<kanji>）", e.g. "レギュラーフィット
# リネンオックスフォードシャツ（麻）"; every English word of CATEGORIES and COLOURS has one.
JA_FEATURES = {
    "Relaxed": "リラックス", "Boxy": "ボクシー", "Everyday": "デイリー", "Heavyweight": "ヘビーウェイト",
    "Washed": "ウォッシュ", "Button-Down": "ボタンダウン", "Regular Fit": "レギュラーフィット",
    "Garment-Dyed": "製品染め", "Utility": "ユーティリティ", "Fine-Gauge": "ハイゲージ", "Chunky": "チャンキー",
    "Ribbed": "リブ", "Fisherman": "フィッシャーマン", "Oversized": "オーバーサイズ", "Classic": "クラシック",
    "Brushed": "起毛", "Packable": "パッカブル", "Insulated": "中綿", "Hooded": "フード付き", "Lightweight": "軽量",
    "Slim Tapered": "スリムテーパード", "Straight": "ストレート", "Wide-Leg": "ワイド", "Skinny": "スキニー",
    "Slim": "スリム", "Regular": "レギュラー", "Cropped": "クロップド", "Tiered": "ティアード", "Belted": "ベルテッド",
    "Sleeveless": "ノースリーブ", "Pleated": "プリーツ", "Wrap": "ラップ", "Button-Front": "前ボタン",
    "Low": "ローカット", "Retro": "レトロ", "Trail": "トレイル", "Platform": "厚底", "Lug Sole": "ラグソール",
    "Lined": "裏地付き", "Soft": "ソフト", "Two-Strap": "2本ストラップ", "Cushioned": "クッション",
    "Adjustable": "アジャスタブル",
}  # fmt: skip
JA_MATERIALS = {
    "Organic Cotton": ("オーガニックコットン", "綿"), "Slub Jersey": ("スラブ天竺", "綿"),
    "Pima Cotton": ("ピマコットン", "綿"), "Linen Blend": ("リネンブレンド", "麻混"), "Cotton": ("コットン", "綿"),
    "Linen": ("リネン", "麻"), "Brushed Twill": ("起毛ツイル", "綿"), "Corduroy": ("コーデュロイ", "綿"),
    "Merino": ("メリノ", "毛"), "Lambswool": ("ラムウール", "毛"), "Cashmere Blend": ("カシミヤブレンド", "毛"),
    "Loopback Cotton": ("裏毛", "綿"), "Fleece": ("フリース", ""), "French Terry": ("フレンチテリー", "綿"),
    "Waxed Cotton": ("ワックスコットン", "綿"), "Down": ("ダウン", "羽毛"), "Ripstop": ("リップストップ", ""),
    "Wool Blend": ("ウールブレンド", "毛"), "Recycled Nylon": ("リサイクルナイロン", ""),
    "Selvedge Denim": ("セルビッチデニム", "綿"), "Stretch Denim": ("ストレッチデニム", "綿"),
    "Rigid Denim": ("リジッドデニム", "綿"), "Organic Denim": ("オーガニックデニム", "綿"),
    "Cotton Twill": ("コットンツイル", "綿"), "Wool": ("ウール", "毛"), "Viscose": ("ビスコース", "レーヨン"),
    "Cotton Poplin": ("コットンポプリン", "綿"), "Satin": ("サテン", ""), "Denim": ("デニム", "綿"),
    "Leather": ("レザー", "革"), "Suede": ("スエード", "革"), "Canvas": ("キャンバス", "綿"), "Knit": ("ニット", ""),
    "Nubuck": ("ヌバック", "革"), "Waterproof Leather": ("防水レザー", "革"), "Patent Leather": ("エナメル", "革"),
    "Cork": ("コルク", ""), "Rubber": ("ラバー", ""), "Webbing": ("ウェビング", ""),
}  # fmt: skip
JA_NOUNS = {
    "Crew Tee": "クルーネックTシャツ", "Pocket Tee": "ポケットTシャツ", "V-Neck Tee": "VネックTシャツ",
    "Henley": "ヘンリーネックTシャツ", "Oxford Shirt": "オックスフォードシャツ", "Camp Shirt": "オープンカラーシャツ",
    "Overshirt": "シャツジャケット", "Flannel Shirt": "ネルシャツ", "Crew Jumper": "クルーネックセーター",
    "Cardigan": "カーディガン", "Roll Neck": "タートルネック", "Polo Knit": "ニットポロ", "Hoodie": "パーカー",
    "Zip Hoodie": "ジップパーカー", "Sweatshirt": "スウェットシャツ", "Field Jacket": "フィールドジャケット",
    "Puffer Jacket": "パファージャケット", "Chore Coat": "カバーオール", "Rain Shell": "レインシェル",
    "Bomber": "ボンバージャケット", "Jeans": "ジーンズ", "Chinos": "チノパン", "Pleated Trousers": "タックパンツ",
    "Cargo Trousers": "カーゴパンツ", "Drawstring Trousers": "イージーパンツ", "Midi Dress": "ミディワンピース",
    "Shirt Dress": "シャツワンピース", "Slip Dress": "スリップドレス", "Wrap Dress": "ラップワンピース",
    "Midi Skirt": "ミディスカート", "Mini Skirt": "ミニスカート", "A-Line Skirt": "Aラインスカート",
    "Sneaker": "スニーカー", "Court Sneaker": "コートスニーカー", "Runner": "ランニングシューズ",
    "High-Top": "ハイカットスニーカー", "Chelsea Boot": "サイドゴアブーツ", "Lace-Up Boot": "レースアップブーツ",
    "Hiking Boot": "ハイキングブーツ", "Work Boot": "ワークブーツ", "Penny Loafer": "ペニーローファー",
    "Loafer": "ローファー", "Boat Shoe": "デッキシューズ", "Slide": "スライドサンダル", "Sandal": "サンダル",
    "Trek Sandal": "トレッキングサンダル",
}  # fmt: skip
JA_COLOURS = {
    "Black": "黒", "White": "白", "Navy": "紺", "Olive": "オリーブ", "Sand": "サンド", "Burgundy": "ワインレッド",
    "Grey Melange": "杢グレー", "Ecru": "生成り", "Sky Blue": "水色", "Rust": "ラスト", "Forest Green": "深緑",
    "Charcoal": "チャコール", "Indigo": "藍", "Tan": "キャメル",
}  # fmt: skip


def japanese_name(feature: str, material: str, noun: str) -> str:
    kana, kanji = JA_MATERIALS[material]
    return f"{JA_FEATURES[feature]} {kana}{JA_NOUNS[noun]}" + (f"（{kanji}）" if kanji else "")


def names_json(names: dict[str, str]) -> str:
    """The catalog's `names` / `colour_names` value: compact JSON, keys sorted (canonical)."""
    return orjson.dumps(names, option=orjson.OPT_SORT_KEYS).decode()


STAFF_NAMES = {
    "JP": [
        "Yuki Tanaka",
        "Haruto Sato",
        "Aoi Suzuki",
        "Ren Takahashi",
        "Mei Watanabe",
        "Sota Ito",
        "Hina Yamamoto",
        "Riku Nakamura",
        "Yui Kobayashi",
        "Kaito Kato",
        "Sakura Yoshida",
        "Daiki Yamada",
        "Rin Sasaki",
        "Hayato Matsumoto",
        "Koharu Inoue",
        "Takumi Kimura",
    ],
    "DE": [
        "Anna Schmidt",
        "Lukas Müller",
        "Mia Schneider",
        "Leon Fischer",
        "Emma Weber",
        "Finn Wagner",
        "Lea Becker",
        "Jonas Hoffmann",
        "Sophie Schulz",
        "Paul Koch",
        "Hannah Richter",
        "Felix Klein",
        "Lina Wolf",
        "Elias Neumann",
        "Marie Schwarz",
        "Noah Zimmermann",
    ],
}
JPY_PER_EUR = 160


@dataclass
class SeedSummary:
    variants: int = 0
    styles: int = 0
    barcodes: int = 0
    prices: int = 0
    stock_rows: int = 0
    locations: list[tuple[str, str, str]] = field(default_factory=list)
    promotions: int = 0
    coupons: list[tuple[str, str, str]] = field(default_factory=list)  # stores, code, promotion
    staff: list[tuple[str, str, str, str]] = field(default_factory=list)  # store, name, role, pin
    customers: list[tuple[str, str, str, str]] = field(default_factory=list)  # name, email, phone, group
    gift_cards: list[tuple[str, str, int, str]] = field(default_factory=list)  # number, currency, balance, status


class Bulk:
    """executemany through the DB-API cursor, in batches, for whichever dialect."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], batch: int = 20000) -> int:
        sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([self.mark] * len(columns))})"
        raw = self.conn.connection.dbapi_connection
        assert raw is not None
        cur = raw.cursor()
        n = 0
        buf: list[Sequence[Any]] = []
        for row in rows:
            buf.append(row)
            if len(buf) >= batch:
                cur.executemany(sql, buf)
                n += len(buf)
                buf = []
        if buf:
            cur.executemany(sql, buf)
            n += len(buf)
        cur.close()
        return n


def _hash(row: list[Any]) -> int:
    return row_hash(orjson.dumps(row))


def seed(
    db: Database,
    products: int = 5000,
    stores: int = 4,
    seed: int = 1,
    reset: bool = False,
    progress: Callable[[str], None] = lambda _m: None,
) -> SeedSummary:
    """Seed `products` sellable variants (SKUs) over `stores` stores and one warehouse per country."""
    if stores < 2 or stores > len(STORES):
        raise ValueError(f"--stores must be between 2 and {len(STORES)} (two currencies need two stores)")
    if products < 1:
        raise ValueError("--products must be at least 1")
    rnd = random.Random(seed)
    summary = SeedSummary()
    with db.transaction() as session:
        if session.scalar(select(func.count()).select_from(Variant)):
            if not reset:
                raise RuntimeError("central already holds a catalog; pass --reset to replace it")
            for table in reversed(Base.metadata.sorted_tables):
                if table.name != "meta":
                    session.execute(delete(table))
        new_epoch(session)
        conn = session.connection()
        bulk = Bulk(conn)
        _locations(session, bulk, stores, summary)
        _catalog(bulk, rnd, products, summary, progress)
        _prices_and_tax(session, bulk, rnd, summary, progress)
        _stock(session, bulk, rnd, summary, progress)
        _staff(session, bulk, summary)
        _promotions(bulk, stores, summary)
        _customers_and_limits(session, summary)
        _card_limits(session)
        _delivery_options(session, summary)
        _stored_value(session, rnd, summary)
        if conn.dialect.name == "postgresql":
            for t in ("variants", "prices", "stock", "barcodes", "styles"):
                conn.exec_driver_sql(f"ANALYZE {t}")
    progress("done")
    return summary


def _locations(session: Session, bulk: Bulk, stores: int, summary: SeedSummary) -> None:
    chosen = STORES[:stores]
    countries = sorted({s.country for s in chosen})
    rows: list[tuple[Any, ...]] = []
    ids: dict[str, int] = {}
    for i, s in enumerate(chosen + [WAREHOUSES[c] for c in countries], start=1):
        kind = "warehouse" if s.code.startswith("WH-") else "store"
        rules = STORE_RULES[s.country]
        rows.append((i, s.code, s.name, kind, s.currency, s.locale, s.timezone, s.address, s.city, s.country, *rules))
        ids[s.code] = i
        summary.locations.append((s.code, s.name, kind))
    bulk.insert(
        "locations",
        ["id", "code", "name", "kind", "currency", "locale", "timezone", "address", "city", "country", *RULE_COLUMNS],
        rows,
    )
    nearby: list[tuple[int, int, int]] = []
    for s in chosen:
        rank = 0
        for other in chosen:
            if other.country == s.country and other.code != s.code:
                nearby.append((ids[s.code], ids[other.code], rank))
                rank += 1
        nearby.append((ids[s.code], ids[WAREHOUSES[s.country].code], rank))
    bulk.insert("location_nearby", ["store_id", "nearby_id", "rank"], nearby)


def _catalog(
    bulk: Bulk, rnd: random.Random, products: int, summary: SeedSummary, progress: Callable[[str], None]
) -> None:
    bulk.insert("categories", ["id", "name", "department"], [(i, c[0], c[1]) for i, c in enumerate(CATEGORIES, 1)])
    styles: list[tuple[Any, ...]] = []
    variants: list[tuple[Any, ...]] = []
    barcodes: list[tuple[str, int]] = []
    self_price: dict[int, int] = {}
    vid = 0
    sid = 0
    code_no = 0
    colour_names = {colour: names_json({"ja": JA_COLOURS[colour]}) for colour, _code in COLOURS}
    while vid < products:
        sid += 1
        ci = rnd.randrange(len(CATEGORIES))
        cname, _dept, prefix, sizes, nouns, materials, features, base = CATEGORIES[ci]
        feature, material, noun = rnd.choice(features), rnd.choice(materials), rnd.choice(nouns)
        name = f"{feature} {material} {noun}"
        names = names_json({"ja": japanese_name(feature, material, noun)})
        brand = rnd.choice(BRANDS)
        style_code = f"{prefix}{sid:07d}"
        styles.append((sid, style_code, name, brand, ci + 1, "standard", names))
        self_price[sid] = base
        colours = rnd.sample(COLOURS, rnd.randint(2, 5))
        run = sizes if len(sizes) <= 6 else sizes[rnd.randint(0, 2) : rnd.randint(len(sizes) - 2, len(sizes))]
        for colour, ccode in colours:
            for order, size in enumerate(run):
                if vid >= products:
                    break
                vid += 1
                sku = f"{style_code}-{ccode}-{size}"
                code_no += 1
                codes = [ean.calc_check_digit(f"49{code_no:010d}")]
                code_list = [f"49{code_no:010d}{codes[0]}"]
                if rnd.random() < 0.05:  # an older label still in circulation
                    code_no += 1
                    code_list.append(f"49{code_no:010d}{ean.calc_check_digit(f'49{code_no:010d}')}")
                wire = [
                    vid,
                    sku,
                    style_code,
                    name,
                    brand,
                    cname,
                    colour,
                    size,
                    order,
                    " ".join(code_list),
                    "standard",
                    1,
                ]  # names per language: the `names` stream, built from the columns
                wire_bytes = orjson.dumps(wire)
                variants.append(
                    (
                        vid,
                        sid,
                        sku,
                        colour,
                        size,
                        order,
                        1,
                        colour_names[colour],
                        wire_bytes.decode(),
                        row_hash(wire_bytes),
                    )
                )
                barcodes.extend((c, vid) for c in code_list)
        if len(variants) >= 50000:
            _flush_catalog(bulk, styles, variants, barcodes, summary)
            progress(f"catalog: {vid:,} variants")
    _flush_catalog(bulk, styles, variants, barcodes, summary)
    summary.variants = vid
    summary.styles = sid


def _flush_catalog(
    bulk: Bulk, styles: list[Any], variants: list[Any], barcodes: list[Any], summary: SeedSummary
) -> None:
    bulk.insert("styles", ["id", "code", "name", "brand", "category_id", "tax_class", "names"], styles)
    bulk.insert(
        "variants",
        ["id", "style_id", "sku", "colour", "size", "size_order", "active", "colour_names", "wire_row", "row_hash"],
        variants,
    )
    summary.barcodes += bulk.insert("barcodes", ["code", "variant_id"], barcodes)
    styles.clear()
    variants.clear()
    barcodes.clear()


def _price_for(rnd: random.Random, base_eur: int, currency: str) -> int:
    factor = rnd.choice([0.8, 0.9, 1.0, 1.0, 1.1, 1.25, 1.5])
    eur = base_eur * factor
    if currency == "JPY":
        return round(eur * JPY_PER_EUR / 100.0) * 100 - 10  # 3,990 yen
    return int(eur) * 100 + 95  # 39.95 EUR in cents


def _prices_and_tax(
    session: Session, bulk: Bulk, rnd: random.Random, summary: SeedSummary, progress: Callable[[str], None]
) -> None:
    conn = bulk.conn
    currencies = sorted({c for (c,) in conn.exec_driver_sql("SELECT DISTINCT currency FROM locations")})
    lists: list[tuple[Any, ...]] = []
    lid = 0
    base_ids: dict[str, int] = {}
    member_ids: dict[str, int] = {}
    for cur in currencies:
        lid += 1
        lists.append((lid, f"Base {cur}", cur, None, ""))
        base_ids[cur] = lid
        lid += 1
        lists.append((lid, f"Members {cur}", cur, None, "members"))
        member_ids[cur] = lid
    flagship = {cur: None for cur in currencies}
    for loc_id, cur in conn.exec_driver_sql("SELECT id, currency FROM locations WHERE kind = 'store' ORDER BY id"):
        if flagship[cur] is None:
            flagship[cur] = loc_id
            lid += 1
            lists.append((lid, f"Store override {loc_id}", cur, loc_id, ""))
    bulk.insert("price_lists", ["id", "name", "currency", "store_id", "customer_group"], lists)
    list_meta = {row[0]: row for row in lists}
    style_base = {
        sid: CATEGORIES[cat - 1][7] for sid, cat in conn.exec_driver_sql("SELECT id, category_id FROM styles")
    }
    prices: list[tuple[int, int, int, int]] = []
    variant_rows = conn.exec_driver_sql("SELECT id, style_id FROM variants ORDER BY id").all()
    style_amount: dict[tuple[int, str], int] = {}
    for vid, sid in variant_rows:
        for cur in currencies:
            key = (sid, cur)
            amount = style_amount.get(key)
            if amount is None:
                amount = style_amount[key] = _price_for(rnd, style_base[sid], cur)
            lst = list_meta[base_ids[cur]]
            prices.append((lst[0], vid, amount, _hash([lst[0], vid, cur, None, "", amount])))
            if sid % 10 == 0:  # member prices on one style in ten
                m = list_meta[member_ids[cur]]
                mamount = amount * 90 // 100
                prices.append((m[0], vid, mamount, _hash([m[0], vid, cur, None, "members", mamount])))
        if len(prices) >= 100000:
            summary.prices += bulk.insert("prices", ["list_id", "variant_id", "amount", "row_hash"], prices)
            prices = []
            progress(f"prices: {summary.prices:,}")
    for cur, store_id in flagship.items():  # a store-level markdown on one style in fifty
        if store_id is None:
            continue
        olid = next(row[0] for row in lists if row[3] == store_id)
        for vid, sid in variant_rows:
            if sid % 50 == 7:
                amount = style_amount[(sid, cur)] * 70 // 100
                if cur == "JPY":
                    amount = amount // 10 * 10
                prices.append((olid, vid, amount, _hash([olid, vid, cur, store_id, "", amount])))
    summary.prices += bulk.insert("prices", ["list_id", "variant_id", "amount", "row_hash"], prices)
    bulk.insert(
        "tax_rates",
        ["id", "country", "tax_class", "rate", "name"],
        [
            (1, "JP", "standard", "0.10", "消費税 10%"),
            (2, "JP", "reduced", "0.08", "消費税 8% (軽減)"),
            (3, "DE", "standard", "0.19", "MwSt. 19%"),
            (4, "DE", "reduced", "0.07", "MwSt. 7%"),
        ],
    )


def _stock(
    session: Session, bulk: Bulk, rnd: random.Random, summary: SeedSummary, progress: Callable[[str], None]
) -> None:
    conn = bulk.conn
    locations = conn.exec_driver_sql("SELECT id, kind FROM locations ORDER BY id").all()
    style_variants: dict[int, list[int]] = {}
    for vid, sid in conn.exec_driver_sql("SELECT id, style_id FROM variants ORDER BY id"):
        style_variants.setdefault(sid, []).append(vid)
    rows: list[tuple[int, int, int, int, int]] = []
    for loc_id, kind in locations:
        carry = 0.7 if kind == "warehouse" else 0.2
        top = 40 if kind == "warehouse" else 6
        for _sid, vids in style_variants.items():
            if rnd.random() >= carry:
                continue
            for vid in vids:
                on_hand = max(0, int(rnd.triangular(-1, top, top / 4)))
                reserved = 1 if on_hand > 2 and rnd.random() < 0.05 else 0
                rows.append((loc_id, vid, on_hand, reserved, _hash([loc_id, vid, on_hand, reserved])))
            if len(rows) >= 100000:
                summary.stock_rows += bulk.insert(
                    "stock", ["location_id", "variant_id", "on_hand", "reserved", "row_hash"], rows
                )
                rows = []
                progress(f"stock: {summary.stock_rows:,} rows")
    summary.stock_rows += bulk.insert("stock", ["location_id", "variant_id", "on_hand", "reserved", "row_hash"], rows)


def _staff(session: Session, bulk: Bulk, summary: SeedSummary) -> None:
    pin_key = get_pin_key(session)  # the retailer's key: only enrolled devices hold it
    rows: list[tuple[Any, ...]] = []
    sid = 0
    per_country: dict[str, int] = {}
    for loc in session.scalars(select(Location).where(Location.kind == "store").order_by(Location.id)):
        names = STAFF_NAMES[loc.country]
        offset = per_country.get(loc.country, 0)
        per_country[loc.country] = offset + 4
        people = [
            ("manager", DEMO_PINS["manager"]),
            ("supervisor", DEMO_PINS["supervisor"]),
            ("associate", DEMO_PINS["associate"]),
            ("associate", SECOND_ASSOCIATE_PIN),
        ]
        for i, (role, pin) in enumerate(people):
            sid += 1
            name = names[(offset + i) % len(names)]
            rows.append((sid, name, role, loc.id, hash_pin(pin, pin_key), 1))
            summary.staff.append((loc.code, name, role, pin))
    bulk.insert("staff", ["id", "name", "role", "store_id", "pin_hash", "active"], rows)


# The demo's promotions per country (amounts in minor units of its currency), a few of each
# kind: (code, name, kind, fields). Fixed windows, no randomness: the same rows every seed.
# Targets name catalog categories (CATEGORIES). One has ended, one has not started, one needs
# the members group, one needs a coupon (printed by `central seed`).
_PROMOTIONS: dict[str, list[tuple[str, str, str, dict[str, Any]]]] = {
    "JP": [
        ("JP-KNIT-10", "ニット 10%オフ", "percent_off", {"target": {"categories": ["Knitwear"]}, "percent": "10"}),
        ("JP-SNEAKER-1000", "スニーカー ¥1,000引き", "amount_off", {"target": {"categories": ["Sneakers"]}, "amount": 1000}),
        ("JP-TEE-3FOR2", "Tシャツ 3枚で2枚分", "multibuy", {"target": {"categories": ["T-shirts"]}, "buy": 3, "pay": 2}),
        (
            "JP-JEANS-TEE",
            "ジーンズ購入でTシャツ半額",
            "buy_x_get_y",
            {"target": {"categories": ["Jeans"]}, "get_target": {"categories": ["T-shirts"]}, "buy": 1, "get": 1, "percent": "50"},
        ),
        ("JP-SPEND-30000", "¥30,000以上で¥3,000引き", "spend_save", {"threshold": 30000, "amount": 3000}),
        ("JP-MEMBERS-HOODIE", "会員様 パーカー 15%オフ", "percent_off", {"target": {"categories": ["Hoodies"]}, "percent": "15", "groups": "members"}),
        ("JP-COUPON-500", "クーポン ¥500引き", "spend_save", {"threshold": 5000, "amount": 500, "coupons": "TOKYO500", "stack_group": "coupon"}),
        ("JP-AUTUMN-20", "秋のジャケット 20%オフ", "percent_off", {"target": {"categories": ["Jackets"]}, "percent": "20", "starts": "2026-10-01T00:00:00", "ends": "2026-11-30T00:00:00"}),
    ],
    "DE": [
        ("DE-SHIRTS-15", "Hemden 15 % günstiger", "percent_off", {"target": {"categories": ["Shirts"]}, "percent": "15"}),
        ("DE-BOOTS-1000", "Stiefel 10 € günstiger", "amount_off", {"target": {"categories": ["Boots"]}, "amount": 1000}),
        ("DE-TEE-3FOR2", "T-Shirts: 3 für 2", "multibuy", {"target": {"categories": ["T-shirts"]}, "buy": 3, "pay": 2}),
        (
            "DE-DRESS-SKIRT",
            "2 Kleider, ein Rock gratis",
            "buy_x_get_y",
            {"target": {"categories": ["Dresses"]}, "get_target": {"categories": ["Skirts"]}, "buy": 2, "get": 1},
        ),
        ("DE-SPEND-150", "Ab 150 € 15 € sparen", "spend_save", {"threshold": 15000, "amount": 1500}),
        ("DE-MEMBERS-LOAFER", "Mitglieder: Loafer 10 %", "percent_off", {"target": {"categories": ["Loafers"]}, "percent": "10", "groups": "members"}),
        ("DE-COUPON-10", "Gutschein 10 %", "spend_save", {"threshold": 5000, "percent": "10", "coupons": "BERLIN10", "stack_group": "coupon"}),
        ("DE-WINTER-30", "Winterjacken 30 %", "percent_off", {"target": {"categories": ["Jackets"]}, "percent": "30", "starts": "2027-01-01T00:00:00", "ends": "2027-02-01T00:00:00"}),
    ],
}  # fmt: skip
PROMOTION_COLUMNS = [
    "id", "code", "name", "kind", "target", "get_target", "percent", "amount", "buy", "pay", "get", "threshold",
    "max_applications", "starts", "ends", "stores", "groups", "coupons", "stack_group", "active",
]  # fmt: skip


def _target(value: dict[str, list[str]] | None) -> str | None:
    return None if value is None else orjson.dumps(value, option=OPT_SORT_KEYS).decode()


def _promotions(bulk: Bulk, stores: int, summary: SeedSummary) -> None:
    chosen = STORES[:stores]
    rows: list[tuple[Any, ...]] = []
    for country, promos in _PROMOTIONS.items():
        codes = " ".join(s.code for s in chosen if s.country == country)
        for code, name, kind, f in promos:
            rows.append(
                (
                    len(rows) + 1,
                    code,
                    name,
                    kind,
                    _target(f.get("target", {})),
                    _target(f.get("get_target")),
                    f.get("percent"),
                    f.get("amount"),
                    f.get("buy", 0),
                    f.get("pay", 0),
                    f.get("get", 0),
                    f.get("threshold", 0),
                    None,
                    f.get("starts"),
                    f.get("ends"),
                    codes,
                    f.get("groups", ""),
                    f.get("coupons", ""),
                    f.get("stack_group", "spend"),
                    1,
                )
            )
            if f.get("coupons"):
                summary.coupons.append((codes, f["coupons"], name))
    summary.promotions = bulk.insert("promotions", PROMOTION_COLUMNS, rows)


# The demo's customers (docs/customers.md): name, reading, e-mail, phone (E.164), group. The
# "members" ones get the member price lists and the members' promotions (JP-MEMBERS-HOODIE,
# DE-MEMBERS-LOAFER) as soon as they are attached to a basket. Ids derive from fixed UUIDs, so
# every seed makes the same customers.
DEMO_CUSTOMERS: list[tuple[str, str, str, str, str]] = [
    ("Hanako Yamada", "やまだ はなこ", "hanako.yamada@example.jp", "+819012345678", "members"),
    ("Kenji Mori", "もり けんじ", "kenji.mori@example.jp", "+818023456789", ""),
    ("Aiko Fujita", "ふじた あいこ", "aiko.fujita@example.jp", "+817034567890", "members"),
    ("Shota Ishikawa", "いしかわ しょうた", "", "+819045678901", ""),
    ("Julia Becker", "", "julia.becker@example.de", "+4915198765432", "members"),
    ("Max Hartmann", "", "max.hartmann@example.de", "+4917623456789", ""),
    ("Clara Vogel", "", "clara.vogel@example.de", "", "members"),
    ("Emily Carter", "", "emily.carter@example.com", "+12125550123", ""),
]
DEMO_CUSTOMER_NS = uuid.UUID("6f1d6c1e-1a2b-4c3d-9e8f-0a1b2c3d4e5f")
# The tablet's built-in role limits until now: what head office starts with (central/customers.py
# put_role_limit changes them, and `central role-limits` at the command line).
DEMO_ROLE_LIMITS: list[tuple[str, str, str | None]] = [
    (role, kind, pct)
    for role, pct in [("associate", "10"), ("supervisor", "30"), ("manager", None)]
    for kind in ("discount", "override")
]


# Store-and-forward card caps per currency (minor units: per sale, in all per terminal until its
# next reconciliation): Tokyo ¥30,000 / ¥200,000, Berlin €300 / €2,000.
DEMO_CARD_LIMITS: dict[str, tuple[int, int]] = {"JPY": (30_000, 200_000), "EUR": (30_000, 200_000)}
# Head office's shift rules (docs/shifts.md): Berlin counts blind and a manager approves beyond
# €20.00; the other stores have none, so a manager may set their till's own (`meta.shift_policy`).
DEMO_SHIFT_POLICIES: dict[str, tuple[bool, int | None]] = {"BER01": (False, 2_000)}


# Endless-aisle delivery options (docs/endless-aisle.md): (id, country, currency, fee SKU, names
# en / ja / de, fee, free over, days min, days max). Fees in minor units of the currency.
DELIVERY_OPTIONS: list[tuple[str, str, str, str, str, str, str, int, int | None, int, int]] = [
    ("jp-standard", "JP", "JPY", "SVC-DLV-JP-STD", "Standard delivery", "通常配送", "Standardversand", 550, 11000, 2, 4),
    ("jp-express", "JP", "JPY", "SVC-DLV-JP-EXP", "Express delivery", "お急ぎ便", "Expressversand", 1100, None, 1, 2),
    ("jp-store", "JP", "JPY", "SVC-DLV-JP-STORE", "Ship to a store", "店舗受け取り", "Lieferung in eine Filiale", 0, None, 2, 5),
    ("de-standard", "DE", "EUR", "SVC-DLV-DE-STD", "Standard delivery", "通常配送", "Standardversand", 495, 7500, 2, 4),
    ("de-express", "DE", "EUR", "SVC-DLV-DE-EXP", "Express delivery", "お急ぎ便", "Expressversand", 995, None, 1, 2),
    ("de-store", "DE", "EUR", "SVC-DLV-DE-STORE", "Ship to a store", "店舗受け取り", "Lieferung in eine Filiale", 0, None, 2, 5),
]  # fmt: skip


def _delivery_options(session: Session, summary: SeedSummary) -> None:
    """The delivery options and their fee SKUs: one service style of category "delivery" per
    option with one variant, no barcode, no stock row and no price (the sale line carries the
    fee; central's re-pricing keeps a line it has no price for)."""
    from central.changes import catalog_wire, hash_of
    from central.models import Category, DeliveryOption, Style

    cat = Category(id=(session.scalar(select(func.max(Category.id))) or 0) + 1, name="delivery", department="service")
    session.add(cat)
    next_style = (session.scalar(select(func.max(Style.id))) or 0) + 1
    next_variant = (session.scalar(select(func.max(Variant.id))) or 0) + 1
    for i, (oid, country, currency, sku, en, ja, de, fee, free_over, dmin, dmax) in enumerate(DELIVERY_OPTIONS):
        style = Style(
            id=next_style + i, code=sku, name=en, brand="Aisle", category_id=cat.id, tax_class="standard",
            names=names_json({"ja": ja, "de": de}),
        )  # fmt: skip
        variant = Variant(id=next_variant + i, style_id=style.id, sku=sku, colour="", size="", size_order=0, active=1)
        wire = catalog_wire(variant, style, cat.name, [])
        variant.wire_row = orjson.dumps(wire).decode()
        variant.row_hash = hash_of(wire)
        session.add_all([style, variant])
        session.add(
            DeliveryOption(
                id=oid, country=country, currency=currency, sku=sku, name_en=en, name_ja=ja, name_de=de, fee=fee,
                free_over=free_over, days_min=dmin, days_max=dmax, active=1,
            )
        )  # fmt: skip
    session.flush()


def _card_limits(session: Session) -> None:
    for store in session.scalars(select(Location).where(Location.kind == "store")):
        per_sale, total = DEMO_CARD_LIMITS.get(store.currency, (0, 0))
        session.add(CardLimit(store_id=store.id, per_sale=per_sale, total=total))
        if store.code in DEMO_SHIFT_POLICIES:
            show, limit = DEMO_SHIFT_POLICIES[store.code]
            session.add(ShiftPolicyRow(store_id=store.id, show_expected=int(show), variance_limit=limit))
    session.flush()


def _customers_and_limits(session: Session, summary: SeedSummary) -> None:
    at = datetime(2026, 11, 1, tzinfo=UTC)
    for name, kana, email, phone, group in DEMO_CUSTOMERS:
        client_id = uuid.uuid5(DEMO_CUSTOMER_NS, email or phone)
        session.add(
            Customer(
                id=customer_id_for(client_id),
                client_id=str(client_id),
                name=name,
                kana=kana,
                name_key=name_key(name, kana),
                email=email,
                phone=phone,
                customer_group=group,
                created_at=at,
            )
        )
        summary.customers.append((name, email, phone, group))
    session.execute(delete(RoleLimit))  # the migration's defaults: the seed's own rows replace them
    session.add_all(RoleLimit(role=r, kind=k, max_percent=p) for r, k, p in DEMO_ROLE_LIMITS)
    session.flush()


# Stored value (docs/loyalty.md): earn rules (currency, store code or None, category, per amount,
# points, redeem value of 100 points), tiers, the offline spending cap per currency, and the demo
# customers' balances (e-mail or phone, points, store credit) and gift cards (currency, balance,
# status), so `make demo` shows points, tier, credit and cards at once.
DEMO_EARN_RULES: list[tuple[str, str | None, str, int, int, int]] = [
    ("JPY", None, "", 100, 1, 100),  # 1 point per ¥100; 100 points = ¥100
    ("JPY", None, "Jackets", 100, 2, 0),  # double points on jackets
    ("EUR", None, "", 100, 1, 100),  # 1 point per €1; 100 points = €1
    ("EUR", "BER01", "", 100, 2, 100),  # Berlin Mitte's opening month: double points there
]
DEMO_TIERS: list[tuple[str, str, int, str, str]] = [
    ("member", "Member", 0, "1", "Points on every purchase"),
    ("silver", "Silver", 1_000, "1.25", "25 % more points, free alterations"),
    ("gold", "Gold", 5_000, "1.5", "50 % more points, free alterations, early access to sales"),
    ("black", "Black", 20_000, "2", "Double points, free alterations and delivery, a personal stylist"),
]
DEMO_SPEND_LIMITS: dict[str, int] = {"JPY": 20_000, "EUR": 20_000}  # per till per day offline: ¥20,000 / €200
DEMO_BALANCES: list[tuple[str, int, int]] = [
    ("hanako.yamada@example.jp", 2_400, 3_000),
    ("kenji.mori@example.jp", 6_200, 0),
    ("julia.becker@example.de", 800, 1_500),
    ("max.hartmann@example.de", 120, 0),
]
DEMO_GIFT_CARDS: list[tuple[str, int, str]] = [
    ("JPY", 5_000, "active"),
    ("JPY", 10_000, "active"),
    ("JPY", 0, "inactive"),
    ("EUR", 5_000, "active"),
    ("EUR", 0, "inactive"),
]


def _stored_value(session: Session, rnd: random.Random, summary: SeedSummary) -> None:
    """Earn rules, tiers, caps, and balances as ledger entries (the seed writes no change log:
    a device bootstraps from the snapshot). Card numbers come from the seed's random numbers."""
    from central.accounts import balance_row
    from central.changes import hash_of
    from central.models import Account, EarnRule, LedgerEntry, SpendLimit, Tier
    from sync.loyalty import Tier as TierRule
    from sync.loyalty import damm, tier_for

    codes = {loc.code: loc.id for loc in session.scalars(select(Location))}
    for i, (cur, store, cat, per, pts, redeem) in enumerate(DEMO_EARN_RULES, 1):
        if store is not None and store not in codes:
            continue
        session.add(EarnRule(id=i, currency=cur, store_id=codes.get(store or ""), category=cat, per_amount=per,
                             points=pts, redeem_value=redeem))  # fmt: skip
    session.add_all(Tier(code=c, name=n, min_points=m, multiplier=x, benefits=b) for c, n, m, x, b in DEMO_TIERS)
    for loc in session.scalars(select(Location).where(Location.kind == "store")):
        session.add(SpendLimit(store_id=loc.id, per_day=DEMO_SPEND_LIMITS.get(loc.currency, 0)))
    tiers = [TierRule(*t) for t in DEMO_TIERS]
    at = datetime(2026, 11, 1, tzinfo=UTC)
    by_contact = {email or phone: customer_id_for(uuid.uuid5(DEMO_CUSTOMER_NS, email or phone))
                  for _n, _k, email, phone, _g in DEMO_CUSTOMERS}  # fmt: skip
    currency_of = {e: "JPY" if e.endswith(".jp") else "EUR" for e in by_contact}

    def account(kind: str, owner: str, currency: str, amount: int, customer: int | None, tier: str = "",
                status: str = "active") -> None:  # fmt: skip
        acct = Account(kind=kind, owner=owner, currency=currency, customer_id=customer, balance=amount, status=status,
                       tier=tier, created_at=at, activated_at=at if status == "active" else None)  # fmt: skip
        if kind != "gift":
            acct.row_hash = hash_of(balance_row(acct))
        session.add(acct)
        session.flush()
        if amount:
            reason = "earn" if kind == "points" else ("activation" if kind == "gift" else "goodwill")
            session.add(LedgerEntry(account_id=acct.id, amount=amount, balance_after=amount, op_id="seed",
                                    ref=f"seed:{kind}", reason=reason, lines="", at=at,
                                    expires_at=at + timedelta(days=365) if kind == "points" else None))  # fmt: skip

    for contact, points, credit in DEMO_BALANCES:
        cid = by_contact[contact]
        tier = tier_for(tiers, points)
        account("points", str(cid), "PTS", points, cid, "" if tier is None else tier.code)
        if credit:
            account("credit", str(cid), currency_of[contact], credit, cid)
    for currency, amount, status in DEMO_GIFT_CARDS:
        body = "".join(str(rnd.randrange(10)) for _ in range(10))
        number = f"GC{body}{damm(body)}"
        account("gift", number, currency, amount, None, status=status)
        summary.gift_cards.append((number, currency, amount, status))
    session.flush()
