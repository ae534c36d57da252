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
    public static let all: RenderMode = [.models, .client, .server]

    /// Parses `models,client,server`.
    public static func parse(_ text: String) -> RenderMode? {
        var mode: RenderMode = []
        for part in text.split(separator: ",") {
            switch part.trimmingCharacters(in: .whitespaces) {
            case "models": mode.insert(.models)
            case "client": mode.insert(.client)
            case "server": mode.insert(.server)
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

    /// Creates a renderer.
    public init(model: IRModel, options: RenderOptions, templates: TemplateSet = .bundled) {
        self.model = model.prefixingTypeNames(
            options.typeNamePrefix, reserved: [options.clientName, options.serverProtocolName])
        self.options = options
        self.templates = templates
    }

    /// Renders every file.
    /// - Returns: File contents by path relative to the output folder (`Models/User.swift`), deterministic.
    /// - Throws: ``DiagnosticsError`` for template problems, at the template's file:line:column.
    public func render() throws(DiagnosticsError) -> [String: String] {
        render(with: try templates.prepare())
    }

    /// Renders every file with templates prepared beforehand (``TemplateSet/prepare()``, which a caller may run while
    /// the spec is still being read).
    ///
    /// The files are rendered on every core: each file's context is built and rendered independently, so the output
    /// is the same whatever the order.
    /// - Returns: File contents by path relative to the output folder (`Models/User.swift`), deterministic.
    public func render(with prepared: PreparedTemplates) -> [String: String] {
        let jobs = self.jobs()
        let library = prepared.library
        let results = Slots(count: jobs.count)
        defer { results.deallocate() }
        @Sendable func run(_ index: Int) {
            let job = jobs[index]
            let merged = job.common.merging(job.context()) { _, new in new }
            var text = library.render(merged, withTemplate: job.template) ?? ""
            if !text.hasSuffix("\n") { text += "\n" }
            results[index] = text
        }
        let workers = min(ProcessInfo.processInfo.activeProcessorCount, 8, jobs.count)
        if workers > 1 {
            // Interleaved (job i on worker i % workers): big and small files are spread evenly, and each worker
            // writes only its own slots of `results`.
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var index = worker
                while index < jobs.count {
                    run(index)
                    index += workers
                }
            }
        } else {
            for index in jobs.indices { run(index) }
        }
        var files: [String: String] = [:]
        files.reserveCapacity(jobs.count)
        for (index, job) in jobs.enumerated() { files[job.path] = results[index] }
        return files
    }

    /// One file to render: its path, its template, and how to make its context.
    struct Job: Sendable {
        let path: String
        let template: String
        let renderer: Renderer
        let context: @Sendable () -> [String: Any]

        init(path: String, template: String, _ renderer: Renderer, context: @escaping @Sendable () -> [String: Any]) {
            self.path = path
            self.template = template
            self.renderer = renderer
            self.context = context
        }

        /// The keys every template gets.
        var common: [String: Any] { renderer.commonContext() }
    }

    /// The rendered text of each job, written by the workers: each slot by one worker only.
    private final class Slots: @unchecked Sendable {
        private let buffer: UnsafeMutableBufferPointer<String>

        init(count: Int) {
            buffer = .allocate(capacity: count)
            buffer.initialize(repeating: "")
        }

        subscript(index: Int) -> String {
            get { buffer[index] }
            set { buffer[index] = newValue }
        }

        func deallocate() {
            buffer.deinitialize()
            buffer.deallocate()
        }
    }

    /// Every file of the run, named in a fixed order (names that collide get `_2`, … in that order).
    func jobs() -> [Job] {
        let index = ModelIndex(model)
        var jobs: [Job] = []
        var fileNames = GeneratedFileNames()
        if options.mode.contains(.models) {
            let builder = ModelContextBuilder(model: model, index: index, access: options.access)
            for type in model.types {
                let template: String
                switch type.kind {
                case .object: template = "model-object"
                case .enumeration: template = "model-enum"
                case .union: template = "model-union"
                case .alias: template = "model-alias"
                }
                jobs.append(Job(path: fileNames.path("Models", type.name), template: template, self) {
                    builder.context(for: type)
                })
            }
        }
        let operations = OperationContextBuilder(model: model, index: index, access: options.access)
        let model = self.model
        if options.mode.contains(.client) {
            jobs.append(Job(path: fileNames.path("Client", options.clientName), template: "client", self) {
                ["tags": model.tags.map(self.tagContext)]
            })
            for tag in model.tags {
                jobs.append(Job(path: fileNames.path("Client", tag.typeName + "API"), template: "client-api", self) {
                    var api = self.tagContext(tag)
                    api["operations"] = model.operations.filter { $0.tag == tag.name }.map(operations.clientContext)
                    return api
                })
            }
        }
        if options.mode.contains(.server) {
            jobs.append(Job(path: fileNames.path("Server", options.serverProtocolName), template: "server", self) {
                let tags = model.tags.map(self.tagContext)
                return [
                    "tags": tags,
                    "handlerList": model.tags.map { $0.typeName + "Handler" }.joined(separator: ", "),
                ]
            })
            for tag in model.tags {
                jobs.append(Job(path: fileNames.path("Server", tag.typeName + "Handler"), template: "server-handler", self) {
                    var handler = self.tagContext(tag)
                    handler["operations"] = model.operations.filter { $0.tag == tag.name }.map(operations.serverContext)
                    return handler
                })
            }
        }
        return jobs
    }

    func commonContext() -> [String: Any] {
        [
            "headerLine": "Generated by oktagen \(oktagenVersion) from \(options.specFile)"
                + " (\(model.source.title) \(model.source.version)).",
            "access": options.access,
            "specFile": options.specFile,
            "specTitle": model.source.title,
            "specVersion": model.source.version,
            "generatorVersion": oktagenVersion,
            "clientName": options.clientName,
            "serverProtocolName": options.serverProtocolName,
        ]
    }

    func tagContext(_ tag: IRTag) -> [String: Any] {
        var doc = DocComments.lines(tag.description)
        if doc.isEmpty { doc = ["/// The operations tagged `\(tag.name)`."] }
        return [
            "name": tag.name,
            "propertyName": tag.propertyName,
            "apiName": tag.typeName + "API",
            "handlerName": tag.typeName + "Handler",
            "docLines": doc,
        ]
    }
}
