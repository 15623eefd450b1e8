// The %p family of lib/vsprintf.c pointer(): hashed %p, %px, %pK, symbols
// (%pS %ps %pSR %pB), %pe, hex buffers (%*ph), MAC (%pM), IPv4/IPv6 (%pI),
// UUIDs (%pU), %pa/%pad and %pV. Unknown extensions print as plain %p, as in
// the kernel.
#include "api/format_pointer.h"

#include "api/vsprintf.h"
#include "kernel/kernel.h"
#include "kernel/symbolize.h"

#include <arpa/inet.h>
#include <cstdint>
#include <cstring>

namespace ksim::api {

namespace {

constexpr uintptr_t page_size = 4096;
constexpr uintptr_t max_errno = 4095;

bool is_err(const void* p) {
    return reinterpret_cast<uintptr_t>(p) >= -max_errno;
}

// check_pointer(): what to print instead of dereferencing, or nullptr.
const char* bad_pointer(const void* p) {
    if (p == nullptr)
        return "(null)";
    if (reinterpret_cast<uintptr_t>(p) < page_size || is_err(p))
        return "(efault)";
    return nullptr;
}

// error_string(): at most 16 characters unless a precision says otherwise.
void emit_error_string(Sink& out, const char* s, FormatSpec spec) {
    if (spec.precision == -1)
        spec.precision = 2 * sizeof(void*);
    emit_string(out, s, spec);
}

// pointer_string(): zero-padded lower-case hex, 16 digits by default.
void emit_pointer_value(Sink& out, uint64_t value, FormatSpec spec) {
    spec.base = 16;
    spec.flags |= FormatSpec::small;
    if (spec.width == -1) {
        spec.width = 2 * sizeof(void*);
        spec.flags |= FormatSpec::zeropad;
    }
    emit_number(out, value, spec);
}

// ptr_to_id(): NULL and ERR_PTRs print as they are; other addresses as the
// low 32 bits of a keyed hash, so they identify objects without revealing
// where they are.
void emit_hashed(Sink& out, const void* p, FormatSpec spec) {
    auto v = reinterpret_cast<uint64_t>(p);
    if (p == nullptr || is_err(p)) {
        emit_pointer_value(out, v, spec);
        return;
    }
    Kernel* k = Kernel::active_or_null();
    if (k == nullptr) {
        spec.width = 2 * sizeof(void*);
        emit_error_string(out, "(____ptrval____)", spec);
        return;
    }
    emit_pointer_value(out, k->api().pointer_hash(v) & 0xffffffffu, spec);
}

void emit_hex(Sink& out, unsigned v, bool upper = false) {
    const char* d = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    out.put(d[(v >> 4) & 0xf]);
    out.put(d[v & 0xf]);
}

// hex_string(): %*ph with separators ' ' (default), ':' (C), '-' (D) or none
// (N); the field width is the byte count (1 when absent, at most 64).
void emit_hex_buffer(Sink& out, const char* fmt, const void* p, FormatSpec spec) {
    if (spec.width == 0)
        return;
    if (const char* bad = bad_pointer(p)) {
        emit_error_string(out, bad, spec);
        return;
    }
    char sep = ' ';
    switch (fmt[1]) {
    case 'C':
        sep = ':';
        break;
    case 'D':
        sep = '-';
        break;
    case 'N':
        sep = 0;
        break;
    default:
        break;
    }
    int len = spec.width < 0 ? 1 : (spec.width > 64 ? 64 : spec.width);
    auto* b = static_cast<const unsigned char*>(p);
    for (int i = 0; i < len; ++i) {
        if (i != 0 && sep)
            out.put(sep);
        emit_hex(out, b[i]);
    }
}

// mac_address_string(): %pM "00:11:..", %pMF with '-', %pMR reversed, %pm
// without separators.
void emit_mac(Sink& out, const char* fmt, const void* p, FormatSpec spec) {
    if (const char* bad = bad_pointer(p)) {
        emit_error_string(out, bad, spec);
        return;
    }
    char buf[6 * 3];
    char* q = buf;
    auto* addr = static_cast<const unsigned char*>(p);
    char sep = fmt[0] == 'M' ? ':' : 0;
    bool reversed = fmt[1] == 'R';
    if (fmt[1] == 'F')
        sep = '-';
    for (int i = 0; i < 6; ++i) {
        unsigned v = reversed ? addr[5 - i] : addr[i];
        *q++ = "0123456789abcdef"[v >> 4];
        *q++ = "0123456789abcdef"[v & 0xf];
        if (sep && i != 5)
            *q++ = sep;
    }
    *q = '\0';
    emit_string(out, buf, spec);
}

void emit_ip(Sink& out, const char* fmt, const void* p, FormatSpec spec) {
    if (const char* bad = bad_pointer(p)) {
        emit_error_string(out, bad, spec);
        return;
    }
    char buf[64];
    auto* a = static_cast<const unsigned char*>(p);
    if (fmt[1] == '4') {
        // %pI4 "1.2.3.4"; %pi4 with leading zeros "001.002.003.004".
        const char* f = fmt[0] == 'i' ? "%03u.%03u.%03u.%03u" : "%u.%u.%u.%u";
        ksim_snprintf(buf, sizeof buf, f, a[0], a[1], a[2], a[3]);
    } else if (fmt[0] == 'I' && fmt[2] == 'c') {
        // %pI6c: RFC 5952 compressed form, which inet_ntop produces.
        if (inet_ntop(AF_INET6, p, buf, sizeof buf) == nullptr)
            buf[0] = '\0';
    } else {
        // %pI6 eight colon-separated groups; %pi6 32 bare hex digits.
        char* q = buf;
        for (int i = 0; i < 16; ++i) {
            *q++ = "0123456789abcdef"[a[i] >> 4];
            *q++ = "0123456789abcdef"[a[i] & 0xf];
            if (fmt[0] == 'I' && (i & 1) && i != 15)
                *q++ = ':';
        }
        *q = '\0';
    }
    emit_string(out, buf, spec);
}

// uuid_string(): %pUb (default) byte order, %pUl little-endian fields; the
// upper-case letter gives upper-case hex.
void emit_uuid(Sink& out, const char* fmt, const void* p, FormatSpec spec) {
    if (const char* bad = bad_pointer(p)) {
        emit_error_string(out, bad, spec);
        return;
    }
    static const int be[16] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15};
    static const int le[16] = {3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15};
    bool upper = fmt[1] == 'B' || fmt[1] == 'L';
    const int* idx = (fmt[1] == 'l' || fmt[1] == 'L') ? le : be;
    auto* a = static_cast<const unsigned char*>(p);
    char buf[40];
    char* q = buf;
    const char* d = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    for (int i = 0; i < 16; ++i) {
        *q++ = d[a[idx[i]] >> 4];
        *q++ = d[a[idx[i]] & 0xf];
        if (i == 3 || i == 5 || i == 7 || i == 9)
            *q++ = '-';
    }
    *q = '\0';
    emit_string(out, buf, spec);
}

// err_ptr(): the errno's name, or the number when it has none.
void emit_err(Sink& out, const void* p, FormatSpec spec) {
    int err = static_cast<int>(reinterpret_cast<intptr_t>(p));
    if (const char* name = errname(err)) {
        emit_string(out, name, spec);
        return;
    }
    spec.flags |= FormatSpec::sign;
    spec.base = 10;
    emit_number(out, static_cast<unsigned long long>(static_cast<long long>(err)), spec);
}

struct VaFormat {
    const char* fmt;
    va_list* va;
};

} // namespace

