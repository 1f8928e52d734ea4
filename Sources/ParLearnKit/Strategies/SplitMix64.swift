/// A small seeded generator (Steele et al., SplitMix64). Strategies derive one per execution
/// from (seed, index), so execution `i` is the same on any stream and any machine.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// The generator of execution `index` of a run seeded `seed`.
    init(seed: UInt64, index: Int) {
        var mixer = SplitMix64(seed: seed ^ 0x5EED_0F_9A_12_1E_A2)
        for _ in 0..<2 { _ = mixer.next() }
        self.init(seed: mixer.next() &+ UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in 0..<bound (bound > 0).
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
