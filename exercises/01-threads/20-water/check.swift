// The check for threads-water. It belongs to the workbook: edit water.swift, not this file.
import ParLearnKit

/// Starts the atoms of `molecules` molecules, oxygens first or last, and checks that the
/// bonds come in groups of three, each group two hydrogens and one oxygen.
func produce(molecules: Int, oxygenFirst: Bool) {
    let factory = WaterFactory()
    let bonds = Mutex<[String]>([], "bonds")
    let oxygens = { (1...molecules).map { i in
        spawn("O\(i)") { factory.oxygen { bonds.withLock { $0.append("O") } } }
    } }
    let hydrogens = { (1...2 * molecules).map { i in
        spawn("H\(i)") { factory.hydrogen { bonds.withLock { $0.append("H") } } }
    } }
    let atoms = oxygenFirst ? oxygens() + hydrogens() : hydrogens() + oxygens()
    for atom in atoms { atom.join() }
    let log = bonds.withLock { $0 }
    for start in stride(from: 0, to: log.count, by: 3) {
        let group = log[start..<min(start + 3, log.count)]
        check(group.sorted() == ["H", "H", "O"],
              "the bonds were \(log.joined(separator: " ")): molecule \(start / 3 + 1) is \(group.joined(separator: " ")), not two H and one O")
    }
    check(log.count == 3 * molecules, "\(log.count) bonds, expected \(3 * molecules)")
}

scenario("two molecules, oxygens first") {
    produce(molecules: 2, oxygenFirst: true)
}

scenario("two molecules, hydrogens first") {
    produce(molecules: 2, oxygenFirst: false)
}
