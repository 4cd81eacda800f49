#!/usr/bin/env bash
# The library as a package, as a user meets it: `cmake --install` into an empty prefix, then the
# example program in samples/example is built against that prefix twice — with find_package and
# with pkg-config — and run on samples/ccd-synthetic.xml (and the find_package build on the
# resulting Bundle, back to C-CDA, and validating both) with no hint where the data is. Every output must be byte for
# byte what the installed ccdafhir command prints, and the library must have found the
# data installed under the prefix (not the source tree).
#   check-install.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build=$(cd "$1" && pwd)
src=$(cd "$2" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/ccdafhir-package.XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix="$work/prefix"
now=2026-01-31T12:00:00Z
sample="$src/samples/ccd-synthetic.xml"
unset CCDAFHIR_DATA_DIR

fail() { echo "package test: $*" >&2; exit 1; }

cmake --install "$build" --prefix "$prefix" > "$work/install.log" || { cat "$work/install.log"; fail "install failed"; }
libdir=$(cd "$prefix" && ls -d lib*/ | head -1)
libdir=${libdir%/}
[ -e "$prefix/$libdir/libccdafhir.so" ] || fail "no libccdafhir.so under $prefix/$libdir"
[ -f "$prefix/include/ccdafhir/ccdafhir.h" ] || fail "public header not installed"
[ -f "$prefix/$libdir/pkgconfig/ccdafhir.pc" ] || fail "ccdafhir.pc not installed"
[ -f "$prefix/$libdir/cmake/ccdafhir/ccdafhirConfig.cmake" ] || fail "CMake package config not installed"
[ -d "$prefix/share/ccdafhir/mappings" ] || fail "mappings not installed"

# The reference: the installed command itself, run from elsewhere.
(cd "$work" && "$prefix/bin/ccdafhir" to-fhir "$sample" --now "$now" > "$work/expected.json")

# 1. find_package(ccdafhir)
cmake -S "$src/samples/example" -B "$work/with-cmake" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" \
  > "$work/configure.log" 2>&1 || { cat "$work/configure.log"; fail "find_package configure failed"; }
cmake --build "$work/with-cmake" > "$work/build.log" 2>&1 || { cat "$work/build.log"; fail "find_package build failed"; }
(cd "$work" && "$work/with-cmake/ccdafhir-example" "$sample" "$now" > "$work/cmake.json" 2> "$work/cmake.err") ||
  { cat "$work/cmake.err"; fail "example (find_package) failed"; }
cmp -s "$work/expected.json" "$work/cmake.json" || fail "find_package example output differs from ccdafhir to-fhir"
# ... and back: the Bundle to C-CDA, as `ccdafhir to-ccda` does it.
(cd "$work" && "$prefix/bin/ccdafhir" to-ccda "$work/expected.json" --now "$now" > "$work/expected.xml")
(cd "$work" && "$work/with-cmake/ccdafhir-example" "$work/expected.json" "$now" > "$work/cmake.xml" 2> "$work/cmake-back.err") ||
  { cat "$work/cmake-back.err"; fail "example (find_package, to C-CDA) failed"; }
cmp -s "$work/expected.xml" "$work/cmake.xml" || fail "find_package example C-CDA differs from ccdafhir to-ccda"
grep -q "(data: $prefix/share/ccdafhir)" "$work/cmake.err" || { cat "$work/cmake.err"; fail "the library did not find its installed data"; }
grep -q "^validation: [0-9]* errors" "$work/cmake.err" || { cat "$work/cmake.err"; fail "the example did not validate its Bundle"; }
# ... and validate: the OperationOutcome and the exit code of `ccdafhir validate`, for the Bundle
# and for the C-CDA document.
for input in "$work/expected.json" "$sample"; do
  set +e
  (cd "$work" && "$prefix/bin/ccdafhir" validate "$input" > "$work/expected-oo.json")
  want=$?
  (cd "$work" && "$work/with-cmake/ccdafhir-example" --validate "$input" > "$work/cmake-oo.json" 2> "$work/cmake-oo.err")
  got=$?
  set -e
  [ "$want" = "$got" ] || { cat "$work/cmake-oo.err"; fail "example --validate exit $got, ccdafhir validate $want ($input)"; }
  cmp -s "$work/expected-oo.json" "$work/cmake-oo.json" || fail "example --validate output differs from ccdafhir validate ($input)"
done

# 2. pkg-config
export PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
[ "$(pkg-config --modversion ccdafhir)" != "" ] || fail "pkg-config does not know ccdafhir"
# shellcheck disable=SC2046
c++ -std=c++17 -o "$work/with-pkg-config" "$src/samples/example/main.cc" $(pkg-config --cflags --libs ccdafhir) ||
  fail "pkg-config build failed"
(cd "$work" && LD_LIBRARY_PATH="$prefix/$libdir" "$work/with-pkg-config" "$sample" "$now" > "$work/pc.json" 2> "$work/pc.err") ||
  { cat "$work/pc.err"; fail "example (pkg-config) failed"; }
cmp -s "$work/expected.json" "$work/pc.json" || fail "pkg-config example output differs from ccdafhir to-fhir"

# The library exports the ccdafhir namespace (and its classes' type information) only.
others=$(nm -D --defined-only -C "$prefix/$libdir/libccdafhir.so" | cut -d' ' -f3- |
         grep -v -E '^(ccdafhir::|typeinfo for ccdafhir::|typeinfo name for ccdafhir::|vtable for ccdafhir::)' || true)
[ -z "$others" ] || fail "libccdafhir.so exports symbols outside ccdafhir: $(echo "$others" | head -3)"
echo "package test: installed, built with find_package and pkg-config, outputs identical" \
     "(Bundle $(wc -c < "$work/expected.json") bytes, C-CDA $(wc -c < "$work/expected.xml") bytes);" \
     "data found at $prefix/share/ccdafhir"
