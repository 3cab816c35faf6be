/// The syntax of pipe tables, one source line at a time (docs/input-format.md, Markdown tables):
/// a header row, a delimiter row of `---` cells with optional `:` for alignment, then body rows.
/// Lines are bytes without their line ending; a pipe after a backslash (`\|`) belongs to its cell.
enum PipeTableSyntax {
    /// A column's alignment, from the colons of its delimiter cell.
    enum Alignment: Equatable {
        case none, left, center, right

        /// The `style` attribute of the column's cells, or "" for `none`.
        var styleAttribute: String {
            switch self {
            case .none: ""
            case .left: " style=\"text-align: left\""
            case .center: " style=\"text-align: center\""
            case .right: " style=\"text-align: right\""
            }
        }
    }

    /// A row split into cells.
    struct Row {
        /// Each cell's bytes, trimmed of spaces and tabs, `\|` still escaped.
        var cells: [ArraySlice<UInt8>]
        /// Whether the line held a pipe that is not escaped.
        var hasPipe: Bool
    }

    /// A table found in a run of lines: its header row's index, the alignments of its columns
    /// (from the delimiter row just below the header) and its body rows' indexes.
    struct Found {
        var headerLine: Int
        var alignments: [Alignment]
        var columns: Int { alignments.count }
        var bodyLines: Range<Int>
    }

    static let pipe = UInt8(ascii: "|"), backslash = UInt8(ascii: "\\"), colon = UInt8(ascii: ":"),
        dash = UInt8(ascii: "-")

    static func isBlank(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 }

    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var start = bytes.startIndex, end = bytes.endIndex
        while start < end, isBlank(bytes[start]) { start += 1 }
        while end > start, isBlank(bytes[end - 1]) { end -= 1 }
        return bytes[start..<end]
    }

    /// The cells of `line`: split at every pipe that is not escaped, without the pipe that
    /// opens or closes the line (both optional), each cell trimmed. A line without pipes is
    /// one cell.
    static func row(_ line: ArraySlice<UInt8>) -> Row {
        var cells: [ArraySlice<UInt8>] = []
        let hasPipe = forEachCell(of: line) { cells.append($0) }
        return Row(cells: cells, hasPipe: hasPipe)
    }

    /// Hands each cell of `line` (as `row` splits it) to `body`, without collecting them;
    /// whether the line held a pipe that is not escaped.
    @discardableResult
    static func forEachCell(of line: ArraySlice<UInt8>, _ body: (ArraySlice<UInt8>) -> Void) -> Bool {
        let line = trimmed(line)
        var hasPipe = false, cellStart = line.startIndex, i = line.startIndex
        if line.first == pipe {
            hasPipe = true
            cellStart += 1
            i += 1
        }
        while i < line.endIndex {
            let byte = line[i]
            if byte == backslash, i + 1 < line.endIndex {
                i += 2
                continue
            }
            if byte == pipe {
                hasPipe = true
                body(trimmed(line[cellStart..<i]))
                cellStart = i + 1
                if cellStart == line.endIndex { return true }  // the closing pipe: no cell after it
            }
            i += 1
        }
        body(trimmed(line[cellStart..<line.endIndex]))
        return hasPipe
    }

    /// The alignments of a delimiter row (every cell `-`, `:-`, `-:` or `:-:` with any number of
    /// dashes), with whether it held a pipe; `nil` when `line` is not one.
    static func delimiter(_ line: ArraySlice<UInt8>) -> (alignments: [Alignment], hasPipe: Bool)? {
        // Cheap refusal first: only pipes, colons, dashes and blanks, and at least one dash.
        var dashes = false
        for byte in line {
            switch byte {
            case dash: dashes = true
            case pipe, colon, 0x20, 0x09: continue
            default: return nil
            }
        }
        guard dashes else { return nil }
        let split = row(line)
        var alignments: [Alignment] = []
        alignments.reserveCapacity(split.cells.count)
        for cell in split.cells {
            var body = cell
            let left = body.first == colon
            if left { body = body.dropFirst() }
            let right = body.last == colon
            if right { body = body.dropLast() }
            guard !body.isEmpty, body.allSatisfy({ $0 == dash }) else { return nil }
            alignments.append(left ? (right ? .center : .left) : (right ? .right : .none))
        }
        return (alignments, split.hasPipe)
    }

    /// The table in `lines` (the lines of one paragraph): the first delimiter row whose line
    /// above has as many cells, where either of the two holds a pipe. The lines before the
    /// header stay a paragraph; every line after the delimiter row is a body row.
    static func find(in lines: [ArraySlice<UInt8>]) -> Found? {
        guard lines.count >= 2 else { return nil }
        for i in 1..<lines.count {
            guard let delimiter = delimiter(lines[i]) else { continue }
            let header = row(lines[i - 1])
            guard header.cells.count == delimiter.alignments.count, header.hasPipe || delimiter.hasPipe else {
                continue
            }
            return Found(headerLine: i - 1, alignments: delimiter.alignments, bodyLines: (i + 1)..<lines.count)
        }
        return nil
    }

    /// `cell` with each `\|` written `|`: the backslash only keeps the pipe in its cell, also
    /// inside code spans. Other backslash escapes stay for the inline parser.
    static func unescapingPipes(_ cell: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        guard cell.contains(backslash) else { return cell }
        var out: [UInt8] = []
        out.reserveCapacity(cell.count)
        var i = cell.startIndex
        while i < cell.endIndex {
            if cell[i] == backslash, i + 1 < cell.endIndex {
                if cell[i + 1] != pipe { out.append(backslash) }
                out.append(cell[i + 1])
                i += 2
                continue
            }
            out.append(cell[i])
            i += 1
        }
        return out[...]
    }
}
