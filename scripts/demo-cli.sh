#!/usr/bin/env bash
# Run a pos-app command against the demo tablet, inside the same keyring the demo used.
#   scripts/demo-cli.sh stock "linen shirt"      scripts/demo-cli.sh doctor
# Where the session has no Secret Service (a headless Linux, an SSH shell), it starts a private
# D-Bus session with GNOME Keyring unlocked by the demo's password ('demo'), exactly as
# scripts/demo.sh does, so the device token the demo stored there is found again.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEMO=${DEMO:-$ROOT/.demo}
BIN=${BIN:-$ROOT/.venv/bin}
case "$DEMO" in /*) ;; *) DEMO="$ROOT/$DEMO" ;; esac
case "$BIN" in /*) ;; *) BIN="$ROOT/$BIN" ;; esac
export POS_APP_DATA_DIR=${POS_APP_DATA_DIR:-$DEMO/tablet}
export BIN

if "$BIN/python" -c "from pos_app.services.secrets import check_backend; check_backend()" 2>/dev/null; then
  exec "$BIN/pos-app" "$@"
fi
if ! command -v dbus-run-session >/dev/null || ! command -v gnome-keyring-daemon >/dev/null; then
  echo "No secure keyring (Secret Service) is available; install gnome-keyring (make system-deps)." >&2
  exit 1
fi
exec dbus-run-session -- bash -c \
  'echo -n "${DEMO_KEYRING_PASSWORD:-demo}" | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$BIN/pos-app" "$@"' \
  demo-cli "$@"
