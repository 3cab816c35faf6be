/// A small deterministic random generator (SplitMix64): the same seed gives the same site (and
/// the same random templates in the engine's property tests).
public struct SplitMix: RandomNumberGenerator {
    private var state: UInt64

    /// A generator started at `seed`.
    public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `range`.
    public mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

    /// One of `items`.
    public mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

    /// A lower-case GUID.
    public mutating func guid() -> String {
        let hex = Array("0123456789abcdef")
        var out = ""
        for (i, n) in [8, 4, 4, 4, 12].enumerated() {
            if i > 0 { out += "-" }
            for _ in 0..<n { out.append(hex[int(0...15)]) }
        }
        return out
    }
}
