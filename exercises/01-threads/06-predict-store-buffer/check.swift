// Store buffering (Dekker's core): each thread writes its flag, then reads the other's.
import ParLearnKit

scenario("store buffering") {
    let x = Atomic(0, "x")
    let y = Atomic(0, "y")
    let t1 = spawn("T1") { () -> Int in
        x.store(1, ordering: .relaxed)
        return y.load(ordering: .relaxed)
    }
    let t2 = spawn("T2") { () -> Int in
        y.store(1, ordering: .relaxed)
        return x.load(ordering: .relaxed)
    }
    let r1 = t1.join()
    let r2 = t2.join()
    outcome((r1, r2), [
        (1, 1): .acceptable("both stores before both loads"),
        (0, 1): .acceptable("T1 ran first"),
        (1, 0): .acceptable("T2 ran first"),
        (0, 0): .interesting("only on real hardware with weaker orderings: store buffers"),
    ])
}
