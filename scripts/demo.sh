#!/usr/bin/env bash
# make demo: seed an embedded central on SQLite, serve it, enrol a tablet against it, open the app.
set -euo pipefail
DEMO=${DEMO:-.demo}
BIN=${BIN:-.venv/bin}
PRODUCTS=${PRODUCTS:-20000}
ROOT=$(pwd)
mkdir -p "$DEMO"
DEMO_ABS=$(cd "$DEMO" && pwd)
DB="sqlite:///$ROOT/$DEMO/central.db"
TABLET="$ROOT/$DEMO/tablet"
export POS_APP_DATA_DIR="$TABLET"

if [ ! -f "$DEMO/central.db" ]; then
  echo "Seeding the demo retailer ($PRODUCTS variants)…"
  "$BIN/central" --db "$DB" seed --products "$PRODUCTS" --stores 4 --seed 1 | tee "$DEMO/seed.txt"
fi

PORT=${PORT:-8765}
while (echo > /dev/tcp/127.0.0.1/$PORT) 2>/dev/null; do PORT=$((PORT + 1)); done
URL="http://127.0.0.1:$PORT"
# The mail sink: a local SMTP server (aiosmtpd) keeping what central sends in a Maildir under the
# demo dir; `central --db "$DB" mail` lists it, `central --db "$DB" mail --show ID` opens one.
SMTP_PORT=${SMTP_PORT:-8025}
while (echo > /dev/tcp/127.0.0.1/$SMTP_PORT) 2>/dev/null; do SMTP_PORT=$((SMTP_PORT + 1)); done
"$BIN/python" -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$DEMO_ABS/mail" > "$DEMO/smtp.log" 2>&1 &
SMTP_PID=$!
export AISLE_SMTP_URL="smtp://127.0.0.1:$SMTP_PORT" AISLE_MAIL_FROM="Aisle demo <receipts@aisle.invalid>"
# The receipt printer: a simulator on TCP that files each receipt it prints as text (and the raw
# ESC/POS bytes) under the demo dir, so a demo sale's paper can be read.
PRINTER_PORT=${PRINTER_PORT:-9100}
while (echo > /dev/tcp/127.0.0.1/$PRINTER_PORT) 2>/dev/null; do PRINTER_PORT=$((PRINTER_PORT + 1)); done
"$BIN/pos-app" printer-sim --port "$PRINTER_PORT" --out "$DEMO_ABS/printer" > "$DEMO/printer.log" 2>&1 &
PRINTER_PID=$!
# The card terminal: the nexo simulator over HTTPS with its own CA (kept in the demo dir) and
# message protection, so a demo card payment takes the real network path.
TERMINAL_PORT=${TERMINAL_PORT:-8443}
while (echo > /dev/tcp/127.0.0.1/$TERMINAL_PORT) 2>/dev/null; do TERMINAL_PORT=$((TERMINAL_PORT + 1)); done
TERMINAL_PASSPHRASE=${TERMINAL_PASSPHRASE:-aisle demo terminal}
"$BIN/pos-app" terminal-sim --port "$TERMINAL_PORT" --cert-dir "$DEMO_ABS/terminal-sim" \
  --key-passphrase "$TERMINAL_PASSPHRASE" --key-id AisleDemo --key-version 1 > "$DEMO/terminal.log" 2>&1 &
TERMINAL_PID=$!
"$BIN/central" --db "$DB" serve --port "$PORT" --public-url "$URL" > "$DEMO/central.log" 2>&1 &
CENTRAL_PID=$!
trap 'kill $CENTRAL_PID 2>/dev/null || true' EXIT
trap 'kill $CENTRAL_PID $SMTP_PID $PRINTER_PID $TERMINAL_PID 2>/dev/null || true' EXIT  # the sinks stop with central
for _ in $(seq 1 100); do
  "$BIN/python" -c "import httpx; httpx.get('$URL/health', timeout=0.5).raise_for_status()" 2>/dev/null && break
  sleep 0.1
