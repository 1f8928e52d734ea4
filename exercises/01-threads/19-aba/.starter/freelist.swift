import ParLearnKit

/// The free slots of a buffer pool, kept as a lock-free stack (a Treiber stack), as memory
/// allocators do: `pop()` hands out a free slot, `push(_:)` gives one back. `head` is the top
/// free slot, `next[i]` the free slot below slot `i`, and -1 marks the bottom.
final class FreeList: Sendable {
    private let head: Atomic<Int>
    private let next: [Atomic<Int>]

    init(slots: Int) {
        next = (0..<slots).map { Atomic($0 + 1 < slots ? $0 + 1 : -1, "next[\($0)]") }
        head = Atomic(slots > 0 ? 0 : -1, "head")
    }

    func pop() -> Int? {
        while true {
            let top = head.load()
            guard top != -1 else { return nil }
            let below = next[top].load()
            // TODO: "head is still `top`" does not mean "nothing happened". Between the load and
            // this compare-and-swap, other threads may pop `top`, pop `below`, and push `top`
            // back. The swap still succeeds and makes `below`, a slot now in use, the top.
            if head.compareExchange(expected: top, desired: below).exchanged {
                return top
            }
        }
    }

    func push(_ slot: Int) {
        while true {
            let top = head.load()
            next[slot].store(top)
            if head.compareExchange(expected: top, desired: slot).exchanged {
                return
            }
        }
    }
}
