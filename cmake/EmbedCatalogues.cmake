# Writes the compiled gettext catalogues (.mo files) into one C++ source as byte arrays with
# their sizes, the table app/i18n/translate.cpp reads (run by app/i18n/CMakeLists.txt).
#   -DOUT=<file.cpp> -DCODES=<es;de> -DMO_DIR=<folder holding <code>.mo>
set(arrays "")
set(table "")
foreach(code IN LISTS CODES)
  file(READ ${MO_DIR}/${code}.mo hex HEX)
  string(LENGTH "${hex}" hex_length)
  math(EXPR size "${hex_length} / 2")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
  string(APPEND arrays "const unsigned char k_${code}[${size}] = {${bytes}};\n")
  string(APPEND table "    {\"${code}\", k_${code}, ${size}},\n")
endforeach()
list(LENGTH CODES count)
file(WRITE ${OUT}.tmp
     "// Generated from po/*.po by msgfmt and cmake/EmbedCatalogues.cmake; do not edit.\n"
     "#include <cstddef>\n"
     "namespace sh::i18n::embedded {\n"
     "struct Catalogue { const char* code; const unsigned char* data; std::size_t size; };\n"
     "namespace {\n${arrays}}\n"
     "extern const Catalogue k_catalogues[];\n"
     "extern const std::size_t k_catalogue_count;\n"
     "const Catalogue k_catalogues[] = {\n${table}};\n"
     "const std::size_t k_catalogue_count = ${count};\n"
     "} // namespace sh::i18n::embedded\n")
file(RENAME ${OUT}.tmp ${OUT})
