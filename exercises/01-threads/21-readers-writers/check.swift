// The check for threads-readers-writers. It belongs to the workbook: edit rwlock.swift, not
// this file.
import ParLearnKit

scenario("two readers at once") {
    // Each reader waits inside until the other is inside too: only a lock that really lets
    // readers share gets both of them through.
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
                let writers = writing.load()
                check(writers == 0, "R\(i) read while a writer was writing")
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
