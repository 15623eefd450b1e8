#!/bin/bash
# Bit operations and bitmaps (issue 4): a module uses them with constant
# one-word sizes (inline, as in Linux) and with a size known only at run
# time (the exported _find_*/__bitmap_* functions); the .ko references
# exactly the symbols a Linux 6.1 build does. Then set_bit() and friends
# are shown atomic: threads flipping their own bit of one shared word never
# lose each other's bits.
. "$(dirname "$0")/lib.sh"
. "$KSIM_SOURCE_DIR/tests/e2e/lib/module_cflags.sh"
out="$KSIM_TEST_TMP/out"
m="$KSIM_TEST_TMP/bits"
mkdir -p "$m"
cat >"$m/bits.c" <<'C'
#include <linux/module.h>
#include <linux/init.h>
#include <linux/bitmap.h>
#include <linux/bitops.h>

static unsigned int nbits = 100;
module_param(nbits, uint, 0444);
static DECLARE_BITMAP(big, 128);
static unsigned long word;

static int __init b_init(void)
{
	unsigned long bit, before;
	int seen = 0, sum = 0, t3, t4, tas5, tac7a, tac7b, tcb3;

	/* One constant-size word: all inline. */
	set_bit(3, &word);
	__set_bit(5, &word);
	change_bit(7, &word);
	before = word;
	t3 = test_bit(3, &word);
	t4 = test_bit(4, &word);
	tas5 = test_and_set_bit(5, &word);
	tac7a = test_and_change_bit(7, &word);
	tac7b = test_and_change_bit(7, &word);
	tcb3 = test_and_clear_bit(3, &word);
	pr_info("bits: word=%lx t3=%d t4=%d tas5=%d tac7=%d tac7=%d tcb3=%d word=%lx\n", before,
		t3, t4, tas5, tac7a, tac7b, tcb3, word);
	pr_info("bits: first=%lu next=%lu zero=%lu weight=%u\n", find_first_bit(&word, 64),
		find_next_bit(&word, 64, 6), find_first_zero_bit(&word, 64),
		bitmap_weight(&word, BITS_PER_LONG));

	/* A size known at run time: the exported functions. */
	bitmap_zero(big, nbits);
	bitmap_set(big, 60, 8);
	__set_bit(99, big);
	for_each_set_bit(bit, big, nbits) {
		seen++;
		sum += bit;
	}
	pr_info("bits: big weight=%u first=%lu next_zero=%lu last=%lu seen=%d sum=%d\n",
		bitmap_weight(big, nbits), find_first_bit(big, nbits),
		find_next_zero_bit(big, nbits, 60), find_last_bit(big, nbits), seen, sum);
	bitmap_clear(big, 60, 8);
	seen = bitmap_empty(big, 99);
	bit = find_next_bit(big, nbits, 0);
	bitmap_fill(big, nbits);
	pr_info("bits: empty=%d after=%lu full=%d\n", seen, bit, bitmap_full(big, nbits));
	pr_info("bits: ffs=%d fls=%d __ffs=%lu __fls=%lu ffz=%lu fls64=%d hweight32=%u hweight8=%u order=%d\n",
		ffs(0x50), fls(0x50), __ffs(0x50UL), __fls(0x50UL), ffz(0xffUL),
		fls64(1ULL << 40), hweight32(nbits), hweight8(0xff), get_count_order(9));
	return 0;
}

static void __exit b_exit(void)
{
}

module_init(b_init);
module_exit(b_exit);
MODULE_LICENSE("GPL");
C
echo 'obj-m := bits.o' >"$m/Makefile"
rc=$(run_to "$out" "$KSIM" run -t "$m")
[ "$rc" = 0 ] || { cat "$out"; fail "bits: exit $rc"; }
# word: 3|5|7 = 0xa8; test_and_set_bit(5) was set; bit 7 toggles 1->0->1.
expect_line "$out" 'bits: word=a8 t3=1 t4=0 tas5=1 tac7=1 tac7=0 tcb3=1 word=a0'
expect_line "$out" 'bits: first=5 next=7 zero=0 weight=2'
# 60..67 and 99: weight 9, sum 60+...+67 + 99 = 508 + 99.
expect_line "$out" 'bits: big weight=9 first=60 next_zero=68 last=99 seen=9 sum=607'
expect_line "$out" 'bits: empty=1 after=99 full=1'
expect_line "$out" 'bits: ffs=5 fls=7 __ffs=4 __fls=6 ffz=8 fls64=41 hweight32=3 hweight8=8 order=4'

# The module's undefined symbols: the inline helpers leave none of their
# own, the non-constant cases reference lib/find_bit.c, lib/bitmap.c and
# lib/hweight.c's exports, as on Linux 6.1 (x86 without POPCNT at build
# time calls __sw_hweight32/64; bitmap_empty() of 99 bits is more than a
# word, so it calls _find_first_bit).
nm -u "$m/bits.ko" | awk '{print $2}' | grep -v '^_printk$\|^__fentry__$\|^param_ops_uint$\|^memset$' |
    sort >"$KSIM_TEST_TMP/undef"
printf '%s\n' __bitmap_clear __bitmap_set __bitmap_weight __sw_hweight32 __sw_hweight64 \
    _find_first_bit _find_first_zero_bit _find_last_bit _find_next_bit _find_next_zero_bit | sort >"$KSIM_TEST_TMP/want"
diff -u "$KSIM_TEST_TMP/want" "$KSIM_TEST_TMP/undef" || fail "undefined symbols of bits.ko"

# Atomicity: four threads each set and clear only their own bit of one
# word; a non-atomic read-modify-write would wipe another thread's bit.
cat >"$KSIM_TEST_TMP/hammer.c" <<'C'
#include <linux/bitops.h>

/* Returns how often the thread's bit was found in the wrong state. */
int hammer(volatile unsigned long *word, int bit, int rounds)
{
	int lost = 0, i;

	for (i = 0; i < rounds; i++) {
		set_bit(bit, word);
		if (!test_bit(bit, word))
			lost++;
		if (!test_and_clear_bit(bit, word))
			lost++;
		change_bit(bit + 8, word);
		change_bit(bit + 8, word);
	}
	return lost;
}
C
cat >"$KSIM_TEST_TMP/main.c" <<'C'
#include <pthread.h>
#include <stdio.h>

int hammer(volatile unsigned long *word, int bit, int rounds);
static volatile unsigned long word;
static int lost[4];

static void *run(void *arg)
{
	long bit = (long)arg;

	lost[bit] = hammer(&word, (int)bit, 200000);
	return NULL;
}

int main(void)
{
	pthread_t t[4];
	long i;

	for (i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, run, (void *)i);
	for (i = 0; i < 4; i++)
		pthread_join(t[i], NULL);
	printf("lost=%d word=%lx\n", lost[0] + lost[1] + lost[2] + lost[3], word);
	return 0;
}
C
ksim_module_cc "$KSIM_TEST_TMP/hammer.c" "$KSIM_TEST_TMP/hammer.o" hammer -Werror ||
    fail "hammer.c with the module flags"
gcc -O1 -no-pie -pthread -o "$KSIM_TEST_TMP/hammer" "$KSIM_TEST_TMP/main.c" "$KSIM_TEST_TMP/hammer.o" ||
    fail "link hammer"
[ "$("$KSIM_TEST_TMP/hammer")" = "lost=0 word=0" ] || fail "atomic bit operations lost updates"
echo "check_bitops: ok"
