#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Tests of the `yeonpyo` command line and of `meson install`, run by
# tests/cli/meson.build (protocol "exitcode": 0 passes, anything else fails).
#
#   test-cli.sh commands YEONPYO SRCROOT PODIR PYTHON VERSION
#   test-cli.sh install  BUILDDIR SRCROOT MESON BINDIR DATADIR LOCALEDIR PKGDATADIR
#
# Every check says on stderr what it checks; a mismatch prints "FAIL:" with
# what was expected and what came instead, and the script goes on to the
# next check so one run shows every failure. It exits 1 if any check failed.
set -u

failures=0
checks=0
T=$(mktemp -d "${TMPDIR:-/tmp}/yeonpyo-cli.XXXXXX") || exit 99
trap 'rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

check () {
  checks=$((checks + 1))
  echo "check: $*" >&2
}

fail () {
  failures=$((failures + 1))
  echo "FAIL: $*" >&2
}

# Shows what the last command printed, after a failure.
show_output () {
  echo "  --- exit status: $status" >&2
  echo "  --- stdout:" >&2
  sed -n '1,20s/^/  | /p' "$T/out" >&2
  echo "  --- stderr:" >&2
  sed -n '1,20s/^/  | /p' "$T/err" >&2
}

# run CMD...: runs CMD with stdout in $T/out, stderr in $T/err, status in $status.
run () {
  "$@" >"$T/out" 2>"$T/err"
  status=$?
}

expect_status () {
  if [ "$status" -ne "$1" ]; then
    fail "exit status $status, expected $1"
    show_output
  fi
}

# expect_contains FILE TEXT: some line of FILE contains TEXT (fixed string).
expect_contains () {
  if ! grep -qF -- "$2" "$1"; then
    fail "$(basename "$1") has no line containing: $2"
    show_output
  fi
}

# expect_line_start FILE TEXT: some line of FILE begins with TEXT.
expect_line_start () {
  if ! P=$2 awk 'index($0, ENVIRON["P"]) == 1 { found = 1 } END { exit !found }' "$1"; then
    fail "$(basename "$1") has no line beginning with: $2"
    show_output
  fi
}

expect_empty () {
  if [ -s "$1" ]; then
    fail "$(basename "$1") should be empty"
    show_output
  fi
}

expect_file () {
  if [ ! -f "$1" ]; then
    fail "not installed: $1"
  fi
}

# ---------------------------------------------------------------------------
# yeonpyo --check, --list, --version

