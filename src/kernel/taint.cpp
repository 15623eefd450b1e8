// Taint letters, after kernel/panic.c (taint_flags[] and print_tainted()).
#include "kernel/taint.h"

namespace ksim {

namespace {

struct FlagLetters {
    char set;
    char clear;
    bool module; // shown per module (taint_flags[].module)
};

constexpr FlagLetters kLetters[taint_count] = {
    {'P', 'G', true}, {'F', ' ', true}, {'S', ' ', false}, {'R', ' ', false},
    {'M', ' ', false}, {'B', ' ', false}, {'U', ' ', false}, {'D', ' ', false},
    {'A', ' ', false}, {'W', ' ', false}, {'C', ' ', true}, {'I', ' ', false},
    {'O', ' ', true}, {'E', ' ', true}, {'L', ' ', false}, {'K', ' ', true},
    {'X', ' ', true}, {'T', ' ', true}, {'N', ' ', true},
};

} // namespace

std::string taint_letters_full(uint32_t mask) {
    std::string out;
    for (unsigned i = 0; i < taint_count; ++i)
        out += (mask >> i) & 1u ? kLetters[i].set : kLetters[i].clear;
    return out;
}

std::string taint_letters_module(uint32_t mask) {
    std::string out;
    for (unsigned i = 0; i < taint_count; ++i)
        if (kLetters[i].module && ((mask >> i) & 1u))
            out += kLetters[i].set;
    return out;
}

std::string Taint::describe() const {
    uint32_t m = mask();
    if (m == 0)
        return "Not tainted";
    return "Tainted: " + taint_letters_full(m);
}

} // namespace ksim
