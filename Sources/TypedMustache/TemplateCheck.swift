/// A problem the template check found, at a template file's line and column (both 1-based;
/// both 0 when it concerns the whole file).
package struct TemplateProblem: Sendable, Equatable {
    /// What kind of problem it is.
    package enum Kind: Sendable, Equatable {
        /// The template is not written as the engine reads it.
        case syntax
        /// A partial or parent it names does not exist.
        case missing
        /// A name the view model does not have, or a section on text.
        case unknownKey
    }

    package var kind: Kind
    package var file: String
    package var line: Int
    package var column: Int
    /// What is wrong, in a sentence.
    package var message: String
    /// The name that was not found, and the names there were (for a "did you mean" hint by
    /// the caller); empty when no name was missing.
    package var name: String = ""
    package var known: [String] = []
}

/// Checks a template's tags against the shape of the view model it renders: every variable
/// and section must name a key of the current context (or an enclosing one), every partial
/// and parent must exist. Problems point at the template file and line.
package struct TemplateCheck {
    /// Template texts by name (file path under `Templates/` without `.mustache`).
    package let templates: [String: String]
    /// The file each template came from, relative to the site, for diagnostics.
    package let files: [String: String]

    /// A checker over `templates` (name → text) read from `files` (name → path).
    public init(templates: [String: String], files: [String: String]) {
        self.templates = templates
        self.files = files
    }

    /// The most templates one check visits, partials included each time they are included:
    /// templates that include others several times each, nested, would otherwise be visited
    /// exponentially often (docs/input-format.md, Limits); `TemplateSet` refuses such templates.
    package static let maxVisits = 100_000

    /// Problems of template `name` rendered with a context of `shape`.
    public func check(_ name: String, shape: [String: Shape], what: String) -> [TemplateProblem] {
        var out: [TemplateProblem] = []
        var stack: [[String: Shape]] = [shape]
        var visits = 0
        walk(name, stack: &stack, what: what, depth: 0, visits: &visits, out: &out)
        return out
    }

    private func walk(
        _ name: String, stack: inout [[String: Shape]], what: String, depth: Int, visits: inout Int,
        out: inout [TemplateProblem]
    ) {
        guard depth < 16, visits < TemplateCheck.maxVisits, let text = templates[name] else { return }
        visits += 1
        let file = files[name] ?? "Templates/\(name).mustache"
        var opened: [String] = []
        for tag in TemplateTags.scan(text) {
            let at = (file: file, line: tag.line, column: tag.column)
            switch tag.kind {
            case .comment, .pragma:
                continue
            case .delimiterChange:
                out.append(problem(.syntax, at, "template '\(name)': changing delimiters is not supported; use {{ }}"))
            case .partial:
                if templates[tag.name] == nil {
                    out.append(
                        problem(
                            .missing, at, "template '\(name)' includes the partial '\(tag.name)', which does not exist",
                            name: tag.name, known: Array(templates.keys)))
                } else {
                    walk(tag.name, stack: &stack, what: what, depth: depth + 1, visits: &visits, out: &out)
                }
            case .parent:
                if templates[tag.name] == nil {
                    out.append(
                        problem(
                            .missing, at, "template '\(name)' extends '\(tag.name)', which does not exist",
                            name: tag.name, known: Array(templates.keys)))
                } else {
                    walk(tag.name, stack: &stack, what: what, depth: depth + 1, visits: &visits, out: &out)
                }
                opened.append(tag.name)
                stack.append([:])
            case .block:
                opened.append(tag.name)
                stack.append([:])
            case .section, .inverted:
                let resolved = resolve(tag.name, in: stack)
                if resolved == nil {
                    out.append(unknown(tag.name, at: at, name: name, what: what, stack: stack))
                } else if case .value? = resolved {
                    out.append(
                        problem(
                            .unknownKey, at,
                            """
                            template '\(name)' opens a section on '\(tag.name)', which is text (always shown, \
                            even when empty); use a flag such as 'has…'
                            """
                        ))
                }
                opened.append(tag.name)
                if tag.kind == .section, let shape = resolved { stack.append(shape.keys) } else { stack.append([:]) }
            case .close:
                if opened.last == tag.name {
                    opened.removeLast()
                    stack.removeLast()
                } else {
                    out.append(
                        problem(
                            .syntax, at,
                            """
                            template '\(name)': '{{/\(tag.name)}}' closes nothing \
                            open\(opened.last.map { " (open: \($0))" } ?? "")
                            """
                        ))
                }
            case .variable:
                if tag.name != ".", resolve(tag.name, in: stack) == nil {
                    out.append(unknown(tag.name, at: at, name: name, what: what, stack: stack))
                }
            }
        }
        if let open = opened.last {
            out.append(problem(.syntax, (file, 0, 0), "template '\(name)': '{{#\(open)}}' is never closed"))
        }
        stack.removeLast(opened.count)
    }

    /// The shape a dotted name resolves to, searching the context stack from the top.
    private func resolve(_ name: String, in stack: [[String: Shape]]) -> Shape? {
        if name == "." { return .value }
        let parts = name.split(separator: ".").map(String.init)
        guard let first = parts.first else { return nil }
        for scope in stack.reversed() {
            guard var shape = scope[first] else { continue }
            for part in parts.dropFirst() {
                guard let next = shape.keys[part] else { return nil }
                shape = next
            }
            return shape
        }
        return nil
    }

    private func unknown(_ key: String, at: Place, name: String, what: String, stack: [[String: Shape]])
        -> TemplateProblem
    {
        problem(
            .unknownKey, at, "template '\(name)' uses '\(key)', which the \(what) does not have", name: key,
            known: stack.flatMap(\.keys))
    }

    /// A file, line and column.
    private typealias Place = (file: String, line: Int, column: Int)

    private func problem(
        _ kind: TemplateProblem.Kind, _ at: Place, _ message: String, name: String = "",
        known: [String] = []
    ) -> TemplateProblem {
        TemplateProblem(
            kind: kind, file: at.file, line: at.line, column: at.column, message: message, name: name,
            known: known)
    }
}

