"""Property-based conformance of central's API to its own OpenAPI document (schemathesis 4).

Generated requests, valid (positive) and invalid (negative), go to the real ASGI app on a seeded
SQLite database with real credentials: a device token, or a channel token for the channel API.
No response may be a 5xx, every response must be documented (status, content type, schema,
headers), invalid data must be rejected and a declared token must be enforced. The two
streaming endpoints are checked for status and content type only (their bodies are a stream).

Each operation must answer at least one generated valid case with a 2xx: about half of the valid
cases get values that exist put in (a fresh enrolment code, a real SKU, style and variant, the
device's own store), the rest stay as generated. A stateful run sends generated ops, sends them
again (replayed) and sends their op_id with another body (rejected with 409).

Schemathesis' pytest loader (`schemathesis.pytest.from_fixture`) does not work with pytest 9,
so each operation's hypothesis strategy is driven with `@given` directly: same checks.
"""

from __future__ import annotations

import base64
import shutil
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule, run_state_machine_as_test
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    positive_data_acceptance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlalchemy import select

from central.app import create_app
from central.cli import issue_enroll_code
from central.config import Settings
from central.db import Database, migrate
from central.models import Account, CustomerOrder, Fulfilment, Stock, Style, Variant
from central.seed import DEMO_CUSTOMER_NS
from sync.protocol import customer_id_for
from tests.central.helpers import Enrolled, channel_token, enrol, location_id, on_hand, stocked_variant
from tests.central.test_sales import sale_op

OPERATIONS = [
    "GET /health",
    "POST /v1/enroll",
    "GET /v1/device",
    "GET /v1/sync/{stream}/changes",
    "GET /v1/sync/{stream}/snapshot",
    "GET /v1/sync/{stream}/checksum",
    "GET /v1/events",
    "GET /v1/stock/live/style/{style}",
    "GET /v1/stock/live/variant/{variant_id}",
    "POST /v1/ops",
    "GET /v1/channel/availability",
    "POST /v1/channel/adjustments",
    "GET /v1/images/{style_code}/{colour}",
    "GET /v1/orders/{sale_id}",
    "GET /v1/orders",
    "GET /v1/shifts",
    "GET /v1/shifts/{shift_id}",
    "GET /v1/journal/breaks",
    "POST /v1/orders/{sale_id}/receipt-email",
    "GET /v1/customers",
    "GET /v1/customers/{customer_id}",
    "GET /r/{sale_id}",
    "GET /r/{sale_id}/pdf",
    "POST /v1/channel/pickups",
    "GET /v1/channel/pickups/{reference}",
    "POST /v1/channel/pickups/{reference}/cancel",
    "GET /o/{token}",
    "POST /v1/channel/shipments/{fulfilment_id}/ship",
    "POST /v1/channel/shipments/{fulfilment_id}/deliver",
    "GET /v1/channel/orders/{number}",
    "GET /v1/reports/day",
    "GET /ho/day",
    "GET /v1/accounts/customers/{customer_id}",
    "GET /v1/accounts/giftcards/{card_no}",
    "POST /v1/accounts/spend",
    "POST /v1/accounts/spend/cancel",
    "GET /v1/channel/accounts/customers/{customer_id}",
    "GET /v1/channel/accounts/customers/{customer_id}/entries",
    "GET /v1/channel/giftcards/{card_no}",
    "POST /v1/channel/accounts/entries",
    "GET /v1/channel/accounts/overspends",
    "GET /v1/channel/accounts/customers/{customer_id}/member-code",
    "GET /v1/returns/sales/{sale_id}",
    "GET /v1/returns/find",
    "GET /v1/returns/no-receipt-allowance",
    "GET /v1/returns/customer-sales",
    "POST /v1/returns",
    "POST /v1/returns/{authorization_id}/claim",
    "GET /v1/returns/{authorization_id}",
    "GET /v1/returns",
    "GET /r/{sale_id}/return",
    "POST /r/{sale_id}/return",
    "GET /o/{token}/return",
    "POST /o/{token}/return",
]
STREAMING = {"GET /v1/events", "GET /v1/sync/{stream}/snapshot"}
# No negative run: /health and /v1/device take no input but the token; the only input of
# /v1/events is `once`, and a "wrong" value FastAPI reads as a boolean (0, "off") is `false`: an
# endless stream. test_events.py covers that endpoint on the real server.
POSITIVE_ONLY = {"GET /health", "GET /v1/device", "GET /v1/events"}
CASES = [
    pytest.param(label, mode, id=f"{label}-{mode.value}")
    for label in OPERATIONS
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    if not (label in POSITIVE_ONLY and mode == GenerationMode.NEGATIVE)
]
EXAMPLES = 25

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    positive_data_acceptance,
    negative_data_rejection,
    ignored_auth,
]
STREAM_CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, negative_data_rejection]


