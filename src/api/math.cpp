// int_sqrt, int_pow, gcd and lcm (mirrors lib/math/int_sqrt.c, int_pow.c,
// gcd.c, lcm.c).
#include "api/export.h"

extern "C" {

// floor(sqrt(x)), bit by bit.
unsigned long int_sqrt(unsigned long x) {
    if (x <= 1)
        return x;
    unsigned long m = 1UL << ((63 - __builtin_clzl(x)) & ~1UL);
    unsigned long y = 0;
    while (m != 0) {
        unsigned long b = y + m;
        y >>= 1;
        if (x >= b) {
            x -= b;
            y += m;
        }
        m >>= 2;
    }
    return y;
}
EXPORT_SYMBOL_KSIM(int_sqrt)

// Square-and-multiply; wraps modulo 2^64 on overflow like the kernel's.
unsigned long long int_pow(unsigned long long base, unsigned exp) {
    unsigned long long result = 1;
    while (exp != 0) {
        if (exp & 1)
            result *= base;
        exp >>= 1;
        base *= base;
    }
    return result;
}
EXPORT_SYMBOL_KSIM(int_pow)

// gcd(0, b) is b, as in the kernel.
unsigned long gcd(unsigned long a, unsigned long b) {
    while (b != 0) {
        unsigned long t = a % b;
        a = b;
        b = t;
    }
    return a;
}
EXPORT_SYMBOL_KSIM(gcd)

unsigned long lcm(unsigned long a, unsigned long b) {
    if (a != 0 && b != 0)
        return (a / gcd(a, b)) * b;
    return 0;
}
EXPORT_SYMBOL_KSIM(lcm)

} // extern "C"
