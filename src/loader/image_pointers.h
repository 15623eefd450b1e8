#pragma once
// Checks on pointers read out of a module image (export tables, parameter
// tables) before ksim follows them: a malformed .ko must fail to load, never
// make ksim read outside the module.

#include "kernel/module.h"

#include <cstdint>
#include <cstring>

namespace ksim::loader {

// [p, p+size) lies inside the module's core image.
inline bool in_core(const Module& mod, const void* p, uint64_t size) {
    auto a = reinterpret_cast<uint64_t>(p);
    const MemoryRange& r = mod.core.range;
    return a >= r.base && a - r.base <= r.size && r.size - (a - r.base) >= size;
}

// A structure read through a pointer: inside the core image, naturally aligned.
template <typename T> bool struct_in_core(const Module& mod, const T* p) {
    return reinterpret_cast<uint64_t>(p) % alignof(T) == 0 && in_core(mod, p, sizeof(T));
}

// A NUL-terminated string entirely inside the core image.
inline bool string_in_core(const Module& mod, const char* s) {
    if (!in_core(mod, s, 1))
        return false;
    uint64_t left = mod.core.range.base + mod.core.range.size - reinterpret_cast<uint64_t>(s);
    return std::memchr(s, 0, left) != nullptr;
}

} // namespace ksim::loader
