import Foundation
import OktaGenConfig
import OktaGenDiagnostics
import OktaGenRender
import OktaGenResources

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Skipping a run whose inputs have not changed since the run that wrote the output folder.
///
/// A run that records (``GeneratorPipeline/recordsRuns``; `oktagen generate` does) writes its notes into the
/// manifest (how many operations and types, and every diagnostic it reported, as JSON: one `# run:` line each) and,
/// once the folder is written, records the digest of its inputs on the manifest (``OutputWriter/recordRun(inputs:)``).
/// ``GeneratorPipeline/upToDate(_:tags:)`` computes the digest again and, when it matches and the folder is still
/// byte for byte what the manifest lists, reports the recorded diagnostics and the counts instead of parsing,
/// building and rendering: what a full run would print, in a few milliseconds.
///
/// The digest covers everything a run's output depends on:
/// - the generator itself: the `stat` of the running executable (device, inode, size, modification and change
///   times: a rebuilt or replaced `oktagen` is another generator);
/// - the settings: the flags, the settings file's values, the environment variables a run reads, the tags, the
///   output folder as named, and the current folder (relative paths are read from it);
/// - the files read: the spec (or, for the default, whether `specs/okta-users.yaml` exists), the settings file,
///   and the templates folder with each of its `.mustache` files, each by its `stat` (device, inode, size,
///   modification and change times), as `make`, ninja and git's index tell a changed file.
///
/// Files are compared by `stat` rather than by their bytes so that recording costs nothing measurable. A file's
/// change time cannot be set by a program (`touch` sets the modification time only), so an edit, a `git checkout`
/// or a replacement changes it, even one that keeps the size and the modification time. The one gap is an edit made
/// within the clock tick of the time the file already carries, after the run read it: the run would record the old
/// bytes under the new file's times. So a run records nothing when any input was changed less than
/// ``RunInputs/racyWindow`` seconds before the run started, or since (git's "racily clean" entries, the same
/// problem), and the next run is a full one.
///
/// Not recorded, so always run in full: a spec that reaches other files through `$ref`s (their list is known only
/// after a run), a run that may fetch network references, a run with a stage other than the default ones, and a
/// run that kept or ignored files of an earlier manifest (its notes are printed by the caller).
extension GeneratorPipeline {
    /// What ``upToDate(_:tags:)`` found: the output folder is what a run with these settings generates.
    public struct UpToDate: Sendable, Equatable {
        /// The output folder.
        public var output: String
        /// The files it holds (all generated, all checked).
        public var files: Int
        /// The model's operations, as the recorded run counted them.
        public var operations: Int
        /// The model's types.
        public var types: Int
    }

    /// Whether every stage is the generator's own (only then does the digest say what a run produces).
    var hasDefaultStages: Bool {
        loader is SpecLoader && resolver is SelectionResolver && builder is ModelBuilder && renderer is FileRenderer
            && writer is FolderWriter
    }

    /// The output folder's record, when a run with these settings and inputs wrote it and it is unchanged since;
    /// the recorded diagnostics are reported, as the run reported them. `nil` (nothing reported) otherwise: then
    /// ``generate(_:tags:)`` runs.
    public func upToDate(_ settings: GeneratorSettings, tags: TagRequest) -> UpToDate? {
        guard hasDefaultStages, let output = try? settings.output(),
            let inputs = RunInputs.digest(settings, tags: tags, output: output, changedBefore: nil),
            let record = OutputWriter(directory: output).recordedRun(), record.inputs == inputs,
            let notes = RunNotes(record.notes)
        else { return nil }
        report(notes.diagnostics)
        return UpToDate(output: output, files: record.files, operations: notes.operations, types: notes.types)
    }

