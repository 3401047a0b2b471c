#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# check-po.sh PO_FILE [SOURCE_ROOT]
#
# Fails when PO_FILE has untranslated or fuzzy messages (counted from
# `msgfmt --statistics`, which prints to stderr), or no translated message
# at all, and lists the messages concerned.
#
# With SOURCE_ROOT, also extracts a fresh template from the files named in
# SOURCE_ROOT/po/POTFILES (or POTFILES.in), as `meson compile yeonpyo-pot`
# would (glib preset), in a temporary directory, and fails if a message of
# the sources is missing from PO_FILE (added to the code, but PO_FILE not
# updated since). Nothing in the source tree is written.
set -u

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $0 PO_FILE [SOURCE_ROOT]" >&2
  exit 2
fi
po=$1
srcroot=${2:-}

# msgfmt's statistics are translated: read them in the C locale.
LC_ALL=C
LANGUAGE=
export LC_ALL LANGUAGE

if [ ! -f "$po" ]; then
  echo "check-po: FAIL: $po does not exist" >&2
  exit 1
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/yp-check-po.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

# count FILE LABEL: prints the statistics, lists untranslated and fuzzy
# messages, returns 1 if there are any (or nothing is translated).
count() {
  file=$1
  label=$2
  if ! stats=$(msgfmt --statistics -o /dev/null "$file" 2>&1); then
    echo "check-po: FAIL: msgfmt could not read $label:" >&2
    printf '%s\n' "$stats" >&2
    return 1
  fi
  # "N translated messages, N fuzzy translations, N untranslated messages."
  # (fuzzy and untranslated only when non-zero, singular for 1)
  parts=$(printf '%s\n' "$stats" | tr ',' '\n')
  translated=$(printf '%s\n' "$parts" | sed -n 's/^ *\([0-9][0-9]*\) translated message.*/\1/p')
  fuzzy=$(printf '%s\n' "$parts" | sed -n 's/^ *\([0-9][0-9]*\) fuzzy translation.*/\1/p')
  untranslated=$(printf '%s\n' "$parts" | sed -n 's/^ *\([0-9][0-9]*\) untranslated message.*/\1/p')
  translated=${translated:-0}
  fuzzy=${fuzzy:-0}
  untranslated=${untranslated:-0}
  echo "$label: $translated translated, $fuzzy fuzzy, $untranslated untranslated"
  status=0
  if [ "$translated" -eq 0 ]; then
    echo "check-po: FAIL: $label has no translated message at all" >&2
    status=1
  fi
  if [ "$fuzzy" -ne 0 ]; then
    echo "check-po: FAIL: $label has $fuzzy fuzzy message(s):" >&2
    msgattrib --only-fuzzy --no-obsolete --no-wrap "$file" 2>&1 \
      | grep -e '^msgctxt' -e '^msgid ' | grep -v '^msgid ""$' | sed 's/^/    /' >&2
    status=1
  fi
  if [ "$untranslated" -ne 0 ]; then
    echo "check-po: FAIL: $label has $untranslated untranslated message(s):" >&2
    msgattrib --untranslated --no-obsolete --no-wrap "$file" 2>&1 \
      | grep -e '^msgctxt' -e '^msgid ' | grep -v '^msgid ""$' | sed 's/^/    /' >&2
    status=1
  fi
  return $status
}

failed=0
count "$po" "$po" || failed=1

if [ -n "$srcroot" ]; then
  potfiles=""
  for f in "$srcroot/po/POTFILES" "$srcroot/po/POTFILES.in"; do
    if [ -f "$f" ]; then potfiles=$f; break; fi
  done
  if [ -z "$potfiles" ]; then
    echo "check-po: FAIL: no po/POTFILES or po/POTFILES.in under $srcroot:" \
      "cannot check $po against the sources" >&2
    exit 1
  fi
  # The keywords of meson's i18n.gettext(preset: 'glib').
  if ! xgettext --from-code=UTF-8 --add-comments \
      --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
      --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 \
      --keyword=g_dpgettext2:2c,3 \
      --directory="$srcroot" --files-from="$potfiles" \
      --output="$tmp/template.pot" 2>"$tmp/xgettext.log"; then
    echo "check-po: FAIL: xgettext could not extract the messages of $potfiles:" >&2
    cat "$tmp/xgettext.log" >&2
    exit 1
  fi
  if [ ! -f "$tmp/template.pot" ]; then
    echo "check-po: FAIL: the files in $potfiles have no translatable message" >&2
    exit 1
  fi
  # Which messages of the sources are missing from PO_FILE altogether
  # (whatever their state there: the count above covers that): fill every
  # msgstr of a copy, plural forms included, merge it with the template,
  # and what comes out untranslated is new.
  if ! msgfilter --keep-header --no-wrap -i "$po" -o "$tmp/filled.po" \
       awk 'END { printf "x" }' 2>"$tmp/msgfilter.log" ||
     ! msgmerge --quiet --no-fuzzy-matching --no-wrap -o "$tmp/merged.po" \
       "$tmp/filled.po" "$tmp/template.pot" 2>"$tmp/msgmerge.log"; then
    echo "check-po: FAIL: msgfilter/msgmerge failed:" >&2
    cat "$tmp/msgfilter.log" "$tmp/msgmerge.log" >&2
    exit 1
  fi
  missing=$(msgattrib --untranslated --no-obsolete --no-wrap "$tmp/merged.po" \
    | grep -e '^msgctxt' -e '^msgid ' | grep -v '^msgid ""$')
  gone=$(msgattrib --only-obsolete --no-wrap "$tmp/merged.po" \
    | grep -e '^#~ msgctxt' -e '^#~ msgid ' | grep -v '^#~ msgid ""$')
  if [ -n "$missing" ]; then
    n=$(printf '%s\n' "$missing" | grep -c '^msgid ')
    echo "check-po: FAIL: $po is out of date: $n message(s) of the sources are not in it:" >&2
    printf '%s\n' "$missing" | sed 's/^/    /' >&2
    echo "check-po: run 'meson compile -C BUILDDIR yeonpyo-update-po' and translate them" >&2
    failed=1
  else
    echo "$po has every message of the files in $potfiles"
  fi
  if [ -n "$gone" ]; then
    # Not a failure: they are never shown. update-po marks them obsolete.
    n=$(printf '%s\n' "$gone" | grep -c '^#~ msgid ')
    echo "check-po: note: $n message(s) of $po are no longer in the sources:" >&2
    printf '%s\n' "$gone" | sed 's/^#~ /    /' >&2
  fi
fi

exit $failed
