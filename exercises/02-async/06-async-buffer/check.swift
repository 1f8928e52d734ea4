// The check for async-bounded-buffer. It belongs to the workbook: edit buffer.swift, not this file.
import ParLearnKit

scenario("fast producers and a slow consumer") {
    let buffer = AsyncBuffer<Int>(capacity: 2)
    let odd = spawnTask("odd") { for value in [1, 3, 5] { await buffer.send(value) } }
    let even = spawnTask("even") {
        await sleep(for: .milliseconds(5))      // starts late, when the buffer may have room again
        for value in [2, 4, 6] { await buffer.send(value) }
    }
    var received: [Int] = []
    for _ in 1...6 {
        await sleep(for: .milliseconds(5))      // the consumer is slower than the producers
        let buffered = await buffer.count
        check(buffered <= 2, "\(buffered) values are buffered in a buffer of capacity 2: a send did not wait")
        if let value = await buffer.receive() { received.append(value) }
    }
    _ = await (odd.value, even.value)
    let (odds, evens) = (received.filter { $0 % 2 == 1 }, received.filter { $0 % 2 == 0 })
    check(odds == [1, 3, 5] && evens == [2, 4, 6],
          "the consumer received \(received): expected 1, 3, 5 and 2, 4, 6, each producer's values in order")
}

scenario("a waiting consumer is cancelled") {
    let buffer = AsyncBuffer<Int>(capacity: 2)
    let consumer = spawnTask("consumer") { await buffer.receive() }
    await sleep(for: .milliseconds(10))         // the consumer is waiting on the empty buffer
    consumer.cancel()
    let got = await consumer.value
    check(got == nil, "a consumer cancelled while waiting received \(got.map(String.init) ?? "nil"), expected nil")
    // The cancelled consumer no longer waits: the next value goes to the next consumer.
    await buffer.send(7)
    let next = spawnTask("next consumer") { await buffer.receive() }
    let value = await next.value
    check(value == 7, "after a cancelled consumer, the next one received \(value.map(String.init) ?? "nil"), expected 7")
}

scenario("a cancellation races a send") {
    let buffer = AsyncBuffer<Int>(capacity: 2)
    let first = spawnTask("first") { await buffer.receive() }
    let second = spawnTask("second") { await buffer.receive() }
    let producer = spawnTask("producer") {
        await buffer.send(1)
        await buffer.send(2)
    }
    first.cancel()
    await producer.value
    // Every value reaches exactly one consumer, or is still in the buffer: none lost, none twice.
    var seen = [await first.value, await second.value].compactMap { $0 }
    while await buffer.count > 0 {
        if let value = await buffer.receive() { seen.append(value) }
    }
    check(seen.sorted() == [1, 2], "the consumers and the buffer hold \(seen) after sending 1 and 2, expected each exactly once")
}
