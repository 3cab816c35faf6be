import Foundation
import OutputFiles

/// A MIME email with a plain-text and an HTML part (RFC 5322, RFC 2045–2047): UTF-8 bodies in
/// quoted-printable, encoded words for non-ASCII header text, CRLF line ends, lines within 78
/// characters. Deterministic: the same content gives the same bytes.
///
/// This is the message as one value; `MIMEStream` writes a message as its parts are rendered,
/// with the same framing and the same encoding, and never holds it whole.
public struct MIMEMessage: Sendable {
    /// `From`, as written in `site.yaml` (`Name <address>` or an address).
    public var from: String
    /// Recipients (`Name <address>` or addresses).
    public var to: [String]
    /// The subject (any Unicode).
    public var subject: String
    /// The message date (the as-of day, at midnight UTC).
    public var date: Date
    /// The plain-text body (LF line ends).
    public var text: String
    /// The HTML body (LF line ends).
    public var html: String
    /// The hash that names the message: its `Message-ID` and MIME boundary.
    public var id: UInt64
    /// The language of the text, for the `Content-Language` header (`en`, `de`;
    /// docs/languages.md).
    public var language: String

    /// A message named by `id`; without one, by a hash of its addresses, subject and bodies.
    public init(
        from: String, to: [String], subject: String, date: Date, text: String, html: String, id: UInt64? = nil,
        language: String = "en"
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.text = text
        self.html = html
        self.language = language
        self.id =
            id
            ?? ContentHash.of(
                Array((from + "\n" + to.joined(separator: ",") + "\n" + subject + "\n" + text + "\n" + html).utf8))
    }

