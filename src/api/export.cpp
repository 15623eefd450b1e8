// The export table: walks the `ksim_exports` section assembled by the linker.
#include "api/export.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

extern "C" {
// Provided by the linker for any section whose name is a C identifier.
// Weak, so that a binary with no exports still links (the table is empty).
[[gnu::weak]] extern const ksim::KernelExport __start_ksim_exports[];
[[gnu::weak]] extern const ksim::KernelExport __stop_ksim_exports[];
}

namespace ksim {

std::span<const KernelExport> kernel_exports() {
    if (__start_ksim_exports == nullptr)
        return {};
    return {__start_ksim_exports, static_cast<size_t>(__stop_ksim_exports - __start_ksim_exports)};
}

const KernelExport* find_kernel_export(std::string_view name) {
    // Built once; the table is immutable for the life of the process.
    static const auto index = [] {
        std::unordered_map<std::string_view, const KernelExport*> map;
        for (const auto& entry : kernel_exports())
            map.emplace(entry.name, &entry);
        return map;
    }();
    auto it = index.find(name);
    return it == index.end() ? nullptr : it->second;
}

} // namespace ksim
