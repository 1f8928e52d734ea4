// ARC contention, the analogue of what biased reference counting avoids in
// free-threaded CPython: every thread retains and releases ONE shared object,
// so its reference count's cache line bounces between cores. Compare with
// arc-distinct (one object per thread). Programs are built at -Onone; -O
// removes most balanced retain/release pairs.

final class Token: Sendable {}

let shared = Token()

// [retain]
@inline(never) func touch(_ token: Token) -> Token { token }   // a retain and a release

func stress(thread: Int, of threads: Int) {
    for _ in 0..<(2_000_000 / threads) {
        _ = touch(shared)
    }
}
// [/retain]
