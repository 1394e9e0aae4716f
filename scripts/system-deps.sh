#!/usr/bin/env bash
# Debian packages the app and its tests need; installs only what is missing (idempotent).
#   fonts-noto-cjk   Japanese text in offscreen renders (else empty boxes)
#   libegl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0   Qt's offscreen/xcb plugins
#   gnome-keyring dbus   a real Secret Service for the device token (demo, keyring tests)
#   postgresql       initdb/pg_ctl for the suite's throwaway PostgreSQL cluster
#   xvfb             a virtual screen for `make demo` on a machine without a display
#   chromium         a real headless browser for the customer pages' tests (--dump-dom)
#   haproxy          a load balancer in front of central's replicas (tests/central/test_replicas.py, bench --only scale)
set -euo pipefail
need=()
for pkg in fonts-noto-cjk libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 \
           libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 \
           libxcb-render-util0 libxcb-image0 gnome-keyring dbus xvfb chromium haproxy; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  need+=(postgresql)
fi
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing Debian packages: ${need[*]}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO="sudo"; else
    echo "Need root to install: ${need[*]} (run: apt-get install ${need[*]})" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
