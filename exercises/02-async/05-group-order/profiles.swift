import ParLearnKit

// `Directory` and `Profile`, the user directory on the other side of the network, live in
// check.swift.

/// Looks up every id at the same time and returns the profiles in the order of `ids`:
/// `profiles(for: [3, 1], ...)` returns the profile of 3, then that of 1.
func profiles(for ids: [Int], from directory: Directory) async -> [Profile] {
    await withTaskGroup(of: Profile.self) { group in
        for id in ids {
            group.addTask { await directory.lookup(id) }
        }
        var found: [Profile] = []
        // TODO: a task group hands back results in the order the child tasks *finish*, which
        // is not the order they were added. Put each profile where its id is in `ids`.
        for await profile in group {
            found.append(profile)
        }
        return found
    }
}
