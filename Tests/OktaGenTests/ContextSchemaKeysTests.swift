import Foundation
import OktaGenIR
import OktaGenOpenAPI
import OktaGenTestSupport
import Testing

@testable import OktaGenRender

/// Each context builder (`ModelContextBuilder`, `OperationContextBuilder`, the renderer's common, tag, client and
/// server contexts) produces exactly the keys its `ContextSchema` documents, on every fixture spec: no key a template
/// could use without the checker knowing it, no documented key that nothing sets (templates/README.md documents the
/// schema, so it would describe a key that is always empty). Also the kind of each value: a section's key
/// holds objects, a plain key does not, and comment text only where the schema says comment.
@Suite struct ContextSchemaKeysTests {
    /// Templates that share a schema; the documented keys must be produced by one of them at least.
    static func group(of template: String) -> String { template.hasPrefix("model-") ? "model" : template }

    /// Every spec the fixtures hold that renders: the golden specs, the hostile-name specs and the default spec.
    static var specPaths: [(path: String, display: String)] {
        let fixtures = GoldenSupport.testsDirectory.appendingPathComponent("Fixtures")
        var paths: [(String, String)] = []
        for folder in ["specs", "names-hostile"] {
            let names =
                (try? FileManager.default.contentsOfDirectory(atPath: fixtures.appendingPathComponent(folder).path))
                ?? []
            for name in names.sorted() where name.hasSuffix(".yaml") {
                paths.append((fixtures.appendingPathComponent("\(folder)/\(name)").path, "Fixtures/\(folder)/\(name)"))
            }
        }
        paths.append(
            (GoldenSupport.repositoryRoot.appendingPathComponent("specs/okta-users.yaml").path, "specs/okta-users.yaml")
        )
        return paths
    }

    /// What walking contexts against their schema found.
    struct Walk {
        /// `group: key.path` of every key a context holds.
        var produced: Set<String> = []
        /// Keys no schema documents and values of the wrong kind, each with the first spec that showed it.
        var problemSpecs: [String: String] = [:]
        var problems: [String] { problemSpecs.map { "\($0.key) (first in \($0.value))" }.sorted() }

        mutating func report(_ problem: String, spec: String) {
            if problemSpecs[problem] == nil { problemSpecs[problem] = spec }
        }

        mutating func visit(
            _ object: TemplateObject, _ schema: ContextSchema, group: String, path: String, spec: String
        ) {
            for (key, value) in object.entries {
                let keyPath = path.isEmpty ? key : "\(path).\(key)"
                guard let entry = schema.entries[key] else {
                    report("\(group): '\(keyPath)' is set but not documented in ContextSchema", spec: spec)
                    continue
                }
                produced.insert("\(group): \(keyPath)")
                if let children = entry.children {
                    switch value {
                    case .object(let child): visit(child, children, group: group, path: keyPath, spec: spec)
                    case .list(let items):
                        for item in items {
                            guard case .object(let child) = item else {
                                report("\(group): '\(keyPath)' is a section but holds \(item)", spec: spec)
                                continue
                            }
                            visit(child, children, group: group, path: keyPath, spec: spec)
                        }
                    default: report("\(group): '\(keyPath)' is a section but holds \(value)", spec: spec)
                    }
                } else if let kind = Self.kindProblem(value, comment: entry.isComment) {
                    report("\(group): '\(keyPath)' \(kind)", spec: spec)
                }
            }
        }

        /// Why a plain value does not fit its entry, or `nil`.
        static func kindProblem(_ value: TemplateValue, comment: Bool) -> String? {
            switch value {
            case .object: return "is documented as a value but holds an object"
            case .comment: return comment ? nil : "holds comment text but is not documented as comment"
            case .code: return comment ? "is documented as comment text but holds code" : nil
            case .bool, .int: return nil
            case .list(let items): return items.lazy.compactMap { kindProblem($0, comment: comment) }.first
            }
        }
    }

    /// Every key path a schema documents, as `group: key.path`.
    static func documented(_ schema: ContextSchema, group: String, path: String = "") -> Set<String> {
        var keys: Set<String> = []
        for (key, entry) in schema.entries {
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            keys.insert("\(group): \(keyPath)")
            if let children = entry.children { keys.formUnion(documented(children, group: group, path: keyPath)) }
        }
        return keys
    }

    /// Walks the root context of every file the renderer would write for `spec`, as `Renderer.render` builds it.
    static func walk(spec: (path: String, display: String), into walk: inout Walk) throws {
        let resolver = try SpecResolver.load(path: spec.path, displayPath: spec.display)
        let model = IRBuilder(resolver: resolver, selection: .all).build()
        for job in Renderer(model: model, options: RenderOptions(specFile: spec.display)).jobs() {
            guard let schema = ContextSchema.byTemplate[job.template] else {
                walk.report("template \(job.template) has no schema", spec: spec.display)
                continue
            }
            walk.visit(
                job.context().adding(job.common), schema, group: group(of: job.template), path: "", spec: spec.display)
        }
    }

    @Test func everyContextKeyIsDocumentedAndEveryDocumentedKeyIsSet() throws {
        var walk = Walk()
        for spec in Self.specPaths { try Self.walk(spec: spec, into: &walk) }
        #expect(walk.problems.isEmpty, Comment(rawValue: walk.problems.joined(separator: "\n")))

        var documented: Set<String> = []
        for (template, schema) in ContextSchema.byTemplate {
            documented.formUnion(Self.documented(schema, group: Self.group(of: template)))
        }
        let missing = documented.subtracting(walk.produced).sorted()
        #expect(
            missing.isEmpty,
            Comment(
                rawValue: "documented, but no context of any fixture spec sets it:\n" + missing.joined(separator: "\n"))
        )
        #expect(Self.specPaths.count >= 10 && walk.produced.count > 100)
    }
}
