/// A hash that is the same in every process and on every machine (Swift's `Hasher` is seeded per
/// process), so MinHash signatures and bucket keys can be compared across runs and tests.
enum StableHash {
    /// FNV-1a, 64 bits, over the UTF-8 bytes.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash = fnv1aBasis
        for byte in text.utf8 { fnv1a(&hash, byte) }
        return hash
    }

    static let fnv1aBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always)
    static func fnv1a(_ hash: inout UInt64, _ byte: UInt8) {
        hash ^= UInt64(byte)
        hash &*= 0x0000_0100_0000_01B3
    }

    /// Continues `hash` with the UTF-8 bytes of one scalar: the same result as hashing the string.
    @inline(__always)
    static func fnv1a(_ hash: inout UInt64, _ scalar: Unicode.Scalar) {
        for byte in UTF8.encode(scalar)! { fnv1a(&hash, byte) }
    }

    /// SplitMix64's finaliser: spreads the bits of `value` so that neighbouring seeds give unrelated hashes.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
