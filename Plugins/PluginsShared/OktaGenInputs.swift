import Foundation

/// What OktaGen needs from a target: exactly one OpenAPI document, at most one settings file, and the files whose
/// change must regenerate. Shared by both plugins (linked into each plugin's folder).
struct OktaGenInputs {
    /// The OpenAPI document.
    let spec: URL
    /// `oktagen.yaml`, when the target has one.
    let config: URL?
    /// The spec, the settings file, and every other YAML, JSON and Mustache file of the target (split specs and
    /// template overrides): a change to any of them regenerates.
    let dependencies: [URL]

    static let specNames: Set<String> = ["openapi.yaml", "openapi.yml", "openapi.json"]
    static let configNames: Set<String> = ["oktagen.yaml", "oktagen.yml"]
    static let dependencyExtensions: Set<String> = ["yaml", "yml", "json", "mustache"]

    /// The files of the combined layout (`oktagen generate --layout combined`), always these three.
    static let combinedFileNames = ["OktaGenModels.swift", "OktaGenClient.swift", "OktaGenServer.swift"]

    /// Finds the inputs among a target's files.
    /// - Parameters:
    ///   - targetName: The target, for messages.
    ///   - files: Every file of the target.
    /// - Throws: ``OktaGenPluginError`` when the target has no OpenAPI document, or more than one, or two settings
    ///   files.
    init(targetName: String, files: [URL]) throws {
        let specs = files.filter { Self.specNames.contains($0.lastPathComponent) }.sorted { $0.path < $1.path }
        let configs = files.filter { Self.configNames.contains($0.lastPathComponent) }.sorted { $0.path < $1.path }
        guard let spec = specs.first else {
            throw OktaGenPluginError(
                "target '\(targetName)' has no OpenAPI document: add openapi.yaml (or openapi.yml, openapi.json) to"
                    + " its folder, next to an optional oktagen.yaml")
        }
        guard specs.count == 1 else {
            throw OktaGenPluginError(
                "target '\(targetName)' has \(specs.count) OpenAPI documents ("
                    + specs.map { $0.path }.joined(separator: ", ") + "): keep exactly one")
        }
        guard configs.count <= 1 else {
            throw OktaGenPluginError(
                "target '\(targetName)' has \(configs.count) settings files ("
                    + configs.map { $0.path }.joined(separator: ", ") + "): keep exactly one")
        }
        self.spec = spec
        self.config = configs.first
        var dependencies = files.filter { Self.dependencyExtensions.contains($0.pathExtension.lowercased()) }
        // Template overrides the settings file names outside the target.
        if let config = configs.first, let folder = Self.templatesFolder(in: config) {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for name in names where name.hasSuffix(".mustache") {
                let url = folder.appendingPathComponent(name)
                if !dependencies.contains(where: { $0.standardizedFileURL == url.standardizedFileURL }) {
                    dependencies.append(url)
                }
            }
        }
        self.dependencies = dependencies.sorted { $0.path < $1.path }
    }

    /// The folder of the settings file's `templates:` key (a plain `templates: path` line), relative to the file.
    static func templatesFolder(in config: URL) -> URL? {
        guard let data = FileManager.default.contents(atPath: config.path) else { return nil }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") where line.hasPrefix("templates:") {
            var value = line.dropFirst("templates:".count)
            if let comment = value.range(of: " #") { value = value[..<comment.lowerBound] }
            let path = value.trimmingCharacters(in: CharacterSet(charactersIn: " \t\"'"))
            guard !path.isEmpty else { return nil }
            return path.hasPrefix("/")
                ? URL(fileURLWithPath: path)
                : config.deletingLastPathComponent().appendingPathComponent(path)
        }
        return nil
    }

    /// The arguments of `oktagen generate` for these inputs (the settings file's, or none: never a stray
    /// `oktagen.yaml` of the folder the tool runs in).
    /// - Parameter folder: When given, paths inside it are passed relative to it (the tool then runs there), so that
    ///   generated headers name the spec the same way on every machine.
    func generateArguments(relativeTo folder: URL? = nil) -> [String] {
        func path(_ url: URL) -> String {
            guard let folder else { return url.path }
            let base = folder.standardizedFileURL.path
            let full = url.standardizedFileURL.path
            return full.hasPrefix(base + "/") ? String(full.dropFirst(base.count + 1)) : full
        }
        var arguments = ["generate", "--spec", path(spec)]
        if let config { arguments += ["--config", path(config)] } else { arguments.append("--no-config") }
        return arguments
    }
}

/// A problem the plugins report.
struct OktaGenPluginError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = "OktaGen: " + description }
}
