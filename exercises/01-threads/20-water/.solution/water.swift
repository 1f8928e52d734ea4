import ParLearnKit

/// A water factory (The Little Book of Semaphores, 5.6): hydrogen and oxygen threads arrive
/// in any order, and each must wait to be part of a molecule before it calls `bond()`. The
/// three bonds of one molecule (two hydrogens, one oxygen) must all happen before any bond of
/// the next molecule.
final class WaterFactory: Sendable {
    private let hydrogensArrived = Semaphore(value: 0, "hydrogensArrived")
    private let hydrogenGo = Semaphore(value: 0, "hydrogenGo")
    private let hydrogenBonded = Semaphore(value: 0, "hydrogenBonded")
    // One oxygen builds a molecule at a time, from collecting its hydrogens until both have bonded.
    private let assembly = Lock("assembly")

    func oxygen(bond: () -> Void) {
        assembly.withLock {
            hydrogensArrived.wait()
            hydrogensArrived.wait()
            hydrogenGo.signal()
            hydrogenGo.signal()
            bond()
            // Hold the assembly until this molecule's hydrogens have bonded too.
            hydrogenBonded.wait()
            hydrogenBonded.wait()
        }
    }

    func hydrogen(bond: () -> Void) {
        hydrogensArrived.signal()
        hydrogenGo.wait()
        bond()
        hydrogenBonded.signal()
    }
}
