import Foundation

/// How the offline search folds and splits text (docs/output.md, Search). The portal's script
/// (`assets/search.js`) does exactly the same to what is typed, so the two must change together.
public enum SearchText {
    /// Letters that lose no accent in Unicode's decomposition but that people type plainly.
    package static let plain: [Unicode.Scalar: String] = [
        "ß": "ss", "ẞ": "ss", "æ": "ae", "Æ": "ae", "ø": "o", "Ø": "o", "œ": "oe", "Œ": "oe",
        "đ": "d", "Đ": "d", "ł": "l", "Ł": "l", "ı": "i",
    ]

    /// `text` as it is matched: lowercased, accents removed (canonical decomposition without the
    /// combining marks U+0300–U+036F), `ß` as `ss` and the like: "Müller" → "muller".
    public static func fold(_ text: String) -> String {
        // ASCII (most names and every ID) needs only lowercasing.
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self)
        }
        // Collected as UTF-8 bytes and made a string once (appending to a string scalar by
        // scalar copied it again and again: a million characters took minutes).
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        func append(_ scalar: Unicode.Scalar) {
            if scalar.value < 0x80 {
                let b = UInt8(scalar.value)
                out.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b)
            } else {
                out.append(contentsOf: String(scalar).utf8)
            }
        }
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if (0x300...0x36F).contains(scalar.value) { continue }
            if let plain = plain[scalar] {
                out.append(contentsOf: plain.utf8)
            } else if scalar.value < 0x80 {
                append(scalar)
            } else {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { append(lower) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `scalar` belongs to a word: a letter or a number (general categories L and N).
    package static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// The words of folded text: its runs of letters and numbers.
    public static func words(_ folded: String) -> [String] {
        if folded.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: words are runs of letters and digits.
            return folded.utf8.split { b in
                !((b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A))
            }
            .map { String(decoding: $0, as: UTF8.self) }
        }
        var words: [String] = []
        var current: [UInt8] = []
        for scalar in folded.unicodeScalars {
            if isWordScalar(scalar) {
                current.append(contentsOf: String(scalar).utf8)
            } else if !current.isEmpty {
                words.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        if !current.isEmpty { words.append(String(decoding: current, as: UTF8.self)) }
        return words
    }

    /// Folded text without white space at its ends: how a whole identifier is matched.
    public static func whole(_ text: String) -> String {
        let folded = fold(text)
        // ASCII (the usual identifier) is trimmed by its bytes: the ASCII white space and line
        // ends are tab, line feed, vertical tab, form feed, carriage return and space.
        var bytes = folded
        let trimmed: String? = bytes.withUTF8 { utf8 in
            guard utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
            func white(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
            guard let first = utf8.firstIndex(where: { !white($0) }) else { return "" }
            let last = utf8.lastIndex(where: { !white($0) })!
            if first == 0 && last == utf8.count - 1 { return folded }
            return String(decoding: UnsafeBufferPointer(rebasing: utf8[first...last]), as: UTF8.self)
        }
        return trimmed ?? folded.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
