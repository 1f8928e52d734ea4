import ParLearnKit

/// A water factory (The Little Book of Semaphores, 5.6): hydrogen and oxygen threads arrive
/// in any order, and each must wait to be part of a molecule before it calls `bond()`. The
/// three bonds of one molecule (two hydrogens, one oxygen) must all happen before any bond of
/// the next molecule.
final class WaterFactory: Sendable {
    private let hydrogensArrived = Semaphore(value: 0, "hydrogensArrived")
    private let hydrogenGo = Semaphore(value: 0, "hydrogenGo")

    func oxygen(bond: () -> Void) {
        // TODO: two oxygens can each collect their hydrogens and bond at once, so the bonds
        // of two molecules interleave. One molecule at a time, and finish it before the next.
        hydrogensArrived.wait()
        hydrogensArrived.wait()
        hydrogenGo.signal()
        hydrogenGo.signal()
        bond()
    }

    func hydrogen(bond: () -> Void) {
        hydrogensArrived.signal()
        hydrogenGo.wait()
        bond()
    }
}
