#pragma once
// Deferred work a module left behind when its exit returned (or its init
// failed): a timer still armed, a tasklet still scheduled, work still
// queued or running, a workqueue not destroyed, a kthread still running.
// On Linux each would later run the unloaded module's code (or keep its
// threads) and Oops; ksim reports each as a finding, then cancels or stops
// it, so that the kernel keeps working. Call before the module's memory is
// released.

namespace ksim {

class Kernel;
class Module;

// Returns the number of findings added.
unsigned report_deferred_leftovers(Kernel& kernel, Module& module, bool init_failed);

} // namespace ksim
