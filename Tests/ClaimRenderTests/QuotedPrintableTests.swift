import Foundation
import PropertyBased
import Testing

@testable import ClaimRender
@testable import MIME
@testable import OutputFiles

/// Quoted-printable as the emails' parts are streamed (`QuotedPrintableEncoder`): the bytes of
/// `MIMEMessage.quotedPrintable` of the whole text, however the text is cut, and valid RFC 2045
/// (lines of at most 76 characters, soft breaks ending in "=", no trailing space or tab, "=XX"
/// for what is not printed as it is) that decodes back to the text.
@Suite struct QuotedPrintableTests {
    /// Text made of what the rules treat specially: "From " and "." at line starts, spaces and
    /// tabs before line ends, "=", CR, non-ASCII, and runs long enough to need soft breaks.
    static let pieces = [
        "From ", "From", "F", ".", "..", " ", "  ", "\t", "=", "==", "\n", "\n", "\n", "\r\n", "\r", "é", "—", "😀",
        "a", "word ", "<td style=\"padding:6px\">", String(repeating: "x", count: 70),
        String(repeating: "y", count: 74),
        String(repeating: "=", count: 30), "* MCI-000154  Submit claim by 2026-12-01 (2 days left)",
    ]

    struct Case: Sendable, CustomStringConvertible {
        var text: String
        /// Where the UTF-8 bytes are cut into pieces (sorted offsets, possibly inside a character).
        var cuts: [Int]
        var description: String { "text: \(text.debugDescription)\ncuts: \(cuts)" }

        static let generator = Generator<Case, _>(run: { rng in
            var dice = Dice(seed: rng.next())
            let text = (0..<dice.int(0...40)).map { _ in dice.pick(QuotedPrintableTests.pieces) }.joined()
            let count = text.utf8.count
            let cuts = count == 0 ? [] : (0..<dice.int(0...12)).map { _ in dice.int(0...count) }.sorted()
            return Case(text: text, cuts: cuts)
        })
    }

    /// `text` encoded in pieces cut at `cuts` (a piece may be empty).
    static func streamed(_ text: String, cuts: [Int]) -> [UInt8] {
        let bytes = Array(text.utf8)
        var encoder = QuotedPrintableEncoder()
        var out: [UInt8] = []
        var start = 0
        for cut in cuts + [bytes.count] {
            bytes[start..<cut].withUnsafeBytes { encoder.encode($0, into: &out) }
            start = cut
        }
        encoder.finish(into: &out)
        return out
    }

