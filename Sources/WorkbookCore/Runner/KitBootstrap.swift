import Foundation

extension KitLocation {
    /// What `bootstrap` found or did.
    public enum Bootstrap: Sendable, Equatable {
        case present
        case built
        /// The build's output (its last part), for the learner.
        case failed(String)
    }

    /// Builds the kit when it is missing, as after `swift run parlearn`, which builds only the
    /// executable. `onBuilding` is told before the (slow) build starts. The defaults are the real
    /// look-up and build; tests pass their own.
    public static func bootstrap(
        isPresent: () -> Bool = { (try? KitLocation.locate()) != nil },
        build: () -> String? = { KitLocation.buildNextTo() },
        onBuilding: () -> Void
    ) -> Bootstrap {
        guard !isPresent() else { return .present }
        onBuilding()
        return build().map { .failed(String($0.suffix(2000))) } ?? .built
    }
}
