// /proc entries and seq_file: iterators read whole or in small pieces, a
// record larger than a page (buffer retry), seeking, single_open, and reads
// on an entry removed while open.
#include "kernel/kernel.h"
#include "vfs/vfs.h"

#include <gtest/gtest.h>

#include <fcntl.h>

#include <string>

extern "C" {
proc_dir_entry* proc_mkdir(const char* name, proc_dir_entry* parent);
proc_dir_entry* proc_create_seq_private(const char* name, unsigned short mode,
                                        proc_dir_entry* parent, const seq_operations* ops,
                                        unsigned state_size, void* data);
proc_dir_entry* proc_create_single_data(const char* name, unsigned short mode,
                                        proc_dir_entry* parent, int (*show)(seq_file*, void*),
                                        void* data);
void remove_proc_entry(const char* name, proc_dir_entry* parent);
void proc_remove(proc_dir_entry* de);
void seq_printf(seq_file* m, const char* fmt, ...);
void seq_puts(seq_file* m, const char* s);
void seq_putc(seq_file* m, char c);
}

namespace {

using namespace ksim;
using ksim::vfs::Vfs;

int g_records = 0;
int g_starts = 0;
void* it_start(seq_file*, long long* pos) {
    ++g_starts;
    return *pos < g_records ? pos : nullptr;
}
void* it_next(seq_file*, void*, long long* pos) {
    ++*pos;
    return *pos < g_records ? pos : nullptr;
}
void it_stop(seq_file*, void*) {}
int it_show(seq_file* m, void* v) {
    long long i = *static_cast<long long*>(v);
    if (i == 2) {
        // One record bigger than a page: seq_read must grow its buffer.
        seq_puts(m, std::string(5000, 'b').c_str());
        seq_putc(m, '\n');
        return 0;
    }
    seq_printf(m, "record %lld\n", i);
    return 0;
}
const seq_operations iter_ops = {it_start, it_stop, it_next, it_show};

std::string expected_contents(int records) {
    std::string s;
    for (int i = 0; i < records; ++i)
        s += i == 2 ? std::string(5000, 'b') + "\n" : "record " + std::to_string(i) + "\n";
    return s;
}

int single_show(seq_file* m, void* v) {
    (void)v;
    seq_printf(m, "private=%s\n", static_cast<const char*>(m->seq_private));
    return 0;
}

TEST(VfsProcSeq, IteratorContentsWholeAndInPieces) {
    Kernel kernel;
    g_records = 40;
    auto* dir = proc_mkdir("ksimtest", nullptr);
    ASSERT_NE(dir, nullptr);
    ASSERT_NE(proc_create_seq_private("iter", 0, dir, &iter_ops, 0, nullptr), nullptr);
    Vfs& vfs = kernel.vfs();
    std::string want = expected_contents(40);
    EXPECT_EQ(vfs.read_all("/proc/ksimtest/iter").value(), want);
    // Reading 7 bytes at a time yields exactly the same bytes.
    auto h = vfs.open("/proc/ksimtest/iter", O_RDONLY);
    ASSERT_FALSE(h.is_error());
    std::string pieces;
    for (;;) {
        auto c = vfs.read(h.value(), 7);
        ASSERT_FALSE(c.is_error());
        if (c.value().empty())
            break;
        EXPECT_LE(c.value().size(), 7u);
        pieces += c.value();
    }
    EXPECT_EQ(pieces, want);
    // Seeking back regenerates from the start and lands mid-record.
    EXPECT_EQ(vfs.lseek(h.value(), 3, SEEK_SET).value(), 3);
    EXPECT_EQ(vfs.read(h.value(), 6).value(), "ord 0\n");
    ASSERT_FALSE(vfs.close(h.value()).is_error());
    // A default mode is 0444.
    EXPECT_EQ(vfs.stat("/proc/ksimtest/iter").value().mode & 0777, 0444);
    // A second entry of the same name is refused with the kernel's warning.
    EXPECT_EQ(proc_create_seq_private("iter", 0, dir, &iter_ops, 0, nullptr), nullptr);
    EXPECT_NE(kernel.log().records().back().text.find(
                  "proc_dir_entry 'proc/ksimtest/iter' already registered"),
              std::string::npos);
    proc_remove(dir);
    EXPECT_EQ(vfs.stat("/proc/ksimtest").error().code, ENOENT);
}

TEST(VfsProcSeq, SingleOpenAndRemovalWhileOpen) {
    Kernel kernel;
    static char data[] = "hello";
    ASSERT_NE(proc_create_single_data("single", 0644, nullptr, single_show, data), nullptr);
    Vfs& vfs = kernel.vfs();
    EXPECT_EQ(vfs.read_all("/proc/single").value(), "private=hello\n");
    auto h = vfs.open("/proc/single", O_RDONLY);
    ASSERT_FALSE(h.is_error());
    EXPECT_EQ(vfs.read(h.value(), 3).value(), "pri");
    remove_proc_entry("single", nullptr);
    // fs/proc/inode.c: calls on an entry that is gone fail with -EIO.
    EXPECT_EQ(vfs.read(h.value(), 3).error().code, EIO);
    ASSERT_FALSE(vfs.close(h.value()).is_error());
    EXPECT_EQ(vfs.open("/proc/single", O_RDONLY).error().code, ENOENT);
    // The seq_file and its buffer were freed by single_release.
}

} // namespace