    /// ``generate(_:tags:)``, recording the run when ``recordsRuns`` is set and the run can be recorded.
    func generateRecording(_ settings: GeneratorSettings, tags: TagRequest) throws(GeneratorFailure) -> Generated {
        let started = RunInputs.now()
        let log = DiagnosticLog()
        var pipeline = self
        let report = self.report
        pipeline.report = { diagnostics in
            log.append(diagnostics)
            report(diagnostics)
        }
        let generated = try pipeline.run(settings, tags: tags, log: log)
        if generated.spec.fileCount == 1, generated.written.kept.isEmpty, generated.written.ignored.isEmpty,
            let inputs = RunInputs.digest(settings, tags: tags, output: generated.output, changedBefore: started)
        {
            OutputWriter(directory: generated.output).recordRun(inputs: inputs)
        }
        return generated
    }
}

/// The diagnostics a run reported, in order.
final class DiagnosticLog: @unchecked Sendable {
    private let lock = NSLock()
    private var diagnostics: [Diagnostic] = []

    func append(_ more: [Diagnostic]) {
        lock.lock()
        diagnostics += more
        lock.unlock()
    }

    var all: [Diagnostic] {
        lock.lock()
        defer { lock.unlock() }
        return diagnostics
    }
}

/// The notes a recorded run writes into the manifest: `model OPERATIONS TYPES`, then `diagnostic JSON` for each
/// diagnostic (JSON keeps a message's line breaks and quotes inside one line).
struct RunNotes {
    var operations: Int
    var types: Int
    var diagnostics: [Diagnostic]

    init(operations: Int, types: Int, diagnostics: [Diagnostic]) {
        self.operations = operations
        self.types = types
        self.diagnostics = diagnostics
    }

    /// Reads the notes; `nil` when they are not a recorded run's.
    init?(_ notes: [String]) {
        guard let first = notes.first, first.hasPrefix("model ") else { return nil }
        let counts = first.dropFirst("model ".count).split(separator: " ")
        guard counts.count == 2, let operations = Int(counts[0]), let types = Int(counts[1]) else { return nil }
        var diagnostics: [Diagnostic] = []
        let decoder = JSONDecoder()
        for note in notes.dropFirst() {
            guard note.hasPrefix("diagnostic "),
                let diagnostic = try? decoder.decode(Diagnostic.self, from: Data(note.utf8.dropFirst(11)))
            else { return nil }
            diagnostics.append(diagnostic)
        }
        self.init(operations: operations, types: types, diagnostics: diagnostics)
    }

    /// The notes' lines.
    var lines: [String] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return ["model \(operations) \(types)"]
            + diagnostics.map { diagnostic in
                "diagnostic " + String(decoding: (try? encoder.encode(diagnostic)) ?? Data("{}".utf8), as: UTF8.self)
            }
    }
}

/// The digest of a run's inputs (see the extension above for what it covers and why by `stat`).
enum RunInputs {
    /// Seconds before a run's start within which a changed input makes the run unrecorded.
    static let racyWindow = 3

    /// The wall clock, as file times are kept.
    static func now() -> timespec {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return time
    }

