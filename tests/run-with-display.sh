#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Run a widget test on the X display we were given, or, when there is none,
# on a private Xvfb with a session bus (xvfb-run outside dbus-run-session:
# the other way round the bus has no DISPLAY).
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$@"
fi
if ! command -v xvfb-run >/dev/null 2>&1; then
  echo "run-with-display: no display and no xvfb-run; install xvfb (build-aux/install-deps.sh --test)" >&2
  exit 1
fi
exec xvfb-run -a -s '-screen 0 1280x800x24' dbus-run-session -- "$@"
