import ParLearnKit

/// The top of the stack and how many times the top has changed. Two tops are equal only if
/// both match, so a slot that left and came back no longer looks unchanged.
struct Top: Sendable, Equatable {
    var slot: Int
    var version: Int
}

/// The free slots of a buffer pool, kept as a lock-free stack (a Treiber stack), as memory
/// allocators do: `pop()` hands out a free slot, `push(_:)` gives one back. `head` is the top
/// free slot, `next[i]` the free slot below slot `i`, and -1 marks the bottom.
final class FreeList: Sendable {
    private let head: Atomic<Top>
    private let next: [Atomic<Int>]

    init(slots: Int) {
        next = (0..<slots).map { Atomic($0 + 1 < slots ? $0 + 1 : -1, "next[\($0)]") }
        head = Atomic(Top(slot: slots > 0 ? 0 : -1, version: 0), "head")
    }

    func pop() -> Int? {
        while true {
            let top = head.load()
            guard top.slot != -1 else { return nil }
            let below = next[top.slot].load()
            // Every change bumps the version, so the swap fails if anything happened since the
            // load, even if the same slot is on top again (the ABA problem).
            if head.compareExchange(expected: top, desired: Top(slot: below, version: top.version + 1)).exchanged {
                return top.slot
            }
        }
    }

    func push(_ slot: Int) {
        while true {
            let top = head.load()
            next[slot].store(top.slot)
            if head.compareExchange(expected: top, desired: Top(slot: slot, version: top.version + 1)).exchanged {
                return
            }
        }
    }
}
