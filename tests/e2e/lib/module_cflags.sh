# Shared by the header tests: compiles one module source the way
# docs/internals.md says `ksim kbuild` does (same flags, same include path).
# Source this file; it defines ksim_module_cc.

# ksim_module_cc SRC OBJ MODNAME [extra gcc args...]
ksim_module_cc() {
    local src=$1 obj=$2 mod=$3
    shift 3
    local inc="$KSIM_SOURCE_DIR/include"
    local stem
    stem=$(basename "$src" .c)
    gcc -std=gnu11 -nostdinc -I"$inc" -I"$inc/uapi" \
        -include linux/kconfig.h -include linux/compiler_types.h \
        -D__KERNEL__ -DMODULE -DKBUILD_BASENAME="\"$stem\"" \
        -DKBUILD_MODNAME="\"$mod\"" -D__KBUILD_MODNAME="kmod_$mod" \
        -O2 -g -fno-pic -fno-pie -mcmodel=small -fno-common -fno-strict-aliasing \
        -fno-delete-null-pointer-checks -fno-omit-frame-pointer \
        -mno-omit-leaf-frame-pointer -fno-stack-protector \
        -fno-asynchronous-unwind-tables -mno-red-zone \
        -mno-sse -mno-mmx -mno-sse2 -mno-3dnow -mno-avx -mno-80387 -mno-fp-ret-in-387 \
        -Wall -Wundef -Werror=strict-prototypes -Wno-trigraphs \
        -Werror=implicit-function-declaration -Werror=implicit-int -Werror=return-type \
        -Wno-format-security -Wframe-larger-than=2048 -Wdeclaration-after-statement \
        -Wvla -Wno-pointer-sign -Werror=date-time -Werror=incompatible-pointer-types \
        -Werror=designated-init -Wimplicit-fallthrough=5 -Wno-main \
        -Wno-unused-but-set-variable -Wno-unused-const-variable \
        -Wno-format-truncation -Wno-format-overflow -Wno-address-of-packed-member \
        -Wno-stringop-truncation -Wno-array-bounds -Wno-stringop-overflow \
        -Wno-restrict -Wno-maybe-uninitialized -Wno-dangling-pointer \
        "$@" -c -o "$obj" "$src"
}
