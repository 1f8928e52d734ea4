import ParLearnKit

/// A reporting library that keeps one locale per process, in a global.
enum Reports {
    // nonisolated(unsafe): the library's global is the lesson; every process has its own.
    nonisolated(unsafe) static var locale = "en_US"

    static func heading(_ number: Int) -> String { "[\(locale)] report \(number)" }
}

/// Sets the locale of the process it runs in.
let useLocale = EntryPoint("use locale") { (locale: String) in Reports.locale = locale }

/// Writes the heading of one report, in the process it runs in.
let heading = EntryPoint("heading") { (number: Int) in Reports.heading(number) }

/// The pool that writes reports in `locale`.
func makeReportPool(locale: String) throws -> ProcessPool {
    // Every worker runs the initializer in its own memory before its first job.
    try ProcessPool(workers: 2, initializer: useLocale, initialInput: locale)
}
