// A CPU-bound job split across threads: sin²(x) + cos²(x) summed over many x.
// `parlearn speedup 05-free-threads/example` times it at 1, 2 and 4 threads;
// add --gil to run the same job under a simulated GIL.
import Foundation
import ParLearnKit

let count = 4_000_000

// [job]
/// Thread `thread` of `threads` sums every `threads`-th term, starting at its own index.
func stress(thread: Int, of threads: Int) {
    var sum = 0.0
    var i = thread
    while i < count {
        let x = Double(i) * 1e-6
        sum += sin(x) * sin(x) + cos(x) * cos(x)
        i += threads
        // CPython's interpreter checks for a GIL drop request between bytecodes; the simulated
        // GIL can only switch where the program says so. Without --gil this is one nil check.
        if i & 0xfff < threads { GlobalInterpreterLock.checkpoint() }
    }
    // Each term is 1, so a thread's share must equal its number of terms.
    let terms = (count - thread + threads - 1) / threads
    precondition(abs(sum - Double(terms)) < 1e-3 * Double(terms), "sum \(sum) for \(terms) terms")
}
// [/job]
