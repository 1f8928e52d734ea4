// Does not compile, on purpose: a queue between isolates carries only Sendable values, and a
// class with a mutable balance is not Sendable. chapter.md quotes the diagnostic.
import ParLearnKit

final class Account {
    var balance = 100
}

func sendAccount() throws {
    let accounts = IsolateQueue<Account>("accounts")
    try accounts.put(Account())
}