    /// The message's bytes.
    public func rendered() -> Data {
        var out = MIMEMessage.head(from: from, to: to, subject: subject, date: date, id: id, language: language)
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            out += MIMEMessage.partHead(type, id: id)
            out += MIMEMessage.quotedPrintable(body)
            out += MIMEMessage.partEnd
        }
        out += MIMEMessage.end(id: id)
        return Data(out.utf8)
    }

    // MARK: framing

    /// The MIME boundary of the message named `id`. It holds "=_", which quoted-printable text
    /// never does (RFC 2045: "=" there is followed by two hex digits or a line break), so no
    /// body line can be mistaken for it, whatever the bodies.
    package static func boundary(_ id: UInt64) -> String { "=_claimsite_\(ContentHash.hex(id))" }

    /// The headers and the preamble, up to the first part.
    /// `Content-Language` names the language of the text (RFC 3282); it does not feed the
    /// message's name `id`, which the subject and every word of the message already do.
    package static func head(
        from: String, to: [String], subject: String, date: Date, id: UInt64, language: String = "en"
    ) -> String {
        let domain = address(from).split(separator: "@").last.map(String.init) ?? "claimsite.invalid"
        var lines: [String] = []
        lines.append(header("From", mailbox(from)))
        lines.append(header("To", to.map(mailbox).joined(separator: ", ")))
        lines.append(header("Subject", encodedText(subject, used: "Subject: ".count)))
        lines.append("Date: \(rfc5322Date(date))")
        lines.append("Message-ID: <summary.\(ContentHash.hex(id))@\(domain)>")
        lines.append("MIME-Version: 1.0")
        lines.append("Content-Language: \(language)")
        lines.append("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary(id))\"")
        lines.append("")
        lines.append("This is a message in MIME format with a plain-text and an HTML version.")
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// The boundary and headers of a part of `type`, before its quoted-printable body.
    package static func partHead(_ type: String, id: UInt64) -> String {
        """
        --\(boundary(id))\r\nContent-Type: \(type); charset=utf-8\r\nContent-Transfer-Encoding: \
        quoted-printable\r\n\r\n
        """
    }

    /// After a part's body: the line break before the next boundary belongs to the boundary,
    /// so a body that ends with a line break keeps exactly that one.
    package static let partEnd = "\r\n"

    /// The closing boundary.
    package static func end(id: UInt64) -> String { "--\(boundary(id))--\r\n" }

    // MARK: headers

    /// `Name: value`, folded at spaces so no line exceeds 78 characters.
    package static func header(_ name: String, _ value: String) -> String {
        var out = "", line = "\(name):"
        for word in value.split(separator: " ", omittingEmptySubsequences: false) {
            if line.count + 1 + word.count > 78 && line.count > name.count + 1 {
                out += line + "\r\n"
                line = " " + word
            } else {
                line += " " + word
            }
        }
        return out + line
    }

    /// The address of `Name <address>` (or the text itself).
    package static func address(_ mailbox: String) -> String {
        if let open = mailbox.lastIndex(of: "<"), let close = mailbox.lastIndex(of: ">"), open < close {
            return String(mailbox[mailbox.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
        }
        return mailbox.trimmingCharacters(in: .whitespaces)
    }

    /// `Name <address>` with the name quoted or encoded as needed.
    package static func mailbox(_ text: String) -> String {
        let addr = address(text)
        guard let open = text.lastIndex(of: "<") else { return addr }
        var name = text[..<open].trimmingCharacters(in: .whitespaces)
        if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
        guard !name.isEmpty else { return addr }
        if !name.unicodeScalars.allSatisfy({ $0.isASCII }) { return "\(encodedWords(name)) <\(addr)>" }
        let specials = CharacterSet(charactersIn: "()<>[]:;@\\,.\"")
        if name.unicodeScalars.contains(where: { specials.contains($0) }) {
            let quoted = name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            return "\"\(quoted)\" <\(addr)>"
        }
        return "\(name) <\(addr)>"
    }

    /// ASCII text as it is; other text as RFC 2047 encoded words.
    package static func encodedText(_ text: String, used: Int) -> String {
        text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) ? text : encodedWords(text)
    }

    /// `=?UTF-8?Q?…?=` words of at most 62 characters, split between characters, joined by spaces.
    package static func encodedWords(_ text: String) -> String {
        var words: [String] = [], current = ""
        // Short words, so even the first fits on the `Subject:` line within 78 characters.
        let limit = 62 - "=?UTF-8?Q??=".count
        for character in text {
            var encoded = ""
            for byte in String(character).utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"),
                    UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"):
                    encoded.append(Character(Unicode.Scalar(byte)))
                case UInt8(ascii: " "): encoded += "_"
                default: encoded += "=" + hex(byte)
                }
            }
            if current.count + encoded.count > limit {
                words.append(current)
                current = ""
            }
            current += encoded
        }
        if !current.isEmpty { words.append(current) }
        return words.map { "=?UTF-8?Q?\($0)?=" }.joined(separator: " ")
    }

    package static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    // MARK: bodies

    /// Quoted-printable (RFC 2045) of `text` with CRLF line ends and lines of at most 76 characters.
    package static func quotedPrintable(_ text: String) -> String {
        let hexDigits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + text.utf8.count / 8)
        let lines = Array(text.utf8).split(separator: 0x0A, omittingEmptySubsequences: false)
        for (n, line) in lines.enumerated() {
            if n > 0 { out += [0x0D, 0x0A] }
            let bytes = Array(line)
            var column = 0
            let startsWithFrom = bytes.starts(with: Array("From ".utf8))
            for (i, byte) in bytes.enumerated() {
                let last = i == bytes.count - 1
                let printable = (byte >= 33 && byte <= 126 && byte != 0x3D) || ((byte == 0x20 || byte == 0x09) && !last)
                let atStart = i == 0 && (byte == 0x2E || (byte == 0x46 && startsWithFrom))
                let width = printable && !atStart ? 1 : 3
                if column + width > 75 {
                    out += [0x3D, 0x0D, 0x0A]
                    column = 0
                }
                if width == 1 {
                    out.append(byte)
                } else {
                    out += [0x3D, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
                }
                column += width
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    package static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}

/// Quoted-printable (RFC 2045) of text that arrives in pieces: exactly the bytes of
/// `MIMEMessage.quotedPrintable` of the whole text, however it is cut. Each byte is encoded as
/// it arrives, except what depends on what follows: a line's first bytes wait until it is known
/// whether the line starts with "From " (its "F" is then encoded), and the last byte seen waits
/// until it is known whether it ends its line (a space or tab there is encoded). So a piece may
/// end anywhere, even inside a line or a UTF-8 character, and nothing larger than five bytes is
/// carried over to the next.
package struct QuotedPrintableEncoder {
    /// Characters on the current output line.
    private var column = 0
    /// Whether fewer than five bytes of the current line have arrived (they are in `head`).
    private var deciding = true
    private var head: [UInt8] = []
    private var startsWithFrom = false
    /// Once the line's start is decided: its last byte, not yet written.
    private var held: UInt8 = 0

    private static let hexDigits = Array("0123456789ABCDEF".utf8)
    private static let from = Array("From ".utf8)

    package init() { head.reserveCapacity(5) }

    /// Encodes `bytes` (the next piece of the text) into `out`.
    package mutating func encode(_ bytes: UnsafeRawBufferPointer, into out: inout [UInt8]) {
        // Each byte gives at most six: itself as `=XX` after a soft line break, or CR LF. The
        // room is added to `out` first and what is left of it removed after.
        let start = out.count, room = bytes.count * 6 + 32
        out.append(contentsOf: repeatElement(0, count: room))
        let written = out.withUnsafeMutableBufferPointer { buffer in
            var sink = Sink(base: buffer.baseAddress! + start)
            for byte in bytes {
                if byte == 0x0A {
                    endLine(into: &sink)
                    sink.put(0x0D)
                    sink.put(0x0A)
                } else if !deciding {
                    emit(held, first: false, last: false, into: &sink)
                    held = byte
                } else {
                    head.append(byte)
                    if head.count == 5 {
                        startsWithFrom = head == QuotedPrintableEncoder.from
                        deciding = false
                        for k in 0..<4 { emit(head[k], first: k == 0, last: false, into: &sink) }
                        held = head[4]
                        head.removeAll(keepingCapacity: true)
                    }
                }
            }
            return sink.count
        }
        out.removeLast(room - written)
    }

    /// Writes what is still held: the end of the text.
    package mutating func finish(into out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
            var sink = Sink(base: buffer.baseAddress!)
            endLine(into: &sink)
            out.append(contentsOf: UnsafeBufferPointer(start: buffer.baseAddress, count: sink.count))
        }
    }

    /// Where encoded bytes go: memory with room for all of them (`encode` sizes it), so that no
    /// byte pays for an array's checks.
    private struct Sink {
        let base: UnsafeMutablePointer<UInt8>
        var count = 0

        @inline(__always)
        mutating func put(_ byte: UInt8) {
            base[count] = byte
            count += 1
        }
    }

    /// Ends the current line: its held bytes written, the last one as the line's last.
    private mutating func endLine(into out: inout Sink) {
        if deciding {
            startsWithFrom = false
            for (k, byte) in head.enumerated() { emit(byte, first: k == 0, last: k == head.count - 1, into: &out) }
            head.removeAll(keepingCapacity: true)
        } else {
            emit(held, first: false, last: true, into: &out)
        }
        deciding = true
        column = 0
    }

    /// Writes `byte` as itself or as `=XX`, after a soft line break when the line is full (the
    /// rules of `MIMEMessage.quotedPrintable`).
    @inline(__always)
    private mutating func emit(_ byte: UInt8, first: Bool, last: Bool, into out: inout Sink) {
        let printable = (byte >= 33 && byte <= 126 && byte != 0x3D) || ((byte == 0x20 || byte == 0x09) && !last)
        let atStart = first && (byte == 0x2E || (byte == 0x46 && startsWithFrom))
        let width = printable && !atStart ? 1 : 3
        if column + width > 75 {
            out.put(0x3D)
            out.put(0x0D)
            out.put(0x0A)
            column = 0
        }
        if width == 1 {
            out.put(byte)
        } else {
            out.put(0x3D)
            out.put(QuotedPrintableEncoder.hexDigits[Int(byte >> 4)])
            out.put(QuotedPrintableEncoder.hexDigits[Int(byte & 0x0F)])
        }
        column += width
    }
}

/// A MIME message (the framing of `MIMEMessage`) written into an output file as its parts are
/// rendered: the headers first, then each part's bytes quoted-printable-encoded as they arrive,
/// in pieces of 64 KiB. The message is never held whole.
package struct MIMEStream {
    private var out: StreamWriter
    private let id: UInt64
    private var encoder = QuotedPrintableEncoder()
    private var encoded: [UInt8] = []

    /// Opens the message with its headers, in `file`.
    package init(
        from: String, to: [String], subject: String, date: Date, language: String = "en", id: UInt64, file: OutputFile
    ) {
        out = StreamWriter(file: file)
        self.id = id
        encoded.reserveCapacity(StreamWriter.pieceSize + StreamWriter.pieceSize / 4)
        out.append(MIMEMessage.head(from: from, to: to, subject: subject, date: date, id: id, language: language))
    }

    /// Begins a part of `type` (`text/plain`, `text/html`).
    package mutating func beginPart(_ type: String) {
        encoder = QuotedPrintableEncoder()
        out.append(MIMEMessage.partHead(type, id: id))
    }

    /// The next bytes of the part's body (UTF-8, LF line ends), cut anywhere.
    package mutating func append(_ bytes: UnsafeRawBufferPointer) {
        encoder.encode(bytes, into: &encoded)
        out.append(encoded)
        encoded.removeAll(keepingCapacity: true)
    }

    /// Ends the part begun last.
    package mutating func endPart() {
        encoder.finish(into: &encoded)
        out.append(encoded)
        encoded.removeAll(keepingCapacity: true)
        out.append(MIMEMessage.partEnd)
    }

    /// Writes the closing boundary and closes the file.
    package mutating func close() {
        out.append(MIMEMessage.end(id: id))
        out.close()
    }
}
