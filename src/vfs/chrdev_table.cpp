// Char device regions and the cdev map (fs/char_dev.c, drivers/base/map.c).
#include "vfs/chrdev_table.h"

#include <algorithm>
#include <cstring>
#include <fmt/format.h>

namespace ksim::vfs {

namespace {
// The character devices the reference kernel (Debian 6.1 under QEMU, as
// run-real boots it) has registered before any module loads. They occupy
// majors 247..254, so the first dynamic major a module gets is 246 there and
// here.
struct BuiltinRegion {
    unsigned major;
    unsigned baseminor;
    unsigned minorct;
    const char* name;
};
constexpr BuiltinRegion builtin_regions[] = {
    {1, 0, 256, "mem"},    {4, 0, 1, "/dev/vc/0"},    {4, 1, 63, "tty"},      {4, 64, 32, "ttyS"},
    {5, 0, 1, "/dev/tty"}, {5, 1, 1, "/dev/console"}, {5, 2, 1, "/dev/ptmx"}, {7, 0, 256, "vcs"},
    {10, 0, 256, "misc"},  {13, 0, 1024, "input"},    {29, 0, 32, "fb"},      {128, 0, 256, "ptm"},
    {136, 0, 256, "pts"},  {153, 0, 256, "spi"},      {247, 0, 256, "cxl"},   {248, 0, 256, "bsg"},
    {249, 0, 256, "ptp"},  {250, 0, 256, "pps"},      {251, 0, 256, "rtc"},   {252, 0, 256, "dax"},
    {253, 0, 256, "tpm"},  {254, 0, 256, "gpiochip"},
};
} // namespace

ChrdevTable::ChrdevTable() {
    for (const auto& b : builtin_regions)
        m_regions.push_back({b.major, b.baseminor, b.minorct, b.name});
}

bool ChrdevTable::major_used_locked(unsigned major) {
    return std::any_of(m_regions.begin(), m_regions.end(),
                       [&](const ChrdevRegion& r) { return r.major == major; });
}

// fs/char_dev.c find_dynamic_major(): the first free major from 254 down to
// 234, then from 511 down to 384.
int ChrdevTable::find_dynamic_major_locked() {
    for (unsigned major = 254; major >= chrdev_major_dyn_end; --major)
        if (!major_used_locked(major))
            return static_cast<int>(major);
    for (unsigned major = chrdev_major_dyn_ext_start; major >= chrdev_major_dyn_ext_end; --major)
        if (!major_used_locked(major))
            return static_cast<int>(major);
    return -EBUSY;
}

ErrorOr<unsigned> ChrdevTable::register_region(unsigned major, unsigned baseminor, unsigned minorct,
                                               std::string name) {
    std::lock_guard guard(m_lock);
    // fs/char_dev.c __register_chrdev_region(): the same checks and pr_err
    // texts, in the same order.
    if (major >= chrdev_major_max)
        return Error::from_errno(
            EINVAL, fmt::format("CHRDEV \"{}\" major requested ({}) is greater than the maximum "
                                "({})\n",
                                name, major, chrdev_major_max - 1));
    if (minorct > minor_mask + 1 - baseminor)
        return Error::from_errno(
            EINVAL, fmt::format("CHRDEV \"{}\" minor range requested ({}-{}) is out of range of "
                                "maximum range ({}-{}) for a single major\n",
                                name, baseminor, baseminor + minorct - 1, 0, minor_mask));
    if (major == 0) {
        int found = find_dynamic_major_locked();
        if (found < 0)
            return Error::from_errno(
                EBUSY, fmt::format("CHRDEV \"{}\" dynamic allocation region is full\n", name));
        major = static_cast<unsigned>(found);
    }
    for (const auto& r : m_regions) {
        if (r.major != major)
            continue;
        bool overlap = baseminor < r.baseminor + r.minorct && r.baseminor < baseminor + minorct;
        if (overlap)
            return Error::from_errno(EBUSY, {});
    }
    ChrdevRegion region{major, baseminor, minorct, std::move(name)};
    auto at = std::upper_bound(m_regions.begin(), m_regions.end(), region,
                               [](const ChrdevRegion& a, const ChrdevRegion& b) {
                                   return a.major != b.major ? a.major < b.major
                                                             : a.baseminor < b.baseminor;
                               });
    m_regions.insert(at, std::move(region));
    return major;
}

ErrorOr<ChrdevRegion> ChrdevTable::unregister_region(unsigned major, unsigned baseminor,
                                                     unsigned minorct) {
    std::lock_guard guard(m_lock);
    for (auto it = m_regions.begin(); it != m_regions.end(); ++it) {
        if (it->major == major && it->baseminor == baseminor && it->minorct == minorct) {
            ChrdevRegion removed = std::move(*it);
            m_regions.erase(it);
            return removed;
        }
    }
    return Error::from_errno(ENOENT, {});
}

void ChrdevTable::set_region_cdev(unsigned major, unsigned baseminor, cdev* c) {
    std::lock_guard guard(m_lock);
    for (auto& r : m_regions)
        if (r.major == major && r.baseminor == baseminor)
            r.owner_cdev = c;
}

ErrorOr<void> ChrdevTable::add_cdev(cdev* c, unsigned dev, unsigned count) {
    std::lock_guard guard(m_lock);
    m_map.push_back({dev, count, c});
    return {};
}

void ChrdevTable::remove_cdev(cdev* c) {
    std::lock_guard guard(m_lock);
    std::erase_if(m_map, [&](const CdevRange& r) { return r.c == c; });
}

cdev* ChrdevTable::find_cdev(unsigned dev) {
    std::lock_guard guard(m_lock);
    for (auto it = m_map.rbegin(); it != m_map.rend(); ++it)
        if (dev >= it->dev && dev - it->dev < it->count)
            return it->c;
    return nullptr;
}

cdev* ChrdevTable::alloc_cdev() {
    auto c = std::make_unique<cdev>();
    std::memset(c.get(), 0, sizeof(cdev));
    c->ksim_dynamic = 1;
    std::lock_guard guard(m_lock);
    m_dynamic.push_back(std::move(c));
    return m_dynamic.back().get();
}

void ChrdevTable::free_cdev(cdev* c) {
    std::lock_guard guard(m_lock);
    std::erase_if(m_dynamic, [&](const std::unique_ptr<cdev>& p) { return p.get() == c; });
}

// fs/char_dev.c chrdev_show(): one line per region, "%3d %s\n", in major
// order.
std::string ChrdevTable::proc_devices_chr() {
    std::lock_guard guard(m_lock);
    std::string out = "Character devices:\n";
    for (const auto& r : m_regions)
        out += fmt::format("{:3} {}\n", r.major, r.name);
    return out;
}

} // namespace ksim::vfs
