// libFuzzer target for the module loader: every input is handed to
// load_module() in a kernel that links modules but never runs their code,
// then unloaded if it loaded. Any crash, sanitizer report or leak of the
// loader's own memory is a bug; a refused module is the expected outcome.
#include "kernel/kernel.h"
#include "kernel/module_registry.h"
#include "loader/delete_module.h"
#include "loader/load_module.h"

#include <cstddef>
#include <cstdint>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    ksim::KernelConfig config;
    config.run_module_code = false;
    config.virtual_clock = true;
    ksim::Kernel kernel(config);
    std::vector<uint8_t> bytes(data, data + size);
    auto outcome = ksim::load_module(kernel, "fuzz.ko", std::move(bytes), "");
    if (outcome.error == 0)
        for (const auto& name : kernel.modules().names())
            ksim::delete_module(kernel, name, true);
    return 0;
}
