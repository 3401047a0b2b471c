#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Set up, build and launch Yeonpyo from this checkout, on Debian 12 or later.
# Installs the missing Debian packages first (with sudo when not root).
set -eu
here=$(pwd)
cd "$(dirname "$0")/.."

build-aux/install-deps.sh
[ -f _build/build.ninja ] || meson setup _build
meson compile -C _build
# Run in the caller's folder, so relative file names work.
exec meson devenv -C "$(pwd)/_build" --workdir "$here" yeonpyo "$@"
