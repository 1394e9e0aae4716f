"""The device token lives in the OS keyring, never in a file (DESIGN.md section 5).

With no secure backend (a headless Linux without Secret Service, or keyrings.alt's plaintext
file) the app refuses instead of silently writing the token to disk.
"""

from __future__ import annotations

import contextlib

import keyring
from keyring.errors import KeyringError

SERVICE = "aisle-pos"
INSECURE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")


class NoSecureKeyring(Exception):
    pass


def backend_name() -> str:
    kr = keyring.get_keyring()
    return f"{type(kr).__module__}.{type(kr).__name__}"


def check_backend() -> str:
    """Name of the keyring backend in use; raises NoSecureKeyring for insecure/absent ones."""
    kr = keyring.get_keyring()
    chain = getattr(kr, "backends", None)  # ChainerBackend: look at what it would use
    candidates = list(chain) if chain else [kr]
    secure = [b for b in candidates if not type(b).__module__.startswith(INSECURE_MODULES)]
    if not secure:
        raise NoSecureKeyring(
            "No secure keyring is available on this computer, so the device token cannot be "
            "stored safely. On Linux start a Secret Service (GNOME Keyring or KWallet) in the "
            "session; `make demo` does this for you. Aisle will not store the token in a file."
        )
    return f"{type(secure[0]).__module__}.{type(secure[0]).__name__}"


def key_for(data_dir: str) -> str:
    return f"device-token:{data_dir}"


def save_token(data_dir: str, token: str) -> None:
    check_backend()
    try:
        keyring.set_password(SERVICE, key_for(data_dir), token)
    except KeyringError as e:
        raise NoSecureKeyring(f"The keyring refused to store the device token: {e}") from None


def load_token(data_dir: str) -> str | None:
    check_backend()
    try:
        return keyring.get_password(SERVICE, key_for(data_dir))
    except KeyringError as e:
        raise NoSecureKeyring(f"The keyring could not be read: {e}") from None


def delete_token(data_dir: str) -> None:
    with contextlib.suppress(KeyringError):
        keyring.delete_password(SERVICE, key_for(data_dir))


__all__ = ["NoSecureKeyring", "backend_name", "check_backend", "delete_token", "load_token", "save_token"]
