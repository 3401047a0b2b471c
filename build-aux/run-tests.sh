#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Set up, build and run every test of Yeonpyo, as CI does (.ci/run calls
# this script). Installs the missing Debian packages first, builds with
# warnings as errors, and runs the suite: widget tests start their own
# Xvfb when there is no display.
set -eu
cd "$(dirname "$0")/.."

build-aux/install-deps.sh --test

BUILD=${BUILD_DIR:-_build-test}
if [ -f "$BUILD/build.ninja" ]; then
  meson configure "$BUILD" -Dwerror=true -Dtests=true -Dui_tests=true
else
  meson setup "$BUILD" -Dwerror=true
fi
meson compile -C "$BUILD"
status=0
meson test -C "$BUILD" --print-errorlogs --num-processes 2 "$@" || status=$?

# One closing line, counted from meson's own log.
python3 - "$BUILD/meson-logs/testlog.json" <<'PY' || true
import json, sys
ok = bad = skip = 0
for line in open(sys.argv[1]):
    r = json.loads(line)["result"]
    if r in ("OK", "EXPECTEDFAIL"): ok += 1
    elif r == "SKIP": skip += 1
    else: bad += 1
print(f"tests: {ok} passed, {bad} failed" + (f", {skip} skipped" if skip else ""))
PY
exit $status
