import CCmark

/// Pipe tables on libcmark's document tree (docs/input-format.md, Markdown tables). libcmark
/// reads CommonMark, which has no tables: a table's lines come out as one paragraph. This finds
/// the paragraphs whose source lines hold a header and a delimiter row and replaces each with
/// the table's HTML: the lines above the header as the paragraph they were, each cell parsed as
/// inline Markdown by libcmark (`TableCells`), so raw HTML stays off inside tables too.
enum MarkdownTables {
    /// A table's padded cells at most (cells a short row lacks): past it the table ends and its
    /// remaining lines are a paragraph, so a wide header over many one-cell rows cannot make the
    /// output grow with their product (docs/input-format.md, Limits).
    static let maxPaddedCells = 100_000

    /// Replaces the tables among `document`'s paragraphs, read from `source` (the bytes libcmark
    /// parsed `document` from).
    static func replaceTables(in document: OpaquePointer, source: UnsafeBufferPointer<UInt8>) {
        var lines = SourceLines(source)
        guard lines.hasDelimiterLikeLine else { return }
        var candidates: [(node: OpaquePointer, lines: ClosedRange<Int>, underline: Int?)] = []
        let iterator = cmark_iter_new(document)
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            let first = Int(cmark_node_get_start_line(node)), last = Int(cmark_node_get_end_line(node))
            if type == CMARK_NODE_PARAGRAPH {
                if last > first, lines.delimiterLikeLine(in: (first + 1)...last) {
                    candidates.append((node, first...last, nil))
                }
            } else if type == CMARK_NODE_HEADING, last > first {
                // A setext heading: its text lines, then the `===` or `---` underline.
                if last - 1 > first, lines.delimiterLikeLine(in: (first + 1)...(last - 1)) {
                    candidates.append((node, first...(last - 1), last))
                }
            }
            // Inline content holds no paragraphs.
            if type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING {
                cmark_iter_reset(iterator, node, CMARK_EVENT_EXIT)
            }
        }
        var definitions: [UInt8]?
        for candidate in candidates {
            let node = candidate.node
            let quotes = blockQuoteDepth(node)
            let startColumn = Int(cmark_node_get_start_column(node))
            var text = candidate.lines.map { n in
                n == candidate.lines.lowerBound
                    ? lines.line(n, fromColumn: startColumn) : lines.line(n, strippingQuotes: quotes)
            }
            guard var found = PipeTableSyntax.find(in: text) else { continue }
            // Below a table, a setext underline is no heading's: `---` is a thematic break, and
            // anything else (`===`, `--`) one more row.
            var rule = false
            if let underline = candidate.underline {
                let line = PipeTableSyntax.trimmed(lines.line(underline, strippingQuotes: quotes))
                rule = line.count >= 3 && line.allSatisfy { $0 == PipeTableSyntax.dash }
                if !rule {
                    text.append(line)
                    found.bodyLines = found.bodyLines.lowerBound..<text.count
                }
            }
            if definitions == nil { definitions = lines.linkDefinitions() }
            var html = TableHTML(definitions: definitions ?? [])
            html.appendParagraph(lines: text[..<found.headerLine])
            let end = html.appendTable(found, lines: text)
            html.appendForcedParagraph(lines: text[end...])
            if rule { html.appendRaw("<hr />\n") }
            guard let replacement = cmark_node_new(CMARK_NODE_CUSTOM_BLOCK) else { continue }
            let cString = html.bytes + [0]  // libcmark copies a NUL-terminated string
            _ = cString.withUnsafeBufferPointer { buffer in
                buffer.withMemoryRebound(to: CChar.self) { cmark_node_set_on_enter(replacement, $0.baseAddress) }
            }
            cmark_node_set_on_exit(replacement, "")
            if cmark_node_replace(node, replacement) != 0 {
                cmark_node_free(node)
            } else {
                cmark_node_free(replacement)
            }
        }
    }

    /// How many block quotes hold `node`: each of its lines after the first may start with
    /// that many `>` markers.
    static func blockQuoteDepth(_ node: OpaquePointer) -> Int {
        var depth = 0, parent = cmark_node_parent(node)
        while let p = parent {
            if cmark_node_get_type(p) == CMARK_NODE_BLOCK_QUOTE { depth += 1 }
            parent = cmark_node_parent(p)
        }
        return depth
    }
}

