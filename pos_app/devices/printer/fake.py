"""A fake network receipt printer for tests and the demo, and a strict ESC/POS reader.

`FakeNetworkPrinter` listens on loopback like a printer on TCP 9100, records the real bytes
of every job, answers DLE EOT status requests, and can be switched off (connections refused)
or run out of paper (it says so when asked and drops what it is sent, as a printer with no
roll prints nothing).

`read_escpos(data)` reads the bytes back the way a printer would and refuses any command it
does not know, so a test sees the text (decoded in Kanji mode as Shift_JIS, otherwise with the
selected code page), the raster images rebuilt as bitmaps, cuts and drawer kicks.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from pos_app.devices.printer.base import DLE_EOT

CODE_PAGES = {0: "cp437", 1: "cp437", 2: "cp850", 16: "cp1252", 19: "cp858"}


@dataclass
class Bitmap:
    width: int  # dots
    height: int
    rows: list[bytes]  # each row width/8 bytes, MSB first, 1 = black

    def dark(self, x: int, y: int) -> bool:
        return bool(self.rows[y][x >> 3] & (0x80 >> (x & 7)))

    def to_image(self) -> object:
        """A PIL image (white paper, black dots) — for zxing-cpp."""
        from PIL import Image

        img = Image.new("L", (self.width, self.height), 255)
        px = img.load()
        assert px is not None
        for y in range(self.height):
            for x in range(self.width):
                if self.dark(x, y):
                    px[x, y] = 0
        return img


@dataclass
class Printout:
    lines: list[str] = field(default_factory=list)
    images: list[Bitmap] = field(default_factory=list)
    cuts: int = 0
    drawer_kicks: list[tuple[int, int, int]] = field(default_factory=list)
    kanji_mode_used: bool = False
    code_pages: set[int] = field(default_factory=set)
    bold_lines: list[str] = field(default_factory=list)
    double_lines: list[str] = field(default_factory=list)
    inits: int = 0

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


class UnknownCommand(ValueError):
    pass


def read_escpos(data: bytes) -> Printout:
    """Interpret ESC/POS bytes as a printer would (the subset Aisle sends; anything else raises)."""
    out = Printout()
    i, n = 0, len(data)
    kanji, page, bold, double = False, 0, False, False
    buf = bytearray()

    def flush_line() -> None:
        text = bytes(buf).decode("cp932" if kanji else CODE_PAGES.get(page, "cp437"), errors="strict")
        out.lines.append(text)
        if bold:
            out.bold_lines.append(text)
        if double:
            out.double_lines.append(text)
        buf.clear()

    def need(k: int) -> bytes:
        if i + k > n:
            raise UnknownCommand(f"truncated command at byte {i}")
        return data[i : i + k]

    while i < n:
        b = data[i]
        if b == 0x0A:
            flush_line()
            i += 1
        elif b == 0x1B:  # ESC
            cmd = need(2)[1:2]
            if cmd == b"@":
                out.inits += 1
                kanji, page, bold, double = False, 0, False, False
                i += 2
            elif cmd == b"t":
                page = need(3)[2]
                out.code_pages.add(page)
                i += 3
            elif cmd == b"E":
                bold = bool(need(3)[2] & 1)
                i += 3
            elif cmd == b"a" or cmd == b"d":
                need(3)
                i += 3
            elif cmd == b"p":
                p = need(5)
                out.drawer_kicks.append((p[2], p[3], p[4]))
                i += 5
            else:
                raise UnknownCommand(f"ESC {cmd!r} at byte {i}")
        elif b == 0x1D:  # GS
            cmd = need(2)[1:2]
            if cmd == b"!":
                double = need(3)[2] != 0
                i += 3
            elif cmd == b"V":
                m = need(3)[2]
                i += 4 if m in (65, 66) else 3
                out.cuts += 1
            elif cmd == b"v":
                h = need(8)
                if h[2:4] != b"0\x00":
                    raise UnknownCommand(f"GS v mode {h[2:4]!r} at byte {i}")
                xb, yd = h[4] | h[5] << 8, h[6] | h[7] << 8
                i += 8
                body = need(xb * yd)
                out.images.append(Bitmap(xb * 8, yd, [body[r * xb : (r + 1) * xb] for r in range(yd)]))
                i += xb * yd
            else:
                raise UnknownCommand(f"GS {cmd!r} at byte {i}")
        elif b == 0x1C:  # FS
            cmd = need(2)[1:2]
            if cmd == b"&":
                kanji = True
                out.kanji_mode_used = True
                i += 2
            elif cmd == b".":
                kanji = False
                i += 2
            elif cmd in (b"C", b"!"):
                need(3)
                i += 3
            else:
                raise UnknownCommand(f"FS {cmd!r} at byte {i}")
        elif b == 0x10 and data[i : i + 2] == DLE_EOT:
            need(3)
            i += 3
        elif b < 0x20:
            raise UnknownCommand(f"control byte {b:#04x} at byte {i}")
        else:
            buf.append(b)
            i += 1
    if buf:
        flush_line()
    return out


class FakeNetworkPrinter:
    """A printer on 127.0.0.1:<port>. ``jobs`` holds the bytes of each print connection."""

    def __init__(self, port: int = 0, on_job: Callable[[bytes], None] | None = None) -> None:
        self.on_job = on_job  # called with each printed job's bytes (the printer simulator)
        self.jobs: list[bytes] = []
        self.dropped: list[bytes] = []
        self.status_requests = 0
        self.paper = True
        self.cover_open = False
        self._lock = threading.Lock()
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self.port = port
        self.host = "127.0.0.1"

    # -- power -----------------------------------------------------------------------------
    def start(self) -> FakeNetworkPrinter:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind((self.host, self.port))
        s.listen(8)
        self.port = s.getsockname()[1]
        self._sock = s
        self._thread = threading.Thread(target=self._serve, args=(s,), name="fake-printer", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Switch off: the port refuses connections."""
        s, self._sock = self._sock, None
        if s is not None:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()
        if self._thread is not None:
            self._thread.join(5)
            self._thread = None

    def power(self, on: bool) -> None:
        if on and self._sock is None:
            self.start()
        elif not on:
            self.stop()

    def __enter__(self) -> FakeNetworkPrinter:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def data(self) -> bytes:
        with self._lock:
            return b"".join(self.jobs)

    def printouts(self) -> list[Printout]:
        with self._lock:
            return [read_escpos(j) for j in self.jobs]

    # -- serving ---------------------------------------------------------------------------
    def _serve(self, s: socket.socket) -> None:
        while True:
            try:
                con, _ = s.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(con,), daemon=True).start()

    def _status_byte(self, n: int) -> int:
        if n == 1:
            return 0x12
        if n == 2:
            return 0x12 | (0x04 if self.cover_open else 0) | (0x20 if not self.paper else 0)
        if n == 4:
            return 0x12 | (0x60 if not self.paper else 0)
        return 0x12

    def _handle(self, con: socket.socket) -> None:
        got = bytearray()
        with con:
            con.settimeout(5)
            try:
                while True:
                    chunk = con.recv(65536)
                    if not chunk:
                        break
                    got += chunk
                    # a connection that only asks status (DLE EOT n …) is answered at once
                    while got[:2] == DLE_EOT and len(got) >= 3:
                        with self._lock:
                            self.status_requests += 1
                        con.sendall(bytes([self._status_byte(got[2])]))
                        del got[:3]
            except OSError:
                pass
            if got:
                with self._lock:
                    # with no paper nothing prints, but a drawer kick still works (read `dropped`)
                    printed = self.paper and not self.cover_open
                    (self.jobs if printed else self.dropped).append(bytes(got))
                if printed and self.on_job is not None:
                    self.on_job(bytes(got))