done
echo "Central is running at $URL (log: $DEMO/central.log)"
echo "Mail sink on $AISLE_SMTP_URL: messages in $DEMO/mail (Maildir); list them: $BIN/central --db $DB mail"
echo "Receipt printer simulator on tcp://127.0.0.1:$PRINTER_PORT: what it prints lands in $DEMO/printer/*.txt"
echo "Click-and-collect: make web-shop orders for TKY01 with $BIN/central --db $DB pickup-demo --store TKY01 --count 3 (docs/pickups.md); reminders and expiry: $BIN/central --db $DB pickups-expire"
for _ in $(seq 1 100); do [ -f "$DEMO_ABS/terminal-sim/ca.pem" ] && grep -q "^Terminal simulator" "$DEMO/terminal.log" && break; sleep 0.1; done
echo "Card terminal simulator V400m-123456789 on https://127.0.0.1:$TERMINAL_PORT/nexo/ (faults: POST /control/faults, see docs/terminal.md)"

inner() {
  if [ ! -f "$TABLET/device.db" ] || ! "$BIN/pos-app" doctor 2>/dev/null | grep -q "^\[ok  \] enrolment"; then
    CODE=$("$BIN/central" --db "$DB" enroll-code --store TKY01 --central-url "$URL" | sed -n 's/.*TKY01: \([0-9A-Z-]*\).*/\1/p')
    "$BIN/pos-app" enroll --central "$URL" --code "$CODE" --name "demo tablet"
  else
    # central may have moved to another port since last time
    "$BIN/python" - "$TABLET" "$URL" <<'PY'
import sys
from pathlib import Path
from pos_app.local.store import LocalStore
s = LocalStore(Path(sys.argv[1])); s.set_meta({"central_url": sys.argv[2]}); s.close()
PY
  fi
  "$BIN/pos-app" settings --printer "tcp://127.0.0.1:$PRINTER_PORT" > /dev/null
  echo "$TERMINAL_PASSPHRASE" | "$BIN/pos-app" terminal set --kind network --url "https://127.0.0.1:$TERMINAL_PORT/nexo/" \
    --poiid V400m-123456789 --ca-file "$DEMO_ABS/terminal-sim/ca.pem" --key-id AisleDemo --key-version 1 --passphrase > /dev/null
  "$BIN/pos-app" terminal test || echo "The card terminal simulator did not answer; see $DEMO/terminal.log"
  echo
  echo "Demo staff at TKY01 (Aisle Shibuya): tap a name, then the PIN —"
  echo "  manager 3333 · supervisor 2222 · associates 1111 and 1112"
  echo
  if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ "$(uname)" = "Linux" ]; then
    cat <<MSG
There is no display here, so the window cannot open. Instead you can:
  - run it on a virtual screen:  xvfb-run -a make demo
  - look at every screen as PNG: QT_QPA_PLATFORM=offscreen $BIN/pos-app screenshots --out screenshots/
  - use the command line (in the demo's keyring, so the token is found):
      DEMO=$DEMO_ABS $ROOT/scripts/demo-cli.sh stock "linen shirt"
      DEMO=$DEMO_ABS $ROOT/scripts/demo-cli.sh doctor
    (central stops with this script: figures then come from the tablet's cache, with their age)
MSG
    "$BIN/pos-app" sync --once
    "$BIN/pos-app" stock linen || true
    return 0
  fi
  "$BIN/pos-app"
}

if "$BIN/python" -c "from pos_app.services.secrets import check_backend; check_backend()" 2>/dev/null; then
  inner
elif command -v dbus-run-session >/dev/null && command -v gnome-keyring-daemon >/dev/null; then
  echo "No Secret Service in this session: starting GNOME Keyring for the demo (password 'demo')."
  export -f inner
  export DEMO BIN TABLET URL DB ROOT DEMO_ABS PRINTER_PORT TERMINAL_PORT TERMINAL_PASSPHRASE
  dbus-run-session -- bash -c 'echo -n demo | gnome-keyring-daemon --unlock --components=secrets >/dev/null; inner'
else
  echo "No secure keyring (Secret Service) is available; install gnome-keyring (make system-deps)." >&2
  exit 1
fi
