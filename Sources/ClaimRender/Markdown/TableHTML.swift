import CCmark
import Foundation
import TypedMustache

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
    /// (`lines.count`, unless `MarkdownTables.maxPaddedCells` ended it early). The body's cells
    /// are parsed in batches of about `batchBytes`, so that libcmark's tree stays small however
    /// long the table.
    mutating func appendTable(_ found: PipeTableSyntax.Found, lines: [ArraySlice<UInt8>]) -> Int {
        let columns = found.columns
        bodyOpen = false
        let header = InlineParse.cells(
            PipeTableSyntax.row(lines[found.headerLine]).cells, definitions: definitions)
        let labels = Self.labels(header.text[...])
        let styles = found.alignments.map(\.styleAttribute)
        appendRaw("<div class=\"table-wrap\">\n<table class=\"md-table\">\n<thead>\n<tr>")
        for c in 0..<columns {
            appendRaw("<th scope=\"col\"\(styles[c])>")
            bytes.append(contentsOf: header.html[c])
            appendRaw("</th>")
        }
        appendRaw("</tr>\n</thead>\n")
        let batchBytes = max(1 << 16, 4 * definitions.count)
        var padded = 0, next = found.bodyLines.lowerBound, end = found.bodyLines.upperBound
        var batch = InlineParse.Batch()
        var widths: [Int] = []  // each row's cells before padding, in this batch
        while next < found.bodyLines.upperBound {
            // A batch of rows: their cells as one document.
            batch.reset()
            widths.removeAll(keepingCapacity: true)
            while next < found.bodyLines.upperBound, batch.source.count < batchBytes {
                let before = batch.source.count, cellsBefore = batch.count
                PipeTableSyntax.forEachCell(of: lines[next]) { cell in
                    if batch.count - cellsBefore < columns { batch.add(cell) }
                }
                let width = batch.count - cellsBefore
                padded += columns - width
                if padded > MarkdownTables.maxPaddedCells {
                    batch.cut(to: before, count: cellsBefore)
                    end = next
                    break
                }
                widths.append(width)
                next += 1
            }
            if !widths.isEmpty {
                appendBody(batch: &batch, widths: widths, columns: columns, labels: labels, styles: styles)
            }
            if end != found.bodyLines.upperBound { break }
        }
        if bodyOpen { appendRaw("</tbody>\n") }
        appendRaw("</table>\n</div>\n")
        return end
    }

    /// Whether `<tbody>` was written for the table being written.
    private var bodyOpen = false

    /// The rows of `batch`: `widths[r]` cells of row r, then empty ones up to `columns`.
    private mutating func appendBody(
        batch: inout InlineParse.Batch, widths: [Int], columns: Int, labels: [String], styles: [String]
    ) {
        if !bodyOpen {
            appendRaw("<tbody>\n")
            bodyOpen = true
        }
        let cells = batch.render(definitions: definitions)
        var next = 0
        for width in widths {
            appendRaw("<tr>")
            for c in 0..<columns {
                appendRaw("<td\(labels[c])\(styles[c])>")
                if c < width {
                    let range = cells.ranges[next + c]
                    bytes.append(contentsOf: cells.html[range])
                }
                appendRaw("</td>")
            }
            appendRaw("</tr>\n")
            next += width
        }
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
        return texts.map { text in
            guard !text.isEmpty else { return "" }
            var escaped: [UInt8] = []
            MRenderer.appendEscaped(text, to: &escaped)  // as templates escape values
            return " data-label=\"\(String(decoding: escaped, as: UTF8.self))\""
        }
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
        var batch = Batch()
        for text in texts { batch.add(text) }
        let source = batch.source + definitions
        var html: [[UInt8]] = [], plain: [String] = []
        html.reserveCapacity(texts.count)
        withDocument(source) { document in
            var child = cmark_node_first_child(document)
            while let node = child, html.count < texts.count {
                html.append(Array(cellHTML(of: node)))
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

    /// The cells of a batch of table rows as one libcmark document: each cell a paragraph
    /// opened by `&#32;` (see `cells`).
    struct Batch {
        /// The document's text so far.
        private(set) var source: [UInt8] = []
        /// How many cells it holds.
        private(set) var count = 0

        mutating func reset() {
            source.removeAll(keepingCapacity: true)
            count = 0
        }

        /// Adds a cell (`\|` still escaped).
        mutating func add(_ cell: ArraySlice<UInt8>) {
            source.append(contentsOf: "&#32;".utf8)
            source.append(contentsOf: PipeTableSyntax.unescapingPipes(cell))
            source.append(contentsOf: [0x0A, 0x0A])
            count += 1
        }

        /// Takes back the cells added after the document was `length` bytes and held `count`.
        mutating func cut(to length: Int, count: Int) {
            source.removeSubrange(length...)
            self.count = count
        }

        /// The HTML of the batch's cells: one rendering of the whole document, and each cell's
        /// byte range in it. With raw HTML off every `<` of a cell's text is escaped, so a
        /// cell's paragraph ends at the first `</p>` after its `<p> `; should the rendering
        /// not read so, each cell is rendered on its own.
        func render(definitions: [UInt8]) -> (html: [UInt8], ranges: [Range<Int>]) {
            var ranges: [Range<Int>] = []
            ranges.reserveCapacity(count)
            var html: [UInt8] = []
            var text = source
            text.append(contentsOf: definitions)
            InlineParse.withDocument(text) { document in
                html = InlineParse.html(of: document)
                html.withUnsafeBytes { buffer in
                    guard let base = buffer.baseAddress else { return }
                    var at = 0
                    // "<p> " … "</p>\n", cell after cell.
                    while ranges.count < count, at + 4 <= buffer.count, buffer[at] == 0x3C, buffer[at + 1] == 0x70,
                        buffer[at + 2] == 0x3E, buffer[at + 3] == 0x20
                    {
                        let start = at + 4
                        var end = start, found = false
                        while let hit = memchr(base + end, 0x3C, buffer.count - end) {
                            end = base.distance(to: UnsafeRawPointer(hit))
                            if end + 5 <= buffer.count, buffer[end + 1] == 0x2F, buffer[end + 2] == 0x70,
                                buffer[end + 3] == 0x3E, buffer[end + 4] == 0x0A
                            {
                                found = true
                                break
                            }
                            end += 1
                        }
                        guard found else { break }
                        ranges.append(start..<end)
                        at = end + 5
                    }
                }
                guard ranges.count < count else { return }
                // Not as expected: each cell's own rendering.
                ranges.removeAll()
                html.removeAll()
                var child = cmark_node_first_child(document)
                while let node = child, ranges.count < count {
                    let one = InlineParse.cellHTML(of: node)
                    ranges.append(html.count..<(html.count + one.count))
                    html.append(contentsOf: one)
                    child = cmark_node_next(node)
                }
            }
            while ranges.count < count { ranges.append(html.count..<html.count) }
            return (html, ranges)
        }
    }

    /// A cell's HTML: its paragraph's rendering without `<p> ` (the `&#32;` that opened it) and `</p>`.
    static func cellHTML(of node: OpaquePointer) -> ArraySlice<UInt8> {
        var rendered = html(of: node)[...]
        if rendered.starts(with: "<p> ".utf8) { rendered = rendered.dropFirst(4) }
        if rendered.reversed().starts(with: "\n>p/<".utf8) { rendered = rendered.dropLast(5) }
        return rendered
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