class Target:
    def __init__(
        self, schema: Any, client: TestClient, db: Database, device: Enrolled, channel: dict[str, str]
    ) -> None:
        self.schema = schema
        self.client = client
        self.db = db
        self.enrolled = device
        op = sale_op(db, location_id(db, "TKY01"), stocked_variant(db, location_id(db, "TKY01"))[0])
        r = client.post("/v1/ops", headers=device.headers, json={"ops": [op]})
        assert r.status_code == 200 and r.json()["results"][0]["status"] == "applied", r.text
        self.sale_id = op["payload"]["sale_id"]
        self.device, self.channel = device.headers, channel
        tky = location_id(db, "TKY01")
        self.store = tky
        self.variant, self.sku, _ = stocked_variant(db, tky)
        with db.session() as s:
            self.style = s.scalar(select(Style.code).join(Variant, Variant.style_id == Style.id).limit(1))
            self.colour = s.scalar(
                select(Variant.colour)
                .join(Style, Variant.style_id == Style.id)
                .where(Style.code == self.style)
                .limit(1)
            )

    def top_up(self) -> None:
        """Stock for a pickup to reserve (the other operations' fuzzing moves it anywhere)."""
        with self.db.session() as s:
            stock = s.get_one(Stock, (self.store, self.variant))
            short = 5 - (stock.on_hand - stock.reserved)
        while short > 0:
            delta = min(short, 100000)
            body = {
                "reference": str(uuid.uuid4()),
                "location_code": "TKY01",
                "sku": self.sku,
                "delta": delta,
                "reason": "fuzz",
            }
            assert self.client.post("/v1/channel/adjustments", headers=self.channel, json=body).status_code == 200
            short -= delta

    def pickup(self) -> dict[str, Any]:
        """A pickup order of TKY01 made through the channel API, with its stream id."""
        if not hasattr(self, "_pickup"):
            self.top_up()
            body = {
                "reference": "fuzz-pickup",
                "store": "TKY01",
                "customer": {"name": "Fuzz", "email": "fuzz@example.com"},
                "lines": [{"sku": self.sku, "qty": 1}],
                "payment": "paid",
            }
            r = self.client.post("/v1/channel/pickups", headers=self.channel, json=body)
            assert r.status_code == 201, r.text
            with self.db.session() as s:
                pid = s.scalar(select(Fulfilment.id).order_by(Fulfilment.id.desc()).limit(1))
            self._pickup = {**r.json(), "id": pid}
        return self._pickup

    def shipment(self) -> tuple[int, str]:
        """An endless-aisle shipment of TKY01 (central ship-demo), its id and order number."""
        if not hasattr(self, "_shipment"):
            from central.cli import main as central_main

            assert central_main(["--db", self.db.url, "ship-demo", "--store", "TKY01", "--create", "1"]) == 0
            with self.db.session() as s:
                f = s.scalars(select(Fulfilment).where(Fulfilment.kind == "ship").order_by(Fulfilment.id)).first()
                assert f is not None
                number = s.get_one(CustomerOrder, f.order_id).number
            self._shipment = (f.id, number)
        return self._shipment

    def shift(self) -> str:
        """A closed shift of TKY01 sent with shift.close (tests/central/test_shifts.py), its id."""
        if not hasattr(self, "_shift"):
            from tests.central.test_shifts import close_op

            op = close_op(self.enrolled, till="FUZZ", seq=900_000)
            r = self.client.post("/v1/ops", headers=self.device, json={"ops": [op]})
            assert r.status_code == 200 and r.json()["results"][0]["status"] == "applied", r.text
            self._shift = str(op["payload"]["shift_id"])
        return self._shift

    def gift_card(self) -> str:
        """A seeded active gift card (central.seed DEMO_GIFT_CARDS)."""
        with self.db.session() as s:
            number = s.scalar(
                select(Account.owner).where(Account.kind == "gift", Account.status == "active", Account.currency == "JPY")
                .order_by(Account.id)
            )  # fmt: skip
        assert number is not None
        return str(number)

    def authorization(self) -> str:
        """A return authorization of a sale of its own (tests/central/test_returns.py), its id."""
        if not hasattr(self, "_authorization"):
            op = sale_op(self.db, self.store, self.variant, qty=3, seq=900_001)
            r = self.client.post("/v1/ops", headers=self.device, json={"ops": [op]})
            assert r.status_code == 200 and r.json()["results"][0]["status"] == "applied", r.text
            self._return_sale = op["payload"]
            body = {"sale_id": op["payload"]["sale_id"], "reason": "size", "lines": [{"line_id": "1", "quantity": 1}]}
            r = self.client.post("/v1/returns", headers=self.device, json=body)
            assert r.status_code == 201, r.text
            self._authorization = str(r.json()["id"])
        return self._authorization

    def paid_at_till(self) -> str:
        """The page token of an endless-aisle order whose sale central holds (its return form)."""
        self.authorization()
        number = self.shipment()[1]
        with self.db.transaction() as s:
            order = s.scalars(select(CustomerOrder).where(CustomerOrder.number == number)).one()
            order.sale_id = self._return_sale["sale_id"]
            return str(order.token)

    def operation(self, label: str) -> Any:
        return self.schema[label.split(" ", 1)[1]][label.split(" ", 1)[0]]

    def credentials(self, label: str) -> dict[str, str]:
        if label == "GET /ho/day":  # head office's page: HTTP Basic, the channel token as the password
            token = self.channel["Authorization"].removeprefix("Bearer ")
            return {"Authorization": "Basic " + base64.b64encode(f"head-office:{token}".encode()).decode()}
        channel = "/channel/" in label or label in ("GET /v1/orders", "GET /v1/journal/breaks")
        return self.channel if channel else self.device

    def known(self, label: str, case: Any) -> None:
        """Put values that exist into a generated (valid) case, so that a 2xx is reachable: a
        fresh enrolment code, a real SKU and location, this device's store, a real variant and a
        real style in one of its colours."""
        if label == "POST /v1/enroll":
            case.body["code"] = issue_enroll_code(self.db, "TKY01", 10)
        elif label == "GET /v1/channel/availability":
            case.query["sku"] = self.sku
        elif label == "POST /v1/channel/adjustments":
            case.body.update(location_code="TKY01", sku=self.sku)
        elif label == "POST /v1/ops":
            for i, op in enumerate(case.body["ops"]):
                if op.get("type") == "sale.complete":
                    case.body["ops"][i] = {**sale_op(self.db, self.store, self.variant), "device_seq": op["device_seq"]}
                elif op.get("type") == "journal.batch":
                    op["payload"]["device_id"] = self.enrolled.device_id  # its own journal
                elif op.get("type") in (
                    "shift.close",
                    "order.create",
                    "order.decide",
                    "order.refund",
                    "shipment.ship",
                    "return.complete",
                    "return.refund",
                ):
                    op["payload"]["store_id"] = self.store
                elif str(op.get("type")).startswith("giftcard."):  # stored value (docs/loyalty.md)
                    op["payload"].update(store_id=self.store, card_no=self.gift_card())
                elif str(op.get("type")).startswith("pickup."):
                    op["payload"].update(store_id=self.store, pickup_id=self.pickup()["id"])
                else:
                    op["payload"].update(location_id=self.store, variant_id=self.variant)
        elif label == "POST /v1/channel/pickups":
            self.top_up()
            case.body.update(store="TKY01", lines=[{"sku": self.sku, "qty": 1}])
            case.body["customer"].update(email="hanako@example.com", phone="")
        elif label in ("GET /v1/channel/pickups/{reference}", "POST /v1/channel/pickups/{reference}/cancel"):
            case.path_parameters["reference"] = self.pickup()["reference"]
        elif label.startswith("POST /v1/channel/shipments/"):
            case.path_parameters["fulfilment_id"] = self.shipment()[0]
        elif label == "GET /v1/channel/orders/{number}":
            case.path_parameters["number"] = self.shipment()[1]
        elif label == "GET /o/{token}":
            case.path_parameters["token"] = self.pickup()["page_url"].rsplit("/", 1)[1]
        elif label in (
            "GET /v1/accounts/customers/{customer_id}",
            "GET /v1/channel/accounts/customers/{customer_id}",
            "GET /v1/channel/accounts/customers/{customer_id}/entries",
            "GET /v1/channel/accounts/customers/{customer_id}/member-code",
        ):
            case.path_parameters["customer_id"] = customer_id_for(
                uuid.uuid5(DEMO_CUSTOMER_NS, "hanako.yamada@example.jp")
            )
            if label.endswith("/entries"):
                case.query = {"kind": "points", "currency": "PTS"}
        elif label in ("GET /v1/accounts/giftcards/{card_no}", "GET /v1/channel/giftcards/{card_no}"):
            case.path_parameters["card_no"] = self.gift_card()
        elif label in ("POST /v1/accounts/spend", "POST /v1/accounts/spend/cancel"):
            case.body.update(kind="gift", card_no=self.gift_card(), customer_id=None, amount=1, currency="JPY")
        elif label == "POST /v1/channel/accounts/entries":
            case.body.update(
                kind="points", card_no=None, amount=1, currency="PTS",
                customer_id=customer_id_for(uuid.uuid5(DEMO_CUSTOMER_NS, "hanako.yamada@example.jp")),
            )  # fmt: skip
        elif label == "GET /v1/customers/{customer_id}":
            case.path_parameters["customer_id"] = customer_id_for(
                uuid.uuid5(DEMO_CUSTOMER_NS, "hanako.yamada@example.jp")
            )
        elif label in (
            "GET /v1/orders/{sale_id}",
            "POST /v1/orders/{sale_id}/receipt-email",
            "GET /r/{sale_id}",
            "GET /r/{sale_id}/pdf",
        ):
            case.path_parameters["sale_id"] = self.sale_id
        elif label == "GET /v1/orders":
            case.query = {**(case.query or {}), "store": "TKY01", "after": 0}
        elif label == "GET /v1/returns/sales/{sale_id}":
            case.path_parameters["sale_id"] = self.sale_id
        elif label == "GET /v1/returns/find":
            self.authorization()
            case.query = {**(case.query or {}), "receipt": self._return_sale["receipt_no"]}
        elif label == "POST /v1/returns":
            self.authorization()
            # a unit at a time: three were sold, so some of the valid cases can still succeed
            case.body.update(sale_id=self._return_sale["sale_id"], reason="size", refund="original",
                             lines=[{"line_id": "1", "quantity": 1}])  # fmt: skip
        elif label in ("GET /r/{sale_id}/return", "POST /r/{sale_id}/return"):
            self.authorization()
            case.path_parameters["sale_id"] = self._return_sale["sale_id"]
        elif label in ("GET /o/{token}/return", "POST /o/{token}/return"):
            case.path_parameters["token"] = self.paid_at_till()
        elif label in ("POST /v1/returns/{authorization_id}/claim", "GET /v1/returns/{authorization_id}"):
            case.path_parameters["authorization_id"] = self.authorization()
        elif label == "GET /v1/shifts":
            case.query = {**(case.query or {}), "store": "TKY01"}
        elif label in ("GET /v1/reports/day", "GET /ho/day") and (case.query or {}).get("store") is not None:
            case.query = {**case.query, "store": "TKY01"}  # a device reads its own store
        elif label == "GET /v1/shifts/{shift_id}":
            case.path_parameters["shift_id"] = self.shift()
        elif label == "GET /v1/stock/live/style/{style}":
            case.path_parameters["style"] = self.style
        elif label == "GET /v1/stock/live/variant/{variant_id}":
            case.path_parameters["variant_id"] = self.variant
        elif label == "GET /v1/sync/{stream}/snapshot":
            case.query.pop("after_key", None)
        elif label == "GET /v1/images/{style_code}/{colour}":
            case.path_parameters.update(style_code=self.style, colour=self.colour)
            if case.headers:
                case.headers.pop("If-None-Match", None)  # the picture itself, not a 304