void emit_checked_string(Sink& out, const char* s, FormatSpec spec) {
    if (const char* bad = bad_pointer(s)) {
        emit_error_string(out, bad, spec);
        return;
    }
    emit_string(out, s, spec);
}

const char* format_pointer(Sink& out, const char* fmt, void* ptr, FormatSpec spec) {
    switch (fmt[0]) {
    case 'S':
    case 's':
    case 'B': {
        auto addr = reinterpret_cast<uint64_t>(ptr);
        Kernel* k = Kernel::active_or_null();
        bool with_offset = fmt[0] != 's';
        // %pB is a return address: look up the call instruction before it.
        std::string sym;
        if (k != nullptr && fmt[0] == 'B' && addr != 0) {
            sym = format_symbol(*k, addr - 1, true);
        } else if (k != nullptr) {
            sym = format_symbol(*k, addr, with_offset);
        } else {
            char b[32];
            ksim_snprintf(b, sizeof b, "0x%lx", static_cast<unsigned long>(addr));
            sym = b;
        }
        emit_string(out, sym.c_str(), spec);
        return fmt;
    }
    case 'x':
        emit_pointer_value(out, reinterpret_cast<uint64_t>(ptr), spec);
        return fmt;
    case 'e':
        if (!is_err(ptr))
            break;
        emit_err(out, ptr, spec);
        return fmt;
    case 'h':
        emit_hex_buffer(out, fmt, ptr, spec);
        return fmt;
    case 'M':
    case 'm':
        emit_mac(out, fmt, ptr, spec);
        return fmt;
    case 'I':
    case 'i':
        if (fmt[1] == '4' || fmt[1] == '6') {
            emit_ip(out, fmt, ptr, spec);
            return fmt;
        }
        break;
    case 'U':
        emit_uuid(out, fmt, ptr, spec);
        return fmt;
    case 'a': {
        // address_val(): %pa[p] phys_addr_t, %pad dma_addr_t, printed with
        // "0x" and all 16 digits.
        if (const char* bad = bad_pointer(ptr)) {
            emit_error_string(out, bad, spec);
            return fmt;
        }
        spec.flags |= FormatSpec::special | FormatSpec::small | FormatSpec::zeropad;
        spec.width = 2 + 2 * sizeof(uint64_t);
        spec.base = 16;
        emit_number(out, *static_cast<const uint64_t*>(ptr), spec);
        return fmt;
    }
    case 'V': {
        if (const char* bad = bad_pointer(ptr)) {
            emit_error_string(out, bad, spec);
            return fmt;
        }
        auto* vaf = static_cast<VaFormat*>(ptr);
        va_list copy;
        va_copy(copy, *vaf->va);
        format(out, vaf->fmt, copy);
        va_end(copy);
        return fmt;
    }
    case 'K':
        // %pK with kptr_restrict = 0 (Debian's default): same as %p.
        break;
    default:
        break;
    }
    emit_hashed(out, ptr, spec);
    return fmt;
}

} // namespace ksim::api
