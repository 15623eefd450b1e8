#!/bin/bash
# The inline parts of include/ behave like Linux 6.1: builds
# headers_inline/selftest.c with the module flags, links it into a host
# program and runs it (the expectations are inside selftest.c).
set -u
: "${KSIM_SOURCE_DIR:?}" "${KSIM_TEST_TMP:?}"
. "$KSIM_SOURCE_DIR/tests/e2e/lib/module_cflags.sh"

tmp="$KSIM_TEST_TMP"
rm -rf "$tmp" && mkdir -p "$tmp" || exit 1
dir="$KSIM_SOURCE_DIR/tests/e2e/headers_inline"

if ! ksim_module_cc "$dir/selftest.c" "$tmp/selftest.o" selftest -Werror 2>"$tmp/cc.err"; then
    cat "$tmp/cc.err" >&2
    echo "FAIL: selftest.c does not compile with ksim's headers" >&2
    exit 1
fi
if ! gcc -O1 -no-pie -o "$tmp/selftest" "$dir/host_main.c" "$tmp/selftest.o" 2>"$tmp/ld.err"; then
    cat "$tmp/ld.err" >&2
    echo "FAIL: the self-test does not link (a header references a symbol it should not)" >&2
    exit 1
fi
if ! "$tmp/selftest"; then
    echo "FAIL: header inline semantics differ from Linux (see above)" >&2
    exit 1
fi
