// The check for threads-job-board. It belongs to the workbook: edit board.swift, not this file.
import ParLearnKit

scenario("one dispatcher, two workers") {
    let board = JobBoard()
    let workers = (1...2).map { i in spawn("W\(i)") { board.take() } }
    let dispatcher = spawn("D") {
        board.post(1)
        board.post(2)
    }
    dispatcher.join()
    let got = workers.map { $0.join() }.sorted()
    check(got == [1, 2], "the workers took \(got), expected jobs 1 and 2 once each")
}

scenario("two dispatchers, two workers") {
    let board = JobBoard()
    let dispatchers = (1...2).map { i in spawn("D\(i)") { board.post(i) } }
    let workers = (1...2).map { i in spawn("W\(i)") { board.take() } }
    for dispatcher in dispatchers { dispatcher.join() }
    let got = workers.map { $0.join() }.sorted()
    check(got == [1, 2], "the workers took \(got), expected jobs 1 and 2 once each")
}
