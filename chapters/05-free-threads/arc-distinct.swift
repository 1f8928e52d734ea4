// The same retain/release traffic as arc-shared, on one object per thread:
// no cache line is shared, so the threads scale.

final class Token: Sendable {}

let tokens = (0..<256).map { _ in Token() }

@inline(never) func touch(_ token: Token) -> Token { token }   // a retain and a release

// [retain]
func stress(thread: Int, of threads: Int) {
    let mine = tokens[thread]
    for _ in 0..<(2_000_000 / threads) {
        _ = touch(mine)
    }
}
// [/retain]