def serve(port: int, out: Path, host: str = "127.0.0.1") -> None:
    """`pos-app printer-sim`: a receipt printer on TCP `port` that files each job it prints in
    `out` as the raw bytes (`NNNN.escpos`) and as what the paper would show (`NNNN.txt`: the
    text, `[QR]`/`[image]` for rasters, `--- cut ---`, `[drawer]`). Runs until interrupted."""
    out.mkdir(parents=True, exist_ok=True)
    count = [len(list(out.glob("*.escpos")))]
    lock = threading.Lock()

    def filed(data: bytes) -> None:
        with lock:
            count[0] += 1
            n = count[0]
        (out / f"{n:04d}.escpos").write_bytes(data)
        try:
            page = read_escpos(data)
            text = page.text
            extra = [f"[image {b.width}x{b.height}]" for b in page.images]
            extra += ["[drawer]"] * len(page.drawer_kicks) + ["--- cut ---"] * page.cuts
            (out / f"{n:04d}.txt").write_text(text + "\n" + "\n".join(extra) + "\n", encoding="utf-8")
        except UnknownCommand as e:  # a real printer would print garbage; say so instead
            (out / f"{n:04d}.txt").write_text(f"(not ESC/POS this printer reads: {e})\n", encoding="utf-8")
        print(f"printed job {n}: {out / f'{n:04d}.txt'}", flush=True)

    printer = FakeNetworkPrinter(port, on_job=filed)
    printer.host = host
    printer.start()
    print(f"Receipt printer simulator on tcp://{host}:{printer.port}, jobs in {out}", flush=True)
    stop = threading.Event()
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        printer.stop()
