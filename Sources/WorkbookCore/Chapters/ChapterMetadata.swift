import ParLearnKit

/// The contents of a chapter's `chapter.yml`.
public struct ChapterMetadata: Decodable, Sendable, Equatable {
    public var title: String
    public var summary: String
    public var programs: [ProgramSpec]
}

/// One program of a chapter, as declared in `chapter.yml`.
public struct ProgramSpec: Decodable, Sendable, Equatable {
    /// What the checker must find when `verify` explores this program.
    public enum Expectation: String, Decodable, Sendable {
        /// A deliberate bug: the checker must report one (of `kind`, when given).
        case bug
        /// A correct program: the checker must stay clean within the budget.
        case clean
        /// Only run, never explored (for example a demo that hangs on purpose).
        case none
    }

    public var name: String
    public var file: String
    public var demonstrates: String
    public var expect: Expectation
    public var kind: BugKind?
    public var schedules: Int
    public var seconds: Double
    public var strategy: RunRequest.Strategy?
    /// `stress` for a plain-Swift program checked by the stress engine under ThreadSanitizer
    /// (`schedules` is then its iterations); nil for the controlled engines.
    public var engine: Engine?

    public static let defaultSchedules = 1000
    public static let defaultSeconds = 20.0

    enum CodingKeys: String, CodingKey {
        case name, file, demonstrates, expect, kind, schedules, seconds, strategy, engine
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        file = try c.decodeIfPresent(String.self, forKey: .file) ?? "\(name).swift"
        demonstrates = try c.decode(String.self, forKey: .demonstrates)
        expect = try c.decodeIfPresent(Expectation.self, forKey: .expect) ?? .none
        kind = try c.decodeIfPresent(BugKind.self, forKey: .kind)
        schedules = try c.decodeIfPresent(Int.self, forKey: .schedules) ?? Self.defaultSchedules
        seconds = try c.decodeIfPresent(Double.self, forKey: .seconds) ?? Self.defaultSeconds
        strategy = try c.decodeIfPresent(RunRequest.Strategy.self, forKey: .strategy)
        engine = try c.decodeIfPresent(Engine.self, forKey: .engine)
        guard schedules > 0 else {
            throw DecodingError.dataCorruptedError(forKey: .schedules, in: c, debugDescription: "schedules must be positive")
        }
        guard seconds > 0 else {
            throw DecodingError.dataCorruptedError(forKey: .seconds, in: c, debugDescription: "seconds must be positive")
        }
    }
}
