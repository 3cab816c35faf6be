/// A template with its partials, parents and blocks written out once, when the renderer is
/// made, into one flat list of instructions over one table of bytes: what the renderer runs
/// for every page. Which partial a tag includes and which block replaces which is known before
/// any view model is seen (the blocks a parent passes do not depend on the data), so only
/// sections are left to decide while rendering. An instruction holds numbers only, so reading
/// one retains nothing.
///
/// Only templates whose written-out form has no indentation to add are flattened (a partial or
/// block on a line of its own, indented, indents every line it writes, which depends on what
/// was written before it): those keep their tokens (`MRenderer.render(_:_:_:into:)`).
package final class FlatTemplate: @unchecked Sendable {
    /// One instruction.
    package enum Op: Equatable {
        /// Append `count` bytes of the byte table from `start`.
        case text(start: Int32, count: Int32)
        /// Write the value of path `path` (of the path table).
        case variable(path: Int32, escaped: Bool)
        /// The section on path `path`; its body is the instructions after this one, up to `end`.
        case section(path: Int32, inverted: Bool, end: Int32)
        /// Hand the output on when it has reached the piece size (where the token renderer
        /// does: after each template, partial, block and section item).
        case flush
    }

    /// The instructions (allocated once, freed with the template).
    let ops: UnsafeMutableBufferPointer<Op>
    /// The bytes the text instructions name.
    let bytes: UnsafeMutableBufferPointer<UInt8>
    /// The paths the variable and section instructions name.
    let paths: UnsafeMutableBufferPointer<MPath>
    /// Their keys' numbers, one path after the other.
    let ids: UnsafeMutableBufferPointer<Int>
    /// The paths as the stack takes them: pointers into `paths` and `ids`.
    let refs: UnsafeMutableBufferPointer<PathRef>

    init(ops: [Op], bytes: [UInt8], paths: [MPath]) {
        self.ops = .allocate(capacity: ops.count)
        _ = self.ops.initialize(from: ops)
        self.bytes = .allocate(capacity: bytes.count)
        _ = self.bytes.initialize(from: bytes)
        self.paths = .allocate(capacity: paths.count)
        _ = self.paths.initialize(from: paths)
        let allIDs = paths.flatMap(\.ids)
        ids = .allocate(capacity: allIDs.count)
        _ = ids.initialize(from: allIDs)
        refs = .allocate(capacity: paths.count)
        var start = 0
        for i in paths.indices {
            let count = paths[i].ids.count
            let keys = UnsafeBufferPointer(start: ids.baseAddress.map { $0 + start }, count: count)
            (refs.baseAddress! + i).initialize(to: PathRef(path: self.paths.baseAddress! + i, ids: keys))
            start += count
        }
    }

    deinit {
        ops.deallocate()
        bytes.deallocate()
        paths.deinitialize().deallocate()
        ids.deallocate()
        refs.deallocate()
    }

    /// The instructions, for tests.
    package var instructions: [Op] { Array(ops) }

    /// The flat form of template `name` of `templates`, or `nil` when it has indentation to
    /// add, includes itself, or passes `limit` instructions.
    package static func flatten(
        _ name: String, in templates: [String: CompiledTemplate], limit: Int = 4 * CompiledTemplate.maxExpandedTokens
    ) -> FlatTemplate? {
        guard let template = templates[name] else { return nil }
        var writer = Writer(templates: templates, limit: limit)
        guard writer.write(template.tokens, inherited: nil, depth: 0) else { return nil }
        writer.ops.append(.flush)
        return FlatTemplate(ops: writer.ops, bytes: writer.bytes, paths: writer.paths)
    }

    /// Writes tokens out as instructions, as `MRenderer.renderToken` would render them.
    private struct Writer {
        let templates: [String: CompiledTemplate]
        let limit: Int
        var ops: [Op] = []
        var bytes: [UInt8] = []
        var paths: [MPath] = []
        var pathNumbers: [MPath: Int32] = [:]

        init(templates: [String: CompiledTemplate], limit: Int) {
            self.templates = templates
            self.limit = limit
        }

        mutating func path(_ path: MPath) -> Int32 {
            if let number = pathNumbers[path] { return number }
            let number = Int32(paths.count)
            paths.append(path)
            pathNumbers[path] = number
            return number
        }

        /// Appends `text`, joined to the text just before it when nothing lies between.
        mutating func text(_ text: [UInt8]) {
            guard !text.isEmpty else { return }
            if case .text(let start, let count)? = ops.last, Int(start) + Int(count) == bytes.count {
                ops[ops.count - 1] = .text(start: start, count: count + Int32(text.count))
            } else {
                ops.append(.text(start: Int32(bytes.count), count: Int32(text.count)))
            }
            bytes += text
        }

        /// Writes `tokens` with the blocks `inherited` passed from outside; `false` when they
        /// cannot be flattened.
        mutating func write(_ tokens: [MToken], inherited: [String: [MToken]]?, depth: Int) -> Bool {
            guard depth < 64 else { return false }
            for token in tokens {
                guard ops.count < limit, bytes.count < Int(Int32.max) / 2 else { return false }
                switch token {
                case .text(let text):
                    self.text(text)
                case .variable(let path, let escaped):
                    ops.append(.variable(path: self.path(path), escaped: escaped))
                case .section(let path, let inner, let inverted):
                    let at = ops.count
                    ops.append(.flush)  // replaced below, once the body's end is known
                    guard write(inner, inherited: inherited, depth: depth + 1) else { return false }
                    ops.append(.flush)
                    ops[at] = .section(path: self.path(path), inverted: inverted, end: Int32(ops.count))
                case .partial(let name, let indentation, let inherits):
                    guard indentation?.isEmpty ?? true else { return false }
                    guard let template = templates[name] else { continue }
                    var next = inherited
                    if let inherits { next = inherited.map { $0.merging(inherits) { outer, _ in outer } } ?? inherits }
                    guard write(template.tokens, inherited: next, depth: depth + 1) else { return false }
                    ops.append(.flush)
                case .blockExpansion(let name, let defaultTokens, let indentation, let intrinsic):
                    let replacement = inherited?[name]
                    let indent = replacement != nil ? intrinsic ?? indentation : indentation
                    guard indent.isEmpty else { return false }
                    guard write(replacement ?? defaultTokens, inherited: inherited, depth: depth + 1) else {
                        return false
                    }
                    ops.append(.flush)
                case .blockDefinition:
                    continue
                }
            }
            return true
        }
    }
}

