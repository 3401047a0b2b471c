#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# validate-ui.sh GTK4_BUILDER_TOOL SRC_DIR
#
# Runs `gtk4-builder-tool validate` on every .ui file under SRC_DIR (found
# now, at test time, so new files are checked without reconfiguring).
# GTK 4.8's validator rejects app-defined types and template callbacks, so
# each file is first copied to a temporary directory and rewritten by
# ui-to-stock.py (beside this script): app types (Yp*) become stock types, a
# <template> becomes a plain <object> of its parent class, signal handlers
# and expressions on app types are dropped. Line numbers are kept, so
# errors point at the original file.
#
# The tool needs a display: run this under tests/run-with-display.sh.
# No .ui file at all is a failure, not a pass.
set -u

if [ $# -ne 2 ]; then
  echo "usage: $0 GTK4_BUILDER_TOOL SRC_DIR" >&2
  exit 2
fi
tool=$1
srcdir=$2
here=$(cd "$(dirname "$0")" && pwd)
python=${PYTHON:-python3}

if [ ! -d "$srcdir" ]; then
  echo "validate-ui: FAIL: $srcdir is not a directory" >&2
  exit 1
fi

files=$(find "$srcdir" -name '*.ui' -type f | LC_ALL=C sort)
if [ -z "$files" ]; then
  echo "validate-ui: FAIL: no .ui files under $srcdir: nothing was validated" >&2
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/yp-validate-ui.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

n=0
failed=0
while IFS= read -r f; do
  n=$((n + 1))
  rel=${f#"$srcdir"/}
  # Same base name as the original (the tool prints it in its messages),
  # one directory per file so two files of the same name do not collide.
  mkdir -p "$tmp/$n"
  copy="$tmp/$n/$(basename "$f")"
  echo "# $rel" >&2
  if ! "$python" "$here/ui-to-stock.py" "$f" "$copy" </dev/null; then
    echo "not ok $n - $rel (could not be rewritten for validation)"
    failed=$((failed + 1))
    continue
  fi
  # Anything the tool prints counts, even with exit status 0, except the
  # note that there is no session bus (outside dbus-run-session).
  rc=0
  out=$("$tool" validate "$copy" 2>&1 </dev/null) || rc=$?
  out=$(printf '%s\n' "$out" | grep -v -e 'Unable to acquire session bus' -e '^$')
  if [ "$rc" -eq 0 ] && [ -z "$out" ]; then
    echo "ok $n - $rel"
  else
    echo "not ok $n - $rel (exit status $rc)"
    printf '%s\n' "$out" | sed "s|$copy|$rel|g; s|^|    |" >&2
    failed=$((failed + 1))
  fi
done <<EOF
$files
EOF

echo "1..$n"
if [ "$failed" -ne 0 ]; then
  echo "validate-ui: $failed of $n .ui files failed" >&2
  exit 1
fi
exit 0
