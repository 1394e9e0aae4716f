"""Sentences made below the UI are codes the UI words (issue 12, docs/languages.md):

- every code of services/errors.MESSAGES is repeated in pos_app/ui/messages.WORDS (the literals
  pyside6-lupdate extracts) and translated, finished, into Japanese and German with its
  placeholders kept;
- no service or core module raises its error with an English sentence of its own (an AST scan),
  except the files on the allow-list below, which shrinks as they move to codes;
- every literal code raised without its own sentence is a code of MESSAGES;
- the words: a code with its params in the installed language, a sentence the table does not
  hold shown as it is.
"""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pos_app.services.errors import MESSAGES, PermissionNeeded, Said, ValidationFailed

ROOT = Path(__file__).resolve().parents[2]
TS_DIR = ROOT / "resources" / "translations"
PLACEHOLDER = re.compile(r"\{[^{}]*\}")

# Files that still pass English sentences of their own: shrink this list.
ALLOWED: set[str] = set()
ERRORS = {
    "ServiceError", "ValidationFailed", "SignInError", "PermissionNeeded", "CentralUnavailable",
    "EnrollmentError", "NoSecureKeyring", "NotEnrolled", "ShiftError", "ReturnRuleError",
}  # fmt: skip
MESSAGE_AT = {"PermissionNeeded": 2}  # (code, needed, message)


def _sources() -> list[Path]:
    return sorted([*(ROOT / "pos_app" / "services").rglob("*.py"), *(ROOT / "pos_app" / "core").rglob("*.py")])


def _calls(path: Path) -> list[tuple[str, ast.Call]]:
    out = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Call):
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            if name in ERRORS:
                out.append((name, node))
    return out


def _has_literal_text(node: ast.AST) -> bool:
    """A string literal or f-string anywhere in the expression (`why or "…"`, `"…" if x else …`)."""
    return any(
        isinstance(n, ast.JoinedStr) or (isinstance(n, ast.Constant) and isinstance(n.value, str))
        for n in ast.walk(node)
    )


