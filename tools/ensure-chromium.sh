#!/usr/bin/env bash
# The browser tests drive Debian's Chromium. Install it if no Chromium is found (root only).
set -u
for name in "${CHROMIUM:-}" chromium chromium-browser google-chrome google-chrome-stable; do
  [ -n "$name" ] && command -v "$name" >/dev/null 2>&1 && exit 0
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Chromium for the browser tests (apt-get install -y chromium)..."
  export DEBIAN_FRONTEND=noninteractive
  if apt-get update -qq && apt-get install -y -qq chromium >/dev/null; then
    exit 0
  fi
fi
echo "Chromium is needed for the browser tests and could not be installed."
echo "Install it with: sudo apt-get install -y chromium   (or set CHROMIUM=/path/to/chromium)"
exit 1
