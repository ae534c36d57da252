import Dispatch
import Foundation
import OktaGenDiagnostics
import OktaGenIR

/// What to generate.
public struct RenderMode: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let models = RenderMode(rawValue: 1)
    public static let client = RenderMode(rawValue: 2)
    public static let server = RenderMode(rawValue: 4)
    /// A DocC catalog for the client (`OktaClient.docc/`): the client's page with its API groups, and a getting
    /// started article. Written with the client only, and only in the `files` layout.
    public static let docs = RenderMode(rawValue: 8)
    public static let all: RenderMode = [.models, .client, .server, .docs]

    /// Parses `models,client,server,docs`.
    public static func parse(_ text: String) -> RenderMode? {
        parse(names: [text])
    }

    /// Parses a list of modes (the settings file's `mode`), each of which may itself be `models,client`.
    public static func parse(names: [String]) -> RenderMode? {
        var mode: RenderMode = []
        for part in names.flatMap({ $0.split(separator: ",") }) {
            switch part.trimmingCharacters(in: .whitespaces) {
            case "models": mode.insert(.models)
            case "client": mode.insert(.client)
            case "server": mode.insert(.server)
            case "docs": mode.insert(.docs)
            case "all": mode.formUnion(.all)
            default: return nil
            }
        }
        return mode.isEmpty ? nil : mode
    }
}

/// Options of a rendering run.
public struct RenderOptions: Sendable {
    /// What to generate.
    public var mode: RenderMode
    /// `public` or `internal`.
    public var access: String
    /// Name of the client struct.
    public var clientName: String
    /// Name of the protocol combining every handler.
    public var serverProtocolName: String
    /// The spec file as it should appear in headers.
    public var specFile: String
    /// Put before every generated type name (`Acme` → `AcmeUser`); empty for none.
    public var typeNamePrefix: String

    public init(
        mode: RenderMode = .all, access: String = "public", clientName: String = "OktaClient",
        serverProtocolName: String = "OktaAPIHandler", specFile: String, typeNamePrefix: String = ""
    ) {
        self.mode = mode
        self.access = access
        self.clientName = clientName
        self.serverProtocolName = serverProtocolName
        self.specFile = specFile
        self.typeNamePrefix = typeNamePrefix
    }
}

/// The generator version written into headers.
public let oktagenVersion = "0.1.0"

/// Renders the IR into Swift files through the templates.
public struct Renderer: Sendable {
    let model: IRModel
    let options: RenderOptions
    let templates: TemplateSet
    let generatedNames: GeneratedTypeNames

    /// Creates a renderer.
    public init(model: IRModel, options: RenderOptions, templates: TemplateSet = .bundled) {
        let ownNames: Set<String> = [options.clientName, options.serverProtocolName]
        self.model = model.prefixingTypeNames(options.typeNamePrefix, reserved: ownNames).avoidingTypeNames(ownNames)
        self.options = options
        self.templates = templates
        self.generatedNames = GeneratedTypeNames(model: self.model, options: options)
    }

    /// Renders every file.
    /// - Returns: File contents by path relative to the output folder (`Models/User.swift`), deterministic.
    /// - Throws: ``DiagnosticsError`` for template problems, at the template's file:line:column.
    public func render() throws(DiagnosticsError) -> [String: String] {
        try render(with: try templates.prepare())
    }

    /// Renders every file with templates prepared beforehand (``TemplateSet/prepare()``, which a caller may run while
    /// the spec is still being read).
    ///
    /// The files are rendered on every core: each file's context is built and rendered independently, so the output
    /// is the same whatever the order.
    /// - Parameter keepingContexts: Whether each file's context is left allocated after its file is rendered, for a
    ///   process that exits right after the run (`oktagen generate`'s optimized build). A context is a tree of
    ///   small arrays and strings, and tearing the whole spec's 2,000 down one node at a time took about 60 M
    ///   instructions, 7% of rendering, only for the process to end a moment later (as `FastExit` skips the
    ///   teardown of the tree, the IR and the files; compilers do the same). They hold about 7 KB a file, 14 MB for
    ///   the whole spec; a run of more than ``maxKeptContexts`` files frees them as it goes.
    /// - Returns: File contents by path relative to the output folder (`Models/User.swift`), deterministic.
    /// - Throws: ``DiagnosticsError`` when the model holds a name that is not a Swift identifier or an enum value that
    ///   is not a number of its enum's type (a generator bug: see ``RenderCheck``), at the IR node's location.
    public func render(with prepared: PreparedTemplates, keepingContexts: Bool = false) throws(DiagnosticsError)
        -> [String: String]
    {
        let problems = RenderCheck.problems(in: model, options: options)
        if !problems.isEmpty { throw DiagnosticsError(problems) }
        let jobs = self.jobs()
        let library = prepared.library
        let keeps = keepingContexts && jobs.count <= Self.maxKeptContexts
        let results = concurrentMap(jobs.count) { index in
            let job = jobs[index]
            let context = job.context().adding(job.common)
            var text = library.render(context, withTemplate: job.template) ?? ""
            if !text.hasSuffix("\n") { text += "\n" }
            // One reference that is never released: the context outlives the run, its teardown is skipped.
            if keeps { _ = Unmanaged.passRetained(KeptContext(context)) }
            return text
        }
        var files: [String: String] = [:]
        files.reserveCapacity(jobs.count)
        for (index, job) in jobs.enumerated() { files[job.path] = results[index] }
        return files
    }

