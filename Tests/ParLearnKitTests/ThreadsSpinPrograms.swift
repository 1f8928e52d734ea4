@testable import ParLearnKit

/// Busy-waiting programs for fair scheduling (issue 13): correct spin locks that must stay
/// clean, and their broken twins. Every shared value is an `Atomic` (sequentially consistent
/// under the checker, as these algorithms assume) or a `Shared` inside the critical section.
enum SpinProgram: String, CaseIterable {
    case peterson, handshake, filterLock

    func body(fixed: Bool) -> @Sendable () -> Void {
        switch self {
        case .peterson: { Self.peterson(fixed: fixed) }
        case .handshake: { Self.handshake(fixed: fixed) }
        case .filterLock: { Self.filterLock(fixed: fixed) }
        }
    }

    /// Peterson's lock for two threads. The broken twin publishes `turn` before its flag, so
    /// both can enter.
    static func peterson(fixed: Bool) {
        let flag = [Atomic(false, "flag0"), Atomic(false, "flag1")]
        let turn = Atomic(0, "turn")
        let count = Shared(0, "count")
        let workers = (0..<2).map { me in
            spawn("T\(me)") {
                let other = 1 - me
                if fixed {
                    flag[me].store(true, ordering: .sequentiallyConsistent)
                    turn.store(other, ordering: .sequentiallyConsistent)
                } else {
                    turn.store(other, ordering: .sequentiallyConsistent)
                    flag[me].store(true, ordering: .sequentiallyConsistent)
                }
                while flag[other].load(ordering: .sequentiallyConsistent)
                    && turn.load(ordering: .sequentiallyConsistent) == other {}
                count.value += 1
                flag[me].store(false, ordering: .sequentiallyConsistent)
            }
        }
        for w in workers { w.join() }
        check(count.value == 2, "count is \(count.value), expected 2")
    }

    /// Two flags: the producer publishes data and waits for the acknowledgement. The broken
    /// twin raises `ready` before writing the data.
    static func handshake(fixed: Bool) {
        let data = Shared(0, "data")
        let ready = Atomic(false, "ready"), ack = Atomic(false, "ack")
        let producer = spawn("producer") {
            if !fixed { ready.store(true, ordering: .releasing) }
            data.value = 42
            if fixed { ready.store(true, ordering: .releasing) }
            while !ack.load(ordering: .acquiring) {}
        }
        let consumer = spawn("consumer") {
            while !ready.load(ordering: .acquiring) {}
            check(data.value == 42, "the consumer read \(data.value) before the data was written")
            ack.store(true, ordering: .releasing)
        }
        producer.join()
        consumer.join()
    }

    /// The filter lock (Peterson's generalisation) for three threads. The broken twin skips
    /// the victim test: threads on one level wait for each other forever.
    static func filterLock(fixed: Bool) {
        let n = 3
        let level = (0..<n).map { Atomic(0, "level\($0)") }
        let victim = (0..<n).map { Atomic(-1, "victim\($0)") }
        let count = Shared(0, "count")
        let workers = (0..<n).map { me in
            spawn("T\(me)") {
                for l in 1..<n {
                    level[me].store(l, ordering: .sequentiallyConsistent)
                    victim[l].store(me, ordering: .sequentiallyConsistent)
                    while (0..<n).contains(where: { $0 != me && level[$0].load(ordering: .sequentiallyConsistent) >= l })
                        && (!fixed || victim[l].load(ordering: .sequentiallyConsistent) == me) {}
                }
                count.value += 1
                level[me].store(0, ordering: .sequentiallyConsistent)
            }
        }
        for w in workers { w.join() }
        check(count.value == n, "count is \(count.value), expected \(n)")
    }

    /// Two polite threads that livelock: each raises its flag, and while the other's flag is
    /// up it lowers its own, yields and tries again. In strict alternation neither gets in.
    static let politeLivelock: @Sendable () -> Void = {
        let flag = [Atomic(false, "flag0"), Atomic(false, "flag1")]
        let workers = (0..<2).map { me in
            spawn("T\(me)") {
                flag[me].store(true, ordering: .sequentiallyConsistent)
                yieldNow()
                while flag[1 - me].load(ordering: .sequentiallyConsistent) {
                    yieldNow()
                    flag[me].store(false, ordering: .sequentiallyConsistent)
                    yieldNow()
                    flag[me].store(true, ordering: .sequentiallyConsistent)
                    yieldNow()
                }
                flag[me].store(false, ordering: .sequentiallyConsistent)
            }
        }
        for w in workers { w.join() }
    }

    /// Two flags and no `turn`: if both flags go up, both threads spin forever.
    static let flagsOnlyLock: @Sendable () -> Void = {
        let flag = [Atomic(false, "flag0"), Atomic(false, "flag1")]
        let workers = (0..<2).map { me in
            spawn("T\(me)") {
                flag[me].store(true, ordering: .sequentiallyConsistent)
                while flag[1 - me].load(ordering: .sequentiallyConsistent) {}
                flag[me].store(false, ordering: .sequentiallyConsistent)
            }
        }
        for w in workers { w.join() }
    }
}
