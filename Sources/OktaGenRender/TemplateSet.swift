import Foundation
import OktaGenDiagnostics
import OktaGenResources

/// The templates a run uses: the bundled ones, with a user's folder overriding them file by file.
public struct TemplateSet: Sendable {
    /// Template texts by name (file name without `.mustache`).
    public let texts: [String: String]
    /// Where each template came from (`templates/model-object.mustache` for bundled ones).
    public let paths: [String: String]

    /// The bundled templates.
    public static var bundled: TemplateSet {
        TemplateSet(
            texts: EmbeddedTemplates.all,
            paths: Dictionary(uniqueKeysWithValues: EmbeddedTemplates.all.keys.map { ($0, "templates/\($0).mustache") })
        )
    }

    /// The bundled templates with every `*.mustache` file of `directory` replacing the one of the same name.
    /// - Throws: ``Diagnostic`` when the folder cannot be read, holds a template that is not a regular file or is
    ///   larger than ``maxTemplateBytes``, or names a template that does not exist.
    public static func overriding(with directory: String) throws(Diagnostic) -> TemplateSet {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw Diagnostic(.error, "cannot read the templates folder '\(directory)': \(error.localizedDescription)")
        }
        var texts: [String: String] = [:]
        var paths: [String: String] = [:]
        for file in names.sorted() where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            let path = directory.hasSuffix("/") ? directory + file : directory + "/" + file
            guard EmbeddedTemplates.all[name] != nil else {
                throw Diagnostic(
                    .error,
                    "'\(file)' overrides no bundled template (see `oktagen templates list`)",
                    at: SourceLocation(file: path, line: 1, column: 1))
            }
            switch RegularFile.read(path, limit: maxTemplateBytes, followLinks: true) {
            case .success(let bytes):
                texts[name] = String(decoding: bytes, as: UTF8.self)
                paths[name] = path
            case .failure(.tooLarge(let size)):
                throw Diagnostic(
                    .error, "the template is \(size) bytes, more than the limit of \(maxTemplateBytes) bytes",
                    at: SourceLocation(file: path, line: 1, column: 1))
            case .failure(let failure):
                throw Diagnostic(.error, "cannot read the template '\(path)': \(failure.reason)")
            }
        }
        return try overriding(texts, paths: paths)
    }

    /// The bundled templates with some replaced by the given texts.
    /// - Parameters:
    ///   - overrides: Template texts by name (file name without `.mustache`).
    ///   - paths: Where each came from, for messages (default: `<name>.mustache`).
    /// - Throws: ``Diagnostic`` when a name is not a bundled template's.
    public static func overriding(
        _ overrides: [String: String], paths overridePaths: [String: String] = [:]
    ) throws(Diagnostic) -> TemplateSet {
        var texts = EmbeddedTemplates.all
        var paths = bundled.paths
        for (name, text) in overrides.sorted(by: { $0.key < $1.key }) {
            let path = overridePaths[name] ?? "\(name).mustache"
            guard texts[name] != nil else {
                throw Diagnostic(
                    .error,
                    "'\(Diagnostic.excerpt(name)).mustache' overrides no bundled template (see `oktagen templates list`)",
                    at: SourceLocation(file: path, line: 1, column: 1))
            }
            texts[name] = text
            paths[name] = path
        }
        return TemplateSet(texts: texts, paths: paths)
    }

    /// The largest template file read (the bundled ones are under 20 KiB).
    public static let maxTemplateBytes = 1 << 20

    /// Checks and parses every template, ready for ``Renderer/render(with:)``.
    /// - Throws: ``DiagnosticsError`` listing every problem with its file:line:column.
    public func prepare() throws(DiagnosticsError) -> PreparedTemplates {
        PreparedTemplates(library: try library())
    }

    /// Checks every root template against its context schema and parses all of them.
    /// - Returns: A library ready to render (plain text: no HTML escaping).
    /// - Throws: ``DiagnosticsError`` listing every problem with its file:line:column.
    func library() throws(DiagnosticsError) -> TemplateLibrary {
        let checker = TemplateChecker(templates: texts, paths: paths)
        // Partials first: a cycle or an exponential expansion would make the checks below (and rendering) endless.
        var problems = checker.checkPartials()
        if problems.isEmpty {
            for (name, schema) in ContextSchema.byTemplate.sorted(by: { $0.key < $1.key }) {
                problems += checker.check(name, schema: schema)
                if problems.count >= TemplateChecker.maxProblems { break }
            }
        }
        var parsed: [String: [TemplateNode]] = [:]
        for (name, text) in texts.sorted(by: { $0.key < $1.key }) {
            do {
                parsed[name] = try TemplateParser.parse(text)
            } catch {
                problems.append(
                    Diagnostic(
                        .error, "invalid template: \(error.message)",
                        at: SourceLocation(file: paths[name] ?? name, line: error.line, column: error.column)))
            }
        }
        var seen = Set<String>()
        problems = problems.filter { seen.insert($0.description).inserted }
        if !problems.isEmpty { throw DiagnosticsError(problems) }
        return TemplateLibrary(templates: parsed)
    }
}

/// Templates checked and parsed, ready to render (``TemplateSet/prepare()``).
public struct PreparedTemplates: Sendable {
    let library: TemplateLibrary
}
