#pragma once
// The kernel's <linux/ctype.h> classification (lib/ctype.c) for ksim's own
// parsers: locale independent, and 0xa0 (no-break space) counts as space as
// in the kernel's Latin-1 table.

namespace ksim::api {

constexpr bool k_isdigit(int c) {
    return c >= '0' && c <= '9';
}
constexpr bool k_isxdigit(int c) {
    return k_isdigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
constexpr bool k_isspace(int c) {
    c &= 0xff;
    return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xa0;
}
constexpr bool k_isupper(int c) {
    return c >= 'A' && c <= 'Z';
}
constexpr bool k_islower(int c) {
    return c >= 'a' && c <= 'z';
}
constexpr int k_tolower(int c) {
    return k_isupper(c) ? c - 'A' + 'a' : c;
}
constexpr int k_toupper(int c) {
    return k_islower(c) ? c - 'a' + 'A' : c;
}

} // namespace ksim::api
