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
            paths: Dictionary(uniqueKeysWithValues: EmbeddedTemplates.all.keys.map { ($0, "templates/\($0).mustache") }))
    }

    init(texts: [String: String], paths: [String: String]) {
        self.texts = texts
        self.paths = paths
    }

    /// The bundled templates with every `*.mustache` file of `directory` replacing the one of the same name.
    /// - Throws: ``Diagnostic`` when the folder cannot be read, or names a template that does not exist.
    public static func overriding(with directory: String) throws(Diagnostic) -> TemplateSet {
        var texts = EmbeddedTemplates.all
        var paths = bundled.paths
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw Diagnostic(.error, "cannot read the templates folder '\(directory)': \(error.localizedDescription)")
        }
        for file in names.sorted() where file.hasSuffix(".mustache") {
            let name = String(file.dropLast(".mustache".count))
            let path = directory.hasSuffix("/") ? directory + file : directory + "/" + file
            guard texts[name] != nil else {
                throw Diagnostic(
                    .error,
                    "'\(file)' overrides no bundled template (see `oktagen templates list`)",
                    at: SourceLocation(file: path, line: 1, column: 1))
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw Diagnostic(.error, "cannot read the template '\(path)'")
            }
            texts[name] = String(decoding: data, as: UTF8.self)
            paths[name] = path
        }
        return TemplateSet(texts: texts, paths: paths)
    }

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
        var problems: [Diagnostic] = []
        for (name, schema) in ContextSchema.byTemplate.sorted(by: { $0.key < $1.key }) {
            problems += checker.check(name, schema: schema)
        }
        var parsed: [String: [TemplateNode]] = [:]
        for (name, text) in texts.sorted(by: { $0.key < $1.key }) {
            do {
                parsed[name] = try TemplateParser.parse(text)
            } catch {
                problems.append(Diagnostic(
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
