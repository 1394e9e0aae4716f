"""The network driver: the nexo Terminal API over the local network, as Adyen terminals serve it
(``POST https://<terminal>:8443/nexo/``, JSON, optionally with local message protection).

TLS: the terminal's certificate must chain to the configured CA file, and its name must be the
configured POIID. A terminal certificate names a device, not a host, so hostname checking is off
and the driver checks the certificate's CN / DNS SANs itself, right after the handshake and
before any request is written: ``POIID`` exactly, or Adyen's ``POIID.test.terminal.adyen.com`` /
``POIID.live.terminal.adyen.com``. Plain HTTP only with ``allow_plain=True`` (loopback tests).
"""

from __future__ import annotations

import ssl
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from pos_app.devices.terminal.base import (
    CertificateMismatch,
    InvalidRequest,
    MalformedResponse,
    TerminalUnreachable,
    WrongTerminal,
)
from pos_app.devices.terminal.nexo import Lost, NexoClient, decode_answer
from pos_app.devices.terminal.protection import NexoKey
from pos_app.devices.terminal_words import Said

ADYEN_SUFFIXES = (".test.terminal.adyen.com", ".live.terminal.adyen.com")


class PoiidMismatchError(ssl.SSLError):
    def __init__(self, names: list[str]) -> None:
        super().__init__(f"certificate names {names}")
        self.names = names


def certificate_names(cert: dict[str, Any]) -> list[str]:
    names = [v for rdn in cert.get("subject", ()) for k, v in rdn if k == "commonName"]
    names += [v for k, v in cert.get("subjectAltName", ()) if k == "DNS"]
    return names


def name_matches(names: list[str], poiid: str) -> bool:
    for n in names:
        if n == poiid:
            return True
        low = n.lower()
        if any(low.endswith(sfx) and n[: -len(sfx)] == poiid for sfx in ADYEN_SUFFIXES):
            return True
    return False


def terminal_ssl_context(ca_file: str | Path, poiid: str) -> ssl.SSLContext:
    try:
        ctx = ssl.create_default_context(cafile=str(ca_file))
    except (OSError, ssl.SSLError) as e:
        raise CertificateMismatch(
            Said("terminal.ca_unreadable", path=str(ca_file), kind=e.__class__.__name__)
        ) from None
    ctx.check_hostname = False  # the name is a POIID, checked below
    ctx.verify_mode = ssl.CERT_REQUIRED

    class _PoiidCheckedSocket(ssl.SSLSocket):
        def do_handshake(self, block: bool = False) -> None:
            super().do_handshake(block)
            names = certificate_names(self.getpeercert() or {})
            if not name_matches(names, poiid):
                raise PoiidMismatchError(names)

    ctx.sslsocket_class = _PoiidCheckedSocket
    return ctx


def _cause(exc: BaseException, kind: type[BaseException]) -> BaseException | None:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, kind):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


class NexoTerminal(NexoClient):
    """``url``: ``https://192.168.1.20:8443/nexo/`` (or ``host[:port]``, HTTPS on 8443 assumed)."""

    def __init__(
        self,
        *,
        url: str,
        poiid: str,
        sale_id: str,
        key: NexoKey | None = None,
        ca_file: str | Path | None = None,
        allow_plain: bool = False,
        store_and_forward: bool = False,
        connect_timeout: float = 3.0,
        payment_timeout: float = 150.0,
        request_timeout: float = 15.0,
    ) -> None:
        super().__init__(
            poiid=poiid, sale_id=sale_id, key=key, payment_timeout=payment_timeout, request_timeout=request_timeout
        )
        if "://" not in url:
            url = f"https://{url}"
        u = urlsplit(url)
        if u.scheme not in ("https", "http") or not u.hostname:
            raise InvalidRequest(Said("terminal.bad_address", url=url))
        port = u.port or (8443 if u.scheme == "https" else 80)
        path = u.path if u.path not in ("", "/") else "/nexo/"
        self.url = f"{u.scheme}://{u.hostname}:{port}{path}"
        self.supports_store_and_forward = store_and_forward
        self.connect_timeout = connect_timeout
        if u.scheme == "http":
            if not allow_plain:
                raise InvalidRequest(Said("terminal.plain_http"))
            verify: ssl.SSLContext | bool = False
            self.authenticated_transport = False
        else:
            if ca_file is None:
                raise InvalidRequest(Said("terminal.https_needs_ca"))
            verify = terminal_ssl_context(ca_file, poiid)
            self.authenticated_transport = True
        self._client = httpx.Client(verify=verify, trust_env=False, headers={"Content-Type": "application/json"})

    def close(self) -> None:
        self._client.close()

    def _send(self, wire: dict[str, Any], timeout: float) -> Any:
        t = httpx.Timeout(
            connect=self.connect_timeout, read=timeout, write=self.connect_timeout, pool=self.connect_timeout
        )
        try:
            r = self._client.post(self.url, json=wire, timeout=t)
        except httpx.ConnectTimeout:
            raise TerminalUnreachable(Said("terminal.no_answer", url=self.url)) from None
        except httpx.ConnectError as e:
            mismatch = _cause(e, PoiidMismatchError)
            if isinstance(mismatch, PoiidMismatchError):
                raise WrongTerminal(
                    Said("terminal.other_device", names=", ".join(mismatch.names) or "—", poiid=self.poiid)
                ) from None
            if _cause(e, ssl.SSLError) is not None:
                raise CertificateMismatch(Said("terminal.certificate_unsigned")) from None
            raise TerminalUnreachable(Said("terminal.cannot_reach", url=self.url)) from None
        except httpx.TimeoutException:
            raise Lost("timeout", Said("terminal.lost_timeout")) from None
        except (httpx.RemoteProtocolError, httpx.ReadError):
            raise Lost("dropped", Said("terminal.lost_closed")) from None
        except httpx.TransportError:
            raise Lost("dropped", Said("terminal.lost_sending")) from None
        if r.status_code != 200:
            raise MalformedResponse(Said("terminal.http_status", status=r.status_code))
        return decode_answer(r.content)