/// The lines of a Markdown text as libcmark counts them (a line ends at LF, CR or CR LF), 1-based.
struct SourceLines {
    let source: UnsafeBufferPointer<UInt8>
    /// The text's bytes, copied once when a line is asked for (lines are slices of it).
    private var copy: [UInt8]?
    /// Each line's byte range, without its line ending; index 0 is line 1.
    private(set) var ranges: [Range<Int>] = []
    /// `delimiterLike[n]`: how many of lines 1..<n+1 could be a delimiter row.
    private var delimiterLikeBefore: [Int32] = [0]

    init(_ source: UnsafeBufferPointer<UInt8>) {
        self.source = source
        var start = 0, i = 0, count: Int32 = 0
        func close(_ end: Int) {
            ranges.append(start..<end)
            if Self.isDelimiterLike(source[start..<end]) { count += 1 }
            delimiterLikeBefore.append(count)
        }
        while i < source.count {
            let byte = source[i]
            if byte == 0x0A || byte == 0x0D {
                close(i)
                i += byte == 0x0D && i + 1 < source.count && source[i + 1] == 0x0A ? 2 : 1
                start = i
            } else {
                i += 1
            }
        }
        if start < source.count { close(source.count) }
    }

    /// Whether a line, after its block-quote markers and blanks, holds only pipes, colons,
    /// dashes and blanks, with a dash: the lines that may be a delimiter row.
    static func isDelimiterLike(_ line: Slice<UnsafeBufferPointer<UInt8>>) -> Bool {
        var dash = false, content = false
        for byte in line {
            switch byte {
            case UInt8(ascii: "-"):
                dash = true
                content = true
            case UInt8(ascii: "|"), UInt8(ascii: ":"): content = true
            case UInt8(ascii: ">"): if content { return false }
            case 0x20, 0x09: continue
            default: return false
            }
        }
        return dash
    }

    var hasDelimiterLikeLine: Bool { (delimiterLikeBefore.last ?? 0) > 0 }

    /// Whether any of `lines` (1-based) could be a delimiter row.
    func delimiterLikeLine(in lines: ClosedRange<Int>) -> Bool {
        let low = max(1, lines.lowerBound), high = min(ranges.count, lines.upperBound)
        guard low <= high else { return false }
        return delimiterLikeBefore[high] - delimiterLikeBefore[low - 1] > 0
    }

    /// Line `n` from its 1-based byte column on (where libcmark's paragraph starts after the
    /// markers of its containers).
    mutating func line(_ n: Int, fromColumn column: Int) -> ArraySlice<UInt8> {
        guard n >= 1, n <= ranges.count else { return [] }
        let range = ranges[n - 1]
        let start = min(range.upperBound, range.lowerBound + max(0, column - 1))
        return bytes[start..<range.upperBound]
    }

    /// Line `n` without its leading blanks and up to `quotes` block-quote markers (a lazy line
    /// has fewer). The indentation of list items is blanks too.
    mutating func line(_ n: Int, strippingQuotes quotes: Int) -> ArraySlice<UInt8> {
        guard n >= 1, n <= ranges.count else { return [] }
        let range = ranges[n - 1]
        var start = range.lowerBound, left = quotes
        while start < range.upperBound {
            let byte = source[start]
            if byte == 0x20 || byte == 0x09 {
                start += 1
            } else if byte == UInt8(ascii: ">"), left > 0 {
                start += 1
                left -= 1
            } else {
                break
            }
        }
        return bytes[start..<range.upperBound]
    }

    /// The text's bytes as an array, copied on first use.
    private var bytes: [UInt8] {
        mutating get {
            if let copy { return copy }
            let made = Array(source)
            copy = made
            return made
        }
    }

    /// The text's one-line link reference definitions (`[label]: destination`), so that a
    /// table's cells, parsed on their own, resolve the links the rest of the text resolves.
    mutating func linkDefinitions() -> [UInt8] {
        var out: [UInt8] = []
        for n in 1...max(1, ranges.count) where n <= ranges.count {
            let line = PipeTableSyntax.trimmed(self.line(n, strippingQuotes: Int.max))
            guard line.first == UInt8(ascii: "["), let close = line.firstIndex(of: UInt8(ascii: "]")),
                close + 1 < line.endIndex, line[close + 1] == UInt8(ascii: ":")
            else { continue }
            out.append(contentsOf: line)
            out.append(contentsOf: [0x0A, 0x0A])
        }
        return out
    }
}
