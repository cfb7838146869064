#!/bin/sh
# Install Chromium from the system packages when it is missing, so that the browser test of
# `wirefacts show` (tests/test_show.py) can run. Does nothing when a Chromium is already on PATH.
# Never downloads a browser at test time; without root or apt-get it only says why it cannot install.
set -eu

for name in chromium chromium-browser google-chrome; do
    if command -v "$name" >/dev/null 2>&1; then
        exit 0
    fi
done

if ! command -v apt-get >/dev/null 2>&1; then
    echo "ensure_chromium: no chromium and no apt-get here; the browser test will be skipped" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        SUDO="sudo -n"
    else
        echo "ensure_chromium: no chromium, and installing it needs root; the browser test will be skipped" >&2
        exit 0
    fi
fi
echo "ensure_chromium: installing chromium with apt-get" >&2
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null \
    || echo "ensure_chromium: apt-get could not install chromium; the browser test will be skipped" >&2