def _codes(node: ast.AST) -> list[str]:
    """The literal codes an argument can be: "a.b", or "a.b" if … else "a.c"."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _codes(node.body) + _codes(node.orelse)
    return []


def test_the_ui_table_repeats_every_sentence_of_messages() -> None:
    from pos_app.ui.messages import WORDS

    assert set(WORDS) == set(MESSAGES), "regenerate WORDS in pos_app/ui/messages.py from MESSAGES"
    differ = [code for code in MESSAGES if WORDS[code] != MESSAGES[code]]
    assert differ == [], f"WORDS and MESSAGES word these codes differently: {differ}"


@pytest.mark.parametrize("lang", ["ja", "de"])
def test_every_code_is_translated_and_keeps_its_placeholders(lang: str) -> None:
    found: dict[str, ET.Element] = {}
    for context in ET.parse(TS_DIR / f"aisle_{lang}.ts").getroot().iter("context"):
        if context.findtext("name") == "Messages":
            found.update({m.findtext("source") or "": m for m in context.iter("message")})
    for code, english in MESSAGES.items():
        m = found.get(english)
        assert m is not None, f"{code} is not in aisle_{lang}.ts: run `make translations`"
        t = m.find("translation")
        assert t is not None and t.get("type") is None and (t.text or "").strip(), f"{code} unfinished in {lang}"
        text = t.text or ""
        assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(english)), (lang, code, text)
        names = {p.strip("{}").split("!")[0].split(":")[0] for p in PLACEHOLDER.findall(english)}
        text.format(**dict.fromkeys(names, "x"))  # a translation that formats as its English does


def test_no_service_or_core_module_raises_an_english_sentence_of_its_own() -> None:
    found = []
    for path in _sources():
        rel = path.relative_to(ROOT).as_posix()
        if rel in ALLOWED:
            continue
        for name, call in _calls(path):
            at = MESSAGE_AT.get(name, 1)
            message = call.args[at] if len(call.args) > at else None
            message = message or next((k.value for k in call.keywords if k.arg == "message"), None)
            if message is not None and _has_literal_text(message):
                found.append(f"{rel}:{call.lineno} {name}(… {ast.unparse(message)[:60]})")
    assert found == [], "make these codes of services/errors.MESSAGES with params:\n" + "\n".join(found)


# The sync package's sentences for people (sync/words.py) and the card terminal's
# (pos_app/devices/terminal_words.py): each a Said with a code, never a literal, in what they
# raise, keep as a problem or say as the status.
SYNC_SOURCES = (
    "sync/engine.py",
    "sync/client.py",
    "pos_app/devices/terminal/base.py",
    "pos_app/devices/terminal/network.py",
    "pos_app/devices/terminal/nexo.py",
    "pos_app/devices/terminal/simulated.py",
)
SYNC_CALLS = {"MalformedResponse", "Unreachable", "ServerError", "Rejected", "CentralError"} | {
    "TerminalError", "InvalidRequest", "TerminalUnreachable", "TerminalBusy", "WrongTerminal", "CertificateMismatch",
    "ProtectionFailure", "ServiceIdMismatch", "TerminalRefused", "DuplicateServiceId", "AmountMismatch", "Lost",
}  # fmt: skip
SYNC_KEEP = {"record_error": 1, "_update": None, "op_dead": 2, "op_retry": 1}  # the message's position


def _english_outside_said(node: ast.AST) -> bool:
    """Text of its own in the expression: a non-empty literal or f-string not inside `Said(…)`,
    or a `str(…)` of something that may have been a Said."""
    if isinstance(node, ast.Call) and ast.unparse(node.func) in ("Said", "refusal"):  # codes, not words
        return False
    if isinstance(node, ast.JoinedStr) or (
        isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value
    ):
        return True
    if isinstance(node, ast.Call) and ast.unparse(node.func) == "str":  # str(e): the Said it had is lost
        return True
    return any(_english_outside_said(child) for child in ast.iter_child_nodes(node))


def test_the_sync_package_says_nothing_in_english_of_its_own() -> None:
    found = []
    for rel in SYNC_SOURCES:
        for node in ast.walk(ast.parse((ROOT / rel).read_text("utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            f = node.func
            name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""
            if name in SYNC_CALLS:
                args = node.args[1:] if name == "Lost" else node.args  # Lost(why, sentence): why is a kind
                said = [a for a in args if not isinstance(a, ast.Attribute | ast.Name)]  # e.status, msg
            elif name in SYNC_KEEP:
                at = SYNC_KEEP[name]
                said = [k.value for k in node.keywords if k.arg == "message"]
                said += [node.args[at]] if at is not None and len(node.args) > at else []
            else:
                continue
            found += [f"{rel}:{node.lineno} {name}({ast.unparse(a)[:60]})" for a in said if _english_outside_said(a)]
    assert found == [], "make these codes of sync/words.py with params:\n" + "\n".join(found)


def test_every_literal_code_raised_without_a_sentence_is_in_messages() -> None:
    unknown = []
    for path in _sources():
        for name, call in _calls(path):
            at = MESSAGE_AT.get(name, 1)
            if not call.args or len(call.args) > at:
                continue  # no literal code, or a sentence given with it
            codes = _codes(call.args[0])  # f"{kind}.approval" has none: the services' own tests check it
            unknown += [f"{path.relative_to(ROOT)}:{call.lineno} {c}" for c in codes if c not in MESSAGES]
    assert unknown == []


def test_a_code_is_worded_in_the_installed_language(qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from pos_app.core.auth import Role
    from pos_app.ui.messages import error_text, say, text_of

    e = ValidationFailed("basket.unknown_code", code="NOPE-404")
    assert error_text(e) == "“NOPE-404” is not a barcode or SKU this store knows."  # English: no translator
    qm = TS_DIR / "aisle_ja.qm"
    assert qm.exists(), "run `make qm`"
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        assert error_text(e) == "「NOPE-404」はこの店舗のバーコードでも SKU でもありません。"
        locked = say("signin.locked", wait="2 minutes", seconds=120)
        assert locked == "暗証番号の誤りが多すぎます。2 分後にもう一度お試しください。"
        needs = PermissionNeeded("approval.needed", Role.MANAGER)
        assert error_text(needs) == "店長の承認が必要です。店長に暗証番号を入力してもらってください。"
        own = ValidationFailed("basket.unknown_code", "Central's own words.", code="X")
        assert error_text(own) == "Central's own words."  # not the code's sentence: shown as it is
        assert error_text(ValueError("a bug")) == "a bug"
        sent = Said("terminal.answered", poiid="V400m-1")  # a sentence returned, not raised
        assert sent == "Terminal V400m-1 answered." and isinstance(sent, str)  # the CLI's English
        assert text_of(sent) == "端末 V400m-1 が応答しました。"
        assert text_of("Not a Said.") == "Not a Said."
        offline = ValidationFailed("payment.unavailable", reason=Said("card.offline_most", most="￥5,000"))
        assert str(offline) == "Offline, a card may pay at most ￥5,000: take the rest in cash."
        assert (
            error_text(offline) == "オフライン中、カードで支払えるのは最大 ￥5,000 です。残りは現金でお受けください。"
        )
    finally:
        QCoreApplication.removeTranslator(translator)


def test_a_return_rules_refusal_reaches_the_screen_with_its_params(qapp: object) -> None:
    """services/returns.py passes a core rule's code and params on, so the screen words it; a
    line's own refusal (central's or the policy's sentence) is shown as it is."""
    from PySide6.QtCore import QCoreApplication, QTranslator

    from pos_app.core.returns import ExpectedLine, ReturnDraft
    from pos_app.services.returns import ReturnService
    from pos_app.ui.messages import error_text

    draft = ReturnDraft(
        (
            ExpectedLine("1", 7, "SKU-7", "Shirt", 2, 5000),
            ExpectedLine("2", 8, "SKU-8", "Socks", 1, 800, refusal="SKU-8 was a final sale and cannot be returned."),
        )
    )
    with pytest.raises(ValidationFailed) as e:
        ReturnService.grade(draft, "1", ["resellable"] * 3)
    assert (e.value.code, e.value.params) == ("return.too_many", {"quantity": 2, "sku": "SKU-7"})
    assert str(e.value) == "Only 2 of SKU-7 can come back on this return."  # the CLI's English, unchanged
    with pytest.raises(ValidationFailed) as refused:
        ReturnService.grade(draft, "2", ["resellable"])
    translator = QTranslator()
    assert translator.load(str(TS_DIR / "aisle_ja.qm")), "run `make qm`"
    QCoreApplication.installTranslator(translator)
    try:
        assert error_text(e.value) == "この返品で戻せる SKU-7 は 2 点までです。"
        assert error_text(refused.value) == "SKU-8 was a final sale and cannot be returned."
        assert (
            error_text(ValidationFailed("return.over_card", most="￥3,000"))
            == "カードに返金できるのは最大 ￥3,000 です。"
        )
    finally:
        QCoreApplication.removeTranslator(translator)


