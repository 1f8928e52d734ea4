import XCTest

/// The kit's `Mutex` has `Synchronization.Mutex`'s signature, `sending` included, so the races
/// Swift 6 rejects with the standard library's mutex are rejected with the kit's too.
final class MutexSendingTests: XCTestCase {
    private func program(_ body: String) -> String {
        """
        import ParLearnKit
        final class Account { var balance = 0 }
        final class Bank: Sendable {
            let vault = Mutex(Account(), "vault")
            \(body)
        }
        """
    }

    /// Storing a value the caller still uses would share it between the lock and the caller.
    func testSmugglingAValueIntoTheStateDoesNotCompile() throws {
        let errors = try KitProgram.errors(compiling: program("""
            func smuggle() {
                let mine = Account()
                vault.withLock { account in account = mine }
                mine.balance += 1
            }
            """), name: "mutex-smuggle")
        XCTAssertNotNil(errors, "the racy form compiled")
        XCTAssertTrue(errors?.contains("'inout sending' parameter 'account'") == true, errors ?? "")
    }

    func testHandingOverAFreshValueAndReturningValuesCompiles() throws {
        let errors = try KitProgram.errors(compiling: program("""
            func open() -> Int {
                vault.withLock { account in account = Account() }
                let balance = vault.withLock { $0.balance += 10; return $0.balance }
                let fresh = vault.withLockIfAvailable { _ in Account() }
                return balance + (fresh?.balance ?? 0)
            }
            """), name: "mutex-fresh")
        XCTAssertNil(errors)
    }
}
