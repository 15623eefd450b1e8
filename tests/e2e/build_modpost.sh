#!/bin/bash
# modpost details checked against the real kbuild of Linux 6.1
# (linux-headers-6.1.0-56-amd64): section mismatch warnings from .text,
# .data and .exit.text into .init.data (one per relocation, in relocation
# order), srcversion only with MODULE_VERSION (the same digest real modpost
# computed for this source), KBUILD_EXTRA_SYMBOLS of another build giving
# MODULE_INFO(depends), and V=1 printing commands.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib/kbuild.sh"
cd "$KSIM_TEST_TMP"
stub="$KSIM_TEST_TMP/stub.symvers"
kbuild_stub_symvers "$stub"

mkdir mismatch && echo 'obj-m += m.o' >mismatch/Makefile
cat >mismatch/m.c <<'C'
#include <linux/module.h>
#include <linux/init.h>
static char buf[16] __initdata = "x";
static int __init helper(void) { return buf[0]; }
int normal_fn(void);
int normal_fn(void) { return helper() + buf[1]; }
EXPORT_SYMBOL(normal_fn);
static int tbl_val __initdata = 3;
int *ptr = &tbl_val;
static int __init m_init(void) { return 0; }
static void __exit m_exit(void) { buf[2] = 0; }
module_init(m_init);
module_exit(m_exit);
MODULE_LICENSE("GPL");
C
d=$PWD/mismatch
"$KSIM" make mismatch KBUILD_EXTRA_SYMBOLS="$stub" >out.txt 2>err.txt || { cat out.txt err.txt; fail "mismatch must build"; }
diff err.txt - <<EXPECTED || fail "section mismatch warnings differ from Linux 6.1's"
WARNING: modpost: $d/m.o: section mismatch in reference: normal_fn (section: .text) -> buf (section: .init.data)
WARNING: modpost: $d/m.o: section mismatch in reference: normal_fn (section: .text) -> buf (section: .init.data)
WARNING: modpost: $d/m.o: section mismatch in reference: ptr (section: .data) -> tbl_val (section: .init.data)
WARNING: modpost: $d/m.o: section mismatch in reference: cleanup_module (section: .exit.text) -> buf (section: .init.data)
EXPECTED
[ -f mismatch/m.ko ] || fail "m.ko missing"
expect_line mismatch/Module.symvers $'0x00000000\tnormal_fn\t'"$d/m"$'\tEXPORT_SYMBOL\t'

# Data into .init.text, init into exit and cold text into exit code warn;
# const data (.rodata) does not, as in 6.1.
mkdir mm && echo 'obj-m += x.o' >mm/Makefile
cat >mm/x.c <<'C'
#include <linux/module.h>
#include <linux/init.h>
int counter;
static noinline void __exit x_exit(void) { counter++; }
static int __init x_init(void);
static int __init helper(void) { return 0; }
struct ops { int (*fn)(void); };
const struct ops my_ops = { .fn = helper };
struct ops my_tbl = { .fn = helper };
static struct ops other_data = { .fn = helper };
struct ops *keep = &other_data;
noinline void call_exit(void);
noinline void call_exit(void) { x_exit(); }
static int __init x_init(void) { if (keep == 0) x_exit(); return my_ops.fn(); }
module_init(x_init);
module_exit(x_exit);
MODULE_LICENSE("GPL");
C
d=$PWD/mm
"$KSIM" make mm >out.txt 2>err.txt || { cat out.txt err.txt; fail "mm must build"; }
diff err.txt - <<EXPECTED || fail "section mismatch warnings (mm) differ from Linux 6.1's"
WARNING: modpost: $d/x.o: section mismatch in reference: other_data (section: .data) -> helper (section: .init.text)
WARNING: modpost: $d/x.o: section mismatch in reference: my_tbl (section: .data) -> helper (section: .init.text)
WARNING: modpost: $d/x.o: section mismatch in reference: init_module (section: .init.text) -> x_exit (section: .exit.text)
WARNING: modpost: $d/x.o: section mismatch in reference: call_exit (section: .text.unlikely) -> x_exit (section: .exit.text)
EXPECTED

# Another build using normal_fn through KBUILD_EXTRA_SYMBOLS (in its Makefile).
mkdir user
printf 'obj-m += user.o\nKBUILD_EXTRA_SYMBOLS := %s/Module.symvers %s\n' "$PWD/mismatch" "$stub" >user/Makefile
cat >user/user.c <<'C'
#include <linux/module.h>
#include <linux/init.h>
int normal_fn(void);
static int __init u_init(void) { return normal_fn(); }
module_init(u_init);
MODULE_LICENSE("GPL");
C
"$KSIM" make user >out.txt 2>&1 || { cat out.txt; fail "user must build"; }
expect_line user/user.mod.c 'MODULE_INFO(depends, "m");'
expect_no_text user/user.mod.c '.exit = cleanup_module'

# srcversion: the value real modpost printed for exactly this source.
mkdir version && echo 'obj-m += v.o' >version/Makefile
printf '%s\n' '#include <linux/module.h>' '#include <linux/init.h>' \
    'static int __init v_init(void) { return 0; }' 'module_init(v_init);' \
    'MODULE_LICENSE("GPL");' 'MODULE_VERSION("1.2");' >version/v.c
"$KSIM" make version V=1 >out.txt 2>&1 || { cat out.txt; fail "version must build"; }
expect_line version/v.mod.c 'MODULE_INFO(srcversion, "FA681E165F9F05C52B02541");'
# V=1: commands instead of the short lines.
expect_no_text out.txt "  CC [M]"
grep -q "^gcc .* -c -o $PWD/version/v.o $PWD/version/v.c$" out.txt || { cat out.txt; fail "V=1"; }
grep -q "^ld -r -m elf_x86_64 --build-id=sha1 -o $PWD/version/v.ko " out.txt || fail "V=1 ld"
echo "build_modpost: ok"
