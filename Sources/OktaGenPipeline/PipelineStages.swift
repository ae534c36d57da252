import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import OktaGenRender
import OktaGenResources

/// Where a spec comes from.
public enum SpecSource: Sendable, Equatable {
    /// A file, named `displayPath` in messages and in the model (tests keep absolute paths out of goldens with it).
    case file(String, displayPath: String? = nil)
    /// Bytes already in memory (read from git, a fuzzer's input), as if they were the file `path` (relative
    /// references resolve beside it), named `displayPath` in messages.
    case bytes([UInt8], path: String, displayPath: String? = nil)
    /// The default spec: `specs/okta-users.yaml` when the current folder has it, else the copy built into the tool.
    case bundled
}

/// Stage 1, load: a spec's bytes → a decoded document whose `$ref`s resolve on demand (YAML parse, OpenAPI decode).
public protocol SpecLoading: Sendable {
    /// Loads a spec.
    /// - Throws: ``DiagnosticsError`` with every diagnostic when the spec cannot be read or has errors.
    func load(_ source: SpecSource, options: LoadOptions) throws(DiagnosticsError) -> SpecResolver
}

/// Stage 2, resolve: what the run asks for, checked against the loaded specs before anything is built or written.
public protocol SelectionResolving: Sendable {
    /// The errors of a selection: named tags that none of the specs knows.
    func check(_ tags: TagRequest, in specs: [SpecResolver]) -> [Diagnostic]
    /// Decodes every part of the document and resolves every reference, so that their problems are reported even
    /// where no selected operation reaches (`oktagen validate`).
    func resolveAll(_ spec: SpecResolver)
}

/// Stage 3, IR: the selected operations and the types they reach.
public protocol ModelBuilding: Sendable {
    /// Builds the model; warnings and errors go to the spec's diagnostics.
    func build(_ spec: SpecResolver, selection: TagSelection) -> IRModel
    /// Builds the model with type names chosen in the settings (`name-overrides`).
    func build(_ spec: SpecResolver, selection: TagSelection, nameOverrides: [IRNameOverride]) -> IRModel
    /// Builds the model with the naming choices of the settings (`name-overrides`, `path-labels`).
    func build(
        _ spec: SpecResolver, selection: TagSelection, nameOverrides: [IRNameOverride], pathLabels: IRPathLabels
    ) -> IRModel
}

extension ModelBuilding {
    /// A stage that knows no overrides builds as if there were none.
    public func build(_ spec: SpecResolver, selection: TagSelection, nameOverrides: [IRNameOverride]) -> IRModel {
        build(spec, selection: selection)
    }

    /// A stage that knows no label choice builds with its overrides alone.
    public func build(
        _ spec: SpecResolver, selection: TagSelection, nameOverrides: [IRNameOverride], pathLabels: IRPathLabels
    ) -> IRModel {
        build(spec, selection: selection, nameOverrides: nameOverrides)
    }
}

/// Stage 4, render: templates and the IR → Swift files.
public protocol FileRendering: Sendable {
    /// Reads, checks and parses the templates (the bundled ones, or a folder of overrides).
    func prepare(templates: String?) throws(DiagnosticsError) -> PreparedTemplates
    /// Renders every file: contents by path relative to the output folder.
    func render(_ model: IRModel, options: RenderOptions, templates: PreparedTemplates) throws(DiagnosticsError)
        -> [String: String]
}

/// Stage 5, write: the files into the output folder, only those whose bytes change, never half-written.
public protocol OutputWriting: Sendable {
    /// Writes the files.
    func write(_ files: [String: String], to directory: String) throws(Diagnostic) -> OutputWriter.Report
    /// Writes the files, with notes for the manifest (``OutputWriter/manifestNotes``; a writer without a manifest
    /// ignores them, which is the default).
    func write(_ files: [String: String], to directory: String, manifestNotes: [String]) throws(Diagnostic)
        -> OutputWriter.Report
}

extension OutputWriting {
    public func write(_ files: [String: String], to directory: String, manifestNotes: [String]) throws(Diagnostic)
        -> OutputWriter.Report
    {
        try write(files, to: directory)
    }
}

