# Writes IN as a C++ char array named SYMBOL into OUT (run by sh_embed_text at build time).
file(READ ${IN} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE ${OUT} "// Generated from ${IN}; do not edit.\n"
                  "extern const char ${SYMBOL}[];\n"
                  "const char ${SYMBOL}[] = {${bytes} 0x00};\n")
