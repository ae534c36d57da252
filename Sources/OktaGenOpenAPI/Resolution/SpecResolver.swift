import OktaGenDiagnostics
import OktaGenYAML

/// A loaded spec: the decoded root document, every external file it reached (each loaded once), and the
/// on-demand decoding of referenced objects, cached by node.
///
/// Reference rules: local JSON pointers (`#/components/schemas/User`, with `~0`/`~1` and percent escapes), relative
/// files (`common.yaml#/components/schemas/Error`) inside the root spec's folder; files outside it, absolute `file:`
/// URLs and network URLs are refused unless ``LoadOptions`` allows them. A `$ref` whose target is itself a `$ref` is
/// followed, and a loop of such references is an error; a schema that contains itself through properties is legal.
public final class SpecResolver {
    /// The root document.
    public let document: OpenAPIDocument
    /// Warnings and errors found while loading and decoding.
    public let diagnostics: DiagnosticCollector
    /// The options the spec was loaded with.
    public let options: LoadOptions

    let context: DecodingContext
    let rootDirectory: String
    /// Documents by canonical path (the root included).
    var files: [String: YAMLDocument] = [:]
    /// How many files the spec has read so far, the root included (references are resolved on demand: after a
    /// whole run, every file it reached).
    public var fileCount: Int { files.count }
    /// Canonical path of each document (by identity).
    var canonicalPaths: [ObjectIdentifier: String] = [:]
    var failedFiles: Set<String> = []

    var schemaCache: [NodeKey: Schema] = [:]
    /// Schemas decoded before their first use, with what decoding reported (`decodeAhead`).
    var decodedAhead: [NodeKey: (schema: Schema, diagnostics: [Diagnostic])] = [:]
    var parameterCache: [NodeKey: Parameter] = [:]
    var requestBodyCache: [NodeKey: RequestBody] = [:]
    var responseCache: [NodeKey: Response] = [:]
    var headerCache: [NodeKey: Header] = [:]
    var pathItemCache: [NodeKey: PathItem] = [:]
    var securitySchemeCache: [String: SecurityScheme] = [:]
    /// `components/securitySchemes` by name, built on first lookup.
    var securitySchemeEntries: [String: Components.Entry]?
    /// The component schemas whose `allOf` references a `$ref` text, built on first lookup (`componentsExtending`).
    var extendingIndex: [ScalarKey: [Components.Entry]]?
    /// Key → value indexes of large mappings (`components/schemas` has over 1,500 entries), built on first lookup.
    var mappingIndexes: [NodeKey: [ScalarKey: YAMLNode]] = [:]
    /// Targets of `resolve`, by the node a `$ref` is written in (with its text, which must match).
    var resolved: [NodeKey: (ref: String, target: YAMLNode)] = [:]
    /// Nodes found by `locate`, by document and JSON pointer (the same `$ref` is written many times over).
    var located: [LocatedKey: YAMLNode] = [:]

    struct LocatedKey: Hashable {
        let document: ObjectIdentifier
        /// `#` and the JSON pointer.
        let fragment: String

        // By scalars: JSON pointers are, and `String ==` would take `#/components/schemas/Café` written
        // precomposed and decomposed for one schema (see `ScalarKey`).
        static func == (lhs: LocatedKey, rhs: LocatedKey) -> Bool {
            lhs.document == rhs.document && lhs.fragment.hasSameScalars(as: rhs.fragment)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(document)
            hasher.combine(fragment)
        }
    }

    /// JSON pointers of collections, built on first use (SpecResolver+Pointers.swift).
    var pointers = PointerCache()

    /// What is left of the work allowed for "did you mean" suggestions on unresolved references, in edit-distance
    /// cells: a spec full of broken references into a large mapping would otherwise make them quadratic (a fuzzer's
    /// timeout). Past it, errors come without a suggestion.
    var suggestionBudget = 20_000_000
    /// Suggestions already computed, by mapping and missing key.
    var suggestions: [SuggestionKey: String?] = [:]

    struct SuggestionKey: Hashable {
        let mapping: NodeKey
        let key: String
    }

    struct NodeKey: Hashable {
        let document: ObjectIdentifier
        let index: Int32
        init(_ node: YAMLNode) {
            document = ObjectIdentifier(node.document)
            index = node.index
        }
    }