    /// Decodes quoted-printable with CRLF line ends back to text with LF line ends.
    static func decode(_ encoded: [UInt8]) -> [UInt8]? {
        var out: [UInt8] = []
        var i = 0
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case 0x30...0x39: return b - 0x30
            case 0x41...0x46: return b - 0x41 + 10
            default: return nil
            }
        }
        while i < encoded.count {
            let b = encoded[i]
            if b == 0x3D {
                if i + 2 < encoded.count, encoded[i + 1] == 0x0D, encoded[i + 2] == 0x0A { i += 3; continue }
                guard i + 2 < encoded.count, let high = hex(encoded[i + 1]), let low = hex(encoded[i + 2]) else {
                    return nil
                }
                out.append(high << 4 | low)
                i += 3
            } else if b == 0x0D {
                guard i + 1 < encoded.count, encoded[i + 1] == 0x0A else { return nil }
                out.append(0x0A)
                i += 2
            } else {
                out.append(b)
                i += 1
            }
        }
        return out
    }

    @Test func anyCutGivesTheBytesOfTheWholeTextAndValidQuotedPrintable() async throws {
        await propertyCheck(count: 3000, input: Case.generator) { c in
            let whole = Array(MIMEMessage.quotedPrintable(c.text).utf8)
            let streamed = Self.streamed(c.text, cuts: c.cuts)
            #expect(streamed == whole, "\(c)")
            // Byte by byte too: every piece one byte long.
            #expect(Self.streamed(c.text, cuts: Array(0...c.text.utf8.count)) == whole, "\(c)")
            #expect(Self.decode(streamed) == Array(c.text.utf8), "\(c)")
            let lines = streamed.split(separator: 0x0A, omittingEmptySubsequences: false)
            for (n, line) in lines.enumerated() {
                // Every line but the last ends with CR (CRLF line ends, no bare LF).
                let body = n < lines.count - 1 ? line.dropLast() : line[...]
                if n < lines.count - 1 { #expect(line.last == 0x0D, "\(c)") }
                #expect(body.count <= 76, "\(c)")
                #expect(body.allSatisfy { $0 >= 0x20 && $0 <= 0x7E || $0 == 0x09 }, "\(c)")
                #expect(body.last != 0x20 && body.last != 0x09, "\(c)")
                // Only a soft break may reach 76 characters; a line of text stops at 75.
                if body.count == 76 { #expect(body.last == 0x3D, "\(c)") }
                // A line of the text never starts with a "." or "From " left as it is (after a
                // soft break it may: that is inside a line of the text).
                let afterSoftBreak = n > 0 && lines[n - 1].dropLast().last == 0x3D
                if !afterSoftBreak { #expect(body.first != 0x2E && !body.starts(with: Array("From ".utf8)), "\(c)") }
            }
        }
    }

    @Test func theRulesAtTheEdgesOfPieces() {
        // A space before a cut is encoded only if the line ends there; "From " is recognised
        // across cuts; a character cut in two is encoded byte by byte as when whole.
        let cases: [(String, [Int])] = [
            ("a \nb", [2]), ("a \n", [2]), ("a ", [2]), ("a b", [2]), ("Fro", [1, 2]), ("From x\nFrom", [2, 4, 9, 11]),
            (".a\n.", [1, 4]), ("é", [1]), (String(repeating: "x", count: 75) + "=\n", [75, 76]), ("", []),
            ("\n\n", [1]),
        ]
        for (text, cuts) in cases {
            #expect(
                Self.streamed(text, cuts: cuts) == Array(MIMEMessage.quotedPrintable(text).utf8),
                "\(text.debugDescription) \(cuts)")
        }
        #expect(String(decoding: Self.streamed("From x\n.y \n", cuts: [3]), as: UTF8.self) == "=46rom x\r\n=2Ey=20\r\n")
    }

    @Test func aStreamedMessageHasTheBytesOfTheWholeOne() {
        let message = MIMEMessage(
            from: "Zeta Énergie SAS <contact@zeta.example>", to: ["Müller, Anna <anna@mueller.example>"],
            subject: "Grüße — 2 actions", date: Date(timeIntervalSince1970: 1_795_910_400),
            text: "Grüße\nFrom here\n.dot\ntrailing space \n" + String(repeating: "long line ", count: 20) + "\n",
            html: "<p>Énergie</p>\n", id: 0x0123_4567_89AB_CDEF)
        final class Collect: OutputFile {
            var bytes: [UInt8] = []
            func write(_ piece: UnsafeRawBufferPointer) { bytes += piece }
            func close() {}
        }
        let file = Collect()
        var stream = MIMEStream(
            from: message.from, to: message.to, subject: message.subject, date: message.date, id: message.id, file: file
        )
        for (type, body) in [("text/plain", message.text), ("text/html", message.html)] {
            stream.beginPart(type)
            // In pieces of 3 bytes.
            let bytes = Array(body.utf8)
            for start in stride(from: 0, to: bytes.count, by: 3) {
                bytes[start..<min(start + 3, bytes.count)].withUnsafeBytes { stream.append($0) }
            }
            stream.endPart()
        }
        stream.close()
        #expect(Data(file.bytes) == message.rendered())
        let text = String(decoding: file.bytes, as: UTF8.self)
        #expect(text.contains("Message-ID: <summary.0123456789abcdef@zeta.example>\r\n"))
        #expect(text.contains(" boundary=\"=_claimsite_0123456789abcdef\"\r\n"))
    }
}
