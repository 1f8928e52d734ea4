// Does not compile, on purpose: a queue between isolates carries only Sendable values, and a
// class with a mutable balance is not Sendable. chapter.md quotes the diagnostics.
import ParLearnKit

final class Account {
    var balance = 100
}

func send(_ account: Account, on queue: IsolateQueue<Account>) throws {
    try queue.put(account)
}