    init(
        document: OpenAPIDocument, context: DecodingContext, options: LoadOptions, rootDirectory: String,
        rootCanonicalPath: String
    ) {
        self.document = document
        self.context = context
        self.diagnostics = context.diagnostics
        self.options = options
        self.rootDirectory = rootDirectory
        files[rootCanonicalPath] = document.source
        canonicalPaths[ObjectIdentifier(document.source)] = rootCanonicalPath
    }

    // MARK: Loading

    /// Loads and decodes a spec file.
    /// - Parameters:
    ///   - path: The spec's path, as it should appear in messages.
    ///   - options: Limits and reference policy.
    /// - Returns: The resolver, holding the document and any warnings.
    /// - Throws: ``DiagnosticsError`` with every diagnostic when the spec has errors.
    ///   - displayPath: How to name the file in messages and in the model (default: `path`); tests use it to keep
    ///     absolute paths out of golden files.
    public static func load(
        path: String, options: LoadOptions = LoadOptions(), displayPath: String? = nil
    ) throws(DiagnosticsError) -> SpecResolver {
        let yaml: YAMLDocument
        do {
            yaml = try YAMLParser(limits: options.yamlLimits).parse(contentsOf: path, displayPath: displayPath)
        } catch {
            throw DiagnosticsError([error])
        }
        return try load(yaml, realPath: path, options: options)
    }

    /// Loads and decodes a spec from bytes already in memory (relative references resolve against `path`'s folder).
    public static func load(
        bytes: [UInt8], path: String, options: LoadOptions = LoadOptions(), displayPath: String? = nil
    ) throws(DiagnosticsError) -> SpecResolver {
        let yaml: YAMLDocument
        do {
            yaml = try YAMLParser(limits: options.yamlLimits).parse(bytes, path: displayPath ?? path)
        } catch {
            throw DiagnosticsError([error])
        }
        return try load(yaml, realPath: path, options: options)
    }

    /// Decodes a parsed root document.
    static func load(_ yaml: YAMLDocument, realPath: String, options: LoadOptions) throws(DiagnosticsError)
        -> SpecResolver
    {
        let path = yaml.path
        let diagnostics = DiagnosticCollector()
        let start = SourceLocation(file: path, line: 1, column: 1)
        guard let root = yaml.root else {
            throw DiagnosticsError([
                Diagnostic(
                    .error, "the file is empty; expected an OpenAPI document (a mapping)", at: start, pointer: "#")
            ])
        }
        guard root.isMapping else {
            throw DiagnosticsError([
                Diagnostic(
                    .error,
                    "expected a mapping at the root of an OpenAPI document, found \(DecodingContext.found(root))",
                    at: root.location, pointer: "#")
            ])
        }
        if let swagger = root["swagger"] {
            throw DiagnosticsError([
                Diagnostic(
                    .error,
                    "Swagger \(swagger.text) documents are not supported; convert the spec to OpenAPI 3.0 or 3.1 first",
                    at: swagger.location, pointer: "#/swagger")
            ])
        }
        var isV31 = false
        if let versionNode = root["openapi"] {
            let text = versionNode.text
            guard versionNode.isScalar, let version = DecodingContext.parseVersion(text), version.major == 3 else {
                throw DiagnosticsError([
                    Diagnostic(
                        .error,
                        "expected an OpenAPI version 3.0.x or 3.1.x for 'openapi', found \(DecodingContext.found(versionNode))",
                        at: versionNode.location, pointer: "#/openapi")
                ])
            }
            if version.minor > 1 {
                diagnostics.warning(
                    "OpenAPI \(text) is newer than 3.1; it is read with the 3.1 rules", at: versionNode.location,
                    pointer: "#/openapi")
            }
            isV31 = version.minor >= 1
        }
        let context = DecodingContext(diagnostics: diagnostics, isV31: isV31)
        guard let document = context.document(root), !diagnostics.hasErrors else {
            throw DiagnosticsError(diagnostics.diagnostics)
        }
        // Bytes loaded in memory may name a file that does not exist: its folder still anchors relative references.
        let canonical =
            FileReader.canonicalPath(realPath)
            ?? FileReader.canonicalPath(FileReader.directory(of: realPath)).map { folder in
                folder + "/" + (realPath.split(separator: "/").last.map(String.init) ?? realPath)
            }
            ?? realPath
        return SpecResolver(
            document: document, context: context, options: options,
            rootDirectory: FileReader.directory(of: canonical), rootCanonicalPath: canonical)
    }

