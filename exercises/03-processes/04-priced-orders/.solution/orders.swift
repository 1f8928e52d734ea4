import ParLearnKit

/// Prices every order on `pool`, in order. A job whose worker crashed runs again.
func priceAll(_ orders: [Int], on pool: ProcessPool, with price: EntryPoint<Int, Int>) throws -> [Int] {
    let futures = try orders.map { try pool.submit(price, $0) }
    var prices: [Int] = []
    for (order, future) in zip(orders, futures) {
        do {
            prices.append(try future.result())
        } catch ProcessError.crashed {
            prices.append(try pool.submit(price, order).result())
        }
    }
    return prices
}
