// cat, head, dd, ls, mknod, ioctl and output redirection over the simulated
// VFS, with busybox 1.35's messages (see file_commands.h).
#include "cli/file_commands.h"

#include "kernel/kernel.h"
#include "kernel/module_info_files.h"
#include "vfs/vfs.h"

#include <fmt/format.h>

#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>

namespace ksim::cli {

namespace {

std::string text_of(const Error& e) {
    return std::strerror(e.code);
}

// A task that dies in module code (an Oops in a file operation) never
// sees the error: it is gone, and its shell reports the signal instead
// ("Killed", "Segmentation fault"), as busybox sh does for a child.
bool died(CommandResult& r, const Error& e) {
    if (e.killed_by_signal == 0)
        return false;
    r.killed = true;
    r.err += e.killed_by_signal == SIGSEGV ? "Segmentation fault\n" : "Killed\n";
    r.status = 128 + e.killed_by_signal;
    return true;
}

vfs::Vfs& vfs_of(ShellContext& ctx) {
    return ctx.kernel.vfs();
}

// Reads a whole file: the Vfs first, then the kernel's module files.
ErrorOr<std::string> read_path(ShellContext& ctx, const std::string& path, size_t limit) {
    auto& vfs = vfs_of(ctx);
    auto h = vfs.open(path, O_RDONLY);
    if (h.is_error()) {
        if (h.error().code == ENOENT) {
            auto fallback = read_module_file(ctx.kernel, path);
            if (!fallback.is_error())
                return fallback.value().substr(0, limit);
        }
        return h.release_error();
    }
    std::string out;
    while (out.size() < limit) {
        auto chunk = vfs.read(h.value(), std::min<size_t>(4096, limit - out.size()));
        if (chunk.is_error()) {
            (void)vfs.close(h.value());
            return Error::from_errno(chunk.error().code, out); // message: what was read
        }
        if (chunk.value().empty())
            break;
        out += chunk.value();
    }
    (void)vfs.close(h.value());
    return out;
}

} // namespace

CommandResult vfs_cat(ShellContext& ctx, const std::vector<std::string>& argv) {
    CommandResult r;
    for (size_t i = 1; i < argv.size(); ++i) {
        std::string path = resolve_path(ctx, argv[i]);
        auto& vfs = vfs_of(ctx);
        auto h = vfs.open(path, O_RDONLY);
        if (h.is_error() && h.error().code == ENOENT) {
            auto fallback = read_module_file(ctx.kernel, path);
            if (!fallback.is_error()) {
                r.out += fallback.value();
                continue;
            }
        }
        if (h.is_error() && died(r, h.error()))
            return r;
        if (h.is_error()) {
            r.err += fmt::format("cat: can't open '{}': {}\n", argv[i], text_of(h.error()));
            r.status = 1;
            continue;
        }
        for (;;) {
            auto chunk = vfs.read(h.value(), 4096);
            if (chunk.is_error() && died(r, chunk.error())) {
                (void)vfs.close(h.value()); // do_exit() closes the dead task's files
                return r;
            }
            if (chunk.is_error()) {
                r.killed = chunk.error().message == "Killed" ||
                           chunk.error().message == "Segmentation fault";
                if (r.killed) {
                    // cat died in the read: the shell reports its signal.
                    r.err += chunk.error().message + "\n";
                    r.status = 128 + (chunk.error().message == "Killed" ? SIGKILL : SIGSEGV);
                    break;
                }
                // busybox bb_copyfd: "cat: read error: <strerror>"
                r.err += fmt::format("cat: read error: {}\n", text_of(chunk.error()));
                r.status = 1;
                break;
            }
            if (chunk.value().empty())
                break;
            r.out += chunk.value();
            if (r.out.size() > (64u << 20))
                break;
        }
        (void)vfs.close(h.value());
        if (r.killed)
            break; // a dead cat reads no further files
    }
    return r;
}

CommandResult vfs_head(ShellContext& ctx, const std::vector<std::string>& argv) {
    CommandResult r;
    size_t count = size_t{10} * 4096;
    size_t first = 1;
    if (argv.size() > 2 && argv[1] == "-c") {
        count = std::stoul(argv[2]);
        first = 3;
    }
    for (size_t i = first; i < argv.size(); ++i) {
        auto content = read_path(ctx, resolve_path(ctx, argv[i]), count);
        if (content.is_error() && died(r, content.error()))
            return r;
        if (content.is_error()) {
            r.err += fmt::format("head: can't open '{}': {}\n", argv[i], text_of(content.error()));
            r.status = 1;
            continue;
        }
        r.out += content.value();
    }
    return r;
}

CommandResult vfs_dd(ShellContext& ctx, const std::vector<std::string>& argv) {
    CommandResult r;
    std::string input;
    size_t bs = 512;
    long count = -1;
    for (size_t i = 1; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.starts_with("if="))
            input = a.substr(3);
        else if (a.starts_with("bs="))
            bs = std::stoul(a.substr(3));
        else if (a.starts_with("count="))
            count = std::stol(a.substr(6));
    }
    auto& vfs = vfs_of(ctx);
    auto h = vfs.open(resolve_path(ctx, input), O_RDONLY);
    if (h.is_error() && died(r, h.error()))
        return r;
    if (h.is_error()) {
        r.err = fmt::format("dd: can't open '{}': {}\n", input, text_of(h.error()));
        r.status = 1;
        return r;
    }
    long full = 0, partial = 0;
    for (long n = 0; count < 0 || n < count; ++n) {
        auto chunk = vfs.read(h.value(), bs);
        if (chunk.is_error() && died(r, chunk.error())) {
            (void)vfs.close(h.value());
            return r;
        }
        if (chunk.is_error()) {
            r.err += fmt::format("dd: {}: {}\n", input, text_of(chunk.error()));
            r.status = 1;
            break;
        }
        if (chunk.value().empty())
            break;
        (chunk.value().size() == bs ? full : partial) += 1;
        r.out += chunk.value();
    }
    (void)vfs.close(h.value());
    // busybox dd's status lines (without the third, bytes-copied line, as
    // the reference guest's busybox prints them).
    r.err += fmt::format("{}+{} records in\n{}+{} records out\n", full, partial, full, partial);
    return r;
}

