// `current` (arch/x86/include/asm/current.h: get_current()).
#include "api/export.h"
#include "kernel/kernel.h"
#include "kernel/task.h"

extern "C" struct task_struct* get_current(void) {
    return &ksim::Kernel::active().tasks().current();
}

EXPORT_SYMBOL_KSIM(get_current)
