#pragma once
// Placeholder: the slab allocator's owner replaces this file.
namespace ksim {
class Kernel;
class SlabAllocator {
  public:
    explicit SlabAllocator(Kernel&) {}
};
} // namespace ksim