    /// `, or allow it with` the `allow-external-files` setting.
    static let allowExternalFiles = Diagnostic.Remedy(", or allow it with ", setting: "allow-external-files")
    /// `; allow it with` the `allow-external-files` setting.
    static let allowItWithExternalFiles = Diagnostic.Remedy("; allow it with ", setting: "allow-external-files")

    static func readFailure(_ error: FileReader.Failure, path: String, limit: Int, at node: YAMLNode?) -> Diagnostic {
        let message: String
        var remedy: Diagnostic.Remedy?
        switch error {
        case .cannotOpen(let reason): message = "cannot read '\(path)': \(reason)"
        case .notAFile: message = "cannot read '\(path)': it is not a regular file"
        case .tooLarge(let size):
            message = "'\(path)' is \(size) bytes, more than the limit of \(limit) bytes"
            remedy = Diagnostic.Remedy(" (raise it with ", setting: "max-input-bytes", ")")
        case .readFailed(let reason): message = "cannot read '\(path)': \(reason)"
        }
        return Diagnostic(.error, message, at: node?.location, pointer: node?.pointer, remedy: remedy)
    }

    // MARK: References

    /// Resolves a reference to its target node, following `$ref`s that point at other `$ref`s.
    /// - Returns: The target, or `nil` after reporting why it cannot be resolved.
    public func resolve(_ reference: Reference) -> YAMLNode? {
        // The same `$ref` is resolved many times over (for its type, its traits, its flattened properties): by the
        // node it is written in, and its text.
        let key = NodeKey(reference.node)
        if let known = resolved[key], known.ref == reference.ref { return known.target }
        guard let target = resolveChain(reference) else { return nil }
        resolved[key] = (reference.ref, target)
        return target
    }

    private func resolveChain(_ reference: Reference) -> YAMLNode? {
        // Most references name a definition directly: no chain to follow or record.
        guard let first = locate(reference) else { return nil }
        guard first.isMapping, let firstRef = first["$ref"], firstRef.isScalar, !context.isSchemaWithRefSiblings(first)
        else { return first }
        var current = reference
        var chain: [String] = []
        var visited: Set<NodeKey> = [NodeKey(reference.node)]
        while true {
            guard let target = locate(current) else { return nil }
            chain.append(current.ref)
            guard target.isMapping, let refNode = target["$ref"], refNode.isScalar,
                !context.isSchemaWithRefSiblings(target)
            else { return target }
            if !visited.insert(NodeKey(target)).inserted {
                // Close the loop in the text when the repeated target is where the chain started.
                var shown = chain
                if !chain.dropLast().contains(current.ref) { shown.append(refNode.text) }
                context.error(
                    "reference cycle: " + shown.joined(separator: " → ")
                        + " (these $refs point only at each other and never reach a definition)",
                    at: reference.node["$ref"] ?? reference.node)
                return nil
            }
            if chain.count >= options.maxReferenceChain {
                context.error(
                    "a chain of more than \(options.maxReferenceChain) references that point at other references"
                        + " starts here", at: reference.node["$ref"] ?? reference.node)
                return nil
            }
            current = Reference(ref: refNode.text, node: target, description: nil)
        }
    }

