// SPDX-License-Identifier: GPL-2.0
/*
 * Exercises the pure-C parts of ksim's headers (lists, hash lists,
 * min/max, rounding, logarithms, masks, error pointers, overflow checks,
 * ctype, byte order, hashing) and compares against the values Linux 6.1
 * gives. Compiled with the module flags, linked into a small host program
 * (host_main.c) that runs it.
 */
#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/hashtable.h>
#include <linux/ctype.h>
#include <linux/log2.h>
#include <linux/bits.h>
#include <linux/overflow.h>
#include <linux/err.h>
#include <linux/hash.h>
#include <linux/bsearch.h>

int selftest_failures;
const char *selftest_first_failure;

#define EXPECT(cond)                                                           \
	do {                                                                   \
		if (!(cond)) {                                                 \
			if (!selftest_failures)                                \
				selftest_first_failure = #cond;                \
			selftest_failures++;                                   \
		}                                                              \
	} while (0)

struct item {
	int v;
	struct list_head node;
	struct hlist_node hnode;
};

static int list_values(struct list_head *head, int *out, int max)
{
	struct item *it;
	int n = 0;

	list_for_each_entry(it, head, node) {
		if (n < max)
			out[n] = it->v;
		n++;
	}
	return n;
}

static void test_lists(void)
{
	struct item a = { .v = 1 }, b = { .v = 2 }, c = { .v = 3 }, d = { .v = 4 };
	struct item *pos, *tmp;
	LIST_HEAD(head);
	LIST_HEAD(other);
	int vals[8];
	int n;

	EXPECT(list_empty(&head) && list_count_nodes(&head) == 0);
	list_add(&a.node, &head);      /* a */
	list_add(&b.node, &head);      /* b a */
	list_add_tail(&c.node, &head); /* b a c */
	n = list_values(&head, vals, 8);
	EXPECT(n == 3 && vals[0] == 2 && vals[1] == 1 && vals[2] == 3);
	EXPECT(list_first_entry(&head, struct item, node) == &b && list_count_nodes(&head) == 3);
	EXPECT(list_last_entry(&head, struct item, node) == &c);
	EXPECT(list_is_last(&c.node, &head) && list_is_first(&b.node, &head));

	list_del(&a.node); /* b c */
	EXPECT(a.node.next == LIST_POISON1 && a.node.prev == LIST_POISON2);
	EXPECT((unsigned long)LIST_POISON1 == 0xdead000000000100UL);
	n = list_values(&head, vals, 8);
	EXPECT(n == 2 && vals[0] == 2 && vals[1] == 3);

	list_move_tail(&b.node, &head); /* c b */
	EXPECT(list_first_entry(&head, struct item, node) == &c);
	list_rotate_left(&head); /* b c */
	EXPECT(list_first_entry(&head, struct item, node) == &b);

	list_add(&d.node, &other);
	list_splice_init(&other, &head); /* d b c */
	EXPECT(list_empty(&other));
	n = list_values(&head, vals, 8);
	EXPECT(n == 3 && vals[0] == 4 && vals[1] == 2 && vals[2] == 3);

	list_cut_position(&other, &head, &b.node); /* other: d b, head: c */
	EXPECT(list_values(&other, vals, 8) == 2 && vals[1] == 2);
	EXPECT(list_is_singular(&head));

	n = 0;
	list_for_each_entry_safe(pos, tmp, &other, node) {
		list_del_init(&pos->node);
		n++;
	}
	EXPECT(n == 2 && list_empty(&other) && list_empty(&d.node));
	EXPECT(list_first_entry_or_null(&other, struct item, node) == NULL);
}

static void test_hlists(void)
{
	struct item a = { .v = 10 }, b = { .v = 20 }, *it;
	HLIST_HEAD(h);
	DEFINE_HASHTABLE(table, 3);
	int sum = 0, bkt;

	hlist_add_head(&a.hnode, &h);
	hlist_add_head(&b.hnode, &h);
	hlist_for_each_entry(it, &h, hnode)
		sum = sum * 100 + it->v;
	EXPECT(sum == 2010);
	hlist_del_init(&b.hnode);
	EXPECT(hlist_unhashed(&b.hnode) && h.first == &a.hnode);
	hlist_del(&a.hnode);
	EXPECT(hlist_empty(&h));

	EXPECT(HASH_SIZE(table) == 8 && HASH_BITS(table) == 3 && hash_empty(table));
	hash_add(table, &a.hnode, a.v);
	hash_add(table, &b.hnode, b.v);
	sum = 0;
	hash_for_each(table, bkt, it, hnode)
		sum += it->v;
	EXPECT(sum == 30);
	sum = 0;
	hash_for_each_possible(table, it, hnode, 20)
		if (it->v == 20)
			sum++;
	EXPECT(sum == 1);
}

