"""Property-based conformance of central's API to its own OpenAPI document (schemathesis 4).

Generated requests, valid (positive) and invalid (negative), go to the real ASGI app on a seeded
SQLite database with real credentials: a device token, or a channel token for the channel API.
No response may be a 5xx, every response must be documented (status, content type, schema,
headers), invalid data must be rejected and a declared token must be enforced. The two
streaming endpoints are checked for status and content type only (their bodies are a stream).

Schemathesis' pytest loader (`schemathesis.pytest.from_fixture`) does not work with pytest 9,
so each operation's hypothesis strategy is driven with `@given` directly: same checks.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
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

from central.app import create_app
from central.config import Settings
from central.db import Database, migrate
from tests.central.helpers import channel_token, enrol

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
    def __init__(self, schema: Any, device: dict[str, str], channel: dict[str, str]) -> None:
        self.schema = schema
        self.device, self.channel = device, channel
        self.statuses: Counter[tuple[str, int]] = Counter()

    def operation(self, label: str) -> Any:
        return self.schema[label.split(" ", 1)[1]][label.split(" ", 1)[0]]

    def credentials(self, label: str) -> dict[str, str]:
        return self.channel if "/channel/" in label else self.device


@pytest.fixture(scope="module")
def target(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Target]:
    path = tmp_path_factory.mktemp("schemathesis") / "central.db"
    shutil.copyfile(sqlite_template, path)
    db = Database(f"sqlite:///{path}")
    migrate(db.engine)
    app = create_app(Settings(database_url=db.url, keepalive_seconds=0.2, change_watch_seconds=0.5), db)
    with TestClient(app) as client:  # the lifespan runs for the whole module
        device = enrol(client, db).headers
        channel = channel_token(db)
        yield Target(schemathesis.openapi.from_asgi("/openapi.json", app), device, channel)
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

    fixed: dict[str, Any] = {"headers": credentials}  # generated, but never with a wrong token
    if label == "GET /v1/events" and mode == GenerationMode.POSITIVE:
        fixed["query"] = {"once": "true"}  # the hello event, then the end of the stream

    @given(case=operation.as_strategy(generation_mode=mode, **fixed))
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def check(case: Any) -> None:
        response = case.call()
        seen[response.status_code] += 1
        case.validate_response(response, checks=checks, headers=credentials)

    check()
    # The credentials got past authentication: every operation was exercised beyond a 401, and
    # invalid requests were turned away by validation, not by a missing token.
    assert 401 not in seen, seen
    if mode == GenerationMode.NEGATIVE:
        assert 422 in seen, seen
