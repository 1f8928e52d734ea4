extension CrashRecords {
    /// The names and choices stored in a slot, read by the watchdog while the driver is stuck.
    static func asyncSnapshot(_ slot: UnsafeMutablePointer<Slot>) -> (names: [String], choices: [Int], running: Int) {
        let choices = (0..<slot.pointee.count).map { Int(slot.pointee.choices[$0]) }
        var names: [String] = []
        for column in 0...min(ScheduleString.maxId, choices.max() ?? 0) {
            let start = slot.pointee.names + column * nameBytes
            guard start[0] != 0 else { break }
            var length = 0
            while length < nameBytes - 1 && start[length] != 0 { length += 1 }
            names.append(String(decoding: UnsafeBufferPointer(start: start, count: length), as: UTF8.self))
        }
        return (names, choices, Int(slot.pointee.running))
    }
}
