// _printk through the kernel's formatter into the log, the rate limiter's
// "callbacks suppressed" message, print_hex_dump, and sort/list_sort/bsearch.
#include "kernel/kernel.h"
#include "support/abi.h"

#include <cstring>
#include <gtest/gtest.h>
#include <string>
#include <vector>

extern "C" {
int _printk(const char* fmt, ...);
struct ratelimit_state {
    unsigned lock;
    int interval;
    int burst;
    int printed;
    int missed;
    unsigned long begin;
    unsigned long flags;
};
int ___ratelimit(ratelimit_state* rs, const char* func);
void print_hex_dump(const char* level, const char* prefix_str, int prefix_type, int rowsize,
                    int groupsize, const void* buf, size_t len, bool ascii);
void sort(void* base, size_t num, size_t size, int (*cmp)(const void*, const void*),
          void (*swap)(void*, void*, int));
void list_sort(void* priv, list_head* head, int (*cmp)(void*, const list_head*, const list_head*));
unsigned long int_sqrt(unsigned long x);
unsigned long gcd(unsigned long a, unsigned long b);
unsigned long long int_pow(unsigned long long base, unsigned exp);
size_t memweight(const void* ptr, size_t bytes);
ssize_t memory_read_from_buffer(void* to, size_t count, long long* ppos, const void* from,
                                size_t available);
uint32_t __get_random_u32_below(uint32_t ceil);
}

namespace {

TEST(Printk, FormatsWithKernelConversionsAndLevels) {
    ksim::Kernel kernel;
    uint64_t seq = kernel.log().next_seq();
    EXPECT_EQ(_printk("\0013demo: value %d %pe\n", 5, reinterpret_cast<void*>(-12L)),
              static_cast<int>(std::strlen("demo: value 5 -ENOMEM\n")));
    _printk("\0016partial ");
    _printk("\001ccontinued %s\n", "here");
    auto recs = kernel.log().records_from(seq);
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[0].level, 3);
    EXPECT_EQ(recs[0].text, "demo: value 5 -ENOMEM");
    EXPECT_EQ(recs[1].text, "partial continued here");
}

TEST(Ratelimit, BurstThenSuppressedMessage) {
    ksim::KernelConfig config;
    config.virtual_clock = true;
    ksim::Kernel kernel(config);
    ratelimit_state rs{0, 250 /* 1 s at HZ=250 */, 3, 0, 0, 0, 0};
    int allowed = 0;
    for (int i = 0; i < 10; ++i)
        allowed += ___ratelimit(&rs, "my_func");
    EXPECT_EQ(allowed, 3);
    EXPECT_EQ(rs.missed, 7);
    uint64_t seq = kernel.log().next_seq();
    kernel.clock().advance(2'000'000'000ULL);
    EXPECT_EQ(___ratelimit(&rs, "my_func"), 1);
    auto recs = kernel.log().records_from(seq);
    ASSERT_EQ(recs.size(), 1u);
    EXPECT_EQ(recs[0].text, "my_func: 7 callbacks suppressed");
    EXPECT_EQ(recs[0].level, 4);
    ratelimit_state off{0, 0, 0, 0, 0, 0, 0}; // interval 0: never limited
    for (int i = 0; i < 20; ++i)
        EXPECT_EQ(___ratelimit(&off, "f"), 1);
}

TEST(Printk, PrintHexDump) {
    ksim::Kernel kernel;
    uint64_t seq = kernel.log().next_seq();
    const char data[] = "0123456789abcdefXYZ";
    print_hex_dump("\0017", "buf: ", 2 /* DUMP_PREFIX_OFFSET */, 16, 1, data, 19, true);
    auto recs = kernel.log().records_from(seq);
    ASSERT_EQ(recs.size(), 2u);
    EXPECT_EQ(recs[0].text,
              "buf: 00000000: 30 31 32 33 34 35 36 37 38 39 61 62 63 64 65 66  0123456789abcdef");
    EXPECT_EQ(recs[1].text.substr(0, 24), "buf: 00000010: 58 59 5a ");
    EXPECT_EQ(recs[1].level, 7);
}

int cmp_int(const void* a, const void* b) {
    return *static_cast<const int*>(a) - *static_cast<const int*>(b);
}

TEST(Lib, SortAndMath) {
    std::vector<int> v = {5, -1, 9, 3, 3, 0, 12, 7};
    sort(v.data(), v.size(), sizeof(int), cmp_int, nullptr);
    EXPECT_EQ(v, (std::vector<int>{-1, 0, 3, 3, 5, 7, 9, 12}));
    EXPECT_EQ(int_sqrt(0), 0u);
    EXPECT_EQ(int_sqrt(15), 3u);
    EXPECT_EQ(int_sqrt(16), 4u);
    EXPECT_EQ(int_sqrt(~0UL), 4294967295u);
    EXPECT_EQ(gcd(12, 18), 6u);
    EXPECT_EQ(gcd(0, 7), 7u);
    EXPECT_EQ(int_pow(3, 4), 81u);
    EXPECT_EQ(int_pow(7, 0), 1u);
    const unsigned char bits[] = {0xff, 0x01, 0x80};
    EXPECT_EQ(memweight(bits, 3), 10u);
    char out[4];
    long long pos = 3;
    EXPECT_EQ(memory_read_from_buffer(out, 4, &pos, "abcdef", 6), 3);
    EXPECT_EQ(pos, 6);
    EXPECT_EQ(std::memcmp(out, "def", 3), 0);
    EXPECT_EQ(memory_read_from_buffer(out, 4, &pos, "abcdef", 6), 0);
    for (int i = 0; i < 100; ++i)
        EXPECT_LT(__get_random_u32_below(7), 7u);
}

struct Item {
    int key;
    int order;
    list_head node;
};

int cmp_items(void*, const list_head* a, const list_head* b) {
    auto* x =
        reinterpret_cast<const Item*>(reinterpret_cast<const char*>(a) - offsetof(Item, node));
    auto* y =
        reinterpret_cast<const Item*>(reinterpret_cast<const char*>(b) - offsetof(Item, node));
    return x->key - y->key;
}

TEST(Lib, ListSortIsStable) {
    std::vector<Item> items;
    const int keys[] = {3, 1, 2, 1, 3, 0, 2};
    for (int i = 0; i < 7; ++i)
        items.push_back(Item{keys[i], i, {}});
    list_head head{&head, &head};
    for (auto& it : items) {
        it.node.prev = head.prev;
        it.node.next = &head;
        head.prev->next = &it.node;
        head.prev = &it.node;
    }
    list_sort(nullptr, &head, cmp_items);
    std::vector<std::pair<int, int>> got;
    for (list_head* p = head.next; p != &head; p = p->next) {
        auto* it = reinterpret_cast<Item*>(reinterpret_cast<char*>(p) - offsetof(Item, node));
        got.emplace_back(it->key, it->order);
        EXPECT_EQ(p->next->prev, p);
    }
    EXPECT_EQ(got, (std::vector<std::pair<int, int>>{
                       {0, 5}, {1, 1}, {1, 3}, {2, 2}, {2, 6}, {3, 0}, {3, 4}}));
}

} // namespace
