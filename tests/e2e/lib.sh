# Helpers for end-to-end tests (sourced, not a test itself: CTest runs only
# files that do not start with "lib"). Each test gets $KSIM (the binary),
# $KSIM_SOURCE_DIR and a private scratch directory $KSIM_TEST_TMP.
set -euo pipefail

: "${KSIM:?KSIM must point at the ksim binary}"
: "${KSIM_SOURCE_DIR:?}"
: "${KSIM_TEST_TMP:?}"
rm -rf "$KSIM_TEST_TMP"
mkdir -p "$KSIM_TEST_TMP"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# copy_example NAME: a private copy of examples/NAME; prints its path.
copy_example() {
    local dst="$KSIM_TEST_TMP/$1"
    rm -rf "$dst"
    cp -r "$KSIM_SOURCE_DIR/examples/$1" "$dst"
    echo "$dst"
}

# expect_line FILE TEXT: FILE has a line exactly equal to TEXT.
expect_line() {
    grep -qxF -- "$2" "$1" || { echo "--- $1:"; cat "$1"; fail "missing line: $2"; }
}

# expect_text FILE TEXT: TEXT occurs somewhere in FILE.
expect_text() {
    grep -qF -- "$2" "$1" || { echo "--- $1:"; cat "$1"; fail "missing text: $2"; }
}

# expect_no_text FILE TEXT
expect_no_text() {
    if grep -qF -- "$2" "$1"; then echo "--- $1:"; cat "$1"; fail "unexpected text: $2"; fi
}

# strip_times FILE: kernel log lines without their "[    0.000123] " stamps.
strip_times() {
    sed -E 's/^\[ *[0-9]+\.[0-9]{6}\] //' "$1"
}

# run_to FILE CMD...: runs CMD with stdout and stderr into FILE and prints
# its exit status (never fails the test): rc=$(run_to out.txt cmd args).
run_to() {
    local file=$1
    shift
    set +e
    "$@" >"$file" 2>&1
    local rc=$?
    set -e
    echo "$rc"
}
