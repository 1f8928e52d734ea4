import XCTest
@testable import WorkbookCore

/// Parses ThreadSanitizer and backtracer text captured from this toolchain (Swift 6.3.1, Linux).
final class SanitizerOutputTests: XCTestCase {
    static let race = """
    ==================
    WARNING: ThreadSanitizer: data race (pid=19592)
      Write of size 8 at 0x55aad0a3bb40 by thread T2:
        #0 $s14LearnerProgram8transferyySi_SbtF /tmp/x/racy.swift:17:15 (program+0xfe3f8) (BuildId: 3ea7)
        #1 $s14LearnerProgram6stress6thread2ofySi_SitF /tmp/x/racy.swift:25:25 (program+0xfd231) (BuildId: 3ea7)
        #2 $s11ParLearnKit13StressHarnessO <null> (libParLearnKit.so+0x3795f8) (BuildId: bbe2)

      Previous write of size 8 at 0x55aad0a3bb40 by thread T1:
        #0 $s14LearnerProgram8transferyySi_SbtF /tmp/x/racy.swift (program+0xfe3ca) (BuildId: 3ea7)
        #1 $s14LearnerProgram6stress6thread2ofySi_SitF /tmp/x/racy.swift:25:25 (program+0xfd231) (BuildId: 3ea7)

      Location is global '$s14LearnerProgram5aliceSivp' of size 8 at 0x55aad0a3bb40 (program+0x14bbb40)

      Thread T2 'T2' (tid=19601, running) created by main thread at:
        #0 pthread_create /build/tsan_interceptors_posix.cpp:1094:3 (program+0x7c2fa) (BuildId: 3ea7)

      Thread T1 'T1' (tid=19600, running) created by main thread at:
        #0 pthread_create /build/tsan_interceptors_posix.cpp:1094:3 (program+0x7c2fa) (BuildId: 3ea7)

    SUMMARY: ThreadSanitizer: data race /tmp/x/racy.swift:17:15 in $s14LearnerProgram8transferyySi_SbtF
    ==================
    WARNING: ThreadSanitizer: Swift access race (pid=22005)
      Modifying access of Swift variable at 0x55fc01b31b48 by thread T2:
        #0 $s14LearnerProgram8transferyySi_SbtFyAA8BalancesVzYuYTXEfU_ /tmp/x/fixed.swift (program+0xfd49e)
      Previous write of size 1 at 0x55fc01b31b48 by thread T1:
        #0 $s14LearnerProgram8transferyySi_SbtFyAA8BalancesVzYuYTXEfU_ /tmp/x/fixed.swift:18:13 (program+0xfd4cd)
      Location is heap block of size 32 at 0x7b0c00000010 allocated by main thread:
        #0 malloc /build/tsan_interceptors_posix.cpp:667:5 (program+0x7a1a1)
    SUMMARY: ThreadSanitizer: Swift access race /tmp/x/fixed.swift in $s14LearnerProgram8transfer
    ==================
    """

    func testParsesBothAccessesThreadNamesAndTheGlobal() throws {
        let warnings = SanitizerOutput.warnings(in: Self.race)
        XCTAssertEqual(warnings.map(\.kind), ["data race", "Swift access race"])
        let race = warnings[0]
        XCTAssertEqual(race.accesses.map(\.operation), ["write", "write"])
        XCTAssertEqual(race.accesses.map(\.previous), [false, true])
        XCTAssertEqual(race.accesses.map { race.name(of: $0) }, ["T2", "T1"])
        XCTAssertEqual(race.accesses[0].frames.first?.fileName, "racy.swift")
        XCTAssertEqual(race.accesses[0].frames.first?.line, 17)
        XCTAssertNil(race.accesses[1].frames.first?.line, "a frame without a line stays without one")
        XCTAssertEqual(race.accesses[1].frames[1].line, 25)
        XCTAssertEqual(race.global.flatMap(SanitizerOutput.variableName(mangled:)), "alice")
        XCTAssertEqual(warnings[1].heapBlock, "heap block of size 32")
        XCTAssertEqual(warnings[1].accesses.first?.operation, "modifying access")
    }

    func testVariableNamesKeepNestedTypesAndDropTheModule() {
        XCTAssertEqual(SanitizerOutput.variableName(mangled: "$s14LearnerProgram3SDKO6apiKeySSvpZ"), "SDK.apiKey")
        XCTAssertEqual(SanitizerOutput.variableName(mangled: "$s14LearnerProgram5cacheSDyS2iGvp"), "cache")
        XCTAssertEqual(SanitizerOutput.variableName(mangled: "$s14LearnerProgram4bank15Synchronization5MutexVyAA8BalancesVGvp"),
                       "bank")
        XCTAssertNil(SanitizerOutput.variableName(mangled: "malloc"))
    }

