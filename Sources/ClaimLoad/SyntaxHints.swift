/// Better messages for syntax errors whose cause only the source text shows (docs/diagnostics.md,
/// `yaml-syntax` and `json-syntax`): a tab in YAML's indentation, a YAML line indented too far,
/// an alias without its anchor, an unclosed `[` or `{`, a JSON comma before `]` or `}`, a JSON
/// comment or single quote, a JSON string left open at the end of its line, a file that
/// ends too early. The readers report where; this says what to do.
enum SyntaxHints {
    /// `error` from reading the YAML `text`, whose line 1 is line `lineOffset + 1` of its file.
    static func yaml(_ error: SyntaxError, in text: String, lineOffset: Int = 0) -> SyntaxError {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let index = error.mark.line - lineOffset - 1
        guard lines.indices.contains(index) else { return error }
        let line = lines[index]
        let indentation = line.prefix { $0 == " " || $0 == "\t" }
        var message = error.message
        if indentation.contains("\t"), error.mark.column <= indentation.count + 1 {
            message =
                """
                YAML syntax error: line \(error.mark.line) is indented with a tab; YAML indents with spaces only, \
                so replace the tab with spaces
                """
        } else if message.contains("mapping values are not allowed"),
            let above = lines[..<index].last(where: isContent),
            !isOpening(above), contentIndentation(line) > contentIndentation(above)
        {
            message =
                """
                YAML syntax error: line \(error.mark.line) is indented more than the line above \
                (\(contentIndentation(line)) spaces, not \(contentIndentation(above))), so it reads as part of \
                the value above; indent it like the fields above
                """
        } else if message.hasPrefix("YAML alias '*"), let name = message.split(separator: "'").dropFirst().first {
            message +=
                """
                ; give a value the anchor first ('key: &\(name.dropFirst()) value', above the alias), or write \
                the value out
                """
        } else if let line = openedOn(message, "while parsing a flow sequence at line ") {
            message += "; the '[' on line \(line) is not closed — add ']', or quote the value if it is text"
        } else if let line = openedOn(message, "while parsing a flow mapping at line ") {
            message += "; the '{' on line \(line) is not closed — add '}', or quote the value if it is text"
        } else if message.contains("found unexpected end of stream") {
            message +=
                """
                ; the file ends before the value is closed — close it, or restore the end of the file if it was \
                cut off
                """
        }
        return SyntaxError(message: message, mark: error.mark)
    }

    /// `error` from reading the JSON `text`.
    static func json(_ error: SyntaxError, in text: String) -> SyntaxError {
        var message = error.message
        let scalars = Array(text.unicodeScalars)
        guard let at = offset(of: error.mark, in: scalars) else {
            if message.contains("unexpected end of file") {
                message += "; restore the end of the file if it was cut off"
            }
            return SyntaxError(message: message, mark: error.mark)
        }
        let here = at < scalars.count ? scalars[at] : nil
        if here == "]" || here == "}", message.contains("expected a value"),
            scalars[..<at].last(where: { !" \t\n\r".unicodeScalars.contains($0) }) == ","
        {
            message = "JSON syntax error: a comma before '\(here!)'; JSON allows none after the last item, so remove it"
        } else if here == "/", message.contains("expected a value") {
            message = "JSON syntax error: JSON has no comments; remove the comment (a .yaml file may have '#' comments)"
        } else if here == "'", message.contains("expected a value") {
            message = "JSON syntax error: text must be in double quotes (\"…\"), not single quotes"
        } else if here == "\n", message.contains("line break inside a string") {
            message =
                """
                JSON syntax error: a string is not closed on its line; add the closing '\"' (a line break inside \
                a string is written \\n)
                """
        } else if here == nil, message.contains("unexpected end of file") || message.contains("unterminated") {
            message += "; restore the end of the file if it was cut off"
        }
        return SyntaxError(message: message, mark: error.mark)
    }

    // MARK: YAML lines

    /// The line number that follows `context` in a libyaml message.
    private static func openedOn(_ message: String, _ context: String) -> Int? {
        guard let range = message.range(of: context) else { return nil }
        return Int(message[range.upperBound...].prefix { $0.isNumber })
    }

    /// A line that holds something (not blank, not only a comment).
    private static func isContent(_ line: Substring) -> Bool {
        let rest = line.drop { $0 == " " || $0 == "\t" }
        return !rest.isEmpty && !rest.hasPrefix("#")
    }

    /// A line that opens a nested block (`key:`, `key: |`, `key: >`), under which a line may
    /// be indented more.
    private static func isOpening(_ line: Substring) -> Bool {
        var text = line
        if let hash = text.range(of: " #") { text = text[..<hash.lowerBound] }
        while text.last == " " { text = text.dropLast() }
        return text.hasSuffix(":") || text.hasSuffix("|") || text.hasSuffix(">") || text.hasSuffix("|-")
            || text.hasSuffix(">-")
            || text.drop { $0 == " " } == "-"
    }

    /// Where a line's fields start: its spaces, and two more for each `- ` in front.
    private static func contentIndentation(_ line: Substring) -> Int {
        var count = 0
        var rest = line[...]
        while true {
            let spaces = rest.prefix { $0 == " " }
            count += spaces.count
            rest = rest.dropFirst(spaces.count)
            guard rest.hasPrefix("- ") else { return count }
            count += 1
            rest = rest.dropFirst()
        }
    }

    // MARK: JSON positions

    /// The scalar offset of `mark` (line and column from 1, columns in scalars).
    private static func offset(of mark: Mark, in scalars: [Unicode.Scalar]) -> Int? {
        var line = 1, i = 0
        while line < mark.line {
            guard let newline = scalars[i...].firstIndex(of: "\n") else { return nil }
            i = newline + 1
            line += 1
        }
        let at = i + mark.column - 1
        return at <= scalars.count ? at : nil
    }
}
