// The check for threads-aba. It belongs to the workbook: edit freelist.swift, not this file.
import ParLearnKit

/// Checks that the slots held by threads and the slots left in the list are each of
/// 0..<slots exactly once: no slot lost, none handed out twice.
func account(held: [Int], list: FreeList, slots: Int) {
    var free: [Int] = []
    while let slot = list.pop() {
        free.append(slot)
        if free.count > slots { break }   // a cycle in the list: stop counting
    }
    let all = (held + free).sorted()
    check(all == Array(0..<slots),
          "threads hold \(held.sorted()) and the list holds \(free): every slot must be in exactly one place")
}

scenario("a slot leaves and comes back") {
    let list = FreeList(slots: 3)
    let t1 = spawn("T1") { list.pop().map { [$0] } ?? [] }
    let t2 = spawn("T2") { () -> [Int] in
        let first = list.pop()
        let second = list.pop()
        if let first { list.push(first) }
        return second.map { [$0] } ?? []
    }
    account(held: t1.join() + t2.join(), list: list, slots: 3)
}

scenario("two threads borrow and return") {
    let list = FreeList(slots: 3)
    let workers = (1...2).map { i in
        spawn("T\(i)") { () -> [Int] in
            guard let slot = list.pop() else { return [] }
            list.push(slot)
            return list.pop().map { [$0] } ?? []
        }
    }
    account(held: workers.flatMap { $0.join() }, list: list, slots: 3)
}
