#!/usr/bin/env bash
# The translation checks (gettext tools), run by ctest from the source tree:
#   check_po.sh pot                 po/secondheart.pot lists exactly the strings the sources mark
#                                   (tr, trc, N_, NC_): a new string cannot be forgotten, and a
#                                   removed one does not linger. Fix: bash scripts/update_po.sh.
#   check_po.sh po FILE.po [POT]    FILE.po translates every string of the template, with no
#                                   fuzzy entry and no printf format that differs from the
#                                   English one (msgfmt --check-format would let the program
#                                   print garbage or crash).
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

case ${1:-} in
pot)
  # shellcheck source=scripts/po_sources.sh
  source scripts/po_sources.sh
  po_extract "$tmp/sources.pot"
  ok=1
  # Each direction: every msgid of the second file must be in the first.
  if ! msgcmp --use-untranslated po/secondheart.pot "$tmp/sources.pot" 2>"$tmp/new"; then
    echo "check_po: strings marked in the sources but missing from po/secondheart.pot:"
    grep -A1 "used but not defined" "$tmp/new" | head -40 || cat "$tmp/new"
    ok=0
  fi
  if ! msgcmp --use-untranslated "$tmp/sources.pot" po/secondheart.pot 2>"$tmp/old"; then
    echo "check_po: strings in po/secondheart.pot that no source marks any more:"
    head -40 "$tmp/old"
    ok=0
  fi
  if [ $ok = 0 ]; then
    echo "check_po: run 'bash scripts/update_po.sh', then translate the new strings in po/*.po"
    exit 1
  fi
  echo "check_po: po/secondheart.pot matches the sources ($(grep -c '^msgid ' po/secondheart.pot) strings)"
  ;;
po)
  po=$2
  pot=${3:-po/secondheart.pot}
  ok=1
  # Untranslated or fuzzy entries do not count as translations for msgcmp.
  if ! msgcmp "$po" "$pot" 2>"$tmp/missing"; then
    echo "check_po: $po lacks a translation (or has only a fuzzy one) for:"
    head -40 "$tmp/missing"
    ok=0
  fi
  if ! msgfmt --check --statistics -o "$tmp/out.mo" "$po" 2>"$tmp/stats"; then
    echo "check_po: $po does not compile (a format or header problem):"
    cat "$tmp/stats"
    ok=0
  fi
  stats=$(tail -1 "$tmp/stats")
  if grep -qE 'fuzzy|untranslated' <<<"$stats"; then
    echo "check_po: $po: $stats (every entry must be translated, none fuzzy)"
    ok=0
  fi
  [ $ok = 1 ] || exit 1
  echo "check_po: $po complete: $stats"
  ;;
*)
  echo "usage: check_po.sh pot | po FILE.po [TEMPLATE.pot]" >&2
  exit 2
  ;;
esac
