#!/bin/bash
# Loading and unloading modules (issue 3): `ksim run` on the examples, with
# the kernel's dmesg lines and kmod's messages as a Linux 6.1 machine prints
# them (texts checked with ../shared/oracle/run-real).
. "$(dirname "$0")/lib.sh"
out="$KSIM_TEST_TMP/out"

# The default scenario: build, insmod, rmmod, kernel log; exit 0.
d=$(copy_example hello)
"$KSIM" run -t "$d" >"$out" 2>&1 || { cat "$out"; fail "ksim run hello failed"; }
expect_line "$out" '$ insmod hello.ko'
expect_line "$out" 'hello: loading out-of-tree module taints kernel.'
expect_line "$out" 'hello: module verification failed: signature and/or required key missing - tainting kernel'
expect_line "$out" 'hello: Hello, world'
expect_line "$out" '$ rmmod hello'
expect_line "$out" 'hello: Goodbye, world'
expect_line "$out" 'no findings'
# Messages keep their order: taint lines before the module's own.
[ "$(grep -n 'taints kernel' "$out" | head -1 | cut -d: -f1)" -lt \
  "$(grep -n 'Hello, world' "$out" | cut -d: -f1)" ] || fail "log order"
# With timestamps by default, in dmesg's format.
"$KSIM" run --no-build "$d" >"$out" 2>&1 || fail "run without -t"
grep -qE '^\[ +[0-9]+\.[0-9]{6}\] hello: Hello, world$' "$out" || fail "timestamped line"

# lsmod, /proc/modules, sysfs attributes, taint value, duplicate load, unload.
"$KSIM" run -t --no-build "$d" -c 'insmod hello.ko; lsmod; cat /proc/modules;
    cat /sys/module/hello/refcnt /sys/module/hello/initstate /sys/module/hello/taint;
    cat /proc/sys/kernel/tainted; insmod hello.ko; rmmod hello; rmmod hello; lsmod' >"$out" 2>&1 || true
expect_line "$out" 'Module                  Size  Used by'
grep -qE '^hello +[0-9]+  0$' "$out" || fail "lsmod line for hello"
grep -qE '^hello [0-9]+ 0 - Live 0x[0-9a-f]{16} \(OE\)$' "$out" || fail "/proc/modules line"
expect_line "$out" 'live'
expect_line "$out" 'OE'
expect_line "$out" '12288'
expect_line "$out" 'insmod: ERROR: could not insert module hello.ko: File exists'
expect_line "$out" 'rmmod: ERROR: Module hello is not currently loaded'
size=$(sed -nE 's/^hello +([0-9]+)  0$/\1/p' "$out")
[ $((size % 4096)) = 0 ] && [ "$size" -ge 12288 ] || fail "module size $size is not page-granular"

# Exit statuses: a failing command makes `ksim run` exit 1.
rc=$(run_to "$out" "$KSIM" run -t --no-build "$d" -c 'rmmod hello')
[ "$rc" = 1 ] || fail "failed command: exit $rc, want 1"

# Parameters: values, sysfs files with their modes, invalid and unknown ones.
d=$(copy_example params)
"$KSIM" run -t "$d" -c "insmod params.ko count=5 whom=bob values=7,8,9 mask=0x10 verbose=y bogus=1;
    cat /sys/module/params/parameters/count /sys/module/params/parameters/whom;
    cat /sys/module/params/parameters/values /sys/module/params/parameters/mask;
    cat /sys/module/params/parameters/verbose;
    echo 9 > /sys/module/params/parameters/count; cat /sys/module/params/parameters/count;
    ls /sys/module/params/parameters; rmmod params;
    insmod params.ko count=abc" >"$out" 2>&1 || true
expect_line "$out" "params: unknown parameter 'bogus' ignored"
expect_line "$out" '5'
expect_line "$out" 'bob'
expect_line "$out" '7,8,9'
expect_line "$out" '0x000010'
expect_line "$out" 'Y'
expect_line "$out" '9'
expect_line "$out" "params: \`abc' invalid for parameter \`count'"
expect_line "$out" 'insmod: ERROR: could not insert module params.ko: Invalid parameters'
expect_no_text "$out" 'p_ulong' # mode 0: not listed in sysfs

# Two modules: unknown symbol, dependencies, holders, refusal to unload.
d=$(copy_example export)
"$KSIM" run -t "$d" -c 'insmod consumer.ko; insmod provider.ko; insmod consumer.ko; lsmod;
    rmmod provider; rmmod consumer; rmmod provider; lsmod' >"$out" 2>&1 || true
expect_line "$out" 'consumer: Unknown symbol provider_add (err -2)'
expect_line "$out" 'insmod: ERROR: could not insert module consumer.ko: Unknown symbol in module'
grep -qE '^provider +[0-9]+  1 consumer$' "$out" || fail "lsmod: provider used by consumer"
expect_line "$out" 'rmmod: ERROR: Module provider is in use by: consumer'

# Bad files: garbage, a truncated module, wrong vermagic, a missing file.
printf 'garbage\n' >"$d/garbage.ko"
head -c 2000 "$d/provider.ko" >"$d/truncated.ko"
sed 's/6\.1\.0-ksim SMP/6.1.0-kxim SMP/' "$d/provider.ko" >"$d/magic.ko"
sed 's/vermagic=/vermagix=/' "$d/provider.ko" >"$d/nomagic.ko"
"$KSIM" run -t --no-build "$d" -c 'insmod garbage.ko; insmod truncated.ko; insmod magic.ko;
    insmod nothere.ko; insmod nomagic.ko; cat /proc/modules' >"$out" 2>&1 || true
expect_line "$out" 'Invalid ELF header len 8'
expect_line "$out" 'insmod: ERROR: could not insert module garbage.ko: Invalid module format'
expect_line "$out" 'Invalid ELF section header overflow'
expect_line "$out" "provider: version magic '6.1.0-kxim SMP preempt mod_unload ' should be '6.1.0-ksim SMP preempt mod_unload '"
expect_line "$out" 'insmod: ERROR: could not insert module magic.ko: Invalid module format'
expect_line "$out" 'insmod: ERROR: could not load module nothere.ko: No such file or directory'
# No vermagic at all: Debian's CONFIG_MODULE_FORCE_LOAD loads it, tainted F.
expect_line "$out" 'provider: bad vermagic: kernel tainted.'
grep -qE '^provider [0-9]+ 0 - Live 0x[0-9a-f]{16} \(FOE\)$' "$out" || fail "forced module flags"

# --json: one document with the commands, the log and the exit status.
"$KSIM" run --json "$(copy_example hello)" >"$out"
python3 - "$out" <<'PY' || fail "--json document"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["exit_status"] == 0, j["exit_status"]
assert [c["command"] for c in j["commands"]] == ["insmod hello.ko", "rmmod hello"]
assert any(r["text"] == "hello: Hello, world" and r["level"] == 6 for r in j["log"])
assert j["findings"] == []
PY

# A build failure is exit status 4.
rc=$(run_to "$out" "$KSIM" run "$(copy_example no_license)")
[ "$rc" = 4 ] || fail "build failure: exit $rc, want 4"
echo "run_modules: ok"