    /// Finds the node one `$ref` names (no chain following).
    func locate(_ reference: Reference) -> YAMLNode? {
        let text = reference.ref
        // A reference inside its own document found before: keyed by its text (`#` and the pointer) as it is.
        if text.utf8.first == UInt8(ascii: "#"),
            let found = located[LocatedKey(document: ObjectIdentifier(reference.node.document), fragment: text)]
        {
            return found
        }
        let refNode = reference.node["$ref"] ?? reference.node
        let filePart: Substring
        let fragment: String
        if let hash = text.utf8.firstIndex(of: UInt8(ascii: "#")) {
            filePart = text[..<hash]
            fragment = String(text[text.index(after: hash)...])
        } else {
            filePart = Substring(text)
            fragment = ""
        }
        let document: YAMLDocument
        if filePart.isEmpty {
            document = reference.node.document
        } else {
            guard let loaded = externalDocument(String(filePart), from: reference.node.document, refNode: refNode)
            else {
                return nil
            }
            document = loaded
        }
        let locatedKey = LocatedKey(document: ObjectIdentifier(document), fragment: "#" + fragment)
        if let found = located[locatedKey] { return found }
        guard let tokens = JSONPointer.tokens(of: fragment) else {
            context.error(
                "'\(text)' is not a valid reference: the part after '#' must be a JSON pointer like /components/schemas/Name",
                at: refNode)
            return nil
        }
        guard var node = document.root else {
            context.error("cannot resolve '\(text)': the referenced file is empty", at: refNode)
            return nil
        }
        for (position, token) in tokens.enumerated() {
            let next: YAMLNode?
            switch node.kind {
            case .mapping: next = lookup(token, in: node)
            case .sequence: next = Int(token).flatMap { node[$0] }
            case .scalar: next = nil
            }
            guard let next else {
                // Name the file for a reference into another one: `there is no 'X' in common.yaml#/schemas`.
                let parentPointer = filePart + JSONPointer.fragment(tokens[..<position])
                var message = "cannot resolve '\(text)': "
                if node.kind == .scalar {
                    message += "\(parentPointer) is a scalar, not a mapping"
                } else {
                    message += "there is no '\(token)' in \(parentPointer)"
                }
                if node.isMapping, let suggestion = suggestion(for: token, in: node) {
                    message += "; did you mean '\(suggestion)'?"
                }
                context.error(message, at: refNode)
                return nil
            }
            node = next
        }
        located[locatedKey] = node
        return node
    }

    /// The value for `key` in a mapping; large mappings get a hash index on first use.
    func lookup(_ key: String, in node: YAMLNode) -> YAMLNode? {
        guard node.count > 32 else { return node[key] }
        let nodeKey = NodeKey(node)
        // Keyed by scalars, as `node[key]` compares: two keys canonically equivalent are two entries.
        if let index = mappingIndexes[nodeKey] { return index[ScalarKey(key)] }
        var index: [ScalarKey: YAMLNode] = [:]
        index.reserveCapacity(node.count)
        for (entryKey, value) in node.entries where entryKey.isScalar {
            let text = ScalarKey(entryKey.text)
            if index[text] == nil { index[text] = value }
        }
        mappingIndexes[nodeKey] = index
        return index[ScalarKey(key)]
    }

