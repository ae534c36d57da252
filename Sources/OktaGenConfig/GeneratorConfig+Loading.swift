import OktaGenDiagnostics
import OktaGenOpenAPI
import OktaGenYAML

extension GeneratorConfig {
    /// Reads a configuration file.
    /// - Parameters:
    ///   - path: The file.
    ///   - displayPath: How to name it in messages (default: `path`).
    /// - Returns: The settings; paths in them resolve against the file's folder.
    /// - Throws: ``DiagnosticsError`` listing every problem (unknown keys, wrong values) at its line and column.
    public static func load(path: String, displayPath: String? = nil) throws(DiagnosticsError) -> GeneratorConfig {
        let shown = displayPath ?? path
        let document: YAMLDocument
        do {
            document = try YAMLParser(limits: configLimits).parse(contentsOf: path, displayPath: shown)
        } catch {
            throw DiagnosticsError([shortened(error)])
        }
        return try parse(document, directory: folder(of: path))
    }

    /// Reads configuration text.
    /// - Parameters:
    ///   - bytes: The file's contents.
    ///   - path: How to name the file in messages.
    ///   - directory: The folder relative paths resolve against.
    /// - Returns: The settings.
    /// - Throws: ``DiagnosticsError`` listing every problem at its line and column.
    public static func parse(
        bytes: [UInt8], path: String, directory: String
    ) throws(DiagnosticsError) -> GeneratorConfig {
        let document: YAMLDocument
        do {
            document = try YAMLParser(limits: configLimits).parse(bytes, path: path)
        } catch {
            throw DiagnosticsError([shortened(error)])
        }
        return try parse(document, directory: directory)
    }

    /// A YAML-layer error about a settings file, its message cut short and escaped: the YAML layer quotes whole
    /// keys and anchor names, and a settings file is not a spec — a message quotes only a short excerpt of it.
    static func shortened(_ diagnostic: Diagnostic) -> Diagnostic {
        var diagnostic = shortenedPointer(diagnostic)
        diagnostic.message = Diagnostic.excerpt(diagnostic.message, limit: 300)
        return diagnostic
    }

    /// A diagnostic whose JSON pointer (which holds the keys on the way, whole) is cut short and escaped.
    static func shortenedPointer(_ diagnostic: Diagnostic) -> Diagnostic {
        var diagnostic = diagnostic
        diagnostic.pointer = diagnostic.pointer.map { Diagnostic.excerpt($0, limit: 100) }
        return diagnostic
    }

    /// A configuration file is small: tighter limits than a spec's.
    static let configLimits = YAMLLimits(
        maxInputBytes: 1 << 20, maxNodes: 10_000, maxAliasExpansion: 1_000, maxDepth: 16)

    static func parse(_ document: YAMLDocument, directory: String) throws(DiagnosticsError) -> GeneratorConfig {
        var config = GeneratorConfig(file: document.path, directory: directory)
        guard let root = document.root else { return config }
        guard root.isMapping else {
            throw DiagnosticsError([
                Diagnostic(
                    .error,
                    "expected the configuration to be a mapping of keys to values, but it is \(root.kind.phrase)",
                    at: root.location, pointer: "#")
            ])
        }
        var problems: [Diagnostic] = []
        for (keyNode, valueNode) in root.entries {
            guard let name = keyNode.scalarText, keyNode.isScalar else {
                problems.append(
                    Diagnostic(.error, "expected a key name, found \(keyNode.kind.phrase)", at: keyNode.location))
                continue
            }
            guard let key = key(named: name) else {
                var message = "unknown key '\(Diagnostic.excerpt(name))'"
                // Only short names get a suggestion: edit distance is quadratic in the lengths.
                if name.utf8.count <= 64, let suggestion = EditDistance.closest(to: name, among: keys.map(\.name)) {
                    message += "; did you mean '\(suggestion)'?"
                } else {
                    message += "; the keys are " + keys.map(\.name).joined(separator: ", ")
                }
                problems.append(Diagnostic(.error, message, at: keyNode.location, pointer: keyNode.pointer))
                continue
            }
            if valueNode.isScalar, valueNode.scalar == .null { continue }
            switch value(of: valueNode, for: key) {
            case .success(let value):
                key.apply(&config, value)
                config.locations[key.name] = valueNode.location
            case .failure(let problem): problems.append(problem)
            }
        }
        if !problems.isEmpty { throw DiagnosticsError(problems.map(shortenedPointer)) }
        return config
    }

