// Module reference counting as modules call it (kernel/module/main.c:
// try_module_get(), module_put(), __module_get(), module_refcount()).
#include "api/export.h"
#include "kernel/module.h"
#include "support/abi.h"

namespace {

ksim::Module* record_of(struct module* m) {
    return m == nullptr ? nullptr : static_cast<ksim::Module*>(m->ksim_private);
}

} // namespace

extern "C" {

// False once the module is on its way out, so new users cannot pin it.
bool try_module_get(struct module* m) {
    ksim::Module* mod = record_of(m);
    if (mod == nullptr)
        return true; // NULL owner: built-in code, always available
    if (mod->state() == MODULE_STATE_GOING)
        return false;
    mod->refcnt.fetch_add(1);
    return true;
}

void __module_get(struct module* m) {
    if (ksim::Module* mod = record_of(m))
        mod->refcnt.fetch_add(1);
}

void module_put(struct module* m) {
    if (ksim::Module* mod = record_of(m))
        mod->refcnt.fetch_sub(1);
}

int module_refcount(struct module* m) {
    ksim::Module* mod = record_of(m);
    return mod == nullptr ? 0 : mod->refcount();
}

} // extern "C"

EXPORT_SYMBOL_KSIM(try_module_get)
EXPORT_SYMBOL_KSIM(__module_get)
EXPORT_SYMBOL_KSIM(module_put)
EXPORT_SYMBOL_KSIM(module_refcount)
