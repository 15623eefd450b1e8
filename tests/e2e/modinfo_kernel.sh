#!/bin/bash
# ksim modinfo against kmod's modinfo on real Linux modules from the host's
# /lib/modules (signed, with parameters, aliases, dependencies), if any.
set -u
source "$KSIM_SOURCE_DIR/tests/e2e/lib/modinfo.sh"
require_kmod
rm -rf "$KSIM_TEST_TMP" && mkdir -p "$KSIM_TEST_TMP" && cd "$KSIM_TEST_TMP" || exit 1

# A spread of modules: every 40th uncompressed .ko, at most 120 of them.
mapfile -t modules < <(find /lib/modules -name '*.ko' 2>/dev/null | sort | awk 'NR % 40 == 1' | head -120)
if [ "${#modules[@]}" = 0 ]; then
    echo "SKIP: no uncompressed kernel modules under /lib/modules"
    exit 0
fi
for ko in "${modules[@]}"; do
    compare_modinfo "$ko"
done
compare_modinfo -0 "${modules[0]}"
compare_modinfo -p "${modules[@]:0:20}"
compare_modinfo -F signer -F sig_key "${modules[0]}"

[ "$modinfo_failures" = 0 ] || exit 1
echo "PASS: ksim modinfo matches kmod on ${#modules[@]} kernel modules"
