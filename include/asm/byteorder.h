/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ksim: byte-order conversion for a little-endian CPU: cpu_to_le*() are
 * no-ops, cpu_to_be*() swap bytes, plus the swab*() primitives and
 * unaligned-safe loads of big/little-endian values from pointers.
 */
#ifndef _ASM_X86_BYTEORDER_H
#define _ASM_X86_BYTEORDER_H

#include <linux/types.h>

#define __LITTLE_ENDIAN 1234
#define __LITTLE_ENDIAN_BITFIELD

#define __swab16(x) ((__u16)__builtin_bswap16((__u16)(x)))
#define __swab32(x) ((__u32)__builtin_bswap32((__u32)(x)))
#define __swab64(x) ((__u64)__builtin_bswap64((__u64)(x)))
#define swab16 __swab16
#define swab32 __swab32
#define swab64 __swab64

static inline __u16 __swab16p(const __u16 *p) { return __swab16(*p); }
static inline __u32 __swab32p(const __u32 *p) { return __swab32(*p); }
static inline __u64 __swab64p(const __u64 *p) { return __swab64(*p); }
static inline void __swab16s(__u16 *p) { *p = __swab16(*p); }
static inline void __swab32s(__u32 *p) { *p = __swab32(*p); }
static inline void __swab64s(__u64 *p) { *p = __swab64(*p); }
#define swab16p __swab16p
#define swab32p __swab32p
#define swab64p __swab64p
#define swab16s __swab16s
#define swab32s __swab32s
#define swab64s __swab64s

#define __cpu_to_le64(x) ((__force __le64)(__u64)(x))
#define __le64_to_cpu(x) ((__force __u64)(__le64)(x))
#define __cpu_to_le32(x) ((__force __le32)(__u32)(x))
#define __le32_to_cpu(x) ((__force __u32)(__le32)(x))
#define __cpu_to_le16(x) ((__force __le16)(__u16)(x))
#define __le16_to_cpu(x) ((__force __u16)(__le16)(x))
#define __cpu_to_be64(x) ((__force __be64)__swab64((x)))
#define __be64_to_cpu(x) __swab64((__force __u64)(__be64)(x))
#define __cpu_to_be32(x) ((__force __be32)__swab32((x)))
#define __be32_to_cpu(x) __swab32((__force __u32)(__be32)(x))
#define __cpu_to_be16(x) ((__force __be16)__swab16((x)))
#define __be16_to_cpu(x) __swab16((__force __u16)(__be16)(x))

#define cpu_to_le64 __cpu_to_le64
#define le64_to_cpu __le64_to_cpu
#define cpu_to_le32 __cpu_to_le32
#define le32_to_cpu __le32_to_cpu
#define cpu_to_le16 __cpu_to_le16
#define le16_to_cpu __le16_to_cpu
#define cpu_to_be64 __cpu_to_be64
#define be64_to_cpu __be64_to_cpu
#define cpu_to_be32 __cpu_to_be32
#define be32_to_cpu __be32_to_cpu
#define cpu_to_be16 __cpu_to_be16
#define be16_to_cpu __be16_to_cpu

#define cpu_to_le64p(p) ((__force __le64)(*(const __u64 *)(p)))
#define le64_to_cpup(p) ((__force __u64)(*(const __le64 *)(p)))
#define cpu_to_le32p(p) ((__force __le32)(*(const __u32 *)(p)))
#define le32_to_cpup(p) ((__force __u32)(*(const __le32 *)(p)))
#define cpu_to_le16p(p) ((__force __le16)(*(const __u16 *)(p)))
#define le16_to_cpup(p) ((__force __u16)(*(const __le16 *)(p)))
#define cpu_to_be64p(p) ((__force __be64)__swab64p(p))
#define be64_to_cpup(p) __swab64p((const __u64 *)(p))
#define cpu_to_be32p(p) ((__force __be32)__swab32p(p))
#define be32_to_cpup(p) __swab32p((const __u32 *)(p))
#define cpu_to_be16p(p) ((__force __be16)__swab16p(p))
#define be16_to_cpup(p) __swab16p((const __u16 *)(p))

/* Network byte order is big-endian. */
#define htonl(x) ___htonl(x)
#define ntohl(x) ___ntohl(x)
#define htons(x) ___htons(x)
#define ntohs(x) ___ntohs(x)
#define ___htonl(x) __cpu_to_be32(x)
#define ___htons(x) __cpu_to_be16(x)
#define ___ntohl(x) __be32_to_cpu(x)
#define ___ntohs(x) __be16_to_cpu(x)

static inline void le16_add_cpu(__le16 *var, u16 val) { *var = cpu_to_le16(le16_to_cpu(*var) + val); }
static inline void le32_add_cpu(__le32 *var, u32 val) { *var = cpu_to_le32(le32_to_cpu(*var) + val); }
static inline void le64_add_cpu(__le64 *var, u64 val) { *var = cpu_to_le64(le64_to_cpu(*var) + val); }
static inline void be16_add_cpu(__be16 *var, u16 val) { *var = cpu_to_be16(be16_to_cpu(*var) + val); }
static inline void be32_add_cpu(__be32 *var, u32 val) { *var = cpu_to_be32(be32_to_cpu(*var) + val); }
static inline void be64_add_cpu(__be64 *var, u64 val) { *var = cpu_to_be64(be64_to_cpu(*var) + val); }

#endif /* _ASM_X86_BYTEORDER_H */
