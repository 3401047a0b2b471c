#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs an accessibility test in a session bus of its own, so the AT-SPI
# registry it asks holds only the app it starts; on a private Xvfb when no
# display is given (xvfb-run outside dbus-run-session: the other way round
# the accessibility bus has no DISPLAY).
#   run-a11y.sh PYTHON TEST ARGS...
for tool in dbus-run-session xdotool; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "run-a11y: $tool not found; install the test packages (build-aux/install-deps.sh --test)" >&2
    exit 1
  }
done
"$1" -c 'import pyatspi' 2>/dev/null || {
  echo "run-a11y: $1 cannot import pyatspi; install python3-pyatspi and at-spi2-core (build-aux/install-deps.sh --test)" >&2
  exit 1
}
# TAP goes to fd 3; what the bus and its services print goes to stderr.
if [ -n "${DISPLAY:-}" ]; then
  exec dbus-run-session -- "$@" 3>&1 1>&2
fi
command -v xvfb-run >/dev/null 2>&1 || {
  echo "run-a11y: no display and no xvfb-run; install xvfb (build-aux/install-deps.sh --test)" >&2
  exit 1
}
# From a display number of its own: xvfb-run -a starts looking at :99, and
# two runs starting together can both pick the same one.
exec xvfb-run -a -n $(( 200 + $$ % 500 )) -s '-screen 0 1280x800x24' \
  dbus-run-session -- "$@" 3>&1 1>&2
