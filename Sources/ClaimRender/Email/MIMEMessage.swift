import Foundation

/// A MIME email with a plain-text and an HTML part (RFC 5322, RFC 2045–2047): UTF-8 bodies in
/// quoted-printable, encoded words for non-ASCII header text, CRLF line ends, lines within 78
/// characters. Deterministic: the same content gives the same bytes.
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

    /// A message.
    public init(from: String, to: [String], subject: String, date: Date, text: String, html: String) {
        self.from = from
        self.to = to
        self.subject = subject
        self.date = date
        self.text = text
        self.html = html
    }

    /// The message's bytes.
    public func rendered() -> Data {
        let hash = ContentHash.hex(ContentHash.of(Array((from + "\n" + to.joined(separator: ",") + "\n" + subject + "\n" + text + "\n" + html).utf8)))
        let boundary = "=_claimsite_\(hash)"
        let domain = MIMEMessage.address(from).split(separator: "@").last.map(String.init) ?? "claimsite.invalid"
        var lines: [String] = []
        lines.append(MIMEMessage.header("From", MIMEMessage.mailbox(from)))
        lines.append(MIMEMessage.header("To", to.map(MIMEMessage.mailbox).joined(separator: ", ")))
        lines.append(MIMEMessage.header("Subject", MIMEMessage.encodedText(subject, used: "Subject: ".count)))
        lines.append("Date: \(MIMEMessage.rfc5322Date(date))")
        lines.append("Message-ID: <summary.\(hash)@\(domain)>")
        lines.append("MIME-Version: 1.0")
        lines.append("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"")
        lines.append("")
        lines.append("This is a message in MIME format with a plain-text and an HTML version.")
        // The line break before each boundary belongs to the boundary, so a body that ends with
        // a line break keeps exactly that one.
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines.append("--\(boundary)")
            lines.append("Content-Type: \(type); charset=utf-8")
            lines.append("Content-Transfer-Encoding: quoted-printable")
            lines.append("")
            lines.append(MIMEMessage.quotedPrintable(body))
        }
        lines.append("--\(boundary)--")
        lines.append("")
        return Data(lines.joined(separator: "\r\n").utf8)
    }

    // MARK: headers

    /// `Name: value`, folded at spaces so no line exceeds 78 characters.
    static func header(_ name: String, _ value: String) -> String {
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
    static func address(_ mailbox: String) -> String {
        if let open = mailbox.lastIndex(of: "<"), let close = mailbox.lastIndex(of: ">"), open < close {
            return String(mailbox[mailbox.index(after: open)..<close]).trimmingCharacters(in: .whitespaces)
        }
        return mailbox.trimmingCharacters(in: .whitespaces)
    }

    /// `Name <address>` with the name quoted or encoded as needed.
    static func mailbox(_ text: String) -> String {
        let addr = address(text)
        guard let open = text.lastIndex(of: "<") else { return addr }
        var name = text[..<open].trimmingCharacters(in: .whitespaces)
        if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
        guard !name.isEmpty else { return addr }
        if !name.unicodeScalars.allSatisfy({ $0.isASCII }) { return "\(encodedWords(name)) <\(addr)>" }
        let specials = CharacterSet(charactersIn: "()<>[]:;@\\,.\"")
        if name.unicodeScalars.contains(where: { specials.contains($0) }) {
            return "\"\(name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\" <\(addr)>"
        }
        return "\(name) <\(addr)>"
    }

    /// ASCII text as it is; other text as RFC 2047 encoded words.
    static func encodedText(_ text: String, used: Int) -> String {
        text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 }) ? text : encodedWords(text)
    }

    /// `=?UTF-8?Q?…?=` words of at most 62 characters, split between characters, joined by spaces.
    static func encodedWords(_ text: String) -> String {
        var words: [String] = [], current = ""
        // Short words, so even the first fits on the `Subject:` line within 78 characters.
        let limit = 62 - "=?UTF-8?Q??=".count
        for character in text {
            var encoded = ""
            for byte in String(character).utf8 {
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
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

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss '+0000'"
        return formatter.string(from: date)
    }

    // MARK: bodies

    /// Quoted-printable (RFC 2045) of `text` with CRLF line ends and lines of at most 76 characters.
    static func quotedPrintable(_ text: String) -> String {
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

    static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
