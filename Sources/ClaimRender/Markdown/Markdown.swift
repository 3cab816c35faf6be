import CCmark
import Foundation

/// Markdown to HTML through libcmark.
public enum Markdown {
    /// Renders CommonMark to HTML with `CMARK_OPT_DEFAULT`: raw HTML is removed and unsafe
    /// link schemes (`javascript:`, `vbscript:`, `file:`, most `data:`) become empty links.
    /// Pipe tables become tables (`MarkdownTables`, docs/input-format.md, Markdown tables). A
    /// paragraph with more than `maxImageOpeners` image openers (`![`) has them escaped first
    /// (see `defused`).
    public static func html(_ markdown: String) -> String {
        var text = defused(markdown) ?? markdown
        return text.withUTF8 { buffer -> String in
            let raw = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            guard let document = cmark_parse_document(raw, buffer.count, CMARK_OPT_DEFAULT) else { return "" }
            defer { cmark_node_free(document) }
            MarkdownTables.replaceTables(in: document, source: buffer)
            guard let rendered = cmark_render_html(document, CMARK_OPT_DEFAULT) else { return "" }
            defer { free(rendered) }
            return String(cString: rendered)
        }
    }

    /// The most image openers (`![`) one run of lines between blank lines may hold before they
    /// are escaped (docs/input-format.md, Limits).
    public static let maxImageOpeners = 1_000

    /// `markdown` with every image opener `![` of an over-full run of lines written `\![` (a
    /// literal `!` before a link), or `nil` when no run has more than `maxImageOpeners`.
    ///
    /// libcmark 0.30.2 (Debian 12's) takes time proportional to the image openers still open
    /// times the links closed after them, within one paragraph (CVE-2023-22486, fixed in
    /// 0.30.3): 40,000 `![[]()` took 4 s, and a megabyte of them would take minutes. A paragraph
    /// never spans a blank line, so counting per run of lines between blank lines bounds the
    /// work of every paragraph; no real paragraph holds a thousand images.
    static func defused(_ markdown: String) -> String? {
        var text = markdown
        return text.withUTF8 { bytes -> String? in
            let bang = UInt8(ascii: "!"), open = UInt8(ascii: "["), newline = UInt8(ascii: "\n"),
                backslash = UInt8(ascii: "\\")
            func isOpener(_ i: Int) -> Bool { bytes[i] == bang && i + 1 < bytes.count && bytes[i + 1] == open }
            // Most texts have few openers in all: nothing to look at run by run.
            var total = 0
            for i in bytes.indices where isOpener(i) { total += 1 }
            guard total > maxImageOpeners else { return nil }
            // The runs (byte ranges between blank lines) with too many openers.
            var crowded: [Range<Int>] = []
            var runStart = 0, openers = 0, lineBlank = true
            for i in 0...bytes.count {
                if i == bytes.count || bytes[i] == newline {
                    if lineBlank || i == bytes.count {
                        if openers > maxImageOpeners { crowded.append(runStart..<i) }
                        runStart = i
                        openers = 0
                    }
                    lineBlank = true
                    continue
                }
                switch bytes[i] {
                case 0x20, 0x09, 0x0D: break
                default: lineBlank = false
                }
                if isOpener(i) { openers += 1 }
            }
            guard !crowded.isEmpty else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + total)
            var copied = 0
            for run in crowded {
                out.append(contentsOf: bytes[copied..<run.lowerBound])
                var backslashes = 0
                for i in run {
                    // After an even number of backslashes the `!` is not escaped yet.
                    if isOpener(i), backslashes % 2 == 0 { out.append(backslash) }
                    backslashes = bytes[i] == backslash ? backslashes + 1 : 0
                    out.append(bytes[i])
                }
                copied = run.upperBound
            }
            out.append(contentsOf: bytes[copied...])
            return String(decoding: out, as: UTF8.self)
        }
    }
}