static void test_arith(void)
{
	int arr[5];
	size_t bytes;
	u8 small;
	int s, big = 300;

	EXPECT(ARRAY_SIZE(arr) == 5);
	EXPECT(min(3, 4) == 3 && max(-1, 5) == 5 && min3(4, 2, 9) == 2);
	EXPECT(min_t(u8, big, 50) == 44 && max_t(int, -3, 2u) == 2);
	EXPECT(clamp(15, 1, 10) == 10 && clamp(-4, 1, 10) == 1 && clamp_val(7, 1, 10) == 7);
	EXPECT(umin(-1, 5) == 5);
	EXPECT(abs(-5) == 5 && abs(-5L) == 5L && abs_diff(3u, 10u) == 7);
	EXPECT(DIV_ROUND_UP(7, 2) == 4 && DIV_ROUND_CLOSEST(7, 2) == 4 && DIV_ROUND_CLOSEST(-7, 2) == -4);
	EXPECT(roundup(7, 5) == 10 && rounddown(7, 5) == 5 && round_up(7, 4) == 8 && round_down(7, 4) == 4);
	EXPECT(ALIGN(13, 8) == 16 && IS_ALIGNED(24, 8) && !IS_ALIGNED(25, 8));
	EXPECT(upper_32_bits(0x1234567890ULL) == 0x12 && lower_32_bits(0x1234567890ULL) == 0x34567890);
	EXPECT(ilog2(1) == 0 && ilog2(64) == 6 && ilog2(65) == 6 && ilog2(1ULL << 40) == 40);
	s = 4097;
	EXPECT(ilog2(s) == 12 && roundup_pow_of_two(s) == 8192 && rounddown_pow_of_two(s) == 4096);
	EXPECT(order_base_2(5) == 3 && order_base_2(4) == 2 && is_power_of_2(64) && !is_power_of_2(0));
	EXPECT(BIT(3) == 8 && GENMASK(7, 4) == 0xf0 && GENMASK_ULL(39, 32) == 0xff00000000ULL);
	EXPECT(BIT_WORD(65) == 1 && BIT_MASK(65) == 2);
	EXPECT(!check_mul_overflow((size_t)6, (size_t)7, &bytes) && bytes == 42);
	EXPECT(check_mul_overflow(SIZE_MAX, (size_t)2, &bytes));
	EXPECT(check_add_overflow((u8)200, (u8)100, &small) && small == 44);
	EXPECT(size_mul(SIZE_MAX, 2) == SIZE_MAX && array_size(3, 4) == 12);
	EXPECT(type_max(s8) == 127 && type_min(s16) == -32768 && type_max(u32) == 0xffffffffU);
	EXPECT(INT_MAX == 0x7fffffff && U16_MAX == 0xffff && S64_MIN < 0 && ULLONG_MAX == ~0ULL);
}

struct flex {
	int n;
	u64 data[];
};

static int cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

static void test_misc(void)
{
	void *e = ERR_PTR(-ENOMEM);
	struct item it;
	struct list_head *lp = &it.node;
	struct flex *f = NULL;
	int sorted[] = { 1, 3, 5, 7 };
	int key = 5;

	EXPECT(IS_ERR(e) && PTR_ERR(e) == -12 && !IS_ERR(&it));
	EXPECT(IS_ERR_OR_NULL(NULL) && PTR_ERR_OR_ZERO(&it) == 0 && PTR_ERR_OR_ZERO(e) == -ENOMEM);
	EXPECT(IS_ERR(ERR_PTR(-MAX_ERRNO)) && !IS_ERR(ERR_PTR(-MAX_ERRNO - 1)));
	EXPECT(container_of(lp, struct item, node) == &it);
	EXPECT(struct_size(f, data, 3) == 8 + 3 * 8);
	EXPECT(offsetof(struct item, node) == 8 && sizeof_field(struct item, v) == 4);

	EXPECT(isalpha('q') && !isalpha('1') && isdigit('7') && isxdigit('F') && !isxdigit('g'));
	EXPECT(isspace(' ') && isspace('\v') && !isspace('x') && ispunct('!'));
	EXPECT(isalpha(0xe9) && isupper(0xc9) && tolower(0xc9) == 0xe9 && toupper('a') == 'A');
	EXPECT(!iscntrl(0x85) && !isprint(0x85) && iscntrl(0x7f) && isprint(0xa0) && isspace(0xa0) && ispunct(0xd7) && islower(0xdf));
	EXPECT(!isprint(0x7f) && isprint(' ') && !isgraph(' '));

	EXPECT(cpu_to_be32(0x11223344) == 0x44332211 && cpu_to_le16(0x1234) == 0x1234);
	EXPECT(swab16(0xabcd) == 0xcdab && be64_to_cpu(cpu_to_be64(0x0102030405060708ULL)) == 0x0102030405060708ULL);
	EXPECT(hash_32(1, 4) == 6 && hash_64(1, 8) == 0x61 && hash_32(0x12345678, 32) == 0x7786cb48);

	EXPECT(__inline_bsearch(&key, sorted, 4, sizeof(int), cmp_int) == &sorted[2]);
	key = 4;
	EXPECT(__inline_bsearch(&key, sorted, 4, sizeof(int), cmp_int) == NULL);

	EXPECT(printk_get_level(KERN_ERR "x") == '3' && printk_get_level("plain") == 0);
	EXPECT(*printk_skip_headers(KERN_CONT KERN_INFO "z") == 'z');
}

int selftest(void)
{
	test_lists();
	test_hlists();
	test_arith();
	test_misc();
	return selftest_failures;
}