    /// The most files whose contexts ``render(with:keepingContexts:)`` keeps (about 70 MB of them): memory is not
    /// traded for speed without bound (docs/Scaling.md generates 100,000 files).
    static let maxKeptContexts = 10_000

    /// A rendered file's context, kept allocated (see ``render(with:keepingContexts:)``).
    private final class KeptContext {
        let context: TemplateObject
        init(_ context: TemplateObject) { self.context = context }
    }

    /// One file to render: its path, its template, and how to make its context.
    struct Job: Sendable {
        let path: String
        let template: String
        /// The keys every template gets (built once per run, shared by every job).
        let common: TemplateObject
        let context: @Sendable () -> TemplateObject

        init(
            path: String, template: String, _ common: TemplateObject, context: @escaping @Sendable () -> TemplateObject
        ) {
            self.path = path
            self.template = template
            self.common = common
            self.context = context
        }
    }

    /// Every file of the run, named in a fixed order (names that collide get `_2`, … in that order).
    func jobs() -> [Job] {
        let index = ModelIndex(model)
        let common = commonContext()
        var jobs: [Job] = []
        var fileNames = GeneratedFileNames()
        if options.mode.contains(.models) {
            let builder = ModelContextBuilder(model: model, index: index, access: accessCode)
            for type in model.types {
                let template: String
                switch type.kind {
                case .object: template = "model-object"
                case .enumeration: template = "model-enum"
                case .union: template = "model-union"
                case .alias: template = "model-alias"
                }
                jobs.append(
                    Job(path: fileNames.path("Models", type.name), template: template, common) {
                        builder.context(for: type)
                    })
            }
        }
        let operations = OperationContextBuilder(
            model: model, index: index, access: accessCode, generatedNames: generatedNames)
        let model = self.model
        // By scalars: two tags that are canonically equivalent are two groups (see `ScalarKey`).
        let operationsByTag = Dictionary(grouping: model.operations) { ScalarKey($0.tag) }
        if options.mode.contains(.client) {
            jobs.append(
                Job(path: fileNames.path("Client", options.clientName), template: "client", common) {
                    ["tags": .objects(model.tags.map(self.tagContext))]
                })
            for tag in model.tags {
                let path = fileNames.path("Client", generatedNames.apiName(tag))
                jobs.append(
                    Job(path: path, template: "client-api", common) {
                        var api = self.tagContext(tag)
                        api["operations"] = .objects(
                            (operationsByTag[ScalarKey(tag.name)] ?? []).map(operations.clientContext))
                        return api
                    })
            }
        }
        if options.mode.contains(.server) {
            jobs.append(
                Job(path: fileNames.path("Server", options.serverProtocolName), template: "server", common) {
                    let tags = model.tags.map(self.tagContext)
                    return [
                        "tags": .objects(tags),
                        "handlerList": .code(
                            .joined(
                                model.tags.map {
                                    "\(SwiftIdentifier(self.generatedNames.handlerName($0)))" as SwiftCode
                                },
                                separator: ", ")),
                    ]
                })
            // Computed for server output only: a client-only run pays nothing for it.
            let validation = ValidationBuilder(model: model, index: index)
            let serverOperations = OperationContextBuilder(
                model: model, index: index, access: accessCode, generatedNames: generatedNames, validation: validation)
            if !validation.isEmpty {
                jobs.append(
                    Job(path: fileNames.path("Server", "OktaValidation"), template: "server-validation", common) {
                        validation.fileContext(model: model)
                    })
            }
            for tag in model.tags {
                let path = fileNames.path("Server", generatedNames.handlerName(tag))
                jobs.append(
                    Job(path: path, template: "server-handler", common) {
                        var handler = self.tagContext(tag)
                        handler["operations"] = .objects(
                            (operationsByTag[ScalarKey(tag.name)] ?? []).map(serverOperations.serverContext))
                        return handler
                    })
            }
        }
        if options.mode.contains(.docs), options.mode.contains(.client) {
            jobs += doccJobs(common)
        }
        // The enum of a request body in several media types, which client and server share: with the client, or
        // with the server stubs when the client is not generated.
        if let folder = options.mode.contains(.client) ? "Client" : options.mode.contains(.server) ? "Server" : nil {
            for operation in model.operations where OperationContextBuilder.hasRequestChoice(operation) {
                let path = fileNames.path(folder, generatedNames.requestBodyName(operation))
                jobs.append(
                    Job(path: path, template: "request-body", common) {
                        operations.requestChoiceContext(operation) ?? [:]
                    })
            }
        }
        return jobs
    }

