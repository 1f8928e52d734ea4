// The check for threads-multiplex. It belongs to the workbook: edit downloads.swift, not this
// file.
import ParLearnKit

scenario("three downloads, two slots") {
    let slots = DownloadSlots(limit: 2)
    let running = Atomic(0, "running")
    let downloads = (1...3).map { i in
        spawn("D\(i)") {
            slots.withSlot {
                let now = running.wrappingAdd(1).newValue
                check(now <= 2, "\(now) downloads ran at once, but there are only 2 slots")
                running.wrappingSubtract(1)
            }
        }
    }
    for download in downloads { download.join() }
}

scenario("two slots are two at once") {
    // Each download waits inside its slot until the other has started: only a pool that
    // really lets two run at once gets both of them through.
    let slots = DownloadSlots(limit: 2)
    let started = [Semaphore(value: 0, "started1"), Semaphore(value: 0, "started2")]
    let downloads = [0, 1].map { me in
        spawn("D\(me + 1)") {
            slots.withSlot {
                started[me].signal()
                started[1 - me].wait()
            }
        }
    }
    for download in downloads { download.join() }
}
