#!/bin/sh
# catch_discover_tests reads the test names as a CMake list: a ';' in a TEST_CASE name splits it
# into two CTest entries whose filters match no test, and Catch2 v2 exits 0 when nothing ran, so
# both "pass" without testing anything (nine tests did). This fails while any name has one.
found=$(grep -rn 'TEST_CASE("[^"]*;' "$1")
if [ -n "$found" ]; then
  echo "FAILED: TEST_CASE names with ';' (use ',' instead):"
  echo "$found"
  exit 1
fi
echo "ok: no TEST_CASE name under $1 has a ';'"
