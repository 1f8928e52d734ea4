/// The exit statuses commands end with, decided here once: 0 done or clean, 1 a bug was found or
/// a check failed, 2 the code does not compile or the exercise itself is broken.
extension CheckVerdict {
    public var exitStatus: Int32 {
        switch kind {
        case .passed: 0
        case .doesNotCompile, .error: 2
        default: 1
        }
    }
}

extension RunStatus {
    /// 0 when the program exited 0, else 1.
    public var exitStatus: Int32 { succeeded ? 0 : 1 }
}
