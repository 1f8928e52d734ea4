import ParLearnKit

/// A job for the pool, or the sentinel that stops the worker that takes it.
enum Job: Sendable {
    case square(Int)
    case stop
}

/// Squares every number on `workers` isolates sharing one job queue; returns the squares sorted.
func squareAll(_ numbers: [Int], workers: Int) -> [Int] {
    let jobs = IsolateQueue<Job>("jobs")
    let results = IsolateQueue<Int>("results")
    let isolates = (1...workers).map { Isolate("worker-\($0)") }
    for isolate in isolates {
        _ = isolate.run {
            while let job = jobs.get() {
                guard case .square(let n) = job else { return }
                try results.put(n * n)
            }
        }
    }
    for n in numbers { try? jobs.put(.square(n)) }
    // One sentinel per worker, after every job: each worker takes exactly one.
    for _ in isolates { try? jobs.put(.stop) }
    for isolate in isolates { isolate.close() }   // waits for the worker to end
    return numbers.map { _ in results.get() ?? -1 }.sorted()
}
