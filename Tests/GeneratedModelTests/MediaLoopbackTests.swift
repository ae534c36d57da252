import Foundation
import GoldenMedia
import OktaRuntime
import Testing

/// Every body that is not plain JSON, through the generated client and the generated server stubs of
/// Fixtures/specs/media.yaml (compiled as the GoldenMedia target), in memory: multipart uploads, form fields, raw
/// text and tokens, a body in one of several media types, bytes and text in responses, successes that differ in type.
/// See docs/SDK.md, "Media types".
@Suite struct MediaLoopbackTests {
    /// Answers each operation from what it received, so that the client sees what crossed the wire.
    struct Handler: MediaHandler {
        let received: OktaLockedBox<[String]>

        func uploadFile(_ input: UploadFileInput) async throws -> UploadFileOutput {
            guard let file = input.body["file"] else { throw OktaErrorResponse.validationFailed("file") }
            received.value.append(input.request.headerFields[.contentType] ?? "")
            return .created(
                Upload(
                    fileId: input.fileId, filename: file.filename, contentType: file.contentType, size: file.data.count,
                    note: input.body["note"]?.text))
        }

        func requestToken(_ input: RequestTokenInput) async throws -> RequestTokenOutput {
            .ok(Token(accessToken: "token for " + (input.body["grant_type"] ?? "?"), scope: input.body["scope"]))
        }

        func publishEvent(_ input: PublishEventInput) async throws -> PublishEventOutput {
            received.value.append(input.body)
            return .accepted()
        }

        func echoText(_ input: EchoTextInput) async throws -> EchoTextOutput {
            .ok(input.body.map { "echo: " + $0 } ?? "nothing")
        }

        func publishCertificate(_ input: PublishCertificateInput) async throws -> PublishCertificateOutput {
            switch input.body {
            case .applicationXX509CaCert(let data): .created(Key(kid: "cer", format: "CER", size: data.count))
            case .applicationPkixCert(let data): .created(Key(kid: "der", format: "DER", size: data.count))
            case .applicationXPemFile(let data): .created(Key(kid: "pem", format: "PEM", size: data.count))
            }
        }

        func replaceNote(_ input: ReplaceNoteInput) async throws -> ReplaceNoteOutput {
            switch input.body {
            case .applicationJson(let note)?: received.value.append("json " + (note.text ?? ""))
            case .textPlain(let text)?: received.value.append("text " + text)
            case nil: received.value.append("none")
            }
            return .noContent()
        }

        func getCsr(_ input: GetCsrInput) async throws -> GetCsrOutput {
            input.csrId == "der"
                ? .okApplicationPkcs10(Data([0x30, 0x82, 0x00])) : .ok(Csr(id: input.csrId, csr: "MII"))
        }

        func getMetadata(_ input: GetMetadataInput) async throws -> GetMetadataOutput {
            .ok(#"<?xml version="1.0"?><md:EntityDescriptor entityID="é"/>"#)
        }

        func verifyFactor(_ input: VerifyFactorInput) async throws -> VerifyFactorOutput {
            switch input.factorId {
            case "sms": .created(Challenge(factorResult: "CHALLENGE"))
            case "none": .noContent()
            default: .ok(Verification(factorResult: "SUCCESS"))
            }
        }
    }

    static func make() throws -> (MediaAPI, LoopbackTransport, OktaLockedBox<[String]>) {
        let transport = LoopbackTransport()
        let received = OktaLockedBox<[String]>([])
        try Handler(received: received).registerMediaHandlerRoutes(on: transport)
        let client = OktaClient(serverURL: URL(string: "https://example.okta.com")!, transport: transport)
        return (client.media, transport, received)
    }

