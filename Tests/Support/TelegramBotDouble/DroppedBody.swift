import FlyingFox
import FlyingSocks
import Foundation

/// A response body that fails on its first read. FlyingFox has then written the status line and
/// headers (announcing one byte); the failure makes it close the connection, so the client sees the
/// connection lost mid-response — the closest a handler can come to hanging up on a request.
struct DroppedBody: AsyncBufferedSequence {
    typealias Element = UInt8

    struct Dropped: Error {}

    struct AsyncIterator: AsyncBufferedIteratorProtocol {
        mutating func next() async throws -> UInt8? { throw Dropped() }
        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? { throw Dropped() }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator() }

    static var response: HTTPResponse {
        HTTPResponse(
            statusCode: .ok, headers: [.contentType: "application/json", .connection: "close"],
            body: HTTPBodySequence(from: DroppedBody(), count: 1))
    }
}
