import ParLearnKit

// `Directory` and `Profile`, the user directory on the other side of the network, live in
// check.swift.

/// Looks up every id at the same time and returns the profiles in the order of `ids`:
/// `profiles(for: [3, 1], ...)` returns the profile of 3, then that of 1.
func profiles(for ids: [Int], from directory: Directory) async -> [Profile] {
    await withTaskGroup(of: (Int, Profile).self) { group in
        // Each child returns its position along with its result, because results arrive in
        // the order the children finish.
        for (position, id) in ids.enumerated() {
            group.addTask { (position, await directory.lookup(id)) }
        }
        var found = [Profile?](repeating: nil, count: ids.count)
        for await (position, profile) in group {
            found[position] = profile
        }
        return found.compactMap { $0 }
    }
}