    @Test func multipartUploadCarriesFilePartsAndTheirNames() async throws {
        let (media, _, received) = try Self.make()
        // Bytes that are not UTF-8 and contain CR LF and dashes, as image files do.
        let image = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x2D, 0x2D, 0x1A, 0x0A, 0xFF, 0x00])
        let form = OktaMultipartForm([
            .init(name: "file", filename: "logo \"new\".png", contentType: "image/png", data: image),
            .init(name: "note", text: "héllo"),
        ])
        let response = try await media.uploadFile(fileId: "f1", body: form)
        #expect(response.body.fileId == "f1")
        #expect(response.body.filename == "logo \"new\".png")
        #expect(response.body.contentType == "image/png")
        #expect(response.body.size == image.count)
        #expect(response.body.note == "héllo")
        #expect(received.value == ["multipart/form-data; boundary=\(form.boundary)"])
    }

    @Test func formFieldsAreURLEncoded() async throws {
        let (media, _, _) = try Self.make()
        var fields = OktaFormFields()
        fields.append("grant_type", "client_credentials")
        fields.append("scope", "okta.users.read okta.groups.manage&x=1")
        let response = try await media.requestToken(body: fields)
        #expect(response.body.accessToken == "token for client_credentials")
        #expect(response.body.scope == "okta.users.read okta.groups.manage&x=1")
        #expect(
            String(decoding: fields.encodedBody(), as: UTF8.self)
                == "grant_type=client_credentials&scope=okta.users.read+okta.groups.manage%26x%3D1")
    }

    @Test func aSecurityEventTokenIsSentRawNotAsAJSONString() async throws {
        let (media, _, received) = try Self.make()
        let token = "eyJraWQiOiJrMSJ9.eyJpc3MiOiJodHRwczovL2lkcCJ9.c2ln"
        _ = try await media.publishEvent(body: token)
        #expect(received.value == [token], "no JSON quotes around the token")
    }

    @Test func textComesBackAsText() async throws {
        let (media, _, _) = try Self.make()
        #expect(try await media.echoText(body: "a \"quoted\" line\n").body == "echo: a \"quoted\" line\n")
        #expect(try await media.echoText().body == "nothing")
        #expect(try await media.getMetadata().body == #"<?xml version="1.0"?><md:EntityDescriptor entityID="é"/>"#)
    }

    @Test func theCallerChoosesTheCertificatesMediaType() async throws {
        let (media, _, _) = try Self.make()
        let der = Data([0x30, 0x82, 0x01, 0x0A])
        let cer = try await media.publishCertificate(body: .applicationXX509CaCert(der))
        #expect(cer.body.kid == "cer" && cer.body.size == 4)
        let pkix = try await media.publishCertificate(body: .applicationPkixCert(der))
        #expect(pkix.body.kid == "der")
        let pem = try await media.publishCertificate(body: .applicationXPemFile(Data("-----BEGIN".utf8)))
        #expect(pem.body.kid == "pem" && pem.body.size == 10)
        #expect(PublishCertificateRequestBody.applicationPkixCert(der).contentType == "application/pkix-cert")
    }

    @Test func anOptionalBodyInSeveralMediaTypes() async throws {
        let (media, _, received) = try Self.make()
        _ = try await media.replaceNote(noteId: "n1", body: .applicationJson(Note(text: "hi")))
        _ = try await media.replaceNote(noteId: "n1", body: .textPlain("plain"))
        _ = try await media.replaceNote(noteId: "n1")
        #expect(received.value == ["json hi", "text plain", "none"])
    }

    @Test func aMediaTypeTheOperationDoesNotTakeIs415() async throws {
        let (_, transport, _) = try Self.make()
        var request = HTTPRequest(method: .post, scheme: "https", authority: "example.okta.com", path: "/certificates")
        request.headerFields[.contentType] = "application/json"
        let (response, body) = try await transport.send(
            request, body: HTTPBody(Data("{}".utf8)), baseURL: URL(string: "https://example.okta.com")!,
            operationID: "publishCertificate")
        #expect(response.status.code == 415)
        let error = try JSONDecoder.okta.decode(OktaError.self, from: try await Data(collecting: body!, upTo: 1 << 16))
        #expect(error.errorCode == "E0000001")
    }

    @Test func bytesAndJSONOfOneStatusAreCasesOfAnEnum() async throws {
        let (media, _, _) = try Self.make()
        guard case .okApplicationPkcs10(let bytes) = try await media.getCsr(csrId: "der").body else {
            Issue.record("expected the PKCS#10 bytes")
            return
        }
        #expect(bytes == Data([0x30, 0x82, 0x00]))
        guard case .ok(let csr) = try await media.getCsr(csrId: "c1").body else {
            Issue.record("expected the JSON CSR")
            return
        }
        #expect(csr.id == "c1")
    }

    @Test func successesOfDifferentTypesAreCasesOfAnEnum() async throws {
        let (media, _, _) = try Self.make()
        guard case .ok(let verification) = try await media.verifyFactor(factorId: "totp").body else {
            Issue.record("expected 200")
            return
        }
        #expect(verification.factorResult == "SUCCESS")
        guard case .created(let challenge) = try await media.verifyFactor(factorId: "sms").body else {
            Issue.record("expected 201")
            return
        }
        #expect(challenge.factorResult == "CHALLENGE")
        guard case .noContent = try await media.verifyFactor(factorId: "none").body else {
            Issue.record("expected 204")
            return
        }
    }
}