    static func value(of node: YAMLNode, for key: Key) -> Result<Value, Diagnostic> {
        func problem(_ expected: String) -> Result<Value, Diagnostic> {
            let found = node.isScalar ? "'\(Diagnostic.excerpt(node.text))'" : "\(node.kind.phrase)"
            return .failure(
                Diagnostic(
                    .error, "expected '\(key.name)' to be \(expected), found \(found)", at: node.location,
                    pointer: node.pointer))
        }
        switch key.kind {
        case .string:
            guard node.isScalar, case .string(let text) = node.scalar, !text.isEmpty else { return problem("a string") }
            return .success(.string(text))
        case .identifier:
            guard node.isScalar, case .string(let text) = node.scalar, isIdentifier(text) else {
                return problem("ASCII letters, digits and _, not starting with a digit")
            }
            return .success(.string(text))
        case .nameMap:
            let keyNames = key.name == "group-names" ? "tag names" : "schema names"
            guard node.isMapping else { return problem("a mapping of \(keyNames) to Swift type names") }
            var overrides: [NameOverride] = []
            for (nameNode, typeNode) in node.entries {
                guard nameNode.isScalar, case .string(let name) = nameNode.scalar, !name.isEmpty else {
                    return .failure(
                        Diagnostic(
                            .error, "expected '\(key.name)' keys to be \(keyNames), found \(nameNode.kind.phrase)",
                            at: nameNode.location, pointer: nameNode.pointer))
                }
                guard typeNode.isScalar, case .string(let typeName) = typeNode.scalar, isIdentifier(typeName) else {
                    let found = typeNode.isScalar ? "'\(Diagnostic.excerpt(typeNode.text))'" : typeNode.kind.phrase
                    return .failure(
                        Diagnostic(
                            .error,
                            "expected the type name for '\(Diagnostic.excerpt(name))' to be ASCII letters, digits and _,"
                                + " not starting with a digit, found \(found)",
                            at: typeNode.location, pointer: typeNode.pointer))
                }
                overrides.append(
                    NameOverride(
                        schemaName: name, typeName: typeName, location: typeNode.location, pointer: typeNode.pointer))
            }
            return .success(.names(overrides))
        case .choice(let choices):
            let expected = "one of " + choices.joined(separator: ", ")
            guard node.isScalar, case .string(let text) = node.scalar, choices.contains(text) else {
                return problem(expected).mapError { suggesting(node.text, among: choices, in: $0) }
            }
            return .success(.string(text))
        case .bool:
            guard node.isScalar, case .bool(let flag) = node.scalar else { return problem("true or false") }
            return .success(.bool(flag))
        case .positiveInteger:
            guard node.isScalar, case .int(let number) = node.scalar, number > 0, number <= Int64(Int32.max) else {
                return problem("a positive integer")
            }
            return .success(.integer(Int(number)))
        case .list(let allowed):
            let expected = allowed.map { "a list of " + $0.joined(separator: ", ") } ?? "a list of names"
            var items: [String] = []
            if node.isSequence {
                for element in node.elements {
                    guard element.isScalar, case .string(let text) = element.scalar, !text.isEmpty else {
                        let found =
                            element.isScalar ? "'\(Diagnostic.excerpt(element.text))'" : "\(element.kind.phrase)"
                        return .failure(
                            Diagnostic(
                                .error, "expected '\(key.name)' to be \(expected), found \(found)",
                                at: element.location,
                                pointer: element.pointer))
                    }
                    items.append(text)
                }
            } else if node.isScalar, case .string(let text) = node.scalar {
                items = text.split(separator: ",")
                    .map { String($0.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed()) }
                    .filter { !$0.isEmpty }
            } else {
                return problem(expected)
            }
            if items.isEmpty { return problem(expected) }
            if let allowed {
                for item in items where !allowed.contains(item) {
                    return .failure(
                        suggesting(
                            item, among: allowed,
                            in: Diagnostic(
                                .error, "expected '\(key.name)' to be \(expected), found '\(Diagnostic.excerpt(item))'",
                                at: node.location,
                                pointer: node.pointer)))
                }
            }
            return .success(.list(items))
        }
    }

    /// The problem with "; did you mean 'X'?" when a word of `choices` is close to the value (`clients`).
    static func suggesting(_ value: String, among choices: [String], in problem: Diagnostic) -> Diagnostic {
        // Only short values get a suggestion: edit distance is quadratic in the lengths.
        guard value.utf8.count <= 64, let suggestion = EditDistance.closest(to: value, among: choices) else {
            return problem
        }
        var problem = problem
        problem.message += "; did you mean '\(suggestion)'?"
        return problem
    }

    /// ASCII letters, digits and `_`, not starting with a digit.
    public static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.utf8.first, !(48...57).contains(first) else { return false }
        return text.utf8.allSatisfy {
            (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) || $0 == 95
        }
    }

    /// The folder of a path (`.` for a bare file name).
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }
}
