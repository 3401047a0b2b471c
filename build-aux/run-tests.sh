#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# Set up, build and run every test of Yeonpyo, as CI does (.ci/run calls
# this script). Installs the missing Debian packages first, then:
#
#  1. the suite: _build-test, warnings as errors; widget tests start their
#     own Xvfb when there is no display;
#  2. the same suite again under AddressSanitizer + UndefinedBehaviorSanitizer
#     (_build-asan, gcc): any leak, memory error or undefined behaviour in
#     our code fails it; tests/sanitizers/lsan.supp lists the few known
#     leaks inside GLib, fontconfig and GTK that are not ours;
#  3. fuzzing: each libFuzzer harness in tests/fuzz (clang, _build-fuzz)
#     runs for FUZZ_SECONDS (60) on a copy of its seed corpus; a crash
#     fails the run and its input is printed.
#
# Arguments go to `meson test` of stage 1 (`build-aux/run-tests.sh --suite
# cli`); stages 2 and 3 then only run if YP_SANITIZE=1 / YP_FUZZ=1 ask for
# them. Without arguments (CI) all three run; YP_SANITIZE=0 or YP_FUZZ=0
# leaves one out. The last line is "tests: N passed, N failed" over all
# stages, and the exit status is non-zero if anything failed.
set -eu
cd "$(dirname "$0")/.."
top=$(pwd)

build-aux/install-deps.sh --test