extension MRenderer {
    /// Runs `flat` with `stack` (the flat form of `render(_:_:_:into:)`: the same bytes, handed
    /// on at the same places).
    package func run<Stack: MustacheStack>(
        _ flat: FlatTemplate, _ context: Context, _ stack: inout Stack, into out: inout [UInt8]
    ) {
        let program = FlatTemplate.Program(
            ops: UnsafePointer(flat.ops.baseAddress!), bytes: UnsafePointer(flat.bytes.baseAddress),
            paths: UnsafePointer(flat.refs.baseAddress), flushAt: context.flushAt,
            flush: context.flush.map { Unmanaged.passUnretained($0) })
        withExtendedLifetime((flat, context.flush)) {
            program.run(0..<flat.ops.count, &stack, into: &out)
        }
    }
}

extension FlatTemplate {
    /// What running the instructions reads, as plain pointers: the template (and the receiver
    /// of a streamed rendering) outlive the run, so nothing in the loop is retained.
    struct Program {
        let ops: UnsafePointer<Op>
        let bytes: UnsafePointer<UInt8>?
        let paths: UnsafePointer<PathRef>?
        let flushAt: Int
        let flush: Unmanaged<MRenderer.Flush>?

        /// Runs the instructions `range`.
        func run<Stack: MustacheStack>(_ range: Range<Int>, _ stack: inout Stack, into out: inout [UInt8]) {
            var i = range.lowerBound
            while i < range.upperBound {
                switch ops[i] {
                case .text(let start, let count):
                    out.append(contentsOf: UnsafeBufferPointer(start: bytes! + Int(start), count: Int(count)))
                case .variable(let path, let escaped):
                    stack.write(paths![Int(path)], escaped: escaped, into: &out)
                case .section(let path, let inverted, let end):
                    let body = (i + 1)..<Int(end)
                    stack.section(paths![Int(path)], inverted: inverted) { stack in run(body, &stack, into: &out) }
                    i = Int(end)
                    continue
                case .flush:
                    if out.count >= flushAt, let flush { flush.takeUnretainedValue().pass(&out) }
                }
                i += 1
            }
        }
    }
}
