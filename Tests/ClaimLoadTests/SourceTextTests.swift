import ClaimLoad
import Foundation
import Testing

/// How input bytes become text (docs/input-format.md, Encoding and line ends): UTF-8 with an
/// optional byte order mark and CRLF line ends reads as the plain file; anything else is a
/// `NotUTF8` naming the encoding the bytes look like.
@Suite struct SourceTextTests {
    let plain = "- id: fabrikam\n  name: Café GmbH\n"

    /// `text` in UTF-16, little- or big-endian.
    func utf16(_ text: String, little: Bool) -> [UInt8] {
        var out: [UInt8] = []
        for unit in text.utf16 {
            let pair: [UInt8] = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            out += little ? pair : pair.reversed()
        }
        return out
    }

    func decode(_ bytes: [UInt8]) -> Result<String, NotUTF8> { SourceText.decode(Data(bytes)) }

    func failure(_ bytes: [UInt8]) -> NotUTF8? {
        if case .failure(let problem) = decode(bytes) { return problem }
        return nil
    }

    @Test func plainUTF8IsReadAsIs() throws {
        #expect(try decode(Array(plain.utf8)).get() == plain)
        #expect(try decode([]).get() == "")
    }

    @Test func aByteOrderMarkAndCRLFReadAsThePlainFile() throws {
        let crlf = plain.replacingOccurrences(of: "\n", with: "\r\n")
        #expect(try decode(Array(crlf.utf8)).get() == plain)
        #expect(try decode([0xEF, 0xBB, 0xBF] + Array(plain.utf8)).get() == plain)
        #expect(try decode([0xEF, 0xBB, 0xBF] + Array(crlf.utf8)).get() == plain)
        // A lone CR is a line end too; CR CR LF is two.
        #expect(try decode(Array("a\rb\r\r\nc".utf8)).get() == "a\nb\n\nc")
        // Only the first byte order mark is dropped.
        #expect(try decode([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF]).get() == "\u{FEFF}")
    }

    @Test func utf16AndUTF32AreToldByTheirByteOrderMark() {
        let le: [UInt8] = [0xFF, 0xFE] + utf16(plain, little: true)
        let be: [UInt8] = [0xFE, 0xFF] + utf16(plain, little: false)
        #expect(failure(le) == NotUTF8(encoding: .utf16LittleEndian, mark: Mark(line: 1, column: 1)))
        #expect(failure(be) == NotUTF8(encoding: .utf16BigEndian, mark: Mark(line: 1, column: 1)))
        #expect(failure([0xFF, 0xFE, 0, 0, 0x2D, 0, 0, 0])?.encoding == .utf32LittleEndian)
        #expect(failure([0, 0, 0xFE, 0xFF, 0, 0, 0, 0x2D])?.encoding == .utf32BigEndian)
        #expect(failure(le)?.message == "the file is UTF-16 (little-endian), not UTF-8; save it as UTF-8")
    }

    @Test func utf16WithoutAByteOrderMarkIsToldByItsNULs() throws {
        // ASCII in UTF-16 is valid UTF-8 (NUL is a character): the NULs give it away.
        let le = utf16(plain, little: true)
        let be = utf16(plain, little: false)
        #expect(failure(le)?.encoding == .utf16LittleEndian)
        #expect(failure(be)?.encoding == .utf16BigEndian)
        let utf32: [UInt8] = plain.unicodeScalars.flatMap { s -> [UInt8] in
            let v = s.value
            return [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)]
        }
        #expect(failure(utf32)?.encoding == .utf32LittleEndian)
        // A stray NUL in UTF-8 is left to the parser (a control character).
        #expect(try decode(Array("a: 1\n".utf8) + [0] + Array("b: 2\n".utf8)).get().count == 11)
    }

    @Test func latin1IsNamedAtTheFirstByteThatIsNotUTF8() throws {
        let bytes = Array("- id: fabrikam\n  name: Caf".utf8) + [0xE9] + Array(" GmbH\n".utf8)
        let problem = try #require(failure(bytes))
        #expect(problem.mark == Mark(line: 2, column: 12))
        #expect(
            problem.message
                == """
                the file is not UTF-8 (it looks like Latin-1 / Windows-1252, where the byte E9 here is 'é'); save \
                it as UTF-8
                """
        )
        // Windows-1252's curly quotes, and columns counted in characters after valid UTF-8.
        let quotes = Array("x: Zé ".utf8) + [0x93, 0x61, 0x94]
        #expect(
            failure(quotes)
                == NotUTF8(encoding: .windows1252(byte: 0x93, character: "\u{201C}"), mark: Mark(line: 1, column: 7)))
        // CRLF before it does not move it.
        let crlf = Array("a: 1\r\nb: ".utf8) + [0xE9]
        #expect(failure(crlf)?.mark == Mark(line: 2, column: 4))
    }

    @Test func otherBytesThatAreNotUTF8() {
        // 81 is undefined in Windows-1252.
        #expect(
            failure(Array("a: ".utf8) + [0x81])
                == NotUTF8(encoding: .unknown(byte: 0x81), mark: Mark(line: 1, column: 4)))
        // A character cut off by the end of the file.
        #expect(failure(Array("a: caf".utf8) + [0xC3]) == NotUTF8(encoding: .truncated, mark: Mark(line: 1, column: 7)))
        #expect(
            failure(Array("a: ".utf8) + [0xF0, 0x9F, 0x98])
                == NotUTF8(encoding: .truncated, mark: Mark(line: 1, column: 4)))
        // Overlong forms and surrogates are not UTF-8 either.
        #expect(failure([0x61, 0xC0, 0xAF])?.mark == Mark(line: 1, column: 2))
        #expect(failure([0x61, 0xED, 0xA0, 0x80])?.mark == Mark(line: 1, column: 2))
    }

    @Test func quotableTextReadsTheEncodingTheBytesLookLike() {
        let le: [UInt8] = [0xFF, 0xFE] + utf16("a: 1\r\nb: 2\r\n", little: true)
        #expect(SourceText.quotable(Data(le)) == "a: 1\nb: 2\n")
        let latin = Array("né: ".utf8) + [0xE9, 0x0D, 0x0A]
        #expect(SourceText.quotable(Data(latin)) == "né: é\n")
        #expect(SourceText.quotable(Data([0xEF, 0xBB, 0xBF] + Array("a\r\n".utf8))) == "a\n")
    }
}
