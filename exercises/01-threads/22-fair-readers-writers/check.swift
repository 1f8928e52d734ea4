// The check for threads-fair-readers-writers. It belongs to the workbook: edit rwlock.swift,
// not this file.
import ParLearnKit

/// How many reads may begin while a writer waits. A fair lock lets in only readers that were
/// already on their way in when the writer arrived; 4 leaves room for those.
let maxOvertakes = 4

scenario("a writer among busy readers") {
    // Two readers read six times each, and each read takes a while (it yields twice). The
    // writer arrives while R1 is reading, and counts the reads that begin while it waits.
    let lock = ReadWriteLock()
    let firstRead = Semaphore(value: 0, "firstRead")
    let writerWaiting = Atomic(false, "writerWaiting")
    let overtakes = Atomic(0, "overtakes")
    let readers = (1...2).map { i in
        spawn("R\(i)") {
            for n in 1...6 {
                lock.read {
                    if i == 1 && n == 1 { firstRead.signal() }
                    if writerWaiting.load() { overtakes.wrappingAdd(1) }
                    yieldNow()
                    yieldNow()
                }
            }
        }
    }
    let writer = spawn("W") {
        firstRead.wait()
        writerWaiting.store(true)
        lock.write {
            writerWaiting.store(false)
            let overtaken = overtakes.load()
            check(overtaken <= maxOvertakes,
                  "\(overtaken) reads began while W waited to write; a fair lock lets at most \(maxOvertakes) in")
        }
    }
    writer.join()
    for reader in readers { reader.join() }
}

scenario("two readers at once") {
    // Each reader waits inside until the other is inside too: a lock that is fair by letting
    // one thread in at a time fails here.
    let lock = ReadWriteLock()
    let inside = [Semaphore(value: 0, "R1.inside"), Semaphore(value: 0, "R2.inside")]
    let readers = [0, 1].map { me in
        spawn("R\(me + 1)") {
            lock.read {
                inside[me].signal()
                inside[1 - me].wait()
            }
        }
    }
    for reader in readers { reader.join() }
}

scenario("a writer has the room to itself") {
    let lock = ReadWriteLock()
    let reading = Atomic(0, "reading")
    let writing = Atomic(0, "writing")
    let readers = (1...2).map { i in
        spawn("R\(i)") {
            lock.read {
                reading.wrappingAdd(1)
                check(writing.load() == 0, "R\(i) read while a writer was writing")
                reading.wrappingSubtract(1)
            }
        }
    }
    let writers = (1...2).map { i in
        spawn("W\(i)") {
            lock.write {
                let others = writing.wrappingAdd(1).newValue - 1
                let readersIn = reading.load()
                check(others == 0 && readersIn == 0,
                      "W\(i) wrote while \(others) other writer(s) and \(readersIn) reader(s) were inside")
                writing.wrappingSubtract(1)
            }
        }
    }
    for thread in readers + writers { thread.join() }
}
