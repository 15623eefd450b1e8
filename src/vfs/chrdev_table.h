#pragma once
// Character device numbers, as fs/char_dev.c keeps them: registered regions
// (major, minor range, name) that /proc/devices lists, and the cdev map that
// open() of a device node uses to find the driver's file_operations.
// Lock: its own mutex, a leaf.

#include "support/error_or.h"
#include "vfs/fs_abi.h"

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace ksim::vfs {

constexpr unsigned minor_bits = 20;
constexpr unsigned minor_mask = (1u << minor_bits) - 1;
constexpr unsigned make_dev(unsigned major, unsigned minor) {
    return (major << minor_bits) | minor;
}
constexpr unsigned dev_major(unsigned dev) {
    return dev >> minor_bits;
}
constexpr unsigned dev_minor(unsigned dev) {
    return dev & minor_mask;
}

// fs/char_dev.c: CHRDEV_MAJOR_MAX and the two dynamic ranges searched from
// the top down (254..234, then 511..384).
constexpr unsigned chrdev_major_max = 512;
constexpr unsigned chrdev_major_dyn_end = 234;
constexpr unsigned chrdev_major_dyn_ext_start = 511;
constexpr unsigned chrdev_major_dyn_ext_end = 384;

struct ChrdevRegion {
    unsigned major;
    unsigned baseminor;
    unsigned minorct;
    std::string name;
    cdev* owner_cdev = nullptr; // register_chrdev's internal cdev
};

class ChrdevTable {
  public:
    ChrdevTable();

    // __register_chrdev_region(): major 0 allocates a dynamic major. The
    // error's message is the kernel's pr_err text, if it prints one.
    ErrorOr<unsigned> register_region(unsigned major, unsigned baseminor, unsigned minorct,
                                      std::string name);
    // __unregister_chrdev_region(): returns the removed region's cdev slot.
    ErrorOr<ChrdevRegion> unregister_region(unsigned major, unsigned baseminor, unsigned minorct);
    void set_region_cdev(unsigned major, unsigned baseminor, cdev* c);

    // cdev_add() / cdev_del(): kobj_map of dev ranges to cdevs.
    ErrorOr<void> add_cdev(cdev* c, unsigned dev, unsigned count);
    void remove_cdev(cdev* c);
    // The cdev covering `dev` (the most recently added wins, as kobj_map).
    cdev* find_cdev(unsigned dev);

    // cdevs the kernel allocates (cdev_alloc, register_chrdev's own): owned
    // here, freed by free_cdev() on their cdev_del.
    cdev* alloc_cdev();
    void free_cdev(cdev* c);

    // /proc/devices' "Character devices:" lines ("%3d %s\n").
    std::string proc_devices_chr();

  private:
    int find_dynamic_major_locked();
    bool major_used_locked(unsigned major);

    std::mutex m_lock;
    std::vector<ChrdevRegion> m_regions; // sorted by (major, baseminor)
    struct CdevRange {
        unsigned dev;
        unsigned count;
        cdev* c;
    };
    std::vector<CdevRange> m_map;
    std::vector<std::unique_ptr<cdev>> m_dynamic;
};

} // namespace ksim::vfs
