// sort, sort_r, bsearch and list_sort (mirrors lib/sort.c, lib/bsearch.c and
// lib/list_sort.c). sort is an in-place heapsort (not stable, like the
// kernel's); list_sort is a stable merge sort.
#include "api/export.h"
#include "support/abi.h"

#include <cstddef>
#include <cstring>

namespace {

using cmp_r_t = int (*)(const void*, const void*, const void*);
using swap_r_t = void (*)(void*, void*, int, const void*);
using cmp_t = int (*)(const void*, const void*);
using swap_t = void (*)(void*, void*, int);

void swap_bytes(void* a, void* b, size_t size) {
    auto* x = static_cast<unsigned char*>(a);
    auto* y = static_cast<unsigned char*>(b);
    for (size_t i = 0; i < size; ++i) {
        unsigned char t = x[i];
        x[i] = y[i];
        y[i] = t;
    }
}

struct Sorter {
    char* base;
    size_t size;
    cmp_r_t cmp;
    swap_r_t swap;
    const void* priv;
    void* at(size_t i) const { return base + i * size; }
    void exchange(size_t i, size_t j) const {
        if (swap != nullptr)
            swap(at(i), at(j), static_cast<int>(size), priv);
        else
            swap_bytes(at(i), at(j), size);
    }
    // Sifts element i down a max-heap of n elements.
    void sift_down(size_t i, size_t n) const {
        for (;;) {
            size_t child = 2 * i + 1;
            if (child >= n)
                return;
            if (child + 1 < n && cmp(at(child), at(child + 1), priv) < 0)
                ++child;
            if (cmp(at(i), at(child), priv) >= 0)
                return;
            exchange(i, child);
            i = child;
        }
    }
};

// sort() adapts the priv-less callbacks through these trampolines.
struct PlainCallbacks {
    cmp_t cmp;
    swap_t swap;
};
int plain_cmp(const void* a, const void* b, const void* priv) {
    return static_cast<const PlainCallbacks*>(priv)->cmp(a, b);
}
void plain_swap(void* a, void* b, int size, const void* priv) {
    static_cast<const PlainCallbacks*>(priv)->swap(a, b, size);
}

} // namespace

extern "C" {

void sort_r(void* base, size_t num, size_t size, cmp_r_t cmp_func, swap_r_t swap_func,
            const void* priv) {
    if (num < 2 || size == 0)
        return;
    Sorter s{static_cast<char*>(base), size, cmp_func, swap_func, priv};
    for (size_t i = num / 2; i-- > 0;)
        s.sift_down(i, num);
    for (size_t n = num - 1; n > 0; --n) {
        s.exchange(0, n);
        s.sift_down(0, n);
    }
}
EXPORT_SYMBOL_KSIM(sort_r)

void sort(void* base, size_t num, size_t size, cmp_t cmp_func, swap_t swap_func) {
    PlainCallbacks cb{cmp_func, swap_func};
    sort_r(base, num, size, plain_cmp, swap_func != nullptr ? plain_swap : nullptr, &cb);
}
EXPORT_SYMBOL_KSIM(sort)

void* ksim_bsearch(const void* key, const void* base, size_t num, size_t size, cmp_t cmp) {
    const char* b = static_cast<const char*>(base);
    while (num > 0) {
        const char* pivot = b + (num >> 1) * size;
        int result = cmp(key, pivot);
        if (result == 0)
            return const_cast<char*>(pivot);
        if (result > 0) {
            b = pivot + size;
            --num;
        }
        num >>= 1;
    }
    return nullptr;
}
EXPORT_SYMBOL_AS_KSIM(bsearch, ksim_bsearch)

using list_cmp_t = int (*)(void*, const list_head*, const list_head*);

// Stable: among equal elements the earlier one stays first (cmp <= 0 keeps
// a before b), as lib/list_sort.c promises.
void list_sort(void* priv, list_head* head, list_cmp_t cmp) {
    if (head->next == head || head->next->next == head)
        return;
    // Detach into a NULL-terminated singly linked list, merge bottom-up.
    head->prev->next = nullptr;
    list_head* list = head->next;
    auto merge = [&](list_head* a, list_head* b) {
        list_head dummy;
        list_head* tail = &dummy;
        while (a != nullptr && b != nullptr) {
            if (cmp(priv, a, b) <= 0) {
                tail->next = a;
                a = a->next;
            } else {
                tail->next = b;
                b = b->next;
            }
            tail = tail->next;
        }
        tail->next = a != nullptr ? a : b;
        return dummy.next;
    };
    size_t len = 0;
    for (list_head* p = list; p != nullptr; p = p->next)
        ++len;
    for (size_t width = 1; width < len; width *= 2) {
        list_head dummy;
        list_head* tail = &dummy;
        list_head* rest = list;
        while (rest != nullptr) {
            list_head* a = rest;
            list_head* p = a;
            for (size_t i = 1; i < width && p->next != nullptr; ++i)
                p = p->next;
            list_head* b = p->next;
            p->next = nullptr;
            p = b;
            for (size_t i = 1; i < width && p != nullptr && p->next != nullptr; ++i)
                p = p->next;
            if (p != nullptr) {
                rest = p->next;
                p->next = nullptr;
            } else {
                rest = nullptr;
            }
            tail->next = merge(a, b);
            while (tail->next != nullptr)
                tail = tail->next;
        }
        list = dummy.next;
    }
    // Rebuild the prev links of the circular list.
    list_head* prev = head;
    for (list_head* p = list; p != nullptr; p = p->next) {
        p->prev = prev;
        prev->next = p;
        prev = p;
    }
    prev->next = head;
    head->prev = prev;
}
EXPORT_SYMBOL_KSIM(list_sort)

} // extern "C"
