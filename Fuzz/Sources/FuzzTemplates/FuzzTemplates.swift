import OktaGenDiagnostics
import OktaGenIR
import OktaGenOpenAPI
import OktaGenPipeline
import OktaGenRender

/// libFuzzer entry point: templates as input. The bytes are cut at NUL bytes into pieces; each piece's first byte
/// picks the bundled template it replaces (partials included), the rest is its text. The set is checked and parsed
/// (``TemplateSet/prepare()``) and, when that succeeds, rendered against a small model. Template errors are expected;
/// crashes (a partial that includes itself), hangs, blow-ups and messages that quote more than a short excerpt of a
/// template are findings.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTemplates(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var overrides: [String: String] = [:]
    for piece in bytes.split(separator: 0, omittingEmptySubsequences: true) {
        let name = templateNames[Int(piece[piece.startIndex]) % templateNames.count]
        overrides[name] = String(decoding: piece.dropFirst(), as: UTF8.self)
    }
    let set: TemplateSet
    do {
        set = try TemplateSet.overriding(overrides)
    } catch {
        fatalError("bundled names refused: \(error)")
    }
    let prepared: PreparedTemplates
    do {
        prepared = try set.prepare()
    } catch {
        for diagnostic in error.diagnostics where diagnostic.description.utf8.count > 1_500 {
            fatalError("a message of \(diagnostic.description.utf8.count) bytes: \(diagnostic.description.prefix(300))")
        }
        return 0
    }
    // The model is built for each input: kept in a global, it would be reported as leaked at exit (LeakSanitizer
    // cannot follow Swift's pointers inside indirect enum payloads).
    _ = try? FileRenderer().render(makeModel(), options: RenderOptions(specFile: "spec.yaml"), templates: prepared)
    return 0
}

/// The bundled templates' names, sorted (a piece's first byte indexes them).
let templateNames = TemplateSet.bundled.texts.keys.sorted()

/// One operation with a path parameter, a query parameter, a body and responses, and a few types (object, enum,
/// union, alias): every bundled template has something to render.
func makeModel() -> IRModel {
    let spec = """
        openapi: 3.0.3
        info: {title: Fuzz, version: "1"}
        paths:
          /users/{id}:
            get:
              operationId: getUser
              tags: [User]
              summary: Get a user
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
                - {name: expand, in: query, schema: {type: string}}
              responses:
                "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/User"}}}}
                "404": {description: missing, content: {application/json: {schema: {$ref: "#/components/schemas/Error"}}}}
            post:
              operationId: updateUser
              tags: [User]
              parameters:
                - {name: id, in: path, required: true, schema: {type: string}}
              requestBody:
                required: true
                content: {application/json: {schema: {$ref: "#/components/schemas/Profile"}}}
              responses:
                "200": {description: ok, content: {application/json: {schema: {$ref: "#/components/schemas/User"}}}}
        components:
          schemas:
            User:
              type: object
              description: A user.
              required: [id]
              properties:
                id: {type: string}
                status: {$ref: "#/components/schemas/Status"}
                profile: {$ref: "#/components/schemas/Profile"}
                created: {type: string, format: date-time}
                tags: {type: array, items: {type: string}}
                extra: {type: object, additionalProperties: {type: integer}}
            Status: {type: string, enum: [ACTIVE, SUSPENDED]}
            Profile:
              oneOf:
                - {$ref: "#/components/schemas/Named"}
                - {$ref: "#/components/schemas/Anonymous"}
            Named: {type: object, properties: {name: {type: string}}}
            Anonymous: {type: object, properties: {alias: {type: string}}}
            Login: {type: string}
            Error: {type: object, properties: {errorCode: {type: string}}}
        """
    let pipeline = GeneratorPipeline()
    guard
        let resolver = try? pipeline.load(
            .bytes(Array(spec.utf8), path: "/nonexistent-oktagen-fuzz/spec.yaml"), options: LoadOptions()),
        let model = try? pipeline.build(resolver, selection: .all)
    else { fatalError("the harness's spec does not load") }
    return model
}
