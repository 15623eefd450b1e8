// fasync lists (fs/fcntl.c fasync_helper(), kill_fasync()). The list is the
// driver's, as in Linux; its entries are ksim's allocations, owned here by
// the ApiState until fasync_helper(..., 0, ...) removes them. kill_fasync()
// finds the files to signal but cannot deliver SIGIO: a host process
// reaching the module through FUSE has no fcntl(F_SETOWN) path into ksim.
#include "api/export.h"
#include "kernel/kernel.h"
#include "vfs/fs_abi.h"

#include <algorithm>
#include <cstring>

namespace {
constexpr int fasync_magic = 0x4601;
constexpr unsigned fasync_flag = 020000; // FASYNC
} // namespace

extern "C" {

int fasync_helper(int fd, struct file* filp, int on, struct fasync_struct** fapp) {
    ksim::ApiState& api = ksim::Kernel::active().api();
    std::lock_guard guard(api.fasync_lock);
    for (struct fasync_struct** fp = fapp; *fp != nullptr; fp = &(*fp)->fa_next) {
        struct fasync_struct* fa = *fp;
        if (fa->fa_file != filp)
            continue;
        if (!on) {
            // fasync_remove_entry(): unlink, clear FASYNC, 1 if one was found.
            *fp = fa->fa_next;
            filp->f_flags &= ~fasync_flag;
            std::erase_if(api.fasync_entries, [&](auto& p) { return p.get() == fa; });
            return 1;
        }
        fa->fa_fd = fd; // fasync_insert_entry(): already there, new fd
        return 0;
    }
    if (!on)
        return 0;
    auto entry = std::make_unique<struct fasync_struct>();
    std::memset(entry.get(), 0, sizeof(struct fasync_struct));
    entry->magic = fasync_magic;
    entry->fa_fd = fd;
    entry->fa_file = filp;
    entry->fa_next = *fapp;
    *fapp = entry.get();
    filp->f_flags |= fasync_flag;
    api.fasync_entries.push_back(std::move(entry));
    return 1;
}

void kill_fasync(struct fasync_struct** fp, int, int) {
    if (fp == nullptr || *fp == nullptr)
        return;
    ksim::ApiState& api = ksim::Kernel::active().api();
    std::lock_guard guard(api.fasync_lock);
    for (struct fasync_struct* fa = *fp; fa != nullptr; fa = fa->fa_next) {
        // Linux: "kill_fasync: bad magic number in fasync_struct!".
        if (fa->magic != fasync_magic) {
            ksim::Kernel::active().log().emit(3, "kill_fasync: bad magic number in fasync_struct!");
            return;
        }
        ++api.fasync_signals; // send_sigio() would signal fa->fa_file's owner here
    }
}

} // extern "C"

EXPORT_SYMBOL_KSIM(fasync_helper)
EXPORT_SYMBOL_KSIM(kill_fasync)