def test_the_sync_packages_sentences_are_kept_with_their_codes_and_worded(qapp: object, tmp_path: Path) -> None:
    """sync/words.py: a link problem the real client raises (nothing listens on the port), kept
    by the store inside another sentence, comes back as the same Said from device.db and is
    worded in German with the stream's name; a sentence kept by an older app (no code) or with
    params that do not make its English again is shown as it was kept."""
    from PySide6.QtCore import QCoreApplication, QTranslator

    from pos_app.local.store import LocalStore
    from pos_app.ui.messages import error_text
    from sync.client import CentralClient, Unreachable
    from sync.words import Said as SyncSaid
    from tests.support.servers import free_port

    url = f"http://127.0.0.1:{free_port()}"
    with CentralClient(url) as client, pytest.raises(Unreachable) as dead:
        client.health()
    assert dead.value.code == "link.unreachable" and dead.value.params == {"url": url, "kind": "ConnectError"}
    assert str(dead.value) == f"Cannot reach central at {url} (ConnectError)"  # the CLI's and the log's English
    store = LocalStore(tmp_path / "t")
    kept = SyncSaid("sync.malformed_kept", stream="prices", detail=SyncSaid("link.not_gzip"))
    store.record_error("malformed:prices", kept)
    store.record_error("download:stock", SyncSaid("sync.download_refused", stream="stock", status=403, detail="no"))
    store.record_error("old", "A sentence an older app kept.")
    with store.tx("device") as con:  # params that do not make the English kept beside them; unreadable ones
        con.executemany(
            "INSERT INTO sync_errors(kind, at, message, code, params) VALUES (?, '9', ?, ?, ?)",
            [
                (
                    "odd",
                    "The stock download stopped early; it will resume",
                    "sync.stopped_early",
                    '{"stream": "prices"}',
                ),
                ("bad", "Sync stopped", "sync.stopped", "[1"),
            ],
        )
    back = store.errors()
    store.close()
    assert len(back) == 5
    by_text = {str(e): e for e in back}
    again = by_text[str(kept)]
    assert isinstance(again, SyncSaid) and again.code == "sync.malformed_kept"
    assert isinstance(again.params["detail"], SyncSaid) and again.params["detail"].code == "link.not_gzip"
    plain = by_text["A sentence an older app kept."]
    assert not isinstance(plain, SyncSaid)
    translator = QTranslator()
    assert translator.load(str(TS_DIR / "aisle_de.qm")), "run `make qm`"
    QCoreApplication.installTranslator(translator)
    try:
        assert error_text(again) == (
            "Die Zentrale hat fehlerhafte Daten (Preise) gesendet; die Daten auf dem Gerät bleiben, wie sie waren "
            "(Die Zentrale hat Daten gesendet, die kein gültiges gzip sind)"
        )
        assert error_text(dead.value) == f"Zentrale unter {url} nicht erreichbar (ConnectError)"
        assert error_text(plain) == "A sentence an older app kept."
        odd = by_text["The stock download stopped early; it will resume"]
        assert not isinstance(odd, SyncSaid) and error_text(odd) == str(odd)  # never a wrong sentence
        assert error_text(by_text["Sync stopped"]) == "Synchronisierung angehalten"  # unreadable params: it needs none
        refused = by_text["Central refused the stock download (403: no); sync will try again"]
        assert error_text(refused) == (
            "Die Zentrale hat das Herunterladen (Bestand) abgelehnt (403: no); die Synchronisierung versucht es erneut"
        )
    finally:
        QCoreApplication.removeTranslator(translator)


