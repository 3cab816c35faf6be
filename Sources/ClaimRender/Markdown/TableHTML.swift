import CCmark
import Foundation

/// The HTML that replaces a paragraph holding a pipe table (docs/input-format.md, Markdown
/// tables): the lines above the header as a paragraph, the table, and what follows it.
struct TableHTML {
    /// The text's link reference definitions, appended to every text parsed here.
    let definitions: [UInt8]
    /// The HTML so far, UTF-8.
    private(set) var bytes: [UInt8] = []

    init(definitions: [UInt8]) { self.definitions = definitions }

    mutating func appendRaw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    /// `lines` (the lines above a table's header) parsed again by libcmark as the text they
    /// started: a paragraph, after any link reference definitions.
    mutating func appendParagraph(lines: ArraySlice<ArraySlice<UInt8>>) {
        guard !lines.isEmpty else { return }
        var text: [UInt8] = []
        for line in lines {
            text.append(contentsOf: line)
            text.append(0x0A)
        }
        text.append(0x0A)
        text.append(contentsOf: definitions)
        InlineParse.withDocument(text) { document in
            var child = cmark_node_first_child(document)
            while let node = child, Int(cmark_node_get_start_line(node)) <= lines.count {
                bytes.append(contentsOf: InlineParse.html(of: node))
                child = cmark_node_next(node)
            }
        }
    }

    /// `lines` as one paragraph, whatever they start with (lines that followed a table's rows).
    mutating func appendForcedParagraph(lines: ArraySlice<ArraySlice<UInt8>>) {
        guard !lines.isEmpty else { return }
        var text: [UInt8] = []
        for (i, line) in lines.enumerated() {
            if i > 0 { text.append(0x0A) }
            text.append(contentsOf: line)
        }
        let cells = InlineParse.cells([text[...]], definitions: definitions)
        bytes.append(contentsOf: "<p>".utf8)
        bytes.append(contentsOf: cells.html[0])
        bytes.append(contentsOf: "</p>\n".utf8)
    }

    /// The table `found` in `lines`: its header, then its body rows, each padded with empty
    /// cells or cut to the header's number. Returns the index of the first line it did not use
    /// (`lines.count`, unless `MarkdownTables.maxPaddedCells` ended it early).
    mutating func appendTable(_ found: PipeTableSyntax.Found, lines: [ArraySlice<UInt8>]) -> Int {
        let columns = found.columns
        var texts = PipeTableSyntax.row(lines[found.headerLine]).cells
        var widths: [Int] = []  // each body row's cells before padding
        var padded = 0, end = found.bodyLines.upperBound
        for i in found.bodyLines {
            let cells = PipeTableSyntax.row(lines[i]).cells.prefix(columns)
            padded += columns - cells.count
            if padded > MarkdownTables.maxPaddedCells {
                end = i
                break
            }
            texts.append(contentsOf: cells)
            widths.append(cells.count)
        }
        let cells = InlineParse.cells(texts, definitions: definitions)
        let labels = Self.labels(cells.text.prefix(columns))
        let styles = found.alignments.map(\.styleAttribute)
        appendRaw("<div class=\"table-wrap\">\n<table class=\"md-table\">\n<thead>\n<tr>")
        for c in 0..<columns {
            appendRaw("<th scope=\"col\"\(styles[c])>")
            bytes.append(contentsOf: cells.html[c])
            appendRaw("</th>")
        }
        appendRaw("</tr>\n</thead>\n")
        if !widths.isEmpty {
            appendRaw("<tbody>\n")
            var next = columns
            for width in widths {
                appendRaw("<tr>")
                for c in 0..<columns {
                    appendRaw("<td\(labels[c])\(styles[c])>")
                    if c < width { bytes.append(contentsOf: cells.html[next + c]) }
                    appendRaw("</td>")
                }
                appendRaw("</tr>\n")
                next += width
            }
            appendRaw("</tbody>\n")
        }
        appendRaw("</table>\n</div>\n")
        return end
    }

