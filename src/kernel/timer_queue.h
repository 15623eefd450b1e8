#pragma once
// The ordering of pending timers (kernel/time/timer.c's wheel, reduced to
// what a simulator needs): items armed with an expiry in jiffies, taken in
// expiry order, ties in arming order. Re-arming a pending item moves it.
// No locking: the owner (Softirq) holds its lock around every call.
//
// 64-bit jiffies do not wrap within a run, so expiries compare as plain
// numbers.

#include <cstdint>
#include <map>
#include <optional>
#include <unordered_map>
#include <utility>

namespace ksim {

template <typename Item> class TimerQueue {
  public:
    // Arms (or moves) `item`; returns whether it was pending before.
    bool arm(Item item, unsigned long expires) {
        bool was = cancel(item);
        auto it = m_order.emplace(Key{expires, ++m_seq}, item).first;
        m_where.emplace(item, it);
        return was;
    }
    // Disarms `item`; returns whether it was pending.
    bool cancel(Item item) {
        auto found = m_where.find(item);
        if (found == m_where.end())
            return false;
        m_order.erase(found->second);
        m_where.erase(found);
        return true;
    }
    bool pending(Item item) const { return m_where.count(item) != 0; }
    std::optional<unsigned long> expires_of(Item item) const {
        auto found = m_where.find(item);
        if (found == m_where.end())
            return std::nullopt;
        return found->second->first.first;
    }
    // The earliest expiry, if any item is pending.
    std::optional<unsigned long> next_expiry() const {
        if (m_order.empty())
            return std::nullopt;
        return m_order.begin()->first.first;
    }
    // Removes and returns the earliest item whose expiry is at or before
    // `now` (time_after_eq(now, expires)).
    std::optional<Item> take_expired(unsigned long now) {
        if (m_order.empty() || m_order.begin()->first.first > now)
            return std::nullopt;
        Item item = m_order.begin()->second;
        m_where.erase(item);
        m_order.erase(m_order.begin());
        return item;
    }
    size_t size() const { return m_where.size(); }
    // Every pending item, in expiry order.
    template <typename Fn> void for_each(Fn fn) const {
        for (const auto& [key, item] : m_order)
            fn(item, key.first);
    }

  private:
    using Key = std::pair<unsigned long, uint64_t>; // expiry, arming order
    std::map<Key, Item> m_order;
    std::unordered_map<Item, typename std::map<Key, Item>::iterator> m_where;
    uint64_t m_seq = 0;
};

} // namespace ksim