def test_the_outbox_lines_and_what_went_wrong_are_worded(qapp: object, tmp_path: Path) -> None:
    """pos_app/local/words.py: each queued operation's line is a code (the CLI prints its
    English); the engine's reason an op waits is kept with its code beside the outbox row and
    comes back worded; central's own words on a rejected op are shown as central sent them."""
    from datetime import UTC, datetime

    from PySide6.QtCore import QCoreApplication, QTranslator

    from pos_app.local.store import LocalStore
    from pos_app.services.outbox import OutboxService
    from pos_app.ui.messages import error_text
    from sync.words import Said as SyncSaid

    store = LocalStore(tmp_path / "t")
    with store.tx("device") as con:
        fix, _ = store.enqueue(con, "stock.adjust", {"variant_id": 7, "delta": -1, "reason": "damaged"})
        sale, _ = store.enqueue(con, "sale.complete", {"receipt_no": "TKY01-A-000012"})
        odd, _ = store.enqueue(con, "no.such_type", {})
    dead = SyncSaid("link.unreachable", url="http://central.example", kind="ConnectError")
    store.op_retry(fix, dead, datetime.now(UTC), server_failure=False, in_doubt=True, stuck_after=5)
    store.op_dead(sale, 422, "There is no store 999999 to ship this order to.")  # central's words
    items = {i.op_id: i for i in OutboxService(store).items()}
    store.close()
    assert items[fix].description == "Stock correction −1 of item 7 (damaged)"  # the CLI's English
    assert items[fix].last_error == "Cannot reach central at http://central.example (ConnectError)"
    assert items[odd].description == "no.such_type"  # a type this app has no line for: its name
    translator = QTranslator()
    assert translator.load(str(TS_DIR / "aisle_ja.qm")), "run `make qm`"
    QCoreApplication.installTranslator(translator)
    try:
        assert error_text(items[fix].description) == "item 7 の在庫修正 −1 (破損)"
        assert error_text(items[fix].last_error) == "本部 http://central.example に接続できません (ConnectError)"
        assert error_text(items[sale].description) == "販売 TKY01-A-000012"
        assert error_text(items[sale].last_error) == "There is no store 999999 to ship this order to."
        assert error_text(items[odd].description) == "no.such_type"
    finally:
        QCoreApplication.removeTranslator(translator)
