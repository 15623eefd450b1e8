#!/bin/bash
# Every header under include/ compiles on its own with the module flags of
# docs/internals.md (so it includes what it uses, and passes -Wundef and
# -Werror), and the ksim/ headers shared with ksim's C++ compile as C++20.
set -u
: "${KSIM_SOURCE_DIR:?}" "${KSIM_TEST_TMP:?}"
. "$KSIM_SOURCE_DIR/tests/e2e/lib/module_cflags.sh"

tmp="$KSIM_TEST_TMP"
rm -rf "$tmp" && mkdir -p "$tmp" || exit 1
failures=0
checked=0
cd "$KSIM_SOURCE_DIR/include" || exit 1
while IFS= read -r header; do
    # uapi/ headers are reached as <uapi/...>, the rest by their own path.
    printf '#include <%s>\n' "$header" >"$tmp/one.c"
    if ! ksim_module_cc "$tmp/one.c" "$tmp/one.o" standalone -Werror 2>"$tmp/one.err"; then
        echo "FAIL: <$header> does not compile on its own:" >&2
        head -5 "$tmp/one.err" >&2
        failures=$((failures + 1))
    fi
    checked=$((checked + 1))
done < <(find linux asm asm-generic uapi generated ksim -name '*.h' | sort)

[ "$checked" -ge 80 ] || { echo "FAIL: only $checked headers found" >&2; failures=$((failures + 1)); }

for header in ksim/abi.h ksim/ratelimit.h; do
    printf '#include "%s"\n' "$header" >"$tmp/one.cpp"
    if ! g++ -std=c++20 -Wall -Werror -I"$KSIM_SOURCE_DIR/include" -c -o "$tmp/one_cpp.o" \
        "$tmp/one.cpp" 2>"$tmp/one_cpp.err"; then
        echo "FAIL: $header does not compile as C++:" >&2
        head -5 "$tmp/one_cpp.err" >&2
        failures=$((failures + 1))
    fi
done

if [ "$failures" -ne 0 ]; then
    echo "headers_standalone: $failures failure(s)" >&2
    exit 1
fi
echo "headers_standalone: $checked headers compile on their own"
