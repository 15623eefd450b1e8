// hex_to_bin, hex2bin, bin2hex, hex_dump_to_buffer and print_hex_dump
// (mirrors lib/hexdump.c).
#include "api/export.h"
#include "api/vsprintf.h"
#include "kernel/kernel.h"

#include <cerrno>
#include <cstring>
#include <string>

extern "C" {

const char hex_asc[] = "0123456789abcdef";
EXPORT_SYMBOL_KSIM(hex_asc)
const char hex_asc_upper[] = "0123456789ABCDEF";
EXPORT_SYMBOL_KSIM(hex_asc_upper)

int hex_to_bin(unsigned char ch) {
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}
EXPORT_SYMBOL_KSIM(hex_to_bin)

int hex2bin(uint8_t* dst, const char* src, size_t count) {
    while (count-- != 0) {
        int hi = hex_to_bin(static_cast<unsigned char>(*src++));
        if (hi < 0)
            return -EINVAL;
        int lo = hex_to_bin(static_cast<unsigned char>(*src++));
        if (lo < 0)
            return -EINVAL;
        *dst++ = static_cast<uint8_t>((hi << 4) | lo);
    }
    return 0;
}
EXPORT_SYMBOL_KSIM(hex2bin)

// Lower-case, no terminating NUL; returns the end of what it wrote.
char* bin2hex(char* dst, const void* src, size_t count) {
    auto* s = static_cast<const unsigned char*>(src);
    while (count-- != 0) {
        *dst++ = hex_asc[*s >> 4];
        *dst++ = hex_asc[*s++ & 0xf];
    }
    return dst;
}
EXPORT_SYMBOL_KSIM(bin2hex)

// lib/hexdump.c hex_dump_to_buffer(): one row of groups of 1, 2, 4 or 8
// bytes (in host order), optionally followed by the ASCII column. Returns
// the length the full row would need.
int hex_dump_to_buffer(const void* buf, size_t len, int rowsize, int groupsize, char* linebuf,
                       size_t linebuflen, bool ascii) {
    auto* ptr = static_cast<const uint8_t*>(buf);
    if (rowsize != 16 && rowsize != 32)
        rowsize = 16;
    if (len > static_cast<size_t>(rowsize))
        len = rowsize;
    if (groupsize != 1 && groupsize != 2 && groupsize != 4 && groupsize != 8)
        groupsize = 1;
    if (len % groupsize != 0)
        groupsize = 1;
    std::string out;
    int ngroups = static_cast<int>(len) / groupsize;
    int ascii_column = rowsize * 2 + rowsize / groupsize + 1;
    if (len != 0) {
        char tmp[24];
        for (int j = 0; j < ngroups; ++j) {
            unsigned long long v = 0;
            std::memcpy(&v, ptr + j * groupsize, groupsize);
            ksim_snprintf(tmp, sizeof tmp, "%s%0*llx", j ? " " : "", 2 * groupsize, v);
            out += tmp;
        }
        if (ascii) {
            while (static_cast<int>(out.size()) < ascii_column)
                out += ' ';
            for (size_t j = 0; j < len; ++j) {
                char c = static_cast<char>(ptr[j]);
                out += (c >= 0x20 && c < 0x7f) ? c : '.';
            }
        }
    }
    if (linebuflen != 0) {
        size_t n = std::min(out.size(), linebuflen - 1);
        std::memcpy(linebuf, out.data(), n);
        linebuf[n] = '\0';
    }
    return static_cast<int>(out.size());
}
EXPORT_SYMBOL_KSIM(hex_dump_to_buffer)

// Prefix types of include/linux/printk.h.
enum { DUMP_PREFIX_NONE, DUMP_PREFIX_ADDRESS, DUMP_PREFIX_OFFSET };

void print_hex_dump(const char* level, const char* prefix_str, int prefix_type, int rowsize,
                    int groupsize, const void* buf, size_t len, bool ascii) {
    auto* ptr = static_cast<const uint8_t*>(buf);
    if (rowsize != 16 && rowsize != 32)
        rowsize = 16;
    char line[32 * 3 + 2 + 32 + 1];
    for (size_t i = 0; i < len; i += rowsize) {
        size_t linelen = std::min<size_t>(len - i, rowsize);
        hex_dump_to_buffer(ptr + i, linelen, rowsize, groupsize, line, sizeof line, ascii);
        std::string text;
        switch (prefix_type) {
        case DUMP_PREFIX_ADDRESS:
            text = ksim::api::kformat("%s%s%p: %s\n", level, prefix_str, ptr + i, line);
            break;
        case DUMP_PREFIX_OFFSET:
            text = ksim::api::kformat("%s%s%.8zx: %s\n", level, prefix_str, i, line);
            break;
        default:
            text = ksim::api::kformat("%s%s%s\n", level, prefix_str, line);
            break;
        }
        ksim::Kernel::active().log().printk(text);
    }
}
EXPORT_SYMBOL_KSIM(print_hex_dump)

} // extern "C"
