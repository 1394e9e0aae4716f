"""The terminal simulator on the network: ``pos-app terminal-sim``.

Serves the nexo Terminal API at ``POST /nexo/`` over HTTPS with a generated CA and a terminal
certificate whose CN (and DNS SAN) is the POIID — the CA file is what a till is pointed at — or
over plain HTTP with ``--plain``. Faults are scripted per next request with ``--fault`` at start
or through the control endpoint on the same port:

    POST /control/faults   {"faults": ["decline", "delay:5", "in_progress:3"]}   queue faults
    GET  /control/faults   the queue;   POST /control/reset   empty it
    GET  /control/health   {"poiid": ..., "requests": n}
    GET  /control/records  what the terminal did per (SaleID, ServiceID): payments, reversals

Nothing a till sends is logged.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import json
import socket
import ssl
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from pos_app.devices.terminal.protection import NexoKey
from pos_app.devices.terminal.simulator import FAULT_HELP, Fault, SimulatorError, TerminalSimulator


@dataclass(frozen=True)
class CertificatePaths:
    ca: Path
    certificate: Path
    key: Path


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def generate_certificates(directory: Path, poiid: str, *, ca_name: str = "Aisle terminal simulator CA") -> CertificatePaths:
    """A fresh CA and a terminal certificate signed by it (CN and DNS SAN = ``poiid``; the SAN
    also lists 127.0.0.1 and localhost), valid for ten years, in ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    later = now + dt.timedelta(days=3650)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_cert = (
        x509.CertificateBuilder()
        .subject_name(_name(ca_name))
        .issuer_name(_name(ca_name))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(later)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(poiid))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(later)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName(poiid), x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
            ),
            critical=False,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    paths = CertificatePaths(directory / "ca.pem", directory / "terminal.pem", directory / "terminal-key.pem")
    paths.ca.write_bytes(ca_cert.public_bytes(serialization.Encoding.PEM))
    paths.certificate.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    paths.key.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    paths.key.chmod(0o600)
    return paths


def certificates_for(directory: Path, poiid: str) -> CertificatePaths:
    """The certificates in ``directory`` if they name ``poiid``, else new ones (so a till set up
    with the CA file keeps trusting a restarted simulator)."""
    paths = CertificatePaths(directory / "ca.pem", directory / "terminal.pem", directory / "terminal-key.pem")
    try:
        cert = x509.load_pem_x509_certificate(paths.certificate.read_bytes())
        cn = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
        if cn == poiid and paths.ca.exists() and paths.key.exists():
            return paths
    except (OSError, ValueError, IndexError):
        pass
    return generate_certificates(directory, poiid)


class _Handler(BaseHTTPRequestHandler):
    server: SimulatorServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # never log what a till sends
        pass

    def _json(self, status: int, obj: Any) -> None:
        data = json.dumps(obj).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _read(self) -> bytes:
        n = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(n) if n > 0 else b""

    def do_GET(self) -> None:
        sim = self.server.simulator
        if self.path == "/control/faults":
            self._json(200, {"faults": sim.pending_faults()})
        elif self.path == "/control/records":
            self._json(200, {"records": sim.records()})
        elif self.path == "/control/health":
            self._json(200, {"poiid": sim.poiid, "requests": sim.requests_seen})
        else:
            self._json(404, {"error": "not found"})

    def do_POST(self) -> None:
        sim = self.server.simulator
        body = self._read()
        if self.path.rstrip("/") == "/nexo":
            self._nexo(body)
        elif self.path == "/control/faults":
            try:
                items = json.loads(body or b"{}").get("faults") or []
                sim.script(*[Fault.parse(str(f)) for f in items])
            except (ValueError, AttributeError, SimulatorError) as e:
                self._json(400, {"error": str(e) or "send {\"faults\": [\"decline\", \"delay:5\"]}"})
                return
            self._json(200, {"faults": sim.pending_faults()})
        elif self.path == "/control/reset":
            sim.reset()
            self._json(200, {"faults": []})
        else:
            self._json(404, {"error": "not found"})

    def _nexo(self, body: bytes) -> None:
        sim = self.server.simulator
        reply = sim.handle_bytes(body)
        stop = self.server.stopping
        if reply.hold:  # the answer never comes: keep the connection until the till gives up
            stop.wait(sim.hold_seconds)
            self.close_connection = True
            return
        if reply.drop:
            self.close_connection = True
            return
        if reply.delay and stop.wait(reply.delay):
            self.close_connection = True
            return
        data = reply.raw if reply.raw is not None else (json.dumps(reply.body).encode() if reply.body is not None else b"")
        try:
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)
        except OSError:  # the till left (it timed out)
            self.close_connection = True


class SimulatorServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False

    def __init__(self, simulator: TerminalSimulator, host: str, port: int, ssl_context: ssl.SSLContext | None) -> None:
        self.simulator = simulator
        self.ssl_context = ssl_context
        self.stopping = threading.Event()
        super().__init__((host, port), _Handler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"{'https' if self.ssl_context else 'http'}://{host!s}:{port}/nexo/"

    def finish_request(self, request: Any, client_address: Any) -> None:
        if self.ssl_context is None:
            super().finish_request(request, client_address)
            return
        request.settimeout(10)
        try:
            tls = self.ssl_context.wrap_socket(request, server_side=True)
        except (ssl.SSLError, OSError):  # a till that refused our certificate, or a port scan
            return
        try:
            tls.settimeout(None)
            super().finish_request(tls, client_address)
        finally:
            with suppress(OSError):
                tls.close()

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a till that went away mid-answer is normal here; nothing a till sent is printed

    def stop(self) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()


def server_ssl_context(paths: CertificatePaths) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(paths.certificate, paths.key)
    return ctx


@contextmanager
def running_simulator(
    simulator: TerminalSimulator,
    *,
    host: str = "127.0.0.1",
    port: int = 0,
    certificates: CertificatePaths | None = None,
) -> Iterator[SimulatorServer]:
    """Serve ``simulator`` in a thread (HTTPS when ``certificates`` are given); yields the server
    (``.url``); stops it on exit."""
    server = SimulatorServer(simulator, host, port, server_ssl_context(certificates) if certificates else None)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.stop()
        thread.join(5)


def run(
    *,
    port: int,
    host: str = "127.0.0.1",
    poiid: str = "V400m-123456789",
    passphrase: str | None = None,
    key_id: str | None = None,
    key_version: int = 1,
    plain: bool = False,
    cert_dir: Path,
    faults: list[str] | None = None,
    store_and_forward: bool = False,
) -> int:
    """``pos-app terminal-sim``: serve until interrupted."""
    if (passphrase is None) != (key_id is None):
        print("terminal-sim: --key-passphrase and --key-id go together.", file=sys.stderr)
        return 2
    try:
        key = NexoKey(passphrase, key_id, key_version) if passphrase and key_id else None
        sim = TerminalSimulator(poiid=poiid, key=key, store_and_forward=store_and_forward)
        sim.script(*[Fault.parse(f) for f in faults or []])
    except (SimulatorError, ValueError) as e:
        print(f"terminal-sim: {e}", file=sys.stderr)
        return 2
    paths = None if plain else certificates_for(cert_dir, poiid)
    try:
        server = SimulatorServer(sim, host, port, server_ssl_context(paths) if paths else None)
    except OSError as e:
        print(f"terminal-sim: cannot listen on {host}:{port} ({e.strerror or e}).", file=sys.stderr)
        return 1
    print(f"Terminal simulator {poiid} on {server.url}", flush=True)
    if paths:
        print(f"CA file: {paths.ca}", flush=True)
    print(f"Message protection: {'key ' + repr(key_id) + ' version ' + str(key_version) if key else 'off'}", flush=True)
    print(f"Control: {server.url.replace('/nexo/', '/control/faults')}", flush=True)
    try:
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        pass
    finally:
        server.stopping.set()
        server.server_close()
    return 0


def fault_help() -> str:
    return "; ".join(f"{k}: {v}" for k, v in FAULT_HELP.items())


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