JSON_EXACT = 2**53  # beyond this not every JSON client keeps an integer exact


def integers_as_integers(value: Any) -> Any:
    """JSON Schema counts 1.0 as an integer; the wire rules (strict, the same on both ends) do
    not, and no JSON Schema can say so. Valid cases send integers as integers.

    The generator also takes a bound of 2**62 through a float now and then and makes
    4611686018427388000 (2**62 printed shortest, then read back: above the bound): integers
    beyond 2**53 are sent as 2**53, inside every such bound."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > JSON_EXACT:
        return JSON_EXACT if value > 0 else -JSON_EXACT
    if isinstance(value, dict):
        return {k: integers_as_integers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [integers_as_integers(v) for v in value]
    return value


@pytest.fixture(scope="module")
def target(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    path = tmp_path_factory.mktemp("schemathesis") / "central.db"
    shutil.copyfile(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    migrate(db.engine)
    app = create_app(Settings(database_url=db.url, keepalive_seconds=0.2, change_watch_seconds=0.5), db)
    with TestClient(app) as client:  # the lifespan runs for the whole module
        device = enrol(client, db)
        channel = channel_token(db)
        yield Target(schemathesis.openapi.from_asgi("/openapi.json", app), client, db, device, channel)
    db.dispose()


def test_every_operation_is_fuzzed(target: Target) -> None:
    labels = sorted(op.ok().label for op in target.schema.get_all_operations())
    assert labels == sorted(OPERATIONS)


@pytest.mark.parametrize(("label", "mode"), CASES)
def test_operation_conforms(target: Target, label: str, mode: GenerationMode) -> None:
    operation = target.operation(label)
    credentials = target.credentials(label)
    checks = STREAM_CHECKS if label in STREAMING else CHECKS
    seen: Counter[int] = Counter()
    positive = mode == GenerationMode.POSITIVE

    fixed: dict[str, Any] = {"headers": credentials}  # generated, but never with a wrong token
    if label == "GET /v1/events" and positive:
        fixed["query"] = {"once": "true"}  # the hello event, then the end of the stream

    @given(case=operation.as_strategy(generation_mode=mode, **fixed), use_known=st.booleans())
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case: Any, use_known: bool) -> None:
        if positive:
            if isinstance(case.body, dict | list):
                case.body = integers_as_integers(case.body)
            case.query = integers_as_integers(case.query)
            if use_known:
                target.known(label, case)
        response = case.call()
        seen[response.status_code] += 1
        case.validate_response(response, checks=checks, headers=credentials)

    check()
    # The credentials got past authentication: every operation was exercised beyond a 401, and
    # invalid requests were turned away by validation, not by a missing token.
    assert 401 not in seen, seen
    if positive:
        assert any(200 <= code < 300 for code in seen), seen  # each operation can succeed
    else:
        assert 422 in seen, seen


# --- a stateful run over op replay -------------------------------------------------------


class OpReplay(RuleBasedStateMachine):
    """Ops generated from the document, applied, sent again (replayed, the same result) and
    sent with the same op_id and another body (rejected with 409). Stock moves only once per
    op_id, whatever the order of the rules."""

    target: Target
    ops_strategy: Any
    outcomes: Counter[str] = Counter()  # over the whole run: each rule was exercised

    def __init__(self) -> None:
        super().__init__()
        self.answers: dict[str, dict[str, Any]] = {}  # op_id -> its first outcome
        self.start = on_hand(self.target.db, self.target.store, self.target.variant) or 0
        self.applied_delta = 0

    sent = Bundle("sent")

    def push(self, op: dict[str, Any]) -> dict[str, Any]:
        r = self.target.client.post("/v1/ops", headers=self.target.device, json={"ops": [op]})
        assert r.status_code == 200, r.text
        (outcome,) = r.json()["results"]
        return dict(outcome)

    @rule(target=sent, case=st.deferred(lambda: OpReplay.ops_strategy))
    def send_new(self, case: Any) -> dict[str, Any]:
        body = integers_as_integers(case.body)
        op: dict[str, Any] = body["ops"][0]
        op["op_id"] = str(uuid.uuid4())  # new in every run: the database outlives the examples
        op["payload"].update(location_id=self.target.store, variant_id=self.target.variant)
        outcome = self.push(op)
        assert (outcome["status"], outcome["code"]) == ("applied", 200), outcome
        self.outcomes["applied"] += 1
        self.answers[op["op_id"]] = outcome
        self.applied_delta += op["payload"]["delta"]
        return op

    @rule(op=sent)
    def send_again(self, op: dict[str, Any]) -> None:
        outcome = self.push(op)
        assert outcome == {**self.answers[op["op_id"]], "status": "replayed"}
        self.outcomes["replayed"] += 1

    @rule(op=sent, change=st.sampled_from(["delta", "note", "device_seq"]))
    def send_another_body_with_the_same_op_id(self, op: dict[str, Any], change: str) -> None:
        other = {**op, "payload": dict(op["payload"])}
        if change == "device_seq":
            other["device_seq"] = op["device_seq"] % 1000 + 1 if op["device_seq"] != 1 else 2
        elif change == "delta":
            other["payload"]["delta"] = op["payload"]["delta"] % 9 + 1 if op["payload"]["delta"] != 1 else 2
        else:
            other["payload"]["note"] = op["payload"].get("note", "") + "!"
        outcome = self.push(other)
        assert (outcome["status"], outcome["code"]) == ("rejected", 409), outcome
        self.outcomes["conflict"] += 1

    @invariant()
    def stock_moved_once_per_op(self) -> None:
        assert on_hand(self.target.db, self.target.store, self.target.variant) == self.start + self.applied_delta


def test_op_replay_is_stateful_and_idempotent(target: Target) -> None:
    operation = target.operation("POST /v1/ops")
    strategy = operation.as_strategy(generation_mode=GenerationMode.POSITIVE, headers=target.device)

    # The first stock.adjust of any generated push (a push of exactly one stock.adjust became
    # rare as op types joined the union, and filtering for it took minutes).
    def first_adjust(case: Any) -> SimpleNamespace:
        op = next(o for o in case.body["ops"] if o.get("type") == "stock.adjust")
        return SimpleNamespace(body={"ops": [op]})

    one_op = strategy.filter(lambda case: any(o.get("type") == "stock.adjust" for o in case.body["ops"])).map(
        first_adjust
    )
    OpReplay.target = target
    OpReplay.ops_strategy = one_op
    run_state_machine_as_test(
        OpReplay,
        settings=settings(
            max_examples=10,
            stateful_step_count=8,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            database=None,
        ),
    )
    assert min(OpReplay.outcomes[k] for k in ("applied", "replayed", "conflict")) > 0, OpReplay.outcomes