test_commands () {
  YEONPYO=$1 SRC=$2 PODIR=$3 PYTHON=$4 VERSION=$5
  timeline=$SRC/data/timeline.json
  broken=$SRC/tests/data/broken-events.json

  if [ ! -x "$YEONPYO" ]; then
    fail "$YEONPYO is not built: run \`meson compile\` before \`meson test\`"
    return
  fi
  export XDG_CACHE_HOME="$T/cache"
  unset YEONPYO_LOCALEDIR YEONPYO_DATADIR

  check "--check on the shipped timeline: exit 0, nothing on stderr, a clean summary"
  run "$YEONPYO" --check "$timeline"
  expect_status 0
  expect_empty "$T/err"
  expect_contains "$T/out" "0 errors, 0 warnings"
  expect_contains "$T/out" "5 sources"
  if [ "$(wc -l <"$T/out")" -ne 1 ]; then
    fail "--check printed $(wc -l <"$T/out") lines on stdout, expected the one summary line"
    show_output
  fi

  check "--check on broken-events.json: exit 1, each problem as FILE: PATH: error: message, 4 events kept"
  run "$YEONPYO" --check "$broken"
  expect_status 1
  expect_line_start "$T/err" "$broken: events[3].date: error: “2023-11-31” is not a date"
  expect_line_start "$T/err" "$broken: events[13].sumary: warning: unknown member “sumary” ignored"
  expect_contains "$T/out" ", 4 events;"

  check "--check on truncated.json: exit 2, FILE:LINE:COLUMN: what is wrong (JSON path)"
  run "$YEONPYO" --check "$SRC/tests/data/truncated.json"
  expect_status 2
  expect_contains "$T/err" "truncated.json:1:91: expected a value, found the end of the file (sources)"
  expect_empty "$T/out"

  check "--check on a folder: exit 2, is a folder"
  run "$YEONPYO" --check "$SRC/tests/data"
  expect_status 2
  expect_contains "$T/err" "is a folder"
  expect_empty "$T/out"

  check "--list: a header, then one line per event, earliest first, English titles"
  run env YEONPYO_DATADIR="$SRC/data" "$YEONPYO" --list
  expect_status 0
  expect_empty "$T/err"
  if ! grep -qE '^DATE +PRECISION +SOURCES +TITLE$' "$T/out"; then
    fail "--list: no header line DATE PRECISION SOURCES TITLE"
    show_output
  elif [ "$(head -n 1 "$T/out" | cut -c1-4)" != "DATE" ]; then
    fail "--list: the first line is not the header"
    show_output
  fi
  cp "$T/out" "$T/list-en"
  if ! "$PYTHON" - "$timeline" "$T/list-en" en >&2 <<'EOF'
import json, sys

timeline, listing, lang = sys.argv[1:4]
with open(timeline, encoding="utf-8") as f:
    events = json.load(f)["events"]
with open(listing, encoding="utf-8") as f:
    rows = f.read().splitlines()[1:]
problems = []
if len(rows) != len(events):
    problems.append("%d lines after the header, the file has %d events" % (len(rows), len(events)))
# Each line ends with the title of one event, in the language asked for.
titles = sorted((e["title"][lang] for e in events), key=len, reverse=True)
listed = []
for row in rows:
    match = next((t for t in titles if row.endswith("  " + t)), None)
    if match is None:
        problems.append("no event title (%s) ends the line: %s" % (lang, row))
    listed.append(match)
if sorted(filter(None, listed)) != sorted(e["title"][lang] for e in events):
    problems.append("the titles listed are not those of the events")
# Earliest first. A month ("2023-11") is placed in the middle of its
# month, so: the rows go forward month by month, the first row is in the
# earliest month of the file, and no event dated to a day is earlier.
dates = [row.split()[0] for row in rows if row.split()]
if sorted(dates) != sorted(e["date"] for e in events):
    problems.append("the dates listed are not those of the events")
if dates:
    months = [d[:7] for d in dates]
    for before, after in zip(dates, dates[1:]):
        if after[:7] < before[:7]:
            problems.append("the lines are not in date order: %s comes after %s" % (after, before))
            break
    if months[0] != min(e["date"][:7] for e in events):
        problems.append("the first line (%s) is not in the earliest month" % dates[0])
    days = [e["date"][:10] for e in events if len(e["date"]) >= 10]
    if len(dates[0]) >= 10 and days and dates[0][:10] != min(days):
        problems.append("the first line is %s, the earliest day is %s" % (dates[0], min(days)))
for p in problems:
    print("FAIL: --list: " + p)
sys.exit(1 if problems else 0)
EOF
  then
    fail "--list does not list the events of $timeline (see above)"
  fi

  check "--list kept its cache in \$XDG_CACHE_HOME/yeonpyo and lists the same from it"
  set -- "$T"/cache/yeonpyo/timeline-*.sqlite
  if [ "$#" -ne 1 ] || [ ! -f "$1" ]; then
    fail "expected one cache file $T/cache/yeonpyo/timeline-<hash>.sqlite, found: $*"
  fi
  run env YEONPYO_DATADIR="$SRC/data" "$YEONPYO" --list
  expect_status 0
  if ! cmp -s "$T/out" "$T/list-en"; then
    fail "--list printed something else when reading its cache"
    show_output
  fi

  check "--list FILE in Korean (LANGUAGE=ko): Korean header and titles"
  run env LANGUAGE=ko YEONPYO_LOCALEDIR="$PODIR" "$YEONPYO" --list "$timeline"
  expect_status 0
  expect_line_start "$T/out" "날짜"
  cp "$T/out" "$T/list-ko"
  if ! "$PYTHON" - "$timeline" "$T/list-ko" ko >&2 <<'EOF'
import json, sys

timeline, listing, lang = sys.argv[1:4]
with open(timeline, encoding="utf-8") as f:
    events = json.load(f)["events"]
with open(listing, encoding="utf-8") as f:
    rows = f.read().splitlines()[1:]
titles = sorted((e["title"][lang] for e in events), key=len, reverse=True)
bad = [row for row in rows if not any(row.endswith("  " + t) for t in titles)]
if len(rows) != len(events) or bad:
    print("FAIL: --list (ko): %d lines for %d events; lines without a Korean title: %d"
          % (len(rows), len(events), len(bad)))
    sys.exit(1)
EOF
  then
    fail "--list in Korean does not show the Korean titles (is $PODIR/ko/LC_MESSAGES/yeonpyo.mo built?)"
  fi

  check "--list on a large cache with a damaged row: no crash, the same table, the cache rebuilt"
  # Large enough (over 2 MB) that its events are checked as they are
  # made, not when it is opened. A NULL date once crashed --list.
  "$PYTHON" "$SRC/build-aux/gen-timeline.py" --out "$T/big" 4000 >/dev/null
  run env XDG_CACHE_HOME="$T/cache-big" "$YEONPYO" --list "$T/big/timeline.json"
  expect_status 0
  cp "$T/out" "$T/list-big"
  set -- "$T"/cache-big/yeonpyo/timeline-*.sqlite
  if ! "$PYTHON" - "$1" >&2 <<'EOF'
import os, sqlite3, sys
if os.path.getsize(sys.argv[1]) < 2 * 1024 * 1024:
    sys.exit("FAIL: the cache %s is under 2 MB: it is checked whole when opened" % sys.argv[1])
db = sqlite3.connect(sys.argv[1])
db.execute("UPDATE events SET date = NULL WHERE seq = 2000")
db.commit()
EOF
  then
    fail "could not damage the cache of the generated timeline"
  fi
  run env XDG_CACHE_HOME="$T/cache-big" "$YEONPYO" --list "$T/big/timeline.json"
  expect_status 0
  expect_contains "$T/err" "table events, row 2000, column date: it is NULL"
  if ! cmp -s "$T/out" "$T/list-big"; then
    fail "--list printed something else from the damaged cache"
    show_output
  fi
  run env XDG_CACHE_HOME="$T/cache-big" "$YEONPYO" --list "$T/big/timeline.json"
  expect_status 0
  expect_empty "$T/err"
  if ! cmp -s "$T/out" "$T/list-big"; then
    fail "--list printed something else from the rebuilt cache"
    show_output
  fi

  check "--version prints \"yeonpyo $VERSION\""
  run "$YEONPYO" --version
  expect_status 0
  if [ "$(cat "$T/out")" != "yeonpyo $VERSION" ]; then
    fail "--version printed \"$(cat "$T/out")\", expected \"yeonpyo $VERSION\""
    show_output
  fi
}

