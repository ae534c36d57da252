import Foundation
import OktaRuntime
import Testing

/// A fake server listing `pages`, page `n` linking to `?after=n` (the next page), and counting requests.
actor FakePagedServer {
    let pages: [[Int]]
    private(set) var requests: [URL?] = []

    init(pages: [[Int]]) { self.pages = pages }

    func fetch(_ nextURL: URL?) -> OktaPage<Int> {
        requests.append(nextURL)
        let index = nextURL.flatMap { LinkHeader.cursor(in: $0) }.flatMap(Int.init) ?? 0
        guard pages.indices.contains(index) else { return OktaPage(items: [], next: nil) }
        let next = index + 1 < pages.count ? url("https://x.okta.com/api/v1/users?after=\(index + 1)&limit=2") : nil
        return OktaPage(items: pages[index], next: next)
    }
}

@Suite struct OktaPageSequenceTests {
    @Test func yieldsAllElementsAcrossThreePages() async throws {
        let server = FakePagedServer(pages: [[1, 2], [3, 4], [5]])
        let sequence = OktaPageSequence<Int> { await server.fetch($0) }
        var elements: [Int] = []
        for try await element in sequence { elements.append(element) }
        #expect(elements == [1, 2, 3, 4, 5])
        #expect(await server.requests.map { $0.flatMap { LinkHeader.cursor(in: $0) } } == [nil, "1", "2"])
    }

    @MainActor @Test func iteratesFromAnActorIsolatedContext() async throws {
        let server = FakePagedServer(pages: [[1, 2], [3]])
        var total = 0
        for try await element in OktaPageSequence<Int>(fetchPage: { await server.fetch($0) }) { total += element }
        #expect(total == 6)
    }

    @Test func pagesVariantYieldsPages() async throws {
        let server = FakePagedServer(pages: [[1, 2], [3, 4], [5]])
        let sequence = OktaPageSequence<Int> { await server.fetch($0) }
        var pages: [[Int]] = []
        for try await page in sequence.pages { pages.append(page.items) }
        #expect(pages == [[1, 2], [3, 4], [5]])
    }

    @Test func eachIterationStartsOver() async throws {
        let server = FakePagedServer(pages: [[1], [2]])
        let sequence = OktaPageSequence<Int> { await server.fetch($0) }
        var first: [Int] = []
        for try await element in sequence { first.append(element) }
        var second: [Int] = []
        for try await element in sequence { second.append(element) }
        #expect(first == [1, 2] && second == [1, 2])
        #expect(await server.requests.count == 4)
    }

    @Test func cursorBasedFetcherReceivesAfterValues() async throws {
        let cursors = Recorder<String?>()
        let sequence = OktaPageSequence<String>(fetchPageAfter: { after in
            await cursors.append(after)
            switch after {
            case nil: return OktaPage(items: ["a"], next: url("https://x/api/v1/users?after=00u2&limit=1"))
            case "00u2": return OktaPage(items: ["b"], next: url("https://x/api/v1/users?after=00u3&limit=1"))
            default: return OktaPage(items: ["c"], next: nil)
            }
        })
        var elements: [String] = []
        for try await element in sequence { elements.append(element) }
        #expect(elements == ["a", "b", "c"])
        #expect(await cursors.values == [nil, "00u2", "00u3"])
    }

    @Test func cursorBasedFetcherRejectsNextLinkWithoutCursor() async throws {
        let sequence = OktaPageSequence<Int>(fetchPageAfter: { after in
            OktaPage(items: [1], next: after == nil ? url("https://x/api/v1/users?limit=1") : nil)
        })
        var iterator = sequence.makeAsyncIterator()
        #expect(try await iterator.next() == 1)
        await #expect(throws: OktaPagingError.missingCursor(url("https://x/api/v1/users?limit=1"))) {
            try await iterator.next()
        }
        #expect(try await iterator.next() == nil)
    }

    @Test func stopsOnAnEmptyPageEvenWithANextLink() async throws {
        let calls = Recorder<URL?>()
        let sequence = OktaPageSequence<Int> { nextURL in
            await calls.append(nextURL)
            return nextURL == nil
                ? OktaPage(items: [1], next: url("https://x/p?after=2"))
                : OktaPage(items: [], next: url("https://x/p?after=3"))
        }
        var elements: [Int] = []
        for try await element in sequence { elements.append(element) }
        #expect(elements == [1])
        #expect(await calls.count == 2)
    }

    @Test func emptyFirstPageYieldsNothing() async throws {
        let sequence = OktaPageSequence<Int> { _ in OktaPage(items: [], next: nil) }
        var pages = sequence.pages.makeAsyncIterator()
        #expect(try await pages.next() == nil)
    }

    @Test func repeatedNextLinkStopsTheLoop() async throws {
        let calls = Recorder<URL?>()
        // A broken server whose page 2 links to page 1 again, forever.
        let sequence = OktaPageSequence<Int> { nextURL in
            await calls.append(nextURL)
            let after = nextURL.flatMap { LinkHeader.cursor(in: $0) }
            return after == "p2"
                ? OktaPage(items: [2], next: url("https://x/p?after=p1"))
                : OktaPage(items: [1], next: url("https://x/p?after=p2"))
        }
        var elements: [Int] = []
        for try await element in sequence { elements.append(element) }
        // p1 (nil) → p2 → p1 again, whose `next` (p2) was already followed: that page is the last one.
        #expect(elements == [1, 2, 1])
        #expect(await calls.count == 3)
    }

    @Test func fetchErrorsEndIteration() async throws {
        struct Boom: Error, Equatable {}
        let sequence = OktaPageSequence<Int> { nextURL in
            guard nextURL == nil else { throw Boom() }
            return OktaPage(items: [1], next: url("https://x/p?after=2"))
        }
        var iterator = sequence.makeAsyncIterator()
        #expect(try await iterator.next() == 1)
        await #expect(throws: Boom()) { try await iterator.next() }
        #expect(try await iterator.next() == nil)
    }

    @Test func cancelledTaskFetchesNothing() async throws {
        let server = FakePagedServer(pages: [[1, 2], [3]])
        let sequence = OktaPageSequence<Int> { await server.fetch($0) }
        let task = Task {
            await waitForCancellation()
            var iterator = sequence.makeAsyncIterator()
            return try await iterator.next()
        }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(await server.requests.isEmpty)
    }

    @Test func cancellationStopsBeforeTheNextPage() async throws {
        let server = FakePagedServer(pages: [[1, 2], [3, 4], [5]])
        let sequence = OktaPageSequence<Int> { await server.fetch($0) }
        let received = Recorder<Int>()
        let firstPageConsumed = Signal()
        let task = Task {
            for try await element in sequence {
                await received.append(element)
                if element == 2 {
                    await firstPageConsumed.signal()
                    await waitForCancellation()
                }
            }
        }
        await firstPageConsumed.wait()
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(await received.values == [1, 2])
        #expect(await server.requests.count == 1)
    }
}
