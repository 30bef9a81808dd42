# The one definition of where translatable strings are and how they are marked, shared by
# scripts/update_po.sh and the test tests/i18n/check_po.sh (sourced, not run).
#   tr("text"), N_("text"): a string; trc("context", "text"), NC_("context", "text"): a string
#   with a context (msgctxt) for an English word with several meanings.
po_source_files() {
  # Every file under app/, found rather than listed, so a new file cannot be forgotten.
  find app \( -name '*.cpp' -o -name '*.hpp' \) -print
}

# po_extract OUT.pot: the template from the sources, reproducibly (no creation date).
po_extract() {
  local out=$1
  # shellcheck disable=SC2046
  xgettext --language=C++ --from-code=UTF-8 --keyword --keyword=tr --keyword=N_ \
    --keyword=trc:1c,2 --keyword=NC_:1c,2 --add-comments=TRANSLATORS: \
    --sort-by-file --add-location=file --package-name=secondheart --msgid-bugs-address= --omit-header \
    --output="$out" $(po_source_files | sort)
}
