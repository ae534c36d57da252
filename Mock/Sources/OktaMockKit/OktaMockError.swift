import Foundation

/// Why okta-mock cannot start or keep its state.
public enum OktaMockError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The state file exists but is not an okta-mock state file okta-mock can read; it was left untouched.
    case corruptStateFile(path: String, reason: String)
    /// The state file was written by a newer okta-mock.
    case unsupportedStateVersion(path: String, version: Int)
    /// The state file could not be read or written.
    case stateFileIO(path: String, reason: String)
    /// The seed file is missing, not JSON, or describes an impossible org.
    case invalidSeed(path: String, reason: String)
    /// A command-line option has an unusable value.
    case invalidOption(String)

    /// A message for people, naming the file and what to do.
    public var description: String {
        switch self {
        case .corruptStateFile(let path, let reason):
            "the state file \(path) is corrupt: \(reason). It was left untouched; "
                + "repair it, or move it away to start from an empty org."
        case .unsupportedStateVersion(let path, let version):
            "the state file \(path) has version \(version), but this okta-mock reads version "
                + "\(StateFile.version) only. It was left untouched."
        case .stateFileIO(let path, let reason):
            "cannot use the state file \(path): \(reason)"
        case .invalidSeed(let path, let reason):
            "the seed file \(path) is invalid: \(reason)"
        case .invalidOption(let message):
            message
        }
    }
}
