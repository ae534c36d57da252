import Foundation
import OktaRuntime
import Testing

@Suite struct OktaDateCodingTests {
    /// 2013-06-24T16:39:18Z.
    static let reference = Date(timeIntervalSince1970: 1_372_091_958)

    @Test(arguments: [
        "2013-06-24T16:39:18.000Z",
        "2013-06-24T16:39:18Z",
        "2013-06-24T16:39:18.0Z",
        "2013-06-24T16:39:18.000000000000Z",
        "2013-06-24t16:39:18z",
        "2013-06-24 16:39:18Z",
        "2013-06-24T18:39:18.000+02:00",
        "2013-06-24T11:09:18-05:30",
        "2013-06-24T18:39:18+0200",
        "2013-06-24T18:39:18+02",
        "2013-06-24T16:39:18+00:00",
    ])
    func acceptsOktaAndRFC3339Timestamps(_ text: String) throws {
        let date = try #require(OktaDateCoding.parseTimestamp(text))
        #expect(date == Self.reference)
    }

    @Test func keepsFractionalSeconds() throws {
        let milliseconds = try #require(OktaDateCoding.parseTimestamp("2013-06-24T16:39:18.123Z"))
        #expect(abs(milliseconds.timeIntervalSince(Self.reference) - 0.123) < 1e-6)
        let nanoseconds = try #require(OktaDateCoding.parseTimestamp("2013-06-24T16:39:18.123456789123Z"))
        #expect(abs(nanoseconds.timeIntervalSince(Self.reference) - 0.123_456_789) < 1e-6)
        let single = try #require(OktaDateCoding.parseTimestamp("2013-06-24T16:39:18.5Z"))
        #expect(single.timeIntervalSince(Self.reference) == 0.5)
    }

    @Test func handlesLeapYearsAndDistantYears() throws {
        #expect(OktaDateCoding.parseTimestamp("2024-02-29T00:00:00Z") == Date(timeIntervalSince1970: 1_709_164_800))
        #expect(OktaDateCoding.parseTimestamp("0001-01-01T00:00:00Z") == Date(timeIntervalSince1970: -62_135_596_800))
        #expect(OktaDateCoding.parseTimestamp("9999-12-31T23:59:59Z") == Date(timeIntervalSince1970: 253_402_300_799))
    }

    @Test(arguments: [
        "",
        "garbage",
        "2013-06-24",
        "2013-06-24T16:39:18",
        "2013-06-24T16:39Z",
        "2013-06-24T16:39:18.Z",
        "2013-06-24T16:39:18.000",
        "2013-06-24T16:39:18.000Zjunk",
        " 2013-06-24T16:39:18Z",
        "2013-06-24T16:39:18Z ",
        "2013-13-01T00:00:00Z",
        "2013-00-01T00:00:00Z",
        "2013-02-29T00:00:00Z",
        "2013-04-31T00:00:00Z",
        "2013-06-24T24:00:00Z",
        "2013-06-24T16:60:00Z",
        "2013-06-24T16:39:60Z",
        "2013-06-24T16:39:18+24:00",
        "2013-06-24T16:39:18+02:60",
        "2013-06-24T16:39:18+2:00",
        "2013-06-24X16:39:18Z",
        "13-06-24T16:39:18Z",
        "2013-6-24T16:39:18Z",
        "２０１３-06-24T16:39:18Z",
        "2013-06-24T16:39:18,000Z",
    ])
    func rejectsGarbage(_ text: String) {
        #expect(OktaDateCoding.parseTimestamp(text) == nil)
    }

