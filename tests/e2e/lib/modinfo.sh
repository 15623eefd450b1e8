# Helpers shared by the modinfo_*.sh tests (sourced, not a test itself):
# run `ksim modinfo` and kmod's /sbin/modinfo with the same arguments in the
# same directory and require identical stdout, stderr and exit status.

modinfo_failures=0

# compare_modinfo ARGS...: one differential check.
compare_modinfo() {
    "$KSIM" modinfo "$@" >ksim.out 2>ksim.err
    local ksim_rc=$?
    # In a child shell whose own stderr is dropped, so that a crashing kmod
    # does not add bash's "Aborted" notice to the test log.
    local kmod_rc
    kmod_rc=$(bash -c '/sbin/modinfo "$@" >kmod.out 2>kmod.err; echo $?' modinfo "$@" 2>/dev/null)
    # kmod itself aborts on some corrupt headers (an assert in libkmod-elf.c);
    # there ksim must fail cleanly with an error instead.
    if [ "$kmod_rc" -ge 128 ]; then
        if [ "$ksim_rc" != 1 ] || ! grep -q '^modinfo: ERROR: ' ksim.err; then
            echo "FAIL: modinfo $* (kmod crashed) did not fail cleanly: exit $ksim_rc"
            cat ksim.err
            modinfo_failures=$((modinfo_failures + 1))
        fi
        return
    fi
    if ! cmp -s ksim.out kmod.out || ! cmp -s ksim.err kmod.err || [ "$ksim_rc" != "$kmod_rc" ]; then
        echo "FAIL: modinfo $* differs from kmod (exit $ksim_rc vs $kmod_rc)"
        diff <(od -c ksim.out) <(od -c kmod.out) | head -20
        diff ksim.err kmod.err | head -10
        modinfo_failures=$((modinfo_failures + 1))
    fi
}

# The compiler flags of docs/internals.md that matter for the object layout.
MODINFO_CFLAGS="-std=gnu11 -O2 -g -fno-pic -fno-pie -mcmodel=small -fno-common
    -fno-strict-aliasing -fno-omit-frame-pointer -fno-stack-protector
    -fno-asynchronous-unwind-tables -mno-red-zone -mno-sse -mno-mmx -mno-sse2"

# build_ko NAME: compiles NAME.c into NAME.ko as ksim's build links a module.
build_ko() {
    gcc $MODINFO_CFLAGS -c -o "$1.o" "$1.c" || return 1
    ld -r -m elf_x86_64 --build-id=sha1 -o "$1.ko" "$1.o" || return 1
}

require_kmod() {
    if [ ! -x /sbin/modinfo ]; then
        echo "SKIP: /sbin/modinfo (kmod) is not installed"
        exit 0
    fi
}
