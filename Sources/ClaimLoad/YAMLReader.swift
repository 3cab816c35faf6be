import Foundation
import CYAML

/// Reads YAML into a positioned `Node` tree with libyaml's event API, in one pass.
///
/// Scalars keep their literal text (`0012345` stays as written) and style; interpretation as
/// null, boolean, number or date is left to the decoders. Anchors and aliases are resolved.
public enum YAMLReader {
    /// Parses the first document of `text`; an empty document gives `nil`.
    /// - Parameter lineOffset: added to every line (for front matter inside a Markdown file).
    public static func read(_ text: String, lineOffset: Int = 0) throws(SyntaxError) -> Node? {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { return nil }
        return try bytes.withUnsafeMutableBufferPointer { (buffer) throws(SyntaxError) -> Node? in
            var parser = yaml_parser_t()
            guard yaml_parser_initialize(&parser) == 1 else {
                throw SyntaxError(message: "could not start the YAML parser", mark: Mark(line: 1, column: 1))
            }
            defer { yaml_parser_delete(&parser) }
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var builder = TreeBuilder(lineOffset: lineOffset)
            return try builder.run(&parser)
        }
    }
}

/// Builds the tree from the event stream.
private struct TreeBuilder {
    let lineOffset: Int
    var anchors: [String: Node] = [:]

    init(lineOffset: Int) { self.lineOffset = lineOffset }

    func mark(_ m: yaml_mark_t) -> Mark {
        Mark(line: Int(m.line) + 1 + lineOffset, column: Int(m.column) + 1)
    }

    func string(_ pointer: UnsafeMutablePointer<yaml_char_t>?, _ length: Int? = nil) -> String? {
        guard let pointer else { return nil }
        let count = length ?? strlen(UnsafeRawPointer(pointer).assumingMemoryBound(to: CChar.self))
        return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
    }

    func syntaxError(_ parser: inout yaml_parser_t) -> SyntaxError {
        var message = parser.problem.map { String(cString: $0) } ?? "invalid YAML"
        if let context = parser.context.map({ String(cString: $0) }) {
            message += " (\(context) at line \(Int(parser.context_mark.line) + 1 + lineOffset))"
        }
        if message.contains("found character that cannot start any token") {
            message += "; a value that starts with @, ` or a tab must be quoted"
        } else if message.contains("mapping values are not allowed") {
            message += "; quote a value that contains ': '"
        }
        return SyntaxError(message: "YAML syntax error: \(message)", mark: mark(parser.problem_mark))
    }

    mutating func next(_ parser: inout yaml_parser_t) throws(SyntaxError) -> yaml_event_t {
        var event = yaml_event_t()
        guard yaml_parser_parse(&parser, &event) == 1 else { throw syntaxError(&parser) }
        return event
    }

    mutating func run(_ parser: inout yaml_parser_t) throws(SyntaxError) -> Node? {
        var root: Node?
        var documents = 0
        while true {
            var event = try next(&parser)
            defer { yaml_event_delete(&event) }
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw SyntaxError(message: "a file holds one YAML document; remove the second '---'",
                                      mark: mark(event.start_mark))
                }
                var inner = try next(&parser)
                defer { yaml_event_delete(&inner) }
                if inner.type != YAML_DOCUMENT_END_EVENT {
                    let node = try node(from: &inner, &parser)
                    root = node.isNull ? nil : node
                    var end = try next(&parser)
                    yaml_event_delete(&end)
                }
            default:
                continue
            }
        }
    }

    /// The node that starts with `event` (already read).
    mutating func node(from event: inout yaml_event_t, _ parser: inout yaml_parser_t) throws(SyntaxError) -> Node {
        let start = mark(event.start_mark)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = string(data.value, Int(data.length)) ?? ""
            let tag = string(data.tag)
            let quoted = data.style != YAML_PLAIN_SCALAR_STYLE || tag == "tag:yaml.org,2002:str"
            let node = Node.scalar(Scalar(text: text, style: quoted ? .quoted : .plain, mark: start))
            if let anchor = string(data.anchor) { anchors[anchor] = node }
            return node
        case YAML_ALIAS_EVENT:
            let name = string(event.data.alias.anchor) ?? ""
            guard let node = anchors[name] else {
                throw SyntaxError(message: "YAML alias '*\(name)' names no anchor", mark: start)
            }
            return node
        case YAML_SEQUENCE_START_EVENT:
            let anchor = string(event.data.sequence_start.anchor)
            var items: [Node] = []
            while true {
                var child = try next(&parser)
                defer { yaml_event_delete(&child) }
                if child.type == YAML_SEQUENCE_END_EVENT { break }
                items.append(try node(from: &child, &parser))
            }
            let node = Node.sequence(items, start)
            if let anchor { anchors[anchor] = node }
            return node
        case YAML_MAPPING_START_EVENT:
            let anchor = string(event.data.mapping_start.anchor)
            var entries: [MappingEntry] = []
            while true {
                var keyEvent = try next(&parser)
                defer { yaml_event_delete(&keyEvent) }
                if keyEvent.type == YAML_MAPPING_END_EVENT { break }
                let key = try node(from: &keyEvent, &parser)
                var valueEvent = try next(&parser)
                defer { yaml_event_delete(&valueEvent) }
                let value = try node(from: &valueEvent, &parser)
                guard case .scalar(let keyScalar) = key else {
                    throw SyntaxError(message: "a mapping key must be plain text, not \(key.kindDescription)",
                                      mark: key.mark)
                }
                entries.append(MappingEntry(key: keyScalar, value: value))
            }
            let node = Node.mapping(entries, start)
            if let anchor { anchors[anchor] = node }
            return node
        default:
            throw SyntaxError(message: "YAML syntax error: unexpected event", mark: start)
        }
    }
}
