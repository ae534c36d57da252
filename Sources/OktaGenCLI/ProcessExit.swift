/// Values kept until the process exits, so that their memory goes back with the process instead of being freed
/// object by object (for the large, short-lived structures of one command).
enum ProcessExit {
    nonisolated(unsafe) private static var kept: [Any] = []

    /// Keeps `values` alive until the process exits. Call from the main thread only.
    static func keep(_ values: [Any]) {
        kept.append(contentsOf: values)
    }
}