# ---------------------------------------------------------------------------
# meson install

test_install () {
  BUILD=$1 SRC=$2 MESON=$3 BINDIR=$4 DATADIR=$5 LOCALEDIR=$6 PKGDATADIR=$7
  D=$T/dest
  app_id=io.github.yeonpyo.Yeonpyo

  check "meson install --destdir into a scratch folder"
  if ! "$MESON" install -C "$BUILD" --destdir "$D" --no-rebuild >"$T/install.log" 2>&1; then
    fail "meson install failed (did \`meson compile\` run first?)"
    sed 's/^/  | /' "$T/install.log" >&2
    return
  fi

  check "the program, desktop entry, metainfo, icons, schema and translation are installed"
  expect_file "$D$BINDIR/yeonpyo"
  [ ! -f "$D$BINDIR/yeonpyo" ] || [ -x "$D$BINDIR/yeonpyo" ] || fail "$D$BINDIR/yeonpyo is not executable"
  desktop=$D$DATADIR/applications/$app_id.desktop
  expect_file "$desktop"
  if [ -f "$desktop" ]; then
    exec_lines=$(grep '^Exec=' "$desktop")
    [ "$exec_lines" = "Exec=yeonpyo %F" ] \
      || fail "the desktop entry's Exec line is \"$exec_lines\", expected \"Exec=yeonpyo %F\" (files from the file manager)"
  fi
  expect_file "$D$DATADIR/metainfo/$app_id.metainfo.xml"
  expect_file "$D$DATADIR/icons/hicolor/scalable/apps/$app_id.svg"
  expect_file "$D$DATADIR/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
  expect_file "$D$DATADIR/glib-2.0/schemas/$app_id.gschema.xml"
  expect_file "$D$LOCALEDIR/ko/LC_MESSAGES/yeonpyo.mo"

  check "the timeline and the five seeds are installed unchanged under $PKGDATADIR"
  if ! cmp "$SRC/data/timeline.json" "$D$PKGDATADIR/timeline.json" >&2; then
    fail "$PKGDATADIR/timeline.json is missing or differs from data/timeline.json"
  fi
  n=0
  for seed in "$SRC"/seeds/*.txt; do
    n=$((n + 1))
    name=$(basename "$seed")
    if ! cmp "$seed" "$D$PKGDATADIR/seeds/$name" >&2; then
      fail "$PKGDATADIR/seeds/$name is missing or differs from seeds/$name"
    fi
  done
  [ "$n" -eq 5 ] || fail "seeds/ has $n .txt files, expected 5"
  installed=$(cd "$D$PKGDATADIR/seeds" 2>/dev/null && ls | tr '\n' ' ')
  expected=$(cd "$SRC/seeds" && ls | grep -vx SHA256SUMS | tr '\n' ' ')
  [ "$installed" = "$expected" ] \
    || fail "installed seeds/ holds \"$installed\", expected \"$expected\" (SHA256SUMS stays out)"

  check "the installed program checks the installed timeline against the installed seeds"
  run env XDG_CACHE_HOME="$T/cache" "$D$BINDIR/yeonpyo" --check "$D$PKGDATADIR/timeline.json"
  expect_status 0
  expect_empty "$T/err"
  expect_contains "$T/out" "0 errors, 0 warnings"
}

mode=${1:-}
[ "$#" -gt 0 ] && shift
case "$mode" in
  commands)
    [ "$#" -eq 5 ] || { echo "usage: $0 commands YEONPYO SRCROOT PODIR PYTHON VERSION" >&2; exit 99; }
    test_commands "$@" ;;
  install)
    [ "$#" -eq 7 ] || { echo "usage: $0 install BUILDDIR SRCROOT MESON BINDIR DATADIR LOCALEDIR PKGDATADIR" >&2; exit 99; }
    test_install "$@" ;;
  *)
    echo "usage: $0 commands|install ARGS..." >&2
    exit 99 ;;
esac

if [ "$failures" -gt 0 ]; then
  echo "$failures failure(s) in $checks checks" >&2
  exit 1
fi
echo "all $checks checks passed" >&2
exit 0
