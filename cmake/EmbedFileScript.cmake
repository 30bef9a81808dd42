# Writes IN as a C++ char array named SYMBOL into OUT (run by sh_embed_text at build time).
# A string literal of hex escapes rather than a list of numbers: bytes above 0x7f (UTF-8 text,
# the lessons' translated captions) would be narrowing conversions to char in a braced list.
file(READ ${IN} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "\\\\x\\1" bytes "${hex}")
file(WRITE ${OUT} "// Generated from ${IN}; do not edit.\n"
                  "extern const char ${SYMBOL}[];\n"
                  "const char ${SYMBOL}[] = \"${bytes}\";\n")
