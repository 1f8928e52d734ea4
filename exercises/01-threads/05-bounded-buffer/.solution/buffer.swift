import ParLearnKit

/// A fixed-size queue between producer and consumer threads: `put` waits while it is full,
/// `take` waits while it is empty. Items come out in the order they went in.
final class BoundedBuffer: Sendable {
    let capacity: Int
    private let lock = Lock("buffer")
    private let notFull = Condition("notFull")
    private let notEmpty = Condition("notEmpty")
    // A ring of slots; all three are guarded by `lock`.
    private let slots: Shared<[Int]>
    private let head = Shared(0, "head")     // the next slot to take from
    private let count = Shared(0, "count")   // how many slots hold an item

    init(capacity: Int) {
        self.capacity = capacity
        slots = Shared(Array(repeating: 0, count: capacity), "slots")
    }

    func put(_ item: Int) {
        lock.withLock {
            // A wakeup means "look again", not "there is room": re-check every time.
            while count.value == capacity {
                notFull.wait(lock)
            }
            slots.value[(head.value + count.value) % capacity] = item
            count.value += 1
            notEmpty.signal()
        }
    }

    func take() -> Int {
        lock.withLock {
            while count.value == 0 {
                notEmpty.wait(lock)
            }
            let item = slots.value[head.value]
            head.value = (head.value + 1) % capacity
            count.value -= 1
            notFull.signal()
            return item
        }
    }
}
