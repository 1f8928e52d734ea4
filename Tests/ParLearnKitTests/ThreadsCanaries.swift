@testable import ParLearnKit

/// The canary corpus of issue 6: each classic bug with its fixed twin, as scenario bodies.
enum Canary: String, CaseIterable {
    case lostUpdate, bankTransfer, transferDeadlock, checkThenAct, lostWakeup, doubleCheckedInit, closeRacingSend, ringDeadlock

    /// The kind each buggy version must be reported as.
    var expectedKind: BugKind {
        switch self {
        case .transferDeadlock, .ringDeadlock: .deadlock
        default: .invariant
        }
    }

    func body(fixed: Bool) -> @Sendable () -> Void {
        switch self {
        case .lostUpdate: fixed ? Self.lostUpdateFixed : Self.lostUpdateBug
        case .bankTransfer: { Self.bankTransfer(fixed: fixed) }
        case .transferDeadlock: { Self.transferDeadlock(fixed: fixed) }
        case .checkThenAct: { Self.checkThenAct(fixed: fixed) }
        case .lostWakeup: { Self.lostWakeup(fixed: fixed) }
        case .doubleCheckedInit: { Self.doubleCheckedInit(fixed: fixed) }
        case .closeRacingSend: { Self.closeRacingSend(fixed: fixed) }
        case .ringDeadlock: { Self.ringDeadlock(fixed: fixed) }
        }
    }

    // Two threads increment a shared counter without a lock.
    static let lostUpdateLine = #line + 3
    static let lostUpdateBug: @Sendable () -> Void = {
        let counter = Shared(0, "counter")
        let workers = (1...2).map { i in spawn("T\(i)") { counter.value += 1 } }
        for w in workers { w.join() }
        check(counter.value == 2, "counter is \(counter.value), expected 2")
    }

    static let lostUpdateFixed: @Sendable () -> Void = {
        let counter = Mutex(0, "counter")
        let workers = (1...2).map { i in spawn("T\(i)") { counter.withLock { $0 += 1 } } }
        for w in workers { w.join() }
        check(counter.withLock { $0 } == 2, "counter is not 2")
    }

    // Transfers read both balances, then write both; the fix holds one bank lock.
    static func bankTransfer(fixed: Bool) {
        let alice = Shared(100, "alice"), bob = Shared(100, "bob")
        let bank = Lock("bank")
        @Sendable func transfer(_ from: Shared<Int>, _ to: Shared<Int>, _ amount: Int) {
            if fixed { bank.lock() }
            let a = from.value, b = to.value
            from.value = a - amount
            to.value = b + amount
            if fixed { bank.unlock() }
        }
        let t1 = spawn("T1") { transfer(alice, bob, 30) }
        let t2 = spawn("T2") { transfer(bob, alice, 20) }
        t1.join()
        t2.join()
        let total = alice.value + bob.value
        check(total == 200, "the bank holds \(total), expected 200")
    }

    // Opposite lock order deadlocks; the fix takes the locks in one order.
    static func transferDeadlock(fixed: Bool) {
        let a = Lock("a"), b = Lock("b")
        let t1 = spawn("T1") { a.lock(); b.lock(); b.unlock(); a.unlock() }
        let t2 = spawn("T2") {
            let (first, second) = fixed ? (a, b) : (b, a)
            first.lock(); second.lock(); second.unlock(); first.unlock()
        }
        t1.join()
        t2.join()
    }

    // Two buyers of the last item: each step is atomic, the pair is not.
    static func checkThenAct(fixed: Bool) {
        let stock = Atomic(1, "stock")
        let sold = Atomic(0, "sold")
        let buyers = (1...2).map { i in
            spawn("buyer\(i)") {
                if fixed {
                    var seen = stock.load(ordering: .relaxed)
                    while seen > 0 {
                        let r = stock.compareExchange(expected: seen, desired: seen - 1, ordering: .acquiringAndReleasing)
                        if r.exchanged { sold.wrappingAdd(1, ordering: .relaxed); return }
                        seen = r.original
                    }
                } else if stock.load(ordering: .relaxed) > 0 {
                    stock.wrappingSubtract(1, ordering: .relaxed)
                    sold.wrappingAdd(1, ordering: .relaxed)
                }
            }
        }
        for b in buyers { b.join() }
        check(sold.load(ordering: .relaxed) <= 1, "sold \(sold.load(ordering: .relaxed)) items but only 1 was in stock")
    }

    // Two consumers wait for items; with `if` a woken consumer may find the queue empty.
    static func lostWakeup(fixed: Bool) {
        let lock = Lock("queue lock")
        let nonEmpty = Condition("nonEmpty")
        let queue = Shared([Int](), "queue")
        let consumers = (1...2).map { i in
            spawn("consumer\(i)") {
                lock.lock()
                if fixed {
                    while queue.value.isEmpty { nonEmpty.wait(lock) }
                } else if queue.value.isEmpty {
                    nonEmpty.wait(lock)
                }
                check(!queue.value.isEmpty, "consumer\(i) woke up to an empty queue")
                queue.value.removeFirst()
                lock.unlock()
            }
        }
        let producers = (1...2).map { i in
            spawn("producer\(i)") {
                lock.lock()
                queue.value.append(i)
                nonEmpty.signal()
                lock.unlock()
            }
        }
        for t in consumers + producers { t.join() }
    }

    // Double-checked initialisation with an atomic "ready" flag. The bug publishes the flag
    // before the value; the fix stores the value first and re-checks under the lock.
    static func doubleCheckedInit(fixed: Bool) {
        let ready = Atomic(false, "ready")
        let config = Shared(0, "config")
        let lock = Lock("init lock")
        let inits = Shared(0, "inits")
        @Sendable func get() -> Int {
            if ready.load(ordering: .acquiring) { return config.value }
            lock.lock()
            defer { lock.unlock() }
            if fixed && ready.load(ordering: .acquiring) { return config.value }
            inits.value += 1
            if fixed {
                config.value = 42
                ready.store(true, ordering: .releasing)
            } else {
                ready.store(true, ordering: .releasing)
                config.value = 42
            }
            return config.value
        }
        let readers = (1...2).map { i in spawn("reader\(i)") { get() } }
        let values = readers.map { $0.join() }
        check(values.allSatisfy { $0 == 42 }, "a reader saw config = \(values), expected 42")
        check(inits.value == 1, "initialised \(inits.value) times")
    }

    // The closer closes while the producer may still send; the fix joins the producer first.
    static func closeRacingSend(fixed: Bool) {
        let channel = Channel<Int>(capacity: 2, "jobs")
        let sendFailed = Shared(false, "sendFailed")
        let producer = spawn("producer") {
            for job in 1...2 {
                do throws(ChannelClosed) { try channel.send(job) } catch { sendFailed.value = true }
            }
        }
        let closer = spawn("closer") {
            if fixed { producer.join() }
            channel.close()
        }
        var received: [Int] = []
        while let job = channel.receive() { received.append(job) }
        producer.join()
        closer.join()
        check(!sendFailed.value, "a send failed: the channel was closed too early (received \(received))")
    }

    // Three threads each hold one lock and want the next: a ring. The fix orders the locks.
    static func ringDeadlock(fixed: Bool) {
        let locks = [Lock("L0"), Lock("L1"), Lock("L2")]
        let threads = (0..<3).map { i in
            spawn("T\(i)") {
                let (x, y) = (locks[i], locks[(i + 1) % 3])
                let (first, second) = fixed && i == 2 ? (y, x) : (x, y)
                first.lock(); second.lock(); second.unlock(); first.unlock()
            }
        }
        for t in threads { t.join() }
    }
}