if [ $# -gt 0 ]; then
  sanitize=${YP_SANITIZE:-0}
  fuzz=${YP_FUZZ:-0}
else
  sanitize=${YP_SANITIZE:-1}
  fuzz=${YP_FUZZ:-1}
fi
fuzz_seconds=${FUZZ_SECONDS:-60}

status=0
tally=$(mktemp)
scratch=$(mktemp -d)
trap 'rm -rf "$tally" "$scratch"' EXIT
started=$(date +%s)

# Adds the results of the meson test run that just ended to the tally.
count() {
  python3 - "$1/meson-logs/testlog.json" "$2" "$tally" <<'PY' || true
import json, sys
ok = bad = skip = 0
for line in open(sys.argv[1]):
    r = json.loads(line)["result"]
    if r in ("OK", "EXPECTEDFAIL"): ok += 1
    elif r == "SKIP": skip += 1
    else: bad += 1
with open(sys.argv[3], "a") as t:
    t.write(f"{sys.argv[2]} {ok} {bad} {skip}\n")
PY
}

stage() {
  echo "run-tests: $* (at $(( $(date +%s) - started )) s)" >&2
}

# 1. The suite.
stage "the suite, in ${BUILD_DIR:-_build-test}"
BUILD=${BUILD_DIR:-_build-test}
if [ -f "$BUILD/build.ninja" ]; then
  meson configure "$BUILD" -Dwerror=true -Dtests=true -Dui_tests=true
else
  meson setup "$BUILD" -Dwerror=true
fi
meson compile -C "$BUILD"
meson test -C "$BUILD" --print-errorlogs --num-processes 2 "$@" || status=1
count "$BUILD" suite

# 2. The suite under ASan + UBSan.
if [ "$sanitize" = 1 ]; then
  stage "the suite under ASan+UBSan, in _build-asan"
  ABUILD=_build-asan
  if [ ! -f "$ABUILD/build.ninja" ]; then
    meson setup "$ABUILD" -Dwerror=true -Dbuildtype=debug -Db_sanitize=address,undefined
  fi
  meson compile -C "$ABUILD"
  # fast_unwind_on_malloc=0: Debian's libraries have no frame pointers, and
  # the suppressions only match on real stacks; 16 frames reach every
  # suppressed library frame and halve the cost of the slow unwinder.
  # exitcode=66: a leak found at exit must fail a command whose usual
  # status is 1 or 2 (--check).
  ASAN_OPTIONS="detect_leaks=1:fast_unwind_on_malloc=0:malloc_context_size=16:exitcode=66"
  LSAN_OPTIONS="suppressions=$top/tests/sanitizers/lsan.supp:print_suppressions=0"
  UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:exitcode=66"
  # GLib 2.74 still hands out GObjects from its slice allocator, whose
  # blocks LeakSanitizer cannot tell from live ones: a leaked object would
  # go unseen.
  G_SLICE=always-malloc
  # With the GL renderer, llvmpipe's JIT and ASan's unwinder deadlock.
  GSK_RENDERER=cairo
  GDK_DEBUG=gl-disable
  export ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS G_SLICE GSK_RENDERER GDK_DEBUG

  # The suppressions must not hide a leak of ours: a deliberate one, in a
  # program built like ours, has to be reported.
  # shellcheck disable=SC2046 # pkg-config's flags are meant to split
  cc -fsanitize=address,undefined -fno-omit-frame-pointer -g -o "$scratch/canary" \
    tests/sanitizers/canary.c $(pkg-config --cflags --libs gobject-2.0)
  if "$scratch/canary" leak >"$scratch/canary.log" 2>&1 \
     || ! grep -q "in canary_leak " "$scratch/canary.log"; then
    echo "run-tests: FAIL: the sanitizer setup no longer reports a leak in our code" >&2
    cat "$scratch/canary.log" >&2
    echo "sanitizer-canary 0 1 0" >>"$tally"
    status=1
  elif "$scratch/canary" overflow >"$scratch/canary.log" 2>&1 \
     || ! grep -q "signed integer overflow" "$scratch/canary.log"; then
    echo "run-tests: FAIL: the sanitizer setup no longer stops on undefined behaviour" >&2
    cat "$scratch/canary.log" >&2
    echo "sanitizer-canary 0 1 0" >>"$tally"
    status=1
  else
    echo "sanitizer-canary 1 0 0" >>"$tally"
  fi

  # Everything but the widget tests, then the widget tests (ui-files only
  # runs gtk4-builder-tool, not our code, and takes no test arguments).
  # The Korean accessibility and keyboard tours (suite ui-ko) run in stage
  # 1 only: under ASan they repeat the English tours' code paths with other
  # strings, one at a time, for twelve minutes.
  meson test -C "$ABUILD" --print-errorlogs --num-processes 2 --timeout-multiplier 4 \
    --no-suite ui || status=1
  count "$ABUILD" asan
  meson test -C "$ABUILD" --print-errorlogs --num-processes 2 --timeout-multiplier 4 \
    --suite ui --no-suite packaging --no-suite ui-ko || status=1
  count "$ABUILD" asan-ui
  unset ASAN_OPTIONS LSAN_OPTIONS UBSAN_OPTIONS G_SLICE
fi

# 3. Fuzzing.
if [ "$fuzz" = 1 ]; then
  stage "fuzzing, ${fuzz_seconds} s per harness, in _build-fuzz"
  FBUILD=_build-fuzz
  if [ ! -f "$FBUILD/build.ninja" ]; then
    CC=clang meson setup "$FBUILD" -Dwerror=true -Dbuildtype=debug -Dfuzzing=true \
      -Db_sanitize=address,undefined -Db_lundef=false -Dui_tests=false \
      -Dc_args=-fsanitize=fuzzer-no-link
  fi
  for corpus in tests/fuzz/corpus-*/; do
    name=$(basename "$corpus")
    name=${name#corpus-}
    meson compile -C "$FBUILD" "tests/fuzz/fuzz-$name"
    work="$scratch/fuzz-$name"
    mkdir -p "$work/corpus" "$work/regressions" "$work/tmp"
    # A copy: the committed corpus is never changed by CI.
    cp "$corpus"* "$work/corpus/"
    if [ -d "tests/data/fuzz-regressions/$name" ]; then
      cp "tests/data/fuzz-regressions/$name/"* "$work/regressions/"
    fi
    seeds=$(find "$work/corpus" -type f | wc -l)
    dict=""
    [ -f "tests/fuzz/$name.dict" ] && dict="-dict=$top/tests/fuzz/$name.dict"
    fstatus=0
    # shellcheck disable=SC2086
    (cd "$work" && TMPDIR="$work/tmp" \
      ASAN_OPTIONS="detect_leaks=1" UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1" \
      "$top/$FBUILD/tests/fuzz/fuzz-$name" -max_total_time="$fuzz_seconds" \
        -max_len=16384 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$work/" $dict corpus regressions) >"$work/log" 2>&1 || fstatus=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/log")
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$work/log")
    size=$(find "$work/corpus" -type f | wc -l)
    if [ "$fstatus" -ne 0 ] || ls "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-* >/dev/null 2>&1; then
      tail -n 60 "$work/log" >&2
      for artifact in "$work"/crash-* "$work"/leak-* "$work"/timeout-* "$work"/oom-*; do
        [ -f "$artifact" ] || continue
        echo "run-tests: fuzz-$name found $(basename "$artifact"); its input, base64:" >&2
        base64 "$artifact" >&2
      done
      echo "run-tests: FAIL: fuzz-$name: add the input to tests/data/fuzz-regressions/$name/, see it fail in test-hostile, then fix" >&2
      echo "fuzz-$name 0 1 0" >>"$tally"
      status=1
    else
      echo "fuzz-$name 1 0 0" >>"$tally"
    fi
    echo "fuzz-$name: ${runs:-0} inputs in ${fuzz_seconds} s (${speed:-0}/s), corpus ${seeds} -> ${size} inputs" >&2
  done
fi

# One closing line, counted over every stage.
python3 - "$tally" "$(( $(date +%s) - started ))" <<'PY' || true
import sys
ok = bad = skip = 0
for line in open(sys.argv[1]):
    name, o, b, s = line.split()
    print(f"  {name}: {o} passed, {b} failed" + (f", {s} skipped" if int(s) else ""), file=sys.stderr)
    ok += int(o); bad += int(b); skip += int(s)
print(f"run-tests: {sys.argv[2]} s in all", file=sys.stderr)
print(f"tests: {ok} passed, {bad} failed" + (f", {skip} skipped" if skip else ""))
PY
exit $status
