#!/usr/bin/env sh
# The browser test drives a system Chromium (Playwright downloads no browser here).
# Where none is found: as root on Debian, install it; elsewhere, say how and stop.
[ -n "${CHROMIUM:-}" ] && exit 0
command -v chromium >/dev/null 2>&1 && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium for the browser test: apt-get install chromium"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null && exit 0
fi
cat >&2 <<'MSG'
error: the browser test needs Chromium, and none was found on PATH.
  Debian or Ubuntu:  sudo apt-get install chromium
  elsewhere:         install Chromium or Chrome, then set CHROMIUM=/path/to/the/browser
MSG
exit 1
