import Foundation

/// How an input file's bytes become text (docs/input-format.md, Encoding and line ends).
///
/// Every input file is UTF-8. A UTF-8 byte order mark at the start is dropped, and CRLF (or a
/// lone CR) line ends are read as LF, so a file saved with either reads exactly as the plain
/// file: the same records, the same Markdown, the same lines and columns in diagnostics.
/// Anything that is not UTF-8 is refused with a `NotUTF8` that names the encoding the bytes
/// look like (UTF-16, UTF-32, Latin-1 / Windows-1252) and where the first bad byte is.
public enum SourceText {
    /// The text of a file: its bytes as UTF-8, without a leading byte order mark and with LF
    /// line ends; or why the bytes are not UTF-8.
    public static func decode(_ data: Data) -> Result<String, NotUTF8> {
        data.withUnsafeBytes { raw in decode(raw.bindMemory(to: UInt8.self)) }
    }

    /// `decode` over a buffer of bytes.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<String, NotUTF8> {
        var body = bytes
        switch byteOrderMark(bytes) {
        case .utf8: body = UnsafeBufferPointer(rebasing: bytes[3...])
        case .other(let encoding): return .failure(NotUTF8(encoding: encoding, mark: Mark(line: 1, column: 1)))
        case nil: break
        }
        if let encoding = wideEncoding(body) {
            return .failure(NotUTF8(encoding: encoding, mark: Mark(line: 1, column: 1)))
        }
        guard contains(body, 0x0D) else { return validated(body) }
        let lf = normalizedLineEnds(body)
        return lf.withUnsafeBufferPointer { validated($0) }
    }

    /// The text to quote a file's lines from in diagnostics: what `decode` gives, or for a file
    /// that is not UTF-8, its bytes read in the encoding they look like (bytes that are not
    /// UTF-8 as Windows-1252, one character each, so the caret stands under the bad one).
    public static func quotable(_ data: Data) -> String {
        if case .success(let text) = decode(data) { return text }
        return data.withUnsafeBytes { raw -> String in
            let all = raw.bindMemory(to: UInt8.self)
            var bytes = all
            if case .other(let encoding)? = byteOrderMark(all) {
                bytes = UnsafeBufferPointer(rebasing: all[encoding.byteOrderMarkLength...])
                return wide(bytes, encoding)
            }
            if case .utf8? = byteOrderMark(all) { bytes = UnsafeBufferPointer(rebasing: all[3...]) }
            if let encoding = wideEncoding(bytes) { return wide(bytes, encoding) }
            let lf = normalizedLineEnds(bytes)
            var scalars = String.UnicodeScalarView()
            lf.withUnsafeBufferPointer { b in
                var i = 0
                while i < b.count {
                    if let (scalar, length) = scalarAt(b, i) {
                        scalars.append(scalar)
                        i += length
                    } else {
                        scalars.append(windows1252(b[i]) ?? "\u{FFFD}")
                        i += 1
                    }
                }
            }
            return String(scalars)
        }
    }

    // MARK: byte order marks and wide encodings

    private enum ByteOrderMark {
        case utf8
        case other(NotUTF8.Encoding)
    }

    private static func byteOrderMark(_ b: UnsafeBufferPointer<UInt8>) -> ByteOrderMark? {
        func starts(_ prefix: [UInt8]) -> Bool { b.count >= prefix.count && zip(b, prefix).allSatisfy { $0 == $1 } }
        if starts([0xEF, 0xBB, 0xBF]) { return .utf8 }
        if starts([0xFF, 0xFE, 0x00, 0x00]) { return .other(.utf32LittleEndian) }
        if starts([0x00, 0x00, 0xFE, 0xFF]) { return .other(.utf32BigEndian) }
        if starts([0xFF, 0xFE]) { return .other(.utf16LittleEndian) }
        if starts([0xFE, 0xFF]) { return .other(.utf16BigEndian) }
        return nil
    }

    /// UTF-16 or UTF-32 without a byte order mark, told by its NUL bytes: text that is mostly
    /// ASCII has a NUL in every other byte (UTF-16) or in three bytes of four (UTF-32), always
    /// on the same side. Such bytes are valid UTF-8 (NUL is a character), so this comes first.
    private static func wideEncoding(_ b: UnsafeBufferPointer<UInt8>) -> NotUTF8.Encoding? {
        guard b.count >= 2, contains(b, 0) else { return nil }
        var nuls = [0, 0, 0, 0]
        for (i, byte) in b.enumerated() where byte == 0 { nuls[i & 3] += 1 }
        let quarter = b.count / 4
        if b.count % 4 == 0, quarter > 0 {
            if nuls[2] == quarter, nuls[3] == quarter, nuls[1] * 2 >= quarter { return .utf32LittleEndian }
            if nuls[0] == quarter, nuls[1] == quarter, nuls[2] * 2 >= quarter { return .utf32BigEndian }
        }
        let even = nuls[0] + nuls[2], odd = nuls[1] + nuls[3]
        let half = b.count / 2
        // Most of one side NUL, and (nearly) none of the other.
        if odd * 2 >= half, even * 8 <= odd { return .utf16LittleEndian }
        if even * 2 >= half, odd * 8 <= even { return .utf16BigEndian }
        return nil
    }

    /// UTF-16 or UTF-32 bytes as text, for quoting (bad units become U+FFFD).
    private static func wide(_ b: UnsafeBufferPointer<UInt8>, _ encoding: NotUTF8.Encoding) -> String {
        switch encoding {
        case .utf16LittleEndian, .utf16BigEndian:
            let little = encoding == .utf16LittleEndian
            let units = stride(from: 0, to: b.count - 1, by: 2).map { i -> UInt16 in
                little ? UInt16(b[i]) | UInt16(b[i + 1]) << 8 : UInt16(b[i]) << 8 | UInt16(b[i + 1])
            }
            return normalizedText(String(decoding: units, as: UTF16.self))
        case .utf32LittleEndian, .utf32BigEndian:
            let little = encoding == .utf32LittleEndian
            let units = stride(from: 0, to: b.count - 3, by: 4).map { i -> UInt32 in
                let bytes = little ? [b[i], b[i + 1], b[i + 2], b[i + 3]] : [b[i + 3], b[i + 2], b[i + 1], b[i]]
                return bytes.enumerated().reduce(0) { $0 | UInt32($1.element) << (8 * UInt32($1.offset)) }
            }
            return normalizedText(String(decoding: units, as: UTF32.self))
        default:
            return ""
        }
    }

    // MARK: UTF-8

    /// The bytes as a String, or where and how they fail to be UTF-8.
    private static func validated(_ b: UnsafeBufferPointer<UInt8>) -> Result<String, NotUTF8> {
        if let text = String(validating: b, as: UTF8.self) { return .success(text) }
        // Find the first bad byte, counting lines and columns (Unicode scalars) on the way.
        var line = 1, column = 1, i = 0
        while i < b.count {
            guard let (scalar, length) = scalarAt(b, i) else { break }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            i += length
        }
        guard i < b.count else { return .success(String(decoding: b, as: UTF8.self)) }
        let mark = Mark(line: line, column: column)
        if endsInsideACharacter(b, at: i) {
            return .failure(NotUTF8(encoding: .truncated, mark: mark))
        }
        let byte = b[i]
        if b.allSatisfy({ windows1252($0) != nil }), let shown = windows1252(byte) {
            return .failure(NotUTF8(encoding: .windows1252(byte: byte, character: Character(shown)), mark: mark))
        }
        return .failure(NotUTF8(encoding: .unknown(byte: byte), mark: mark))
    }

    /// The scalar that starts at `i` and its length in bytes, or `nil` when the bytes there are
    /// not a well-formed UTF-8 sequence (overlong forms, surrogates and values past U+10FFFF
    /// included).
    private static func scalarAt(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Unicode.Scalar, Int)? {
        let lead = b[i]
        if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
        let length: Int, minimum: UInt32
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; minimum = 0x80; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; value = UInt32(lead & 0x07)
        default: return nil
        }
        guard i + length <= b.count else { return nil }
        for k in 1..<length {
            let next = b[i + k]
            guard next & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(next & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    /// Whether the bytes from `i` to the end are the start of a UTF-8 sequence that the end of
    /// the file cut short (a lead byte followed only by continuation bytes, too few of them).
    private static func endsInsideACharacter(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Bool {
        let needed: Int
        switch b[i] {
        case 0xC2...0xDF: needed = 2
        case 0xE0...0xEF: needed = 3
        case 0xF0...0xF4: needed = 4
        default: return false
        }
        let rest = b.count - i
        return rest < needed && b[(i + 1)...].allSatisfy { $0 & 0xC0 == 0x80 }
    }

    /// The character a Windows-1252 byte stands for; `nil` for the five bytes it leaves
    /// undefined (81, 8D, 8F, 90, 9D). Bytes from A0 up are Latin-1's, which Windows-1252 shares.
    static func windows1252(_ byte: UInt8) -> Unicode.Scalar? {
        guard byte >= 0x80, byte < 0xA0 else { return Unicode.Scalar(byte) }
        let table: [UInt32] = [
            0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0,
            0x017D, 0,
            0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,
            0x017E, 0x0178,
        ]
        let value = table[Int(byte - 0x80)]
        return value == 0 ? nil : Unicode.Scalar(value)
    }

    /// Whether `byte` occurs in `b` (memchr: the loader reads files of many megabytes).
    private static func contains(_ b: UnsafeBufferPointer<UInt8>, _ byte: UInt8) -> Bool {
        guard let base = b.baseAddress, !b.isEmpty else { return false }
        return memchr(base, Int32(byte), b.count) != nil
    }

    // MARK: line ends

    /// The bytes with every CRLF and every lone CR turned into LF (copied a line at a time).
    private static func normalizedLineEnds(_ b: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        guard let base = b.baseAddress else { return out }
        var i = 0
        while i < b.count {
            guard let found = memchr(base + i, 0x0D, b.count - i) else {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i...]))
                break
            }
            let cr = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<cr]))
            out.append(0x0A)
            i = cr + 1
            if i < b.count, b[i] == 0x0A { i += 1 }
        }
        return out
    }

    private static func normalizedText(_ text: String) -> String {
        var bytes = Array(text.utf8)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard bytes.contains(0x0D) else { return String(decoding: bytes, as: UTF8.self) }
        return bytes.withUnsafeBufferPointer { String(decoding: normalizedLineEnds($0), as: UTF8.self) }
    }
}

