import CYAML
import Foundation

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
///
/// It recurses once per level of nesting, so it refuses more than `ReaderLimits.maxDepth` levels;
/// an alias counts as deep as its anchor's tree, so aliases cannot build a deeper tree either.
/// It counts the nodes every alias repeats and refuses more than `ReaderLimits.maxAliasNodes`
/// (docs/input-format.md, Limits).
private struct TreeBuilder {
    let lineOffset: Int
    /// Each anchor's node and its measure.
    var anchors: [String: Built] = [:]
    /// The nodes repeated by the aliases read so far.
    var aliasNodes = 0

    init(lineOffset: Int) { self.lineOffset = lineOffset }

    /// A node and its measure.
    struct Built {
        var node: Node
        /// The nodes in it: itself and everything inside.
        var size: Int
        /// The levels of lists and mappings in it: 0 for a scalar, 1 for a list of scalars.
        var height: Int
    }

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
                    throw SyntaxError(
                        message: "a file holds one YAML document; remove the second '---'",
                        mark: mark(event.start_mark))
                }
                var inner = try next(&parser)
                defer { yaml_event_delete(&inner) }
                if inner.type != YAML_DOCUMENT_END_EVENT {
                    let node = try node(from: &inner, &parser, depth: 0).node
                    root = node.isNull ? nil : node
                    var end = try next(&parser)
                    yaml_event_delete(&end)
                }
            default:
                continue
            }
        }
    }

    /// The node that starts with `event` (already read), with its measure. `depth` lists and
    /// mappings enclose it.
    mutating func node(
        from event: inout yaml_event_t, _ parser: inout yaml_parser_t,
        depth: Int
    ) throws(SyntaxError) -> Built {
        let start = mark(event.start_mark)
        switch event.type {
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            let text = string(data.value, Int(data.length)) ?? ""
            let tag = string(data.tag)
            let quoted = data.style != YAML_PLAIN_SCALAR_STYLE || tag == "tag:yaml.org,2002:str"
            let node = Node.scalar(Scalar(text: text, style: quoted ? .quoted : .plain, mark: start))
            let built = Built(node: node, size: 1, height: 0)
            if let anchor = string(data.anchor) { anchors[anchor] = built }
            return built
        case YAML_ALIAS_EVENT:
            let name = string(event.data.alias.anchor) ?? ""
            guard let found = anchors[name] else {
                throw SyntaxError(message: "YAML alias '*\(name)' names no anchor", mark: start)
            }
            guard depth + found.height <= ReaderLimits.maxDepth else {
                throw SyntaxError(
                    message:
                        """
                        the alias '*\(name)' nests lists and mappings more than \(ReaderLimits.maxDepth) levels \
                        deep here; flatten the data
                        """,
                    mark: start, kind: .tooDeep)
            }
            aliasNodes += found.size
            guard aliasNodes <= ReaderLimits.maxAliasNodes else {
                throw SyntaxError(
                    message:
                        """
                        YAML aliases repeat more than \(ReaderLimits.maxAliasNodes) values in all (this one, \
                        '*\(name)', repeats \(found.size)); write the data out instead of nesting aliases
                        """,
                    mark: start, kind: .aliasLimit)
            }
            return found
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            guard depth < ReaderLimits.maxDepth else {
                throw SyntaxError(
                    message:
                        "lists and mappings nested more than \(ReaderLimits.maxDepth) levels deep; flatten the data",
                    mark: start, kind: .tooDeep)
            }
            let isSequence = event.type == YAML_SEQUENCE_START_EVENT
            let anchor = isSequence ? string(event.data.sequence_start.anchor) : string(event.data.mapping_start.anchor)
            var size = 1, height = 0
            let node: Node
            if isSequence {
                var items: [Node] = []
                while true {
                    var child = try next(&parser)
                    defer { yaml_event_delete(&child) }
                    if child.type == YAML_SEQUENCE_END_EVENT { break }
                    let item = try self.node(from: &child, &parser, depth: depth + 1)
                    items.append(item.node)
                    size += item.size
                    height = max(height, item.height)
                }
                node = .sequence(items, start)
            } else {
                var entries: [MappingEntry] = []
                while true {
                    var keyEvent = try next(&parser)
                    defer { yaml_event_delete(&keyEvent) }
                    if keyEvent.type == YAML_MAPPING_END_EVENT { break }
                    let key = try self.node(from: &keyEvent, &parser, depth: depth + 1)
                    var valueEvent = try next(&parser)
                    defer { yaml_event_delete(&valueEvent) }
                    let value = try self.node(from: &valueEvent, &parser, depth: depth + 1)
                    guard case .scalar(let keyScalar) = key.node else {
                        throw SyntaxError(
                            message: "a mapping key must be plain text, not \(key.node.kindDescription)",
                            mark: key.node.mark)
                    }
                    entries.append(MappingEntry(key: keyScalar, value: value.node))
                    size += key.size + value.size
                    height = max(height, value.height)
                }
                node = .mapping(entries, start)
            }
            let built = Built(node: node, size: size, height: height + 1)
            if let anchor { anchors[anchor] = built }
            return built
        default:
            throw SyntaxError(message: "YAML syntax error: unexpected event", mark: start)
        }
    }
}
