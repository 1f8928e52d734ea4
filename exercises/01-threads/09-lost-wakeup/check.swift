// The check for threads-lost-wakeup. It belongs to the workbook: edit event.swift, not this file.
import ParLearnKit

scenario("a backup waits for the flush") {
    let flushed = Event()
    let pages = Shared(0, "pages")
    let backup = spawn("backup") { () -> Int in
        flushed.wait()
        return pages.value
    }
    let flusher = spawn("flusher") {
        pages.value = 42
        flushed.set()
    }
    flusher.join()
    let copied = backup.join()
    check(copied == 42, "the backup copied \(copied) pages, expected the 42 flushed before set()")
}

scenario("two backups, one flush") {
    let flushed = Event()
    let backups = (1...2).map { i in spawn("backup\(i)") { flushed.wait() } }
    let flusher = spawn("flusher") { flushed.set() }
    flusher.join()
    for backup in backups { backup.join() }
}

scenario("a backup that starts after the flush") {
    let flushed = Event()
    spawn("flusher") { flushed.set() }.join()
    spawn("backup") { flushed.wait() }.join()
}