CommandResult vfs_ls(ShellContext& ctx, const std::vector<std::string>& argv) {
    CommandResult r;
    bool longform = false;
    std::vector<std::string> paths;
    for (size_t i = 1; i < argv.size(); ++i) {
        if (argv[i] == "-l")
            longform = true;
        else
            paths.push_back(argv[i]);
    }
    if (paths.empty())
        paths.push_back(ctx.cwd);
    auto& vfs = vfs_of(ctx);
    auto describe = [&](const std::string& shown, const std::string& path) {
        auto st = vfs.stat(path);
        if (st.is_error() || !longform)
            return shown + "\n";
        const auto& s = st.value();
        char type = s.kind == vfs::NodeKind::Directory    ? 'd'
                    : s.kind == vfs::NodeKind::CharDevice ? 'c'
                    : s.kind == vfs::NodeKind::Symlink    ? 'l'
                                                          : '-';
        std::string perms;
        for (int shift = 6; shift >= 0; shift -= 3) {
            perms += (s.mode >> shift) & 4 ? 'r' : '-';
            perms += (s.mode >> shift) & 2 ? 'w' : '-';
            perms += (s.mode >> shift) & 1 ? 'x' : '-';
        }
        // busybox ls -l: size column shows "MAJ, MIN" for devices.
        std::string size =
            s.kind == vfs::NodeKind::CharDevice
                ? fmt::format("{:4}, {:3}", vfs::dev_major(s.rdev), vfs::dev_minor(s.rdev))
                : fmt::format("{:9}", s.size);
        return fmt::format("{}{}    1 0        0        {} Jan  1 00:00 {}\n", type, perms, size,
                           shown);
    };
    for (const auto& p : paths) {
        std::string path = resolve_path(ctx, p);
        auto names = vfs.list(path);
        if (names.is_error() && names.error().code == ENOTDIR) {
            r.out += describe(p, path);
            continue;
        }
        if (names.is_error()) {
            auto fallback = list_module_dir(ctx.kernel, path);
            if (!fallback.is_error()) {
                for (auto& n : fallback.value())
                    r.out += n + "\n";
                continue;
            }
            r.err += fmt::format("ls: {}: {}\n", p, text_of(names.error()));
            r.status = 1;
            continue;
        }
        for (auto& n : names.value())
            r.out += describe(n, path + "/" + n);
    }
    return r;
}

CommandResult vfs_mknod(ShellContext& ctx, const std::vector<std::string>& argv) {
    CommandResult r;
    if (argv.size() != 5 || argv[2] != "c") {
        r.err = "BusyBox v1.35.0 multi-call binary.\n\nUsage: mknod [-m MODE] NAME TYPE [MAJOR "
                "MINOR]\n";
        r.status = 1;
        return r;
    }
    auto made = vfs_of(ctx).mknod(resolve_path(ctx, argv[1]), std::stoul(argv[3]),
                                  std::stoul(argv[4]), 0644);
    if (made.is_error()) {
        r.err = fmt::format("mknod: {}: {}\n", argv[1], text_of(made.error()));
        r.status = 1;
    }
    return r;
}

