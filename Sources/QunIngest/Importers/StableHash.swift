/// SHA-256, for ids that must be the same in every run (Swift's `Hasher` is seeded per process).
/// Used where an export has no ids of its own: WhatsApp messages, Telegram records without an `id`.
enum StableHash {
    /// The first `length` hex digits of SHA-256 over the parts, each followed by a 0x1F separator.
    static func hex(_ parts: [String], length: Int = 24) -> String {
        let count = parts.reduce(0) { $0 + $1.utf8.count + 1 }
        return withDigest(
            ofCount: count,
            writing: { message in
                var offset = 0
                for part in parts {
                    offset = UnsafeMutableBufferPointer(rebasing: message[offset...]).initialize(from: part.utf8).1 + offset
                    message[offset] = 0x1F
                    offset += 1
                }
            },
            { state in
                let length = min(length, 64)
                return String(unsafeUninitializedCapacity: length) { out in
                    let digits: StaticString = "0123456789abcdef"
                    digits.withUTF8Buffer { digits in
                        for k in 0..<length {
                            out[k] = digits[Int(state[k / 8] >> UInt32(28 - 4 * (k % 8)) & 0x0F)]
                        }
                    }
                    return length
                }
            })
    }

    private static let initialState: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]

    private static let k: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    static func sha256(_ message: [UInt8]) -> [UInt8] {
        withDigest(
            ofCount: message.count, writing: { _ = $0.initialize(from: message) },
            { state in state.flatMap { [UInt8($0 >> 24), UInt8($0 >> 16 & 0xFF), UInt8($0 >> 8 & 0xFF), UInt8($0 & 0xFF)] } })
    }

    /// Runs SHA-256 over the `count` bytes `write` puts into a scratch buffer (on the stack when small)
    /// and hands `body` the eight state words. No arrays: their bounds checks, copy-on-write tests and
    /// allocations cost more than the rounds themselves.
    private static func withDigest<Result>(
        ofCount count: Int, writing write: (UnsafeMutableBufferPointer<UInt8>) -> Void,
        _ body: (UnsafeBufferPointer<UInt32>) -> Result
    ) -> Result {
        // The message, 0x80, zeros up to 8 bytes short of a whole block, the length in bits (big-endian).
        let padded = (count + 8) / 64 * 64 + 64
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: padded) { data in
            write(UnsafeMutableBufferPointer(rebasing: data[..<count]))
            data[count] = 0x80
            UnsafeMutableBufferPointer(rebasing: data[(count + 1)..<(padded - 8)]).initialize(repeating: 0)
            let bitLength = UInt64(count) &* 8
            for k in 0..<8 { data[padded - 1 - k] = UInt8(truncatingIfNeeded: bitLength >> UInt64(8 * k)) }
            let data = UnsafeBufferPointer(data)
            return withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 72) { words in
                let w = UnsafeMutableBufferPointer(rebasing: words[0..<64])
                let h = UnsafeMutableBufferPointer(rebasing: words[64..<72])
                _ = h.initialize(from: initialState)
                k.withUnsafeBufferPointer { k in
                    for chunk in stride(from: 0, to: padded, by: 64) { compress(data, at: chunk, k: k, w: w, h: h) }
                }
                return body(UnsafeBufferPointer(h))
            }
        }
    }

    @inline(__always)
    private static func compress(
        _ data: UnsafeBufferPointer<UInt8>, at chunk: Int, k: UnsafeBufferPointer<UInt32>, w: UnsafeMutableBufferPointer<UInt32>,
        h: UnsafeMutableBufferPointer<UInt32>
    ) {
        for t in 0..<16 {
            let j = chunk + t * 4
            w[t] = UInt32(data[j]) << 24 | UInt32(data[j + 1]) << 16 | UInt32(data[j + 2]) << 8 | UInt32(data[j + 3])
        }
        for t in 16..<64 {
            let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
            let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
        }
        var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7]
        // Eight rounds per pass with the roles of the variables rotated instead of the values moved.
        for t in stride(from: 0, to: 64, by: 8) {
            round(a, b, c, &d, e, f, g, &hh, k[t] &+ w[t])
            round(hh, a, b, &c, d, e, f, &g, k[t + 1] &+ w[t + 1])
            round(g, hh, a, &b, c, d, e, &f, k[t + 2] &+ w[t + 2])
            round(f, g, hh, &a, b, c, d, &e, k[t + 3] &+ w[t + 3])
            round(e, f, g, &hh, a, b, c, &d, k[t + 4] &+ w[t + 4])
            round(d, e, f, &g, hh, a, b, &c, k[t + 5] &+ w[t + 5])
            round(c, d, e, &f, g, hh, a, &b, k[t + 6] &+ w[t + 6])
            round(b, c, d, &e, f, g, hh, &a, k[t + 7] &+ w[t + 7])
        }
        h[0] = h[0] &+ a
        h[1] = h[1] &+ b
        h[2] = h[2] &+ c
        h[3] = h[3] &+ d
        h[4] = h[4] &+ e
        h[5] = h[5] &+ f
        h[6] = h[6] &+ g
        h[7] = h[7] &+ hh
    }

    /// One round: `d` takes the new e and `h` the new a; the caller renames the rest.
    @inline(__always)
    private static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32,
        _ kw: UInt32
    ) {
        let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ kw
        let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
        d = d &+ t1
        h = t1 &+ t2
    }

    @inline(__always) private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
}