    /// The documentation catalog's files: `<client>.docc/<client>.md`, which extends the client's page (its API
    /// groups), and `<client>.docc/GettingStarted.md`. Their contexts hold names only, never spec text: Markdown
    /// has no escaping layer here (SwiftSource.swift escapes for Swift), so nothing the spec says reaches them.
    func doccJobs(_ common: TemplateObject) -> [Job] {
        let catalog = Self.doccCatalogName(clientName: options.clientName)
        let groups: [TemplateObject] = model.tags.map { tag in
            [
                "property": .code(SwiftIdentifier(tag.propertyName).bare),
                "type": .code(SwiftIdentifier(generatedNames.apiName(tag)).bare),
            ]
        }
        let context: TemplateObject = ["groups": .objects(groups)]
        return [
            Job(path: "\(catalog)/\(SwiftIdentifier(options.clientName).bareText).md", template: "docc-client", common)
            {
                context
            },
            Job(path: "\(catalog)/GettingStarted.md", template: "docc-getting-started", common) { context },
        ]
    }

    /// The catalog's folder: `OktaClient.docc` (the client's name: the generator does not know the module's).
    public static func doccCatalogName(clientName: String) -> String {
        SwiftIdentifier(clientName).bareText + ".docc"
    }

    /// The access level as code (`RenderCheck` accepts only these).
    var accessCode: SwiftCode {
        switch options.access {
        case "public": "public"
        case "package": "package"
        default: "internal"
        }
    }

    func commonContext() -> TemplateObject {
        let title = model.source.title
        let version = model.source.version
        return [
            // Neither the spec's version nor its title: a new release would then rewrite every file (and make the SDK
            // rebuild whole) where only some change. 2025.08.0 → 2026.06.3 renamed the title: with it in the header,
            // all 2,096 files of the whole spec were rewritten; without it, 624. Both are in the client's and the
            // server's doc comments (client.mustache, server.mustache).
            "headerLine": .comment("Generated by oktagen \(oktagenVersion) from \(options.specFile)."),
            "access": .code(accessCode),
            "specFile": .comment(SwiftCommentText(options.specFile)),
            "specTitle": .comment(SwiftCommentText(title)),
            "specVersion": .comment(SwiftCommentText(version)),
            "generatorVersion": .comment(SwiftCommentText(oktagenVersion)),
            "clientName": .identifier(SwiftIdentifier(options.clientName)),
            "serverProtocolName": .identifier(SwiftIdentifier(options.serverProtocolName)),
        ]
    }

    func tagContext(_ tag: IRTag) -> TemplateObject {
        var doc = DocComments(model: model).tagLines(name: tag.name, description: tag.description)
        if doc.isEmpty { doc = [.docComment("The operations tagged `\(tag.name)`.")] }
        return [
            "name": .comment(SwiftCommentText(tag.name)),
            "propertyName": .identifier(SwiftIdentifier(tag.propertyName)),
            "apiName": .identifier(SwiftIdentifier(generatedNames.apiName(tag))),
            "handlerName": .identifier(SwiftIdentifier(generatedNames.handlerName(tag))),
            "docLines": .lines(doc),
        ]
    }
}
