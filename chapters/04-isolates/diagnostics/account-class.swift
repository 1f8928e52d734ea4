// Does not compile, on purpose: a class with a mutable balance is not Sendable, so it may not
// cross into the actor. chapter.md quotes the diagnostic; a test compiles this file.
final class Account {
    var balance = 100
}

actor Bank {
    private var accounts: [Account] = []

    func open(_ account: Account) { accounts.append(account) }
}

func openAccount(in bank: Bank) async {
    let account = Account()
    await bank.open(account)
    account.balance -= 100
}
