"""The device token and the retailer's PIN key live in the OS keyring, never in a file
(DESIGN.md section 7).

With no secure backend (a headless Linux without Secret Service, or keyrings.alt's plaintext
file) the app refuses instead of silently writing the token to disk. For keyring's
ChainerBackend the check refuses when ANY backend of the chain is insecure: its `set_password`
tries the backends in priority order and moves on to the next when one raises
NotImplementedError, so an insecure backend anywhere in the chain may get the token.
"""

from __future__ import annotations

import contextlib

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError

from pos_app.services.errors import ServiceError

SERVICE = "aisle-pos"
INSECURE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


class NoSecureKeyring(ServiceError):
    """No keyring that keeps secrets safe: `keyring.insecure`, or one that failed (codes of
    services/errors.MESSAGES)."""


def _name(kr: KeyringBackend) -> str:
    return f"{type(kr).__module__}.{type(kr).__name__}"


def backend_name() -> str:
    return _name(keyring.get_keyring())


def storing_backend(kr: KeyringBackend | None = None) -> KeyringBackend | None:
    """The backend a `set_password` tries first: a chain's first (highest-priority) backend."""
    backends = _chain(kr or keyring.get_keyring())
    return backends[0] if backends else None


def _chain(kr: KeyringBackend) -> list[KeyringBackend]:
    chain = getattr(kr, "backends", None)
    return [kr] if chain is None else list(chain)


def _insecure(kr: KeyringBackend) -> bool:
    return type(kr).__module__.startswith(INSECURE_MODULES)


def check_backend() -> str:
    """Name of the keyring backend that will store secrets; raises NoSecureKeyring if it, or any
    backend a chain could fall through to, is insecure, or there is none."""
    backends = _chain(keyring.get_keyring())
    bad = next((b for b in backends if _insecure(b)), None)
    if not backends or bad is not None:
        found = "none" if not backends else _name(bad or backends[0])
        raise NoSecureKeyring("keyring.insecure", found=found)
    return _name(backends[0])


def key_for(data_dir: str) -> str:
    return f"device-token:{data_dir}"


def pin_key_for(data_dir: str) -> str:
    return f"pin-key:{data_dir}"


def _save(username: str, secret: str, what: str) -> None:
    check_backend()
    try:
        keyring.set_password(SERVICE, username, secret)
    except KeyringError as e:
        raise NoSecureKeyring("keyring.refused", what=what, detail=str(e)) from None


def _load(username: str) -> str | None:
    check_backend()
    try:
        return keyring.get_password(SERVICE, username)
    except KeyringError as e:
        raise NoSecureKeyring("keyring.unreadable", detail=str(e)) from None


def save_token(data_dir: str, token: str) -> None:
    _save(key_for(data_dir), token, "device token")


def load_token(data_dir: str) -> str | None:
    return _load(key_for(data_dir))


def save_pin_key(data_dir: str, pin_key: str) -> None:
    _save(pin_key_for(data_dir), pin_key, "PIN key")


def load_pin_key(data_dir: str) -> str | None:
    return _load(pin_key_for(data_dir))


def terminal_key_for(data_dir: str, poiid: str) -> str:
    return f"terminal-key:{data_dir}:{poiid}"


def save_terminal_passphrase(data_dir: str, poiid: str, passphrase: str) -> None:
    """The card terminal's message-protection passphrase (per till and terminal), never a file."""
    _save(terminal_key_for(data_dir, poiid), passphrase, "terminal passphrase")


def load_terminal_passphrase(data_dir: str, poiid: str) -> str | None:
    return _load(terminal_key_for(data_dir, poiid))


def delete_terminal_passphrase(data_dir: str, poiid: str) -> None:
    with contextlib.suppress(KeyringError):
        keyring.delete_password(SERVICE, terminal_key_for(data_dir, poiid))


def delete_token(data_dir: str) -> None:
    for username in (key_for(data_dir), pin_key_for(data_dir)):
        with contextlib.suppress(KeyringError):
            keyring.delete_password(SERVICE, username)


__all__ = [
    "NoSecureKeyring",
    "backend_name",
    "check_backend",
    "delete_terminal_passphrase",
    "delete_token",
    "load_pin_key",
    "load_terminal_passphrase",
    "load_token",
    "save_pin_key",
    "save_terminal_passphrase",
    "save_token",
    "storing_backend",
]
