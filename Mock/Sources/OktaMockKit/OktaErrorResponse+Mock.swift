import OktaRuntime

/// The Okta errors okta-mock answers with besides the common ones of `OktaRuntime`: codes, statuses and summaries as
/// Okta's error catalogue gives them.
extension OktaErrorResponse {
    /// 403 `E0000016` "Activation failed because the user is already active".
    static func alreadyActive() -> Self {
        Self(status: .forbidden, code: "E0000016", summary: "Activation failed because the user is already active")
    }

    /// 403 `E0000014` "Update of credentials failed", with the failing credential as cause.
    ///
    /// - Parameter cause: For example `oldPassword: The credentials provided were incorrect.`
    static func credentialsUpdateFailed(_ cause: String) -> Self {
        Self(status: .forbidden, code: "E0000014", summary: "Update of credentials failed", causes: [cause])
    }

    /// 403 `E0000017` "Password reset failed".
    ///
    /// - Parameter cause: Why.
    static func passwordResetFailed(_ cause: String) -> Self {
        Self(status: .forbidden, code: "E0000017", summary: "Password reset failed", causes: [cause])
    }

    /// 400 `E0000029` "Invalid paging request.".
    ///
    /// - Parameter cause: Why.
    static func invalidPaging(_ cause: String) -> Self {
        Self(status: .badRequest, code: "E0000029", summary: "Invalid paging request.", causes: [cause])
    }

    /// 400 `E0000031` "Invalid search criteria.", with the parser's message as cause.
    ///
    /// - Parameter cause: For example `filter: expected an operator after 'status' at character 8`.
    static func invalidSearchCriteria(_ cause: String) -> Self {
        Self(status: .badRequest, code: "E0000031", summary: "Invalid search criteria.", causes: [cause])
    }

    /// 403 `E0000032` "Unlock is not allowed for this user.".
    static func unlockNotAllowed() -> Self {
        Self(status: .forbidden, code: "E0000032", summary: "Unlock is not allowed for this user.")
    }

    /// 403 `E0000034` "Forgot password not allowed on specified user.".
    ///
    /// - Parameter cause: Why.
    static func forgotPasswordNotAllowed(_ cause: String) -> Self {
        Self(
            status: .forbidden, code: "E0000034", summary: "Forgot password not allowed on specified user.",
            causes: [cause])
    }

    /// 403 `E0000035` "Change password not allowed on specified user.".
    ///
    /// - Parameter cause: Why.
    static func changePasswordNotAllowed(_ cause: String) -> Self {
        Self(
            status: .forbidden, code: "E0000035", summary: "Change password not allowed on specified user.",
            causes: [cause])
    }

    /// 403 `E0000036` "Change recovery question not allowed on specified user.".
    ///
    /// - Parameter cause: Why.
    static func changeRecoveryQuestionNotAllowed(_ cause: String) -> Self {
        Self(
            status: .forbidden, code: "E0000036", summary: "Change recovery question not allowed on specified user.",
            causes: [cause])
    }

    /// 403 `E0000038` "This operation is not allowed in the user's current status.".
    ///
    /// - Parameter cause: For example `status: the user is STAGED`.
    static func notAllowedInStatus(_ cause: String) -> Self {
        Self(
            status: .forbidden, code: "E0000038",
            summary: "This operation is not allowed in the user's current status.",
            causes: [cause])
    }

    /// 403 `E0000087` "The recovery question answer did not match our records.".
    static func recoveryAnswerIncorrect() -> Self {
        Self(
            status: .forbidden, code: "E0000087", summary: "The recovery question answer did not match our records.")
    }

    /// 400 `E0000124`: creating a user with an expired password needs a password.
    static func expireOnCreateRequiresPassword() -> Self {
        Self(
            status: .badRequest, code: "E0000124",
            summary: "To create a user and expire password immediately, a password must be specified")
    }

    /// 400 `E0000125`: creating a user with an expired password needs `activate=true`.
    static func expireOnCreateRequiresActivation() -> Self {
        Self(
            status: .badRequest, code: "E0000125",
            summary: "To create a user and expire password immediately, activate must be true")
    }

