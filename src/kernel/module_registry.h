#pragma once
// Placeholder: the loaded-module list; replaced by the loader work.
namespace ksim {
class Kernel;
class ModuleRegistry {
  public:
    explicit ModuleRegistry(Kernel&) {}
};
} // namespace ksim