    /// The most bytes of header text repeated as the body cells' `data-label` (which labels a
    /// cell when a phone shows each row as a card): a longer header would multiply the output by
    /// every row, so its cells go without labels.
    static let maxLabelBytes = 400

    /// Each column's ` data-label="…"` attribute from its header text, or "" for all when the
    /// header's text is longer than `maxLabelBytes`.
    static func labels(_ texts: ArraySlice<String>) -> [String] {
        guard texts.reduce(0, { $0 + $1.utf8.count }) <= maxLabelBytes else {
            return Array(repeating: "", count: texts.count)
        }
        return texts.map { $0.isEmpty ? "" : " data-label=\"\(escapedAttribute($0))\"" }
    }

    static func escapedAttribute(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Inline Markdown through libcmark: texts parsed as paragraphs of one document.
enum InlineParse {
    /// Parses `text` with `CMARK_OPT_DEFAULT` and hands the document to `body`.
    static func withDocument(_ text: [UInt8], _ body: (OpaquePointer) -> Void) {
        let document = text.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_DEFAULT)
            }
        }
        guard let document else { return }
        defer { cmark_node_free(document) }
        body(document)
    }

    /// The HTML libcmark renders for `node`, raw HTML removed.
    static func html(of node: OpaquePointer) -> [UInt8] {
        guard let rendered = cmark_render_html(node, CMARK_OPT_DEFAULT) else { return [] }
        defer { free(rendered) }
        return Array(UnsafeRawBufferPointer(start: rendered, count: strlen(rendered)))
    }

    /// Each of `texts` (a table's cells, `\|` still escaped) as inline Markdown: its HTML and its
    /// plain text. One document holds them all, each its own paragraph opened by `&#32;` (a
    /// space written as a character reference), so that no cell starts a block (`# x`, `- x`,
    /// `> x`, `[x]: y` stay text) while emphasis at its start opens as it would at a line's start.
    static func cells(_ texts: [ArraySlice<UInt8>], definitions: [UInt8]) -> (html: [[UInt8]], text: [String]) {
        let opener = Array("&#32;".utf8)
        var source: [UInt8] = []
        source.reserveCapacity(texts.reduce(definitions.count) { $0 + $1.count + opener.count + 2 })
        for text in texts {
            source.append(contentsOf: opener)
            source.append(contentsOf: PipeTableSyntax.unescapingPipes(text))
            source.append(contentsOf: [0x0A, 0x0A])
        }
        source.append(contentsOf: definitions)
        var html: [[UInt8]] = [], plain: [String] = []
        html.reserveCapacity(texts.count)
        withDocument(source) { document in
            var child = cmark_node_first_child(document)
            while let node = child, html.count < texts.count {
                var rendered = Self.html(of: node)[...]
                if rendered.starts(with: "<p> ".utf8) { rendered = rendered.dropFirst(4) }
                if rendered.reversed().starts(with: "\n>p/<".utf8) { rendered = rendered.dropLast(5) }
                html.append(Array(rendered))
                plain.append(text(of: node))
                child = cmark_node_next(node)
            }
        }
        while html.count < texts.count {
            html.append([])
            plain.append("")
        }
        return (html, plain)
    }

    /// The text of `node`'s inlines (texts and code spans, breaks as spaces), trimmed.
    static func text(of node: OpaquePointer) -> String {
        var out: [UInt8] = []
        guard let iterator = cmark_iter_new(node) else { return "" }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let inline = cmark_iter_get_node(iterator) else { continue }
            switch cmark_node_get_type(inline) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                if let literal = cmark_node_get_literal(inline) {
                    out.append(contentsOf: UnsafeRawBufferPointer(start: literal, count: strlen(literal)))
                }
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: out.append(0x20)
            default: break
            }
        }
        return String(decoding: PipeTableSyntax.trimmed(out[...]), as: UTF8.self)
    }
}
