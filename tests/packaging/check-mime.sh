#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-mime.sh UPDATE_MIME_DATABASE MIME_GUESS MIME_XML SRC_ROOT
#
# Builds a MIME database in a temporary directory from freedesktop.org's
# types and ours (update-mime-database rejects a malformed file), then
# asks GIO, through MIME_GUESS, what it makes of sample files: our
# timelines, named as they come or *.yeonpyo.json, are ours; a TimelineJS
# file is TimelineJS; any other JSON stays application/json, so that
# Yeonpyo does not become the handler of every JSON file. TAP output.
set -u

if [ $# -ne 4 ]; then
  echo "usage: $0 UPDATE_MIME_DATABASE MIME_GUESS MIME_XML SRC_ROOT" >&2
  exit 2
fi
umd=$1
guess=$2
xml=$3
src=$4
system=/usr/share/mime/packages/freedesktop.org.xml
if [ ! -f "$system" ]; then
  echo "check-mime: FAIL: $system is missing (shared-mime-info)" >&2
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/yp-check-mime.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM
mkdir -p "$tmp/share/mime/packages" "$tmp/home" "$tmp/samples"
cp "$system" "$tmp/share/mime/packages/"
cp "$xml" "$tmp/share/mime/packages/io.github.yeonpyo.Yeonpyo.xml"
n=1
if out=$(XDG_DATA_DIRS="$tmp/share" XDG_DATA_HOME="$tmp/home" "$umd" "$tmp/share/mime" 2>&1) && [ -z "$out" ]; then
  echo "ok $n - update-mime-database accepts the file"
else
  echo "not ok $n - update-mime-database: $out"
  echo "1..$n"
  exit 1
fi

cp "$src/data/timeline.json" "$tmp/samples/timeline.json"
cp "$src/data/timeline.json" "$tmp/samples/openai.yeonpyo.json"
cp "$src/tests/data/tljs-sample.json" "$tmp/samples/tljs-sample.json"
printf '{"name": "yeonpyo", "version": "1.0.0", "dependencies": {}}\n' > "$tmp/samples/package.json"
printf '{"events": [1, 2, 3]}\n' > "$tmp/samples/events.json"

failed=0
check () {
  n=$((n + 1))
  got=$(XDG_DATA_DIRS="$tmp/share" XDG_DATA_HOME="$tmp/home" "$guess" "$tmp/samples/$1" 2>&1)
  if [ "$got" = "$2" ]; then
    echo "ok $n - $1 is $2"
  else
    echo "not ok $n - $1 is $got, expected $2"
    failed=$((failed + 1))
  fi
}
check timeline.json application/x-yeonpyo-timeline+json
check openai.yeonpyo.json application/x-yeonpyo-timeline+json
check tljs-sample.json application/x-timelinejs+json
check package.json application/json
check events.json application/json

echo "1..$n"
[ "$failed" -eq 0 ]
