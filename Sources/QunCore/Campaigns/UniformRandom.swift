/// Unbiased integers from a `RandomNumberGenerator`, with an algorithm fixed here (not the standard library's,
/// which may change between toolchains) so a recorded lottery seed reproduces the same draw forever.
public enum UniformRandom {
    /// A uniform integer in `0..<bound` by rejection sampling: draw 64-bit values, reject those below
    /// `2^64 mod bound` (the short partial range that would make `value % bound` favour small results), and
    /// return `value % bound` for the first value kept. `bound` must be positive.
    public static func index<G: RandomNumberGenerator>(below bound: Int, using generator: inout G) -> Int {
        precondition(bound > 0, "bound must be positive")
        let n = UInt64(bound)
        // 2^64 mod n, computed without overflow as (2^64 − n) mod n.
        let threshold = (0 &- n) % n
        while true {
            let value = generator.next()
            if value >= threshold { return Int(value % n) }
        }
    }
}
