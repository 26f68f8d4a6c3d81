import Foundation

/// Reads a file (or stdin) as lines of bytes in bounded memory, tracking byte offsets so a follower can
/// resume exactly after the last complete line. Strips a UTF-8 BOM on the first line and a trailing CR.
public final class LineReader {
    private let handle: FileHandle
    private var buffer = Data()
    private var bufferStart = 0
    public private(set) var offset: Int64
    public private(set) var lineNumber: Int
    private var reachedEOF = false
    private let chunkSize: Int

    public init(handle: FileHandle, startOffset: Int64 = 0, startLine: Int = 0, chunkSize: Int = 1 << 20) {
        self.handle = handle
        self.offset = startOffset
        self.lineNumber = startLine
        self.chunkSize = chunkSize
    }

    public struct Line {
        public var number: Int
        public var bytes: Data
        /// Byte offset just past this line's newline.
        public var endOffset: Int64
    }

    /// The next complete line. At end of input a last line without a newline is returned only when
    /// `acceptPartial` is true; a follower leaves it for the writer to finish.
    public func next(acceptPartial: Bool) -> Line? {
        guard let range = nextLineRange(acceptPartial: acceptPartial) else { return nil }
        return Line(number: lineNumber, bytes: Data(buffer[range]), endOffset: offset)
    }

    /// The next line as `next` would return it, decoded as UTF-8 (invalid bytes replaced, as
    /// `String(decoding:as:)` does) straight from the read buffer: no `Data` per line.
    public func nextText(acceptPartial: Bool) -> (number: Int, text: String)? {
        guard let range = nextLineRange(acceptPartial: acceptPartial) else { return nil }
        let start = range.lowerBound - buffer.startIndex
        let text = buffer.withUnsafeBytes { String(decoding: $0[start..<(start + range.count)], as: UTF8.self) }
        return (lineNumber, text)
    }

    /// Finds the next line, counts it, and returns where its bytes are in `buffer` (BOM and CR removed).
    private func nextLineRange(acceptPartial: Bool) -> Range<Int>? {
        while true {
            if let newline = nextNewline() {
                let line = bufferStart..<newline
                let consumed = newline + 1 - bufferStart
                bufferStart = newline + 1
                return countLine(line, consumed: consumed)
            }
            if reachedEOF || !fill() {
                reachedEOF = false
                guard acceptPartial, bufferStart < buffer.count else { return nil }
                let line = bufferStart..<buffer.count
                let consumed = buffer.count - bufferStart
                bufferStart = buffer.count
                return countLine(line, consumed: consumed)
            }
        }
    }

    /// The index of the first newline at or after `bufferStart`. memchr over the bytes: `Data`'s own
    /// `firstIndex(of:)` costs an exclusivity check and a non-inlined subscript call per byte.
    private func nextNewline() -> Int? {
        let start = bufferStart - buffer.startIndex
        return buffer.withUnsafeBytes { bytes -> Int? in
            guard start < bytes.count, let base = bytes.baseAddress, let hit = memchr(base + start, 0x0A, bytes.count - start) else {
                return nil
            }
            return base.distance(to: UnsafeRawPointer(hit))
        }.map { buffer.startIndex + $0 }
    }

    /// Counts the line and returns its bytes without the BOM (first line only) and the trailing CR.
    private func countLine(_ line: Range<Int>, consumed: Int) -> Range<Int> {
        lineNumber += 1
        offset += Int64(consumed)
        var line = line
        if lineNumber == 1, buffer[line].starts(with: [0xEF, 0xBB, 0xBF]) { line = (line.lowerBound + 3)..<line.upperBound }
        if !line.isEmpty, buffer[line.upperBound - 1] == 0x0D { line = line.lowerBound..<(line.upperBound - 1) }
        return line
    }

    /// Reads more input; false at end of file.
    private func fill() -> Bool {
        if bufferStart > 0 {
            buffer.removeSubrange(0..<bufferStart)
            bufferStart = 0
        }
        let chunk = handle.readData(ofLength: chunkSize)
        if chunk.isEmpty {
            reachedEOF = true
            return false
        }
        buffer.append(chunk)
        return true
    }
}
