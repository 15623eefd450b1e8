#pragma once
// Registrations a module left behind when its exit returned (or its init
// failed): chrdev regions, cdevs, misc devices, classes and devices, /proc,
// sysfs and debugfs entries. Linux keeps them, pointing into the unloaded
// module, and Oopses when someone touches them later; ksim reports each as a
// finding and then undoes it, so the kernel keeps working.

namespace ksim {

class Kernel;
class Module;

// Call after the exit function (or failed init), before the module's memory
// goes. Returns the number of leaked registrations.
unsigned report_resource_leaks(Kernel& kernel, Module& module, bool init_failed);

} // namespace ksim