    @Test func formatsInOktasCanonicalForm() throws {
        #expect(try OktaDateCoding.formatTimestamp(Self.reference) == "2013-06-24T16:39:18.000Z")
        #expect(try OktaDateCoding.formatTimestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(try OktaDateCoding.formatTimestamp(Date(timeIntervalSince1970: -1.5)) == "1969-12-31T23:59:58.500Z")
        #expect(
            try OktaDateCoding.formatTimestamp(Date(timeIntervalSince1970: 253_402_300_799.999))
                == "9999-12-31T23:59:59.999Z"
        )
    }

    @Test func roundTripsMilliseconds() throws {
        for text in ["2013-06-24T16:39:18.123Z", "2000-02-29T23:59:59.999Z", "1901-12-13T20:45:52.001Z"] {
            let date = try #require(OktaDateCoding.parseTimestamp(text))
            #expect(try OktaDateCoding.formatTimestamp(date) == text)
        }
    }

    @Test func refusesToFormatUnrepresentableDates() throws {
        #expect(
            try OktaDateCoding.formatTimestamp(Date(timeIntervalSince1970: -62_135_596_800 - 366 * 86_400))
                == "0000-01-01T00:00:00.000Z"
        )
        #expect(throws: EncodingError.self) {
            try OktaDateCoding.formatTimestamp(Date(timeIntervalSinceReferenceDate: 1e15))
        }
        #expect(throws: EncodingError.self) {
            try OktaDateCoding.formatTimestamp(Date(timeIntervalSinceReferenceDate: .infinity))
        }
        #expect(throws: EncodingError.self) {
            try OktaDateCoding.formatTimestamp(Date(timeIntervalSince1970: -62_135_596_800 - 367 * 86_400))
        }
    }

    @Test func jsonCodersUseOktaFormat() throws {
        struct User: Codable, Equatable {
            var created: Date
            var lastLogin: Date?
        }
        let user = try decode(
            User.self, #"{"created":"2013-06-24T16:39:18Z","lastLogin":"2013-06-24T18:39:18.000+02:00"}"#)
        #expect(user == User(created: Self.reference, lastLogin: Self.reference))
        #expect(
            try encodeToString(user)
                == #"{"created":"2013-06-24T16:39:18.000Z","lastLogin":"2013-06-24T16:39:18.000Z"}"#)

        let midnight = try decode(User.self, #"{"created":"2013-06-24"}"#)
        #expect(midnight.created == Date(timeIntervalSince1970: 1_372_032_000))

        #expect {
            try decode(User.self, #"{"created":"yesterday"}"#)
        } throws: { error in
            guard case DecodingError.dataCorrupted(let context) = error else { return false }
            return context.codingPath.map(\.stringValue) == ["created"]
                && context.debugDescription.contains("yesterday")
        }
        #expect(throws: DecodingError.self) { try decode(User.self, #"{"created":12345}"#) }
    }

    @Test func transcoderParsesAndFormats() throws {
        let transcoder: any DateTranscoder = .okta
        #expect(try transcoder.decode("2013-06-24T16:39:18Z") == Self.reference)
        #expect(try transcoder.encode(Self.reference) == "2013-06-24T16:39:18.000Z")
        #expect(throws: DecodingError.self) { try transcoder.decode("24/06/2013") }
        #expect(Configuration.okta.jsonEncodingOptions == [.sortedKeys])
    }

    @Test func parsesHTTPDates() {
        #expect(
            OktaDateCoding.parseHTTPDate("Sun, 06 Nov 1994 08:49:37 GMT") == Date(timeIntervalSince1970: 784_111_777))
        #expect(
            OktaDateCoding.parseHTTPDate("Tue, 14 Nov 2023 22:13:20 GMT") == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(OktaDateCoding.parseHTTPDate("Sun, 06 Nov 1994 08:49:37 UTC") == nil)
        #expect(OktaDateCoding.parseHTTPDate("Sun, 31 Nov 1994 08:49:37 GMT") == nil)
        #expect(OktaDateCoding.parseHTTPDate("Sunday, 06-Nov-94 08:49:37 GMT") == nil)
        #expect(OktaDateCoding.parseHTTPDate("") == nil)
    }

    @Test func isSafeToUseConcurrently() async {
        let results = await withTaskGroup(of: Bool.self) { group in
            for offset in 0..<200 {
                group.addTask {
                    let date = Date(timeIntervalSince1970: 1_372_091_958 + Double(offset) * 86_400.123)
                    guard let text = try? OktaDateCoding.formatTimestamp(date),
                        let parsed = OktaDateCoding.parseTimestamp(text)
                    else { return false }
                    return abs(parsed.timeIntervalSince(date)) < 0.001
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 200)
        #expect(results.allSatisfy { $0 })
    }
}

@Suite struct OktaFullDateTests {
    @Test func parsesAndFormats() throws {
        let date = try #require(OktaFullDate("2024-02-29"))
        #expect(date.year == 2024 && date.month == 2 && date.day == 29)
        #expect(date.description == "2024-02-29")
        #expect(date.date == Date(timeIntervalSince1970: 1_709_164_800))
        #expect(OktaFullDate(utcDateOf: Date(timeIntervalSince1970: 1_709_164_800 + 86_399)) == date)
        #expect(OktaFullDate(utcDateOf: Date(timeIntervalSince1970: -1))?.description == "1969-12-31")
        #expect(OktaFullDate(year: 7, month: 1, day: 2)?.description == "0007-01-02")
    }

    @Test(arguments: ["2023-02-29", "2024-13-01", "2024-1-01", "2024-01-01T00:00:00Z", "", "abcd-ef-gh"])
    func rejectsInvalidDates(_ text: String) {
        #expect(OktaFullDate(text) == nil)
    }

    @Test func codesAsString() throws {
        let dates = try decode([OktaFullDate].self, #"["2013-06-24","1999-12-31"]"#)
        #expect(dates.map(\.description) == ["2013-06-24", "1999-12-31"])
        #expect(dates[1] < dates[0])
        #expect(try encodeToString(dates) == #"["2013-06-24","1999-12-31"]"#)
        #expect(throws: DecodingError.self) { try decode(OktaFullDate.self, #""2013-02-30""#) }
    }
}
