#!/usr/bin/env bash
# Makes sure headless Chromium is installed at /usr/bin/chromium, for test/plan-html.test.ts
# (it renders the `plan --format html` page and takes a screenshot).
#
# Chromium is not on a fresh machine: when /usr/bin/chromium is missing this installs Debian's
# `chromium` package with apt-get (through sudo when not root). It fails, saying why, when it
# cannot (no apt-get, not root and no sudo, no network): the test then fails with that message
# instead of skipping.
set -euo pipefail

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

fail() {
  echo "ensure-chromium: $1" >&2
  echo "ensure-chromium: install it by hand (Debian/Ubuntu: apt-get install -y --no-install-recommends chromium) so that $CHROMIUM exists, then run the tests again." >&2
  exit 1
}

command -v apt-get >/dev/null 2>&1 || fail "$CHROMIUM is missing and apt-get is not available"

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  fail "$CHROMIUM is missing, and installing it needs root (not root, and sudo is unavailable or asks for a password)"
fi

echo "ensure-chromium: $CHROMIUM is missing; installing Debian's chromium package (a few minutes, once)" >&2
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update -qq >&2 || fail "apt-get update failed (offline?)"
"${SUDO[@]}" apt-get install -y -qq --no-install-recommends chromium >&2 || fail "apt-get install chromium failed"

[ -x "$CHROMIUM" ] || fail "the chromium package installed, but $CHROMIUM is still missing"
echo "ensure-chromium: installed $("$CHROMIUM" --version 2>/dev/null || echo chromium)" >&2
