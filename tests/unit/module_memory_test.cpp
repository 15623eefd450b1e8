// The module area: fresh addresses first, freed regions unmapped at once,
// and reuse of the oldest freed addresses only after the area wrapped.
#include "kernel/module_memory.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <sys/mman.h>

namespace {

using ksim::MemoryRange;
using ksim::ModuleMemoryArea;

// msync() fails with ENOMEM on addresses that are not mapped.
bool mapped(const MemoryRange& r) {
    return msync(reinterpret_cast<void*>(r.base), r.size, MS_ASYNC) == 0;
}

TEST(ModuleMemory, FreedRegionsAreUnmappedAndNotReusedAtOnce) {
    ModuleMemoryArea area;
    auto a = area.allocate(5000);
    ASSERT_FALSE(a.is_error());
    EXPECT_EQ(a.value().size, 8192u);
    EXPECT_TRUE(mapped(a.value()));
    area.retire(a.value());
    EXPECT_FALSE(mapped(a.value()));
    auto b = area.allocate(5000);
    ASSERT_FALSE(b.is_error());
    EXPECT_NE(b.value().base, a.value().base);
    // A hole of a page separates neighbours, so an overrun faults.
    EXPECT_GE(b.value().base, a.value().base + a.value().size + ModuleMemoryArea::page_size);
    area.release(b.value());
    EXPECT_EQ(area.live_regions(), 0u);
}

// More load/unload cycles than the area holds: allocation wraps to the
// oldest freed addresses instead of failing, and the number of host
// mappings stays that of the live regions.
TEST(ModuleMemory, CyclesBeyondTheAreaWrapInsteadOfFailing) {
    ModuleMemoryArea area;
    auto keep = area.allocate(4096); // a module that stays loaded throughout
    ASSERT_FALSE(keep.is_error());
    const uint64_t per_cycle = 64 * 1024;
    const uint64_t cycles =
        (ModuleMemoryArea::area_end - ModuleMemoryArea::area_start) / per_cycle + 100;
    uint64_t first = 0;
    bool wrapped = false;
    for (uint64_t i = 0; i < cycles; ++i) {
        // With the hole page after it, each region takes exactly per_cycle.
        auto core = area.allocate(per_cycle - ModuleMemoryArea::page_size);
        ASSERT_FALSE(core.is_error()) << "cycle " << i << ": " << core.error().message;
        EXPECT_FALSE(core.value().contains(keep.value().base));
        if (i == 0)
            first = core.value().base;
        else if (core.value().base <= first)
            wrapped = true;
        area.release(core.value());
    }
    EXPECT_TRUE(wrapped);
    EXPECT_EQ(area.live_regions(), 1u);
    EXPECT_TRUE(mapped(keep.value()));
}

} // namespace