    /// Both accesses inside a `withLock` body, or a global Mutex: TSan cannot see the futex hand-over.
    func testMutexReportsAreRecognisedAsFalsePositivesButPlainRacesAreNot() {
        let warnings = SanitizerOutput.warnings(in: Self.race)
        XCTAssertFalse(SanitizerOutput.isMutexFalsePositive(warnings[0]))
        XCTAssertTrue(SanitizerOutput.isMutexFalsePositive(warnings[1]))
        var global = warnings[0]
        global.global = "$s14LearnerProgram4bank15Synchronization5MutexVyAA8BalancesVGvp"
        XCTAssertTrue(SanitizerOutput.isMutexFalsePositive(global))
    }

    func testDeadlySignalUnderTSan() throws {
        let text = """
        ThreadSanitizer:DEADLYSIGNAL
        ==22075==ERROR: ThreadSanitizer: SEGV on unknown address (pc 0x7fc7ad8c14c0 bp 0x7fc7a5dfd4c0 T22086)
        ==22075==The signal is caused by a READ memory access.
            #0 swift_isUniquelyReferenced_nonNull_native <null> (libswiftCore.so+0x4c14c0)
            #2 $s14LearnerProgram6stress6thread2ofySi_SitF /tmp/x/container-racy.swift:10:20 (program+0xfd722)
        SUMMARY: ThreadSanitizer: SEGV (/opt/swift/usr/lib/swift/linux/libswiftCore.so+0x4c14c0)
        """
        let crash = try XCTUnwrap(SanitizerOutput.deadlySignal(in: text))
        XCTAssertEqual(crash.description, "SEGV on unknown address")
        XCTAssertEqual(crash.frames.last?.fileName, "container-racy.swift")
        XCTAssertEqual(crash.frames.last?.line, 10)
    }

    func testSwiftCrashAndFailedCheck() throws {
        let crash = try XCTUnwrap(CrashReport.parse("""
        *** Program crashed: Bad pointer dereference at 0x0000000000000000 ***
        Thread 1 "T1" crashed:
          0      0x00007fef6d4c14c0 swift_isUniquelyReferenced_nonNull_native in libswiftCore.so
          1 [ra] 0x000055b8b7b64265 stress(thread:of:) + 292 in program at /tmp/x/container-racy.swift:10:51
        Backtrace took 0.19s
        """))
        XCTAssertEqual(crash.description, "Bad pointer dereference at 0x0000000000000000")
        XCTAssertEqual(crash.thread, "T1")
        XCTAssertEqual(crash.frames.map(\.line), [nil, 10])
        XCTAssertEqual(crash.frames.last?.function, "stress(thread:of:)")
        let check = try XCTUnwrap(CrashReport.parse("LearnerProgram/example.swift:22: Precondition failed: sum 3 for 4 terms"))
        XCTAssertEqual(check.failedCheck?.file, "example.swift")
        XCTAssertEqual(check.failedCheck?.line, 22)
        XCTAssertEqual(check.description, "sum 3 for 4 terms")
        XCTAssertNil(CrashReport.parse("just output\n"))
    }

    func testEntryPointScan() throws {
        let program = try XCTUnwrap(StressProgram(source: """
        func stress(thread: Int, of threads: Int) {}
        func stressCheck() -> String? { nil }
        """))
        XCTAssertFalse(program.hasSetUp)
        XCTAssertEqual(program.checkLine, 2)
        XCTAssertTrue(program.mainSource.contains("StressHarness.run(body: stress(thread:of:), check: stressCheck)"))
        XCTAssertNil(StressProgram(source: "print(1)\nfunc stressy() {}\n"))
    }

    func testAbsurdOptionsAreRejectedWithTheRange() {
        func options(threads: Int = 2, iterations: Int = 100) -> StressOptions {
            var options = StressOptions()
            options.threads = threads
            options.iterations = iterations
            return options
        }
        XCTAssertThrowsError(try options(threads: 0).validate()) {
            XCTAssertTrue("\($0)".contains("between 1 and 256"), "\($0)")
        }
        XCTAssertThrowsError(try options(iterations: 99_999_999).validate())
        XCTAssertNoThrow(try options(threads: 8).validate())
        XCTAssertThrowsError(try StressOptions.threadCounts("1,0"))
        XCTAssertThrowsError(try StressOptions.runs("0"))
        XCTAssertEqual(try StressOptions.threadCounts("4,1,2,2"), [1, 2, 4])
    }
}
