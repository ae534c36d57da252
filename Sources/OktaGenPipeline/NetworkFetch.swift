#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Fetches `$ref` targets over the network with `curl`, used only with `--allow-network-refs`.
///
/// A subprocess keeps the tool free of FoundationNetworking (and its dozens of libraries, loaded at every start).
public enum NetworkFetch {
    struct FetchError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    @Sendable public static func fetch(_ url: String) throws -> [UInt8] {
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else { throw FetchError(message: "cannot create a pipe") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        let arguments = [
            "curl", "--fail", "--silent", "--show-error", "--location", "--max-time", "60",
            "--max-filesize", "67108864", "--proto", "=http,https", "--", url,
        ]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let status = posix_spawnp(&pid, "curl", &actions, nil, &argv, environ)
        close(pipeEnds[1])
        guard status == 0 else {
            close(pipeEnds[0])
            throw FetchError(message: "cannot run curl (is it installed?)")
        }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(pipeEnds[0], $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        close(pipeEnds[0])
        var exitStatus: Int32 = 0
        while waitpid(pid, &exitStatus, 0) < 0, errno == EINTR {}
        guard exitStatus == 0 else { throw FetchError(message: "curl failed (exit status \(exitStatus >> 8))") }
        return bytes
    }
}
