import Foundation

/// An ID as a dictionary or set key that compares by its UTF-8 bytes, as docs/input-format.md
/// says IDs compare ("Comparing IDs"). Swift's `String` equality and hashing use Unicode
/// canonical equivalence, so `K-é` written precomposed (U+00E9) and `K-e` + U+0301 would be one
/// key; as `ByteKey`s they are two. It sorts by bytes too (`precedesByUTF8`).
public struct ByteKey: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The ID as written.
    public let string: String

    /// The key of `string`.
    public init(_ string: String) { self.string = string }

    public init(stringLiteral value: String) { self.string = value }

    public var description: String { string }

    public static func == (a: ByteKey, b: ByteKey) -> Bool { a.string.sameUTF8(b.string) }

    public func hash(into hasher: inout Hasher) {
        var copy = string
        copy.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    public static func < (a: ByteKey, b: ByteKey) -> Bool { a.string.precedesByUTF8(b.string) }
}

extension String {
    /// Whether this string and `other` have the same UTF-8 bytes: how IDs compare
    /// (docs/input-format.md, "Comparing IDs"), unlike `==`, which treats canonically equivalent
    /// strings as equal.
    public func sameUTF8(_ other: String) -> Bool {
        var a = self, b = other
        return a.withUTF8 { pa in
            b.withUTF8 { pb in
                pa.count == pb.count && (pa.count == 0 || memcmpBytes(pa.baseAddress!, pb.baseAddress!, pa.count))
            }
        }
    }

    /// The string with ASCII letters lower-cased and every other character kept as it is: how
    /// domains, tenant IDs and user emails are made to compare case-insensitively
    /// (docs/input-format.md, "Comparing IDs"). Unlike `lowercased()` it never changes a
    /// non-ASCII character, so the result depends on the bytes alone.
    public func asciiLowercased() -> String {
        guard utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return self }
        return String(decoding: utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
    }

    /// Whether every byte is ASCII.
    public var isASCII: Bool { utf8.allSatisfy { $0 < 0x80 } }

    /// The form two IDs share when they look alike: Unicode NFC, then case-folded, then NFC
    /// again (folding may decompose). A pure-ASCII ID is only lower-cased, the fast path.
    /// IDs still compare by bytes; this finds the pairs that differ only in normalisation or
    /// letter case, for the `look-alike-id` warning (docs/diagnostics.md).
    public var lookAlikeForm: String {
        if isASCII { return asciiLowercased() }
        return precomposedStringWithCanonicalMapping.folding(options: [.caseInsensitive], locale: nil)
            .precomposedStringWithCanonicalMapping
    }

    /// How this ID and `other`, which share their `lookAlikeForm` but not their bytes, differ, for
    /// a message: "only in Unicode normalisation ('K-<U+00E9>' here, 'K-e<U+0301>' there)",
    /// "only in letter case", or "only in Unicode normalisation or letter case (…)".
    public func lookAlikeDifference(from other: String) -> String {
        if isASCII && other.isASCII { return "only in letter case" }
        let shown = " ('\(scalarsSpelledOut)' here, '\(other.scalarsSpelledOut)' there)"
        if precomposedStringWithCanonicalMapping.sameUTF8(other.precomposedStringWithCanonicalMapping) {
            return "only in Unicode normalisation, how accented letters are encoded\(shown)"
        }
        return "only in Unicode normalisation or letter case\(shown)"
    }

    /// The ID with every non-ASCII scalar written `<U+XXXX>` (`K-<U+00E9>`, `K-e<U+0301>`), to show two
    /// IDs that look alike apart in a message.
    public var scalarsSpelledOut: String {
        var out = ""
        for scalar in unicodeScalars {
            if scalar.isASCII {
                out.unicodeScalars.append(scalar)
            } else {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
            }
        }
        return out
    }
}

/// `count` bytes at `a` and `b` are equal.
@inline(__always)
private func memcmpBytes(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    var i = 0
    while i < count {
        if a[i] != b[i] { return false }
        i += 1
    }
    return true
}