    /// Loads (once) the file a reference names, enforcing the folder and scheme policy.
    func externalDocument(_ location: String, from document: YAMLDocument, refNode: YAMLNode) -> YAMLDocument? {
        let lower = location.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") {
            guard options.allowNetworkReferences, let fetcher = options.networkFetcher else {
                context.error(
                    "network reference '\(location)' is refused; download the file next to the spec and refer to it by a"
                        + " relative path", at: refNode,
                    remedy: Diagnostic.Remedy(", or allow network references with ", setting: "allow-network-refs"))
                return nil
            }
            if let loaded = files[location] { return loaded }
            do {
                let bytes = try fetcher(location)
                return parseExternal(bytes, displayPath: location, key: location, refNode: refNode)
            } catch {
                context.error("cannot fetch '\(location)': \(error)", at: refNode)
                return nil
            }
        }
        var path: String
        let shownPath: String
        if lower.hasPrefix("file:") {
            guard options.allowExternalFilesOutsideRoot else {
                context.error(
                    "absolute file reference '\(location)' is refused; refer to files inside the spec's folder by a"
                        + " relative path", at: refNode, remedy: Self.allowExternalFiles)
                return nil
            }
            path = String(location.dropFirst(5))
            while path.hasPrefix("//") { path.removeFirst() }
            shownPath = path
        } else if location.contains("://") {
            context.error("reference '\(location)' uses an unsupported URL scheme", at: refNode)
            return nil
        } else if location.hasPrefix("/") {
            guard options.allowExternalFilesOutsideRoot else {
                context.error(
                    "absolute path reference '\(location)' is refused; refer to files inside the spec's folder by a"
                        + " relative path", at: refNode, remedy: Self.allowExternalFiles)
                return nil
            }
            path = location
            shownPath = path
        } else {
            let base = canonicalPaths[ObjectIdentifier(document)].map(FileReader.directory(of:)) ?? rootDirectory
            path = base + "/" + location
            shownPath = Self.displayPath(location, relativeTo: document.path)
        }
        // The path as written is checked before it is looked up, so an escape is refused whether or not it exists;
        // the canonical path is checked after, for symbolic links that lead out.
        let root = rootDirectory
        let isInsideRoot = { (candidate: String) in candidate.hasPrefix(root + "/") || root == "/" }
        if !options.allowExternalFilesOutsideRoot, !isInsideRoot(Self.normalized(path)) {
            context.error(
                "reference '\(location)' leads outside the spec's folder (\(rootFolderShown)) and is refused",
                at: refNode, remedy: Self.allowItWithExternalFiles)
            return nil
        }
        guard let canonical = FileReader.canonicalPath(path) else {
            context.error("cannot resolve '\(location)': the file \(shownPath) does not exist", at: refNode)
            return nil
        }
        if !options.allowExternalFilesOutsideRoot, !isInsideRoot(canonical) {
            context.error(
                "reference '\(location)' leads outside the spec's folder (\(rootFolderShown)) and is refused",
                at: refNode, remedy: Self.allowItWithExternalFiles)
            return nil
        }
        if let loaded = files[canonical] { return loaded }
        if failedFiles.contains(canonical) { return nil }
        guard files.count <= options.maxExternalFiles else {
            context.error(
                "the spec references more than \(options.maxExternalFiles) external files", at: refNode,
                remedy: Diagnostic.Remedy(" (raise the limit with ", setting: "max-external-files", ")"))
            failedFiles.insert(canonical)
            return nil
        }
        let bytes: [UInt8]
        do {
            bytes = try FileReader.read(canonical, limit: options.yamlLimits.maxInputBytes)
        } catch {
            failedFiles.insert(canonical)
            diagnostics.report(
                Self.readFailure(error, path: location, limit: options.yamlLimits.maxInputBytes, at: refNode))
            return nil
        }
        let displayPath = Self.displayPath(location, relativeTo: document.path)
        return parseExternal(bytes, displayPath: displayPath, key: canonical, refNode: refNode)
    }

    func parseExternal(_ bytes: [UInt8], displayPath: String, key: String, refNode: YAMLNode) -> YAMLDocument? {
        do {
            let parsed = try YAMLParser(limits: options.yamlLimits).parse(bytes, path: displayPath)
            files[key] = parsed
            canonicalPaths[ObjectIdentifier(parsed)] = key
            return parsed
        } catch {
            failedFiles.insert(key)
            diagnostics.report(error)
            context.error("cannot load '\(displayPath)', referenced here, because of the error above", at: refNode)
            return nil
        }
    }

    /// The root spec's folder as the user named it (`specs`, or `.`), for messages.
    var rootFolderShown: String { FileReader.directory(of: document.source.path) }

    /// A path with `.` and `..` segments and repeated slashes removed, without touching the file system.
    static func normalized(_ path: String) -> String {
        let isAbsolute = path.hasPrefix("/")
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..":
                if let last = segments.last, last != ".." {
                    segments.removeLast()
                } else if !isAbsolute {
                    segments.append(segment)
                }
            default: segments.append(segment)
            }
        }
        return (isAbsolute ? "/" : "") + segments.joined(separator: "/")
    }

    /// How to name an external file in messages: relative to the referencing file's folder.
    static func displayPath(_ location: String, relativeTo referencing: String) -> String {
        let directory = FileReader.directory(of: referencing)
        if location.hasPrefix("/") || directory == "." { return location }
        return directory + "/" + location
    }

    /// The key of `mapping` closest to a missing one, within ``suggestionBudget``, computed once per mapping and key.
    func suggestion(for key: String, in mapping: YAMLNode) -> String? {
        let cacheKey = SuggestionKey(mapping: NodeKey(mapping), key: key)
        if let known = suggestions[cacheKey] { return known }
        let length = key.unicodeScalars.count + 3
        let cost = mapping.count * length * length
        var result: String?
        if cost <= suggestionBudget {
            suggestionBudget -= cost
            result = EditDistance.closest(to: key, among: mapping.entries.map { $0.key.text })
        }
        suggestions[cacheKey] = .some(result)
        return result
    }
}
