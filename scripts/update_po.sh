#!/usr/bin/env bash
# Re-extracts the translatable strings from the sources into po/secondheart.pot (xgettext) and
# merges them into every po/<code>.po (msgmerge), for a translator to fill in. Run it after
# adding or changing a tr("...") string; the test i18n.pot_matches_sources fails until you do,
# and i18n.po_complete.<code> until every language translates the new string (po/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/po_sources.sh
source scripts/po_sources.sh
po_extract po/secondheart.pot
for po in po/*.po; do
  msgmerge --quiet --update --backup=none --no-fuzzy-matching --sort-by-file "$po" po/secondheart.pot
done
echo "update_po: po/secondheart.pot has $(grep -c '^msgid ' po/secondheart.pot) strings"
