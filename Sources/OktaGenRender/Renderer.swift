import Foundation
import Mustache
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
public struct Renderer {
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
        let library = try templates.library()
        let index = ModelIndex(model)
        let common = commonContext()
        var files: [String: String] = [:]
        var fileNames = GeneratedFileNames()
        func render(_ template: String, _ context: [String: Any], to path: String) {
            let merged = common.merging(context) { _, new in new }
            var text = library.render(merged, withTemplate: template) ?? ""
            if !text.hasSuffix("\n") { text += "\n" }
            files[path] = text
        }
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
                render(template, builder.context(for: type), to: fileNames.path("Models", type.name))
            }
        }
        let operations = OperationContextBuilder(model: model, index: index, access: options.access)
        let tags = model.tags.map(tagContext)
        if options.mode.contains(.client) {
            render("client", ["tags": tags], to: fileNames.path("Client", options.clientName))
            for (tag, context) in zip(model.tags, tags) {
                var api = context
                api["operations"] = model.operations.filter { $0.tag == tag.name }.map(operations.clientContext)
                render("client-api", api, to: fileNames.path("Client", context["apiName"] as? String ?? tag.typeName))
            }
        }
        if options.mode.contains(.server) {
            render(
                "server",
                ["tags": tags, "handlerList": tags.compactMap { $0["handlerName"] as? String }.joined(separator: ", ")],
                to: fileNames.path("Server", options.serverProtocolName))
            for (tag, context) in zip(model.tags, tags) {
                var handler = context
                handler["operations"] = model.operations.filter { $0.tag == tag.name }.map(operations.serverContext)
                render("server-handler", handler, to: fileNames.path("Server", context["handlerName"] as? String ?? tag.typeName))
            }
        }
        return files
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
