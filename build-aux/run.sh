#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Set up, build and launch Yeonpyo from this checkout, on Debian 12 or later.
# Installs the missing Debian packages first (with sudo when not root).
set -eu
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
[ -f _build/build.ninja ] || meson setup _build
meson compile -C _build
exec meson devenv -C _build yeonpyo "$@"
