import OktaGenDiagnostics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a settings file may not decide on its own.
///
/// An `oktagen.yaml` comes with the repository it is in, like the spec: whoever wrote it is not necessarily whoever
/// runs `oktagen generate`. So the file may narrow what the tool reads, never widen it: `allow-network-refs: true`
/// and `allow-external-files: true` count only when the person running the tool agrees, with the flag
/// (`--allow-network-refs`, `--allow-external-files`) or the environment variable (`OKTAGEN_ALLOW_NETWORK_REFS=1`,
/// `OKTAGEN_ALLOW_EXTERNAL_FILES=1`); otherwise they are ignored with a warning at their line. And the file's paths
/// (`spec`, `output`, `templates`) must stay inside its folder unless external files are allowed.
extension GeneratorConfig {
    /// The environment variable that allows external files, as `--allow-external-files` does.
    public static let allowExternalFilesVariable = "OKTAGEN_ALLOW_EXTERNAL_FILES"
    /// The environment variable that allows network references, as `--allow-network-refs` does.
    public static let allowNetworkRefsVariable = "OKTAGEN_ALLOW_NETWORK_REFS"

    /// What the run may read, decided from the flags, the environment and the file.
    public struct Trust: Sendable, Equatable {
        /// `$ref`s outside the spec's folder, absolute `file:` references, and settings paths outside the file's
        /// folder.
        public var allowExternalFiles: Bool
        /// `http(s):` references.
        public var allowNetworkRefs: Bool
        /// A warning for each `allow-*: true` of the file that was ignored.
        public var warnings: [Diagnostic]
    }

    /// Decides what the run may read.
    /// - Parameters:
    ///   - allowExternalFilesFlag: `--allow-external-files` (`true`), `--no-allow-external-files` (`false`), or none.
    ///   - allowNetworkRefsFlag: `--allow-network-refs`, `--no-allow-network-refs`, or none.
    ///   - environment: The process's environment.
    /// - Returns: A flag decides when given. Otherwise the environment variable (`1`, `true` or `yes`) allows, unless
    ///   the file says `false`; without it, the file's `true` is ignored with a warning.
    public func trust(
        allowExternalFilesFlag: Bool?, allowNetworkRefsFlag: Bool?, environment: [String: String]
    ) -> Trust {
        var warnings: [Diagnostic] = []
        func decide(_ key: String, flag: Bool?, variable: String, fileValue: Bool?) -> Bool {
            if let flag { return flag }
            if Self.isSet(environment[variable]) { return fileValue ?? true }
            if fileValue == true {
                warnings.append(
                    Diagnostic(
                        .warning, "'\(key): true' in a settings file",
                        at: locations[key] ?? file.map { SourceLocation(file: $0, line: 1, column: 1) },
                        remedy: Diagnostic.Remedy(
                            " is ignored without ", setting: key,
                            " or \(variable)=1 (a repository's settings must not widen what oktagen may read)")))
            }
            return false
        }
        let external = decide(
            "allow-external-files", flag: allowExternalFilesFlag, variable: Self.allowExternalFilesVariable,
            fileValue: allowExternalFiles)
        let network = decide(
            "allow-network-refs", flag: allowNetworkRefsFlag, variable: Self.allowNetworkRefsVariable,
            fileValue: allowNetworkRefs)
        return Trust(allowExternalFiles: external, allowNetworkRefs: network, warnings: warnings)
    }

    static func isSet(_ value: String?) -> Bool {
        guard let value else { return false }
        return ["1", "true", "yes"].contains(value.lowercased())
    }

    /// The path a key names (`spec`, `output`, `templates`), resolved against the file's folder (``resolve(_:)``).
    /// - Parameters:
    ///   - key: The key.
    ///   - allowExternalFiles: Whether the path may lead outside the file's folder (``Trust/allowExternalFiles``).
    /// - Returns: The path, or `nil` when the key is not set.
    /// - Throws: ``Diagnostic`` at the value when the path leads outside the file's folder (by `..`, an absolute
    ///   path, or a symbolic link) and external files are not allowed.
    public func path(forKey key: String, allowExternalFiles: Bool) throws(Diagnostic) -> String? {
        let value: String?
        switch key {
        case "spec": value = spec
        case "output": value = output
        case "templates": value = templates
        default: value = nil
        }
        guard let value else { return nil }
        let resolved = resolve(value)
        guard !allowExternalFiles, file != nil, !Self.isInside(value, folder: directory) else { return resolved }
        throw Diagnostic(
            .error,
            "'\(key): \(Diagnostic.excerpt(value))' leads outside the settings file's folder and is refused (a"
                + " repository's settings must not make oktagen read or write elsewhere)", at: locations[key],
            pointer: "#/\(key)", remedy: Diagnostic.Remedy("; allow it with ", setting: "allow-external-files"))
    }

    /// Whether `path` (relative to `folder`, or absolute) stays inside `folder`, or is it: first as written (`..`
    /// segments, without touching the file system), then with symbolic links resolved as far as the path exists.
    static func isInside(_ path: String, folder: String) -> Bool {
        let base = canonical(folder) ?? normalized(absolute(folder))
        let isInBase = { (candidate: String) in
            candidate == base || candidate.hasPrefix(base == "/" ? "/" : base + "/")
        }
        if !path.hasPrefix("/"), !isInBase(normalized(base + "/" + path)) { return false }
        // The deepest part of the path as written that exists, with its links resolved (`realpath` also gives `..`
        // after a link the kernel's meaning), and the rest, which does not exist yet, as written.
        var existing = path.hasPrefix("/") ? path : base + "/" + path
        var rest: [Substring] = []
        while true {
            if let real = canonical(existing) {
                return isInBase(normalized(real + "/" + rest.reversed().joined(separator: "/")))
            }
            guard let slash = existing.lastIndex(of: "/"), existing != "/" else { return false }
            rest.append(existing[existing.index(after: slash)...])
            existing = slash == existing.startIndex ? "/" : String(existing[..<slash])
        }
    }

    /// `realpath(3)`, or `nil` when the path does not exist.
    static func canonical(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// A path made absolute against the current folder.
    static func absolute(_ path: String) -> String {
        if path.hasPrefix("/") { return path }
        guard let current = getcwd(nil, 0) else { return "/" + path }
        defer { free(current) }
        return String(cString: current) + "/" + path
    }

    /// A path with `.`, `..` and repeated slashes removed, without touching the file system (`..` at the root
    /// stays at the root).
    static func normalized(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !parts.isEmpty { parts.removeLast() }
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
