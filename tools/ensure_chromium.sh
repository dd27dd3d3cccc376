#!/usr/bin/env bash
# The browser tests drive the system's Chromium (Playwright can't download its
# own offline). Install Debian's package when it is missing and we may.
set -euo pipefail
if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests (apt-get install chromium) ..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "Chromium is needed for the browser tests: install it (Debian/Ubuntu: sudo apt-get install chromium)." >&2
exit 1
