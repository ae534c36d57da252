// Generated code imports only `OktaRuntime`. Re-exporting the two libraries it is built on gives that code the
// transport, middleware and HTTP vocabulary (`ClientTransport`, `HTTPBody`, `HTTPRequest`, `HTTPFields`, ...)
// without a second import, and keeps the types identical to the ones every existing transport uses.
@_exported import HTTPTypes
// `pattern` matching (Sources/OktaRuntime/Validation, target OktaPattern).
@_exported import OktaPattern
@_exported import OpenAPIRuntime
