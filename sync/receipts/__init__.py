"""Receipts shared by the tablet (printing) and central (e-mail receipts): the model built from
a priced basket, the store's words and layout, the signed QR reference, and the renderers
(plain text, ESC/POS bytes, PDF). See docs/receipts.md."""

from sync.receipts.code import InvalidCode, SaleReference, sign_reference, verify_reference
from sync.receipts.escpos import render_escpos
from sync.receipts.layout import layout, money
from sync.receipts.model import (
    Receipt,
    ReceiptError,
    ReceiptLine,
    SaleFacts,
    Saving,
    StoreFacts,
    TaxRow,
    TenderRow,
    build_receipt,
    store_facts,
    with_names,
)
from sync.receipts.text import render_text

__all__ = [
    "InvalidCode",
    "Receipt",
    "ReceiptError",
    "ReceiptLine",
    "SaleFacts",
    "SaleReference",
    "Saving",
    "StoreFacts",
    "TaxRow",
    "TenderRow",
    "build_receipt",
    "layout",
    "money",
    "render_escpos",
    "render_text",
    "sign_reference",
    "store_facts",
    "verify_reference",
    "with_names",
]