/// A file that is not UTF-8: the encoding its bytes look like and where the first byte that is
/// not UTF-8 is (1:1 for a UTF-16 or UTF-32 file). Its `message` says to save the file as UTF-8.
public struct NotUTF8: Error, Hashable, Sendable {
    /// What the bytes look like.
    public enum Encoding: Hashable, Sendable {
        case utf16LittleEndian, utf16BigEndian, utf32LittleEndian, utf32BigEndian
        /// Latin-1 or Windows-1252: every byte is a character there; `byte` (the first that is
        /// not UTF-8) is `character`.
        case windows1252(byte: UInt8, character: Character)
        /// The file ends in the middle of a UTF-8 character (it may have been cut off).
        case truncated
        /// Not UTF-8, and no encoding ClaimSite recognises; `byte` is the first bad one.
        case unknown(byte: UInt8)

        var byteOrderMarkLength: Int {
            switch self {
            case .utf16LittleEndian, .utf16BigEndian: 2
            case .utf32LittleEndian, .utf32BigEndian: 4
            default: 0
            }
        }
    }

    /// What the bytes look like.
    public var encoding: Encoding
    /// Where the first byte that is not UTF-8 is.
    public var mark: Mark

    /// A file that is not UTF-8.
    public init(encoding: Encoding, mark: Mark) {
        self.encoding = encoding
        self.mark = mark
    }

