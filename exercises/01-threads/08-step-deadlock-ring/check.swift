// A step-mode challenge: three transfers in a ring, each locking source then target.
import ParLearnKit

scenario("a ring of transfers") {
    let accounts = ["alice", "bob", "carol"].map { Mutex(100, $0) }
    let transfers = (0..<3).map { i in
        spawn("T\(i + 1)") {
            let (source, target) = (accounts[i], accounts[(i + 1) % 3])
            source.withLock { from in
                target.withLock { to in
                    from -= 10
                    to += 10
                }
            }
        }
    }
    for t in transfers { t.join() }
    let total = accounts.reduce(0) { sum, account in sum + account.withLock { $0 } }
    check(total == 300, "the bank holds \(total), expected 300")
}