CommandResult vfs_ioctl(ShellContext& ctx, const std::vector<std::string>& argv) {
    CommandResult r;
    if (argv.size() < 3) {
        r.err = "usage: ioctl PATH CMD [ARG]\n";
        r.status = 1;
        return r;
    }
    auto& vfs = vfs_of(ctx);
    auto h = vfs.open(resolve_path(ctx, argv[1]), O_RDWR);
    if (h.is_error())
        h = vfs.open(resolve_path(ctx, argv[1]), O_RDONLY);
    if (h.is_error() && died(r, h.error()))
        return r;
    if (h.is_error()) {
        r.err = fmt::format("ioctl: can't open '{}': {}\n", argv[1], text_of(h.error()));
        r.status = 1;
        return r;
    }
    unsigned cmd = static_cast<unsigned>(std::stoul(argv[2], nullptr, 0));
    size_t size = (cmd >> 16) & 0x3fff; // _IOC_SIZE
    ErrorOr<long> result = 0L;
    std::vector<uint8_t> buffer(size);
    if (size > 0) {
        if (argv.size() > 3)
            for (size_t i = 0; i + 1 < argv[3].size() && i / 2 < size; i += 2)
                buffer[i / 2] = static_cast<uint8_t>(std::stoul(argv[3].substr(i, 2), nullptr, 16));
        result = vfs.ioctl_buffer(h.value(), cmd, buffer);
    } else {
        unsigned long arg = argv.size() > 3 ? std::stoul(argv[3], nullptr, 0) : 0;
        result = vfs.ioctl(h.value(), cmd, arg);
    }
    (void)vfs.close(h.value());
    if (result.is_error() && died(r, result.error()))
        return r;
    if (result.is_error()) {
        r.err = fmt::format("ioctl: {}\n", text_of(result.error()));
        r.status = 1;
        return r;
    }
    r.out = fmt::format("{}", result.value());
    if (size > 0) {
        r.out += " ";
        for (uint8_t b : buffer)
            r.out += fmt::format("{:02x}", b);
    }
    r.out += "\n";
    return r;
}

CommandResult vfs_redirect_result(ShellContext& ctx, const std::string& path,
                                  const std::string& data, bool append) {
    CommandResult r;
    auto fail = [&r](std::string text) {
        r.err = std::move(text);
        r.status = 1;
        return r;
    };
    auto& vfs = vfs_of(ctx);
    std::string full = resolve_path(ctx, path);
    auto h = vfs.open(full, O_WRONLY | O_CREAT | (append ? O_APPEND : O_TRUNC));
    if (h.is_error() && h.error().code == ENOENT) {
        // Not a Vfs file: the kernel's own attribute files (parameters).
        auto written = write_module_file(ctx.kernel, full, data);
        if (!written.is_error())
            return r;
        // kernfs refuses to open a file without write permission for
        // writing, so busybox fails at the open; a store's error comes from
        // the write.
        if (written.error().code == EACCES)
            return fail(fmt::format("sh: can't create {}: {}\n", path, text_of(written.error())));
        if (written.error().code != ENOENT)
            return fail(fmt::format("sh: write error: {}\n", text_of(written.error())));
    }
    if (h.is_error() && died(r, h.error()))
        return r;
    if (h.is_error())
        return fail(fmt::format("sh: can't create {}: {}\n", path, text_of(h.error())));
    auto n = vfs.write(h.value(), data);
    // Closed even when the write killed the task: do_exit() closes its files.
    (void)vfs.close(h.value());
    if (n.is_error() && died(r, n.error()))
        return r;
    // busybox: a failed or short single write is "write error".
    if (n.is_error())
        return fail(fmt::format("sh: write error: {}\n", text_of(n.error())));
    return r;
}

std::string vfs_redirect(ShellContext& ctx, const std::string& path, const std::string& data,
                         bool append) {
    return vfs_redirect_result(ctx, path, data, append).err;
}

void add_vfs_file_builtins(Shell& shell) {
    shell.add_builtin("cat", vfs_cat);
    shell.add_builtin("head", vfs_head);
    shell.add_builtin("dd", vfs_dd);
    shell.add_builtin("ls", vfs_ls);
    shell.add_builtin("mknod", vfs_mknod);
    shell.add_builtin("ioctl", vfs_ioctl);
}

} // namespace ksim::cli
