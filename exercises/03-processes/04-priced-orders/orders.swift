import ParLearnKit

/// Prices every order on `pool`, in order.
func priceAll(_ orders: [Int], on pool: ProcessPool, with price: EntryPoint<Int, Int>) throws -> [Int] {
    // TODO: a crashed worker fails its job; this loses the whole batch.
    try pool.map(price, orders)
}