/// One mustache tag with its position.
package struct TemplateTag {
    package enum Kind {
        case variable, section, inverted, close, partial, parent, block, comment, pragma, delimiterChange
    }
    package var kind: Kind
    package var name: String
    package var line: Int
    package var column: Int
}

/// Finds the `{{ }}` tags of a template.
package enum TemplateTags {
    package static func scan(_ text: String) -> [TemplateTag] {
        var tags: [TemplateTag] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0, line = 1, lineStart = 0
        while i < scalars.count {
            if scalars[i] == "\n" { line += 1; lineStart = i + 1; i += 1; continue }
            guard scalars[i] == "{", i + 1 < scalars.count, scalars[i + 1] == "{" else { i += 1; continue }
            let column = i - lineStart + 1
            var j = i + 2
            let triple = j < scalars.count && scalars[j] == "{"
            if triple { j += 1 }
            let close: [Unicode.Scalar] = triple ? ["}", "}", "}"] : ["}", "}"]
            var end = j
            while end + close.count <= scalars.count && Array(scalars[end..<end + close.count]) != close { end += 1 }
            guard end + close.count <= scalars.count else { break }
            var body = String(String.UnicodeScalarView(scalars[j..<end])).trimmingSpaces()
            let newlines = scalars[i..<end].filter { $0 == "\n" }.count
            var kind = TemplateTag.Kind.variable
            if triple {
                kind = .variable
            } else if let first = body.first {
                switch first {
                case "#": kind = .section
                case "^": kind = .inverted
                case "/": kind = .close
                case ">": kind = .partial
                case "<": kind = .parent
                case "$": kind = .block
                case "!": kind = .comment
                case "%": kind = .pragma
                case "=": kind = .delimiterChange
                case "&": kind = .variable
                default: kind = .variable
                }
                if "#^/><$!%=&".contains(first) { body = String(body.dropFirst()).trimmingSpaces() }
            }
            // A transform `fn(name)` uses `name`.
            if let open = body.firstIndex(of: "("), body.hasSuffix(")") {
                body = String(body[body.index(after: open)..<body.index(before: body.endIndex)]).trimmingSpaces()
            }
            tags.append(TemplateTag(kind: kind, name: body, line: line, column: column))
            if newlines > 0 {
                line += newlines
                if let lastNewline = scalars[i..<end].lastIndex(of: "\n") { lineStart = lastNewline + 1 }
            }
            i = end + close.count
        }
        return tags
    }
}

extension String {
    package func trimmingSpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" { s = s.dropLast() }
        return String(s)
    }
}