    /// The diagnostic's message (docs/diagnostics.md, `not-utf8`).
    public var message: String {
        func hex(_ byte: UInt8) -> String { String(byte, radix: 16, uppercase: true) }
        switch encoding {
        case .utf16LittleEndian: return "the file is UTF-16 (little-endian), not UTF-8; save it as UTF-8"
        case .utf16BigEndian: return "the file is UTF-16 (big-endian), not UTF-8; save it as UTF-8"
        case .utf32LittleEndian: return "the file is UTF-32 (little-endian), not UTF-8; save it as UTF-8"
        case .utf32BigEndian: return "the file is UTF-32 (big-endian), not UTF-8; save it as UTF-8"
        case .windows1252(let byte, let character):
            return
                """
                the file is not UTF-8 (it looks like Latin-1 / Windows-1252, where the byte \(hex(byte)) here is \
                '\(character)'); save it as UTF-8
                """
        case .truncated:
            return
                """
                the file is not UTF-8: it ends in the middle of a character, so it may have been cut off; restore \
                its end, or save it as UTF-8
                """
        case .unknown(let byte):
            return
                """
                the file is not UTF-8 (the byte \(hex(byte)) here is not UTF-8, and the encoding is not one \
                ClaimSite recognises); save it as UTF-8
                """
        }
    }
}