    /// The digest, or `nil` when a run with these settings is not recorded: network references allowed, no
    /// executable to name, or (with `changedBefore`) an input changed less than ``racyWindow`` seconds before it.
    static func digest(
        _ settings: GeneratorSettings, tags: TagRequest, output: String, changedBefore start: timespec?
    ) -> String? {
        guard !settings.trust.allowNetworkRefs, let executable = executablePath() else { return nil }
        var text = "oktagen-run-inputs 1\n"
        var racy = false
        func file(_ label: String, _ path: String) {
            text += label + " " + String(reflecting: path) + " "
            var info = stat()
            guard stat(path, &info) == 0 else {
                text += "absent\n"
                return
            }
            let modified = info.modificationTime
            let changed = info.changeTime
            text += "\(info.st_dev) \(info.st_ino) \(info.st_mode) \(info.st_size)"
            text += " \(modified.tv_sec).\(modified.tv_nsec) \(changed.tv_sec).\(changed.tv_nsec)\n"
            if let start {
                let limit = start.tv_sec - racyWindow
                if max(modified.tv_sec, changed.tv_sec) >= limit { racy = true }
            }
        }
        file("executable", executable)
        text += "cwd " + String(reflecting: FileManager.default.currentDirectoryPath) + "\n"
        text += "output " + String(reflecting: output) + "\n"
        text += "tags " + String(reflecting: tags.selection) + " " + String(tags.isExplicit) + "\n"
        text += "flags " + canonical(settings.flags) + "\n"
        text += "settings " + canonical(settings.file) + "\n"
        for (name, value) in settings.environment.sorted(by: { $0.key < $1.key }) {
            text += "environment " + String(reflecting: name) + "=" + String(reflecting: value) + "\n"
        }
        let spec: String?
        let templates: String?
        do throws(Diagnostic) {
            spec = try settings.path("spec")
            templates = try settings.path("templates")
        } catch {
            return nil
        }
        if let spec {
            file("spec", spec)
        } else {
            file("default spec", EmbeddedSpec.defaultPath)
        }
        if let settingsFile = settings.file.file { file("settings file", settingsFile) }
        if let templates {
            file("templates", templates)
            for name in mustacheFiles(in: templates) {
                file("template", templates.hasSuffix("/") ? templates + name : templates + "/" + name)
            }
        }
        guard !racy else { return nil }
        return digest(of: text)
    }

    /// A configuration's values, in declaration order, without where they were written (two files with the same
    /// values configure the same run) and without the settings that change only what is printed (``printingOnly``).
    /// Every other stored property counts, so a setting added later is covered.
    static func canonical(_ config: GeneratorConfig) -> String {
        Mirror(reflecting: config).children.compactMap { child in
            guard let label = child.label, label != "locations", !printingOnly.contains(label) else { return nil }
            return label + "=" + String(reflecting: child.value)
        }.joined(separator: "; ")
    }

    /// Settings that change what a run prints, not what it generates (`quiet`), or that `generate` does not read.
    static let printingOnly: Set<String> = ["quiet", "summary", "format", "failOnBreaking"]

    /// The `.mustache` files of a folder, sorted (as ``TemplateSet/overriding(with:)`` reads them).
    static func mustacheFiles(in folder: String) -> [String] {
        guard let directory = opendir(folder) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix(while: { $0 != 0 }), as: UTF8.self)
            }
            if name.hasSuffix(".mustache") { names.append(name) }
        }
        return names.sorted()
    }

    /// The running executable's path (`nil` where it cannot be known).
    static func executablePath() -> String? {
        #if os(Linux)
            return "/proc/self/exe"
        #elseif canImport(Darwin)
            var size: UInt32 = 0
            _ = _NSGetExecutablePath(nil, &size)
            var buffer = [CChar](repeating: 0, count: Int(size) + 1)
            guard _NSGetExecutablePath(&buffer, &size) == 0 else { return nil }
            return String(cString: buffer)
        #else
            return nil
        #endif
    }

    /// Two 64-bit FNV-1a hashes of the text (different offset bases), as 32 hex digits. Not a defence against a
    /// forged collision, and needs not be one: what an attacker controls (a spec's or a settings file's bytes) is
    /// not hashed, only its `stat`, whose change time no program chooses.
    static func digest(of text: String) -> String {
        var first: UInt64 = 0xcbf2_9ce4_8422_2325
        var second: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in text.utf8 {
            first = (first ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
            second = (second ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        func hex(_ value: UInt64) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: 16 - digits.count) + digits
        }
        return hex(first) + hex(second)
    }
}

extension stat {
    /// `st_mtim` / `st_mtimespec`.
    fileprivate var modificationTime: timespec {
        #if canImport(Darwin)
            st_mtimespec
        #else
            st_mtim
        #endif
    }

    /// `st_ctim` / `st_ctimespec`.
    fileprivate var changeTime: timespec {
        #if canImport(Darwin)
            st_ctimespec
        #else
            st_ctim
        #endif
    }
}
