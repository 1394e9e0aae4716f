"""Only a malformed request is the client's 422; central failing to build its own data is a 500."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from central.app import create_app
from central.config import Settings
from central.db import Database


class Answer(BaseModel):
    n: int


def test_central_building_an_invalid_model_is_a_500_not_a_422(
    sqlite_template: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "c.db"
    path.write_bytes(sqlite_template.read_bytes())
    db = Database(f"sqlite:///{path}")
    app = create_app(Settings(database_url=db.url), db)

    @app.get("/broken")
    def broken() -> Answer:
        return Answer.model_validate({"n": "not a number"})  # central's own bug

    with TestClient(app, raise_server_exceptions=False) as api:
        r = api.get("/broken")
        assert r.status_code == 500, r.text
        assert "internal" in r.json()["detail"]
        assert any("invalid data" in rec.getMessage() for rec in caplog.records)
        bad = api.post("/v1/ops", content=b'{"ops": 1}', headers={"Content-Type": "application/json"})
        assert bad.status_code in (401, 422)  # a request's own fault stays a 4xx
    db.dispose()
