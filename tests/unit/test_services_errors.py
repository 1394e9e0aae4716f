"""Errors made in services carry a code and parameters (the UI words them); correction reasons
know their direction; the keyring check looks at the backend that will store the token."""

from __future__ import annotations

from collections.abc import Iterator

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend

from pos_app.core.auth import PermissionDenied, Role
from pos_app.core.stock import CorrectionReason
from pos_app.services import secrets
from pos_app.services.errors import MESSAGES, PermissionNeeded, ServiceError, SignInError, ValidationFailed
from tests.support.keyring_backend import MemoryKeyring


def test_service_error_has_code_params_and_an_english_sentence() -> None:
    e = SignInError("signin.wrong_pin", left=2, tries="tries")
    assert e.code == "signin.wrong_pin" and e.params == {"left": 2, "tries": "tries"}
    assert str(e) == "Wrong PIN. 2 more tries before a pause."
    assert isinstance(e, ServiceError) and e.locked_until is None
    p = PermissionNeeded("approval.needed", Role.SUPERVISOR)
    assert p.needed is Role.SUPERVISOR and "supervisor" in str(p)
    assert isinstance(p, PermissionDenied)  # older callers still catch it
    assert all(k.count(".") >= 1 for k in MESSAGES)
    assert str(ValidationFailed("correction.no_change")) == MESSAGES["correction.no_change"]


def test_correction_reasons_agree_with_the_direction() -> None:
    assert CorrectionReason.FOUND.direction == 1
    assert CorrectionReason.DAMAGED.direction == CorrectionReason.THEFT.direction == -1
    assert CorrectionReason.MISCOUNT.direction == CorrectionReason.OTHER.direction == 0
    assert CorrectionReason.FOUND.allowed_for(3) and not CorrectionReason.FOUND.allowed_for(-3)
    assert CorrectionReason.DAMAGED.allowed_for(-1) and not CorrectionReason.DAMAGED.allowed_for(1)
    assert CorrectionReason.FOUND not in CorrectionReason.for_delta(-2)
    assert CorrectionReason.THEFT not in CorrectionReason.for_delta(2)
    assert CorrectionReason.MISCOUNT in CorrectionReason.for_delta(2)


class PlaintextFile(KeyringBackend):
    """Stands for keyrings.alt's plaintext file: a backend that writes secrets to disk."""

    priority = 5  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


PlaintextFile.__module__ = "keyrings.alt.file"


def chain_of(*backends: KeyringBackend) -> ChainerBackend:
    class Chain(ChainerBackend):
        pass

    Chain.backends = list(backends)  # type: ignore[assignment,misc]
    return Chain()


@pytest.fixture
def restore_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    yield
    keyring.set_keyring(previous)


def test_keyring_check_inspects_the_backend_that_stores_the_token(restore_keyring: None) -> None:
    insecure, secure = PlaintextFile(), MemoryKeyring()
    keyring.set_keyring(chain_of(insecure, secure))  # set_password would write to the file first
    with pytest.raises(secrets.NoSecureKeyring):
        secrets.check_backend()
    with pytest.raises(secrets.NoSecureKeyring):
        secrets.save_token("/tmp/x", "tok")
    assert insecure.secrets == {} and secure.secrets == {}

    # set_password moves on to the next backend when one raises NotImplementedError, so an
    # insecure backend anywhere in the chain could get the token: refused too
    keyring.set_keyring(chain_of(secure, insecure))
    with pytest.raises(secrets.NoSecureKeyring):
        secrets.save_token("/tmp/x", "tok")
    assert insecure.secrets == {} and secure.secrets == {}

    keyring.set_keyring(chain_of(secure, MemoryKeyring()))  # only secure backends: fine
    assert secrets.check_backend().endswith("MemoryKeyring")
    secrets.save_token("/tmp/x", "tok")
    secrets.save_pin_key("/tmp/x", "key")
    assert secrets.load_token("/tmp/x") == "tok" and secrets.load_pin_key("/tmp/x") == "key"

    keyring.set_keyring(chain_of())
    with pytest.raises(secrets.NoSecureKeyring):
        secrets.check_backend()


def test_a_parameter_named_code_is_a_parameter_of_the_sentence() -> None:
    from pos_app.services.errors import ValidationFailed

    e = ValidationFailed("basket.unknown_code", code="NOPE-404")  # was a TypeError: code= twice
    assert e.code == "basket.unknown_code" and e.params == {"code": "NOPE-404"}
    assert str(e) == "“NOPE-404” is not a barcode or SKU this store knows."