    /// 400 `E0000001` "Api validation failed: {field}", the field taken from the first cause (`login: …`).
    ///
    /// - Parameter causes: The causes, each `field: message`.
    static func validationFailed(causes: [String]) -> Self {
        let field = causes.first.map { String($0.prefix { $0 != ":" }) } ?? "request"
        return validationFailed(field, causes: causes)
    }

    /// 404 `E0000007` for a user.
    ///
    /// - Parameter id: The identifier that was looked up.
    static func userNotFound(_ id: String) -> Self { notFound(resourceID: id, resourceType: "User") }

    /// 404 `E0000007` for an unknown path.
    ///
    /// - Parameter path: The path requested.
    static func pathNotFound(_ path: String) -> Self {
        Self(status: .notFound, code: "E0000007", summary: "Not found: Resource not found: \(path) (Path)")
    }

    // MARK: Transport

    /// 400 `E0000021` "Bad request. Accept and/or Content-Type headers likely do not match supported values.", for a
    /// request that carries a body in a media type okta-mock does not read (Okta's summary, word for word).
    ///
    /// - Parameter contentType: The `Content-Type` sent, `nil` when there was none.
    static func unsupportedContentType(_ contentType: String?) -> Self {
        let cause =
            contentType.map { "Content-Type: '\($0)' is not supported; send application/json" }
            ?? "Content-Type: a request with a body must say application/json"
        return Self(
            status: .badRequest, code: "E0000021",
            summary: "Bad request. Accept and/or Content-Type headers likely do not match supported values.",
            causes: [cause])
    }

    /// 400 `E0000003` "The request body was not well-formed.", for a body whose HTTP framing is broken (a chunk size
    /// that is not a number or overflows), with `Connection: close`: the rest of the stream cannot be trusted.
    ///
    /// - Parameter cause: What NIO's HTTP parser reported.
    static func malformedFraming(_ cause: String) -> Self {
        var error = OktaErrorResponse.malformedRequestBody()
        error.error.errorCauses = [
            OktaError.ErrorCause(errorSummary: "the request's HTTP framing is invalid: \(cause)")
        ]
        error.additionalHeaderFields[.connection] = "close"
        return error
    }

    /// 408 `E0000001` "Api validation failed: request {part}", for a request that did not arrive in time, with
    /// `Connection: close`. Okta's catalogue has no code for this; like the 413 of a body too large, it uses the
    /// generic validation code.
    ///
    /// - Parameters:
    ///   - part: `head` or `body`.
    ///   - option: The option that sets the limit.
    ///   - limit: The limit.
    static func requestTimeout(part: String, option: String, limit: Duration) -> Self {
        Self(
            status: .requestTimeout, code: OktaError.Code.apiValidationFailed,
            summary: "Api validation failed: request \(part)",
            causes: ["the request \(part) did not arrive within \(Self.seconds(limit)) (\(option))"],
            additionalHeaderFields: [.connection: "close"])
    }

    /// 503 "Service unavailable", `Retry-After: 1`, `Connection: close`: every connection place is serving a request
    /// (see ``ConnectionLimit``). Okta's catalogue has no code for an overloaded server; this uses `E0000009`, its
    /// code for a failure on the server's side.
    ///
    /// - Parameter maximum: `--max-connections`.
    static func connectionLimitReached(maximum: Int) -> Self {
        Self(
            status: .serviceUnavailable, code: OktaError.Code.internalServerError,
            summary: "Service unavailable: too many connections; retry after 1 second",
            causes: ["okta-mock has \(maximum) connections open (--max-connections), none of them slow or idle"],
            additionalHeaderFields: [.retryAfter: "1", .connection: "close"])
    }

    /// `2 seconds`, `0.5 seconds`.
    private static func seconds(_ duration: Duration) -> String {
        let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
        let text = seconds == seconds.rounded() ? String(Int64(seconds)) : String(seconds)
        return seconds == 1 ? "1 second" : "\(text) seconds"
    }
}
