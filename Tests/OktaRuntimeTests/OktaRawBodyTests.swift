import Foundation
import OktaRuntime
import Testing

/// The multipart and form codecs of bodies that are not JSON (OktaMultipartForm, OktaFormFields).
@Suite struct OktaRawBodyTests {
    @Test func multipartRoundTripsPartsWithQuotesBreaksAndBinary() throws {
        let form = OktaMultipartForm(
            [
                .init(
                    name: "a\"b\r\nc", filename: "x\".bin", contentType: "application/octet-stream",
                    data: Data([0, 13, 10, 45, 45])),
                .init(name: "empty", text: ""),
            ], boundary: "B0undary")
        let bytes = try form.encodedBody()
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(
            text.hasPrefix(
                "--B0undary\r\nContent-Disposition: form-data; name=\"a%22b%0D%0Ac\"; filename=\"x%22.bin\"\r\n"))
        #expect(text.hasSuffix("--B0undary--\r\n"))
        let decoded = try OktaMultipartForm.decodeBody(bytes, contentType: form.contentType(for: "multipart/form-data"))
        #expect(decoded == form)
        #expect(decoded["empty"]?.data == Data())
        #expect(decoded["a\"b\r\nc"]?.filename == "x\".bin")
    }

    @Test func multipartReadsAQuotedBoundaryAndIgnoresThePreamble() throws {
        let body =
            "preamble\r\n--xyz\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc\r\n--xyz--\r\nepilogue"
        let form = try OktaMultipartForm.decodeBody(
            Data(body.utf8), contentType: "Multipart/Form-Data; Boundary=\"xyz\"")
        #expect(form.parts == [.init(name: "file", text: "abc")])
    }

    @Test func malformedMultipartIsAnErrorNotACrash() {
        let cases: [(String, String?)] = [
            ("--xyz\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nabc", "multipart/form-data; boundary=xyz"),
            ("--xyz\r\nno colon\r\n\r\nabc\r\n--xyz--", "multipart/form-data; boundary=xyz"),
            ("--xyz\r\nContent-Type: text/plain\r\n\r\nabc\r\n--xyz--", "multipart/form-data; boundary=xyz"),
            ("--xyz", "multipart/form-data; boundary=xyz"),
            ("abc", "multipart/form-data; boundary=xyz"),
            ("--xyz\r\n\r\n\r\n--xyz--", "multipart/form-data"),
        ]
        for (body, contentType) in cases {
            #expect(throws: OktaBodyError.self, "\(body)") {
                try OktaMultipartForm.decodeBody(Data(body.utf8), contentType: contentType)
            }
        }
    }

    @Test func aPartContainingTheBoundaryIsRefused() {
        let form = OktaMultipartForm([.init(name: "f", text: "x--B")], boundary: "B")
        #expect(throws: OktaBodyError.self) { try form.encodedBody() }
    }

    @Test func formFieldsRoundTripAndDecodeLeniently() throws {
        let fields = OktaFormFields([.init(name: "a b", value: "é&=+%"), .init(name: "a b", value: "")])
        let bytes = fields.encodedBody()
        #expect(String(decoding: bytes, as: UTF8.self) == "a+b=%C3%A9%26%3D%2B%25&a+b=")
        #expect(try OktaFormFields.decodeBody(bytes, contentType: nil) == fields)
        let odd = try OktaFormFields.decodeBody(Data("x=%zz%4&y&&z=1=2".utf8), contentType: nil)
        #expect(
            odd.fields == [
                .init(name: "x", value: "%zz%4"), .init(name: "y", value: ""), .init(name: "z", value: "1=2"),
            ])
        #expect(throws: OktaBodyError.self) { try OktaFormFields.decodeBody(Data("x=%FF".utf8), contentType: nil) }
    }

    @Test func textMustBeUTF8() throws {
        #expect(try String.decodeBody(Data("é".utf8), contentType: "text/plain") == "é")
        #expect(throws: OktaBodyError.self) { try String.decodeBody(Data([0xFF]), contentType: "text/plain") }
        #expect(OktaMediaType.of(" Text/XML ; charset=utf-8") == "text/xml")
    }
}
