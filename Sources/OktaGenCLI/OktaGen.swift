import ArgumentParser
import OktaGenRender

/// The `oktagen` command.
@main
struct OktaGen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oktagen",
        abstract: "Generate a Swift SDK and server stubs from Okta's OpenAPI spec (or any OpenAPI 3.0/3.1 document).",
        version: oktagenVersion,
        subcommands: [Generate.self, Validate.self, Model.self, Diff.self, Templates.self]
    )
}