/// The default loader: libyaml and the OpenAPI layer.
public struct SpecLoader: SpecLoading {
    public init() {}

    public func load(_ source: SpecSource, options: LoadOptions) throws(DiagnosticsError) -> SpecResolver {
        switch source {
        case .file(let path, let displayPath):
            return try SpecResolver.load(path: path, options: options, displayPath: displayPath)
        case .bytes(let bytes, let path, let displayPath):
            return try SpecResolver.load(bytes: bytes, path: path, options: options, displayPath: displayPath)
        case .bundled:
            if FileSystem.isFile(EmbeddedSpec.defaultPath) {
                return try SpecResolver.load(path: EmbeddedSpec.defaultPath, options: options)
            }
            return try SpecResolver.load(
                bytes: Array(EmbeddedSpec.oktaUsers.utf8), path: "<embedded>/" + EmbeddedSpec.defaultPath,
                options: options)
        }
    }
}

/// The default resolution: tag names against the specs' tags; `validateAll` of the OpenAPI layer.
public struct SelectionResolver: SelectionResolving {
    public init() {}

    public func check(_ tags: TagRequest, in specs: [SpecResolver]) -> [Diagnostic] {
        tags.unknownTagErrors(in: specs)
    }

    public func resolveAll(_ spec: SpecResolver) { spec.validateAll() }
}

/// The default IR stage: ``IRBuilder``.
public struct ModelBuilder: ModelBuilding {
    public init() {}

    public func build(_ spec: SpecResolver, selection: TagSelection) -> IRModel {
        IRBuilder(resolver: spec, selection: selection).build()
    }

    public func build(_ spec: SpecResolver, selection: TagSelection, nameOverrides: [IRNameOverride]) -> IRModel {
        IRBuilder(resolver: spec, selection: selection, nameOverrides: nameOverrides).build()
    }

    public func build(
        _ spec: SpecResolver, selection: TagSelection, nameOverrides: [IRNameOverride], pathLabels: IRPathLabels
    ) -> IRModel {
        IRBuilder(resolver: spec, selection: selection, nameOverrides: nameOverrides, pathLabels: pathLabels).build()
    }
}

/// The default renderer: the bundled Mustache templates (or overrides), rendered on every core.
public struct FileRenderer: FileRendering {
    /// Whether each file's template context is left allocated once the file is rendered, for a process that exits
    /// right after the run (`Renderer.render(with:keepingContexts:)`). Off by default: a library caller, a test or
    /// a fuzzer running many renders would keep every context it ever built.
    public var keepsContexts: Bool

    /// The default renderer; `keepsContexts` only for a process that ends with the run.
    public init(keepsContexts: Bool = false) {
        self.keepsContexts = keepsContexts
    }

    public func prepare(templates: String?) throws(DiagnosticsError) -> PreparedTemplates {
        let templateSet: TemplateSet
        do throws(Diagnostic) {
            templateSet =
                try templates.map { path throws(Diagnostic) in try TemplateSet.overriding(with: path) }
                ?? .bundled
        } catch {
            throw DiagnosticsError([error])
        }
        return try templateSet.prepare()
    }

    public func render(_ model: IRModel, options: RenderOptions, templates: PreparedTemplates)
        throws(DiagnosticsError) -> [String: String]
    {
        try Renderer(model: model, options: options).render(with: templates, keepingContexts: keepsContexts)
    }
}

/// The default writer: ``OutputWriter`` (staged, swapped in, with a manifest of what it wrote).
public struct FolderWriter: OutputWriting {
    public init() {}

    public func write(_ files: [String: String], to directory: String) throws(Diagnostic) -> OutputWriter.Report {
        try OutputWriter(directory: directory).write(files)
    }

    public func write(_ files: [String: String], to directory: String, manifestNotes: [String]) throws(Diagnostic)
        -> OutputWriter.Report
    {
        try OutputWriter(directory: directory, manifestNotes: manifestNotes).write(files)
    }
}
