#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs the Debian 12 packages Yeonpyo needs to build (and, with --test,
# to run its whole test suite headless). Idempotent: packages already
# present are left alone, so a second run costs a dpkg query and nothing else.
set -eu

BUILD_PKGS="build-essential pkg-config meson ninja-build libgtk-4-dev
  libjson-glib-dev libsqlite3-dev gettext desktop-file-utils appstream
  libgtk-4-bin libxml2-utils shared-mime-info fonts-noto-cjk"
# clang, libclang-rt-14-dev (libFuzzer) and llvm (llvm-symbolizer, for the
# fuzzers' stack traces) are for the fuzzing stage of build-aux/run-tests.sh.
# at-spi2-core (the accessibility bus and registry) and python3-pyatspi are
# for the accessibility and keyboard tests in tests/a11y.
TEST_PKGS="xvfb xauth xdotool imagemagick dbus clang libclang-rt-14-dev llvm
  at-spi2-core python3-pyatspi"

pkgs="$BUILD_PKGS"
[ "${1:-}" = "--test" ] && pkgs="$pkgs $TEST_PKGS"

missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "install-deps: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
