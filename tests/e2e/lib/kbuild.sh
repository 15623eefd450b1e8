# Helpers for the build_*.sh tests (sourced): the kernel symbols the example
# modules need, as an extra Module.symvers, so the tests do not depend on
# which api/ functions ksim's export table already has. Entries are
# "vmlinux" exports, as kdir/Module.symvers lists ksim's own.
kbuild_stub_symvers() {
    local out=$1
    : >"$out"
    for sym in _printk param_ops_int param_ops_charp param_ops_bool param_ops_uint \
        param_ops_short param_ops_long param_ops_ulong param_ops_string param_array_ops \
        __kmalloc kfree kmem_cache_alloc kstrdup; do
        printf '0x00000000\t%s\tvmlinux\tEXPORT_SYMBOL\t\n' "$sym" >>"$out"
    done
}

KDIR=$("$KSIM" kdir)
