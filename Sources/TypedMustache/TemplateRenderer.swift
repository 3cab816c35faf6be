/// Renders compiled templates, with the same whitespace rules as swift-mustache.
package struct MRenderer: Sendable {
    package let templates: [String: CompiledTemplate]
    /// The templates that could be written out flat (`FlatTemplate`), by name: rendered by
    /// running their instructions; the others by their tokens.
    package let flat: [String: FlatTemplate]

    /// How many bytes a streamed rendering collects before it hands them on, unless told.
    package static let defaultPieceSize = 1 << 16

    /// A renderer of `templates`, compiled, by name.
    package init(templates: [String: CompiledTemplate]) {
        self.templates = templates
        var flat: [String: FlatTemplate] = [:]
        for name in templates.keys {
            flat[name] = FlatTemplate.flatten(name, in: templates)
        }
        self.flat = flat
    }

    /// What a partial, parent or block changes for the tokens inside it, and where a streamed
    /// rendering hands its bytes.
    package struct Context {
        /// Prepended to every line after the first (partials and blocks on their own lines).
        package var indentation: [UInt8]?
        /// The blocks passed by parents, the outermost winning.
        package var inherited: [String: [MToken]]?
        /// How many bytes the output may collect before they are handed on (`Int.max`: never,
        /// the whole document is returned).
        package var flushAt = Int.max
        /// Where a streamed rendering hands its bytes (`nil` when `flushAt` is `Int.max`).
        package var flush: Flush?
    }

    /// The receiver of a streamed rendering's pieces.
    package final class Flush {
        package let handOn: (UnsafeRawBufferPointer) -> Void
        package init(_ handOn: @escaping (UnsafeRawBufferPointer) -> Void) { self.handOn = handOn }

        /// Hands `out` on and empties it.
        package func pass(_ out: inout [UInt8]) {
            out.withUnsafeBytes(handOn)
            out.removeAll(keepingCapacity: true)
        }
    }

    /// The page for `template` and `value`, or `nil` when the template is unknown. `MValue`
    /// trees are untyped data: the tests render the Mustache spec's and the random oracle cases'
    /// data with them; builds render typed view models only.
    package func render(_ template: String, _ value: MValue) -> [UInt8]? {
        var stack = MValueStack(values: [value])
        stack.values.reserveCapacity(16)
        return render(template, &stack)
    }

    /// The page for `template` and the typed view model `model`, or `nil` when the template is
    /// unknown: its fields are read where the template names them, straight into the bytes.
    package func render<Model: ViewModel>(_ template: String, _ model: Model) -> [UInt8]? {
        var stack = TypedStack(model)
        return render(template, &stack)
    }

    /// Renders `template` for the typed view model `model`, handing the bytes to `handOn` as
    /// they are made, in pieces of about `pieceSize` bytes (the same bytes, in order, as
    /// `render(template, model)` returns whole); `false` when the template is unknown.
    package func render<Model: ViewModel>(
        _ template: String, _ model: Model, pieceSize: Int = MRenderer.defaultPieceSize,
        handOn: (UnsafeRawBufferPointer) -> Void
    ) -> Bool {
        var stack = TypedStack(model)
        return render(template, &stack, pieceSize: pieceSize, handOn: handOn)
    }

    package func render<Stack: MustacheStack>(_ template: String, _ stack: inout Stack) -> [UInt8]? {
        guard let compiled = templates[template] else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(16_384)
        if let flat = flat[template] {
            run(flat, Context(), &stack, into: &out)
        } else {
            render(compiled.tokens, Context(), &stack, into: &out)
        }
        return out
    }

    /// Renders `template` with `stack`, handing on the output whenever it has reached
    /// `pieceSize` bytes at the end of an item, partial or template, and the rest at the end.
    package func render<Stack: MustacheStack>(
        _ template: String, _ stack: inout Stack, pieceSize: Int,
        handOn: (UnsafeRawBufferPointer) -> Void
    ) -> Bool {
        guard let compiled = templates[template] else { return false }
        var out: [UInt8] = []
        out.reserveCapacity(min(pieceSize, 1 << 20) + 16_384)
        withoutActuallyEscaping(handOn) { handOn in
            var context = Context()
            context.flushAt = max(pieceSize, 1)
            context.flush = Flush(handOn)
            if let flat = flat[template] {
                run(flat, context, &stack, into: &out)
            } else {
                render(compiled.tokens, context, &stack, into: &out)
            }
        }
        if !out.isEmpty { out.withUnsafeBytes(handOn) }
        return true
    }

    /// Renders `tokens` with the context stack `stack` (left as it was found).
    ///
    /// A streamed rendering hands its output on when it has reached `flushAt` bytes at the end
    /// of this call: after each item of a section's list, each partial, each template. So a
    /// long list goes out as its items are rendered, while a page costs one comparison per
    /// call, not per token. Never inside an indented partial or block: there each token looks
    /// back at what was written before it (whether a line just ended, whether anything was
    /// written) and may take back the indentation it wrote, so the output stays whole until
    /// the indented part is done. (Indentation only grows inward: every call below an indented
    /// one is indented, and an unindented call has none around it.)
    package func render<Stack: MustacheStack>(
        _ tokens: [MToken], _ context: Context, _ stack: inout Stack, into out: inout [UInt8]
    ) {
        guard let indentation = context.indentation, !indentation.isEmpty else {
            // By index, so that each token is borrowed from the array, not copied (a copy
            // retains it, and both cores render with the same tokens).
            for i in tokens.indices { renderToken(tokens, i, context, &stack, into: &out) }
            // Rendering whole, `flushAt` is `Int.max`.
            if out.count >= context.flushAt { context.flush?.pass(&out) }
            return
        }
        // swift-mustache indents a token's output when what these tokens wrote so far ends a
        // line with "\n" — not "\r\n", which is one Character that is not "\n".
        let start = out.count
        for i in tokens.indices {
            let before = out.count
            if before > start, out[before - 1] == MParser.newline,
                !(before - 2 >= start && out[before - 2] == MParser.cr)
            {
                MRenderer.append(indentation, to: &out)
                let mark = out.count
                renderToken(tokens, i, context, &stack, into: &out)
                if out.count == mark { out.removeLast(indentation.count) }
            } else {
                renderToken(tokens, i, context, &stack, into: &out)
            }
        }
    }

    /// Renders `tokens[i]` (passed with its array so that it is read in place).
    package func renderToken<Stack: MustacheStack>(
        _ tokens: [MToken], _ i: Int, _ context: Context, _ stack: inout Stack, into out: inout [UInt8]
    ) {
        switch tokens[i] {
        case .text(let bytes):
            MRenderer.append(bytes, to: &out)
        case .variable(let path, let escaped):
            PathRef.with(path) { stack.write($0, escaped: escaped, into: &out) }
        case .section(let path, let inner, let inverted):
            PathRef.with(path) { path in
                stack.section(path, inverted: inverted) { stack in render(inner, context, &stack, into: &out) }
            }
        case .partial(let name, let indentation, let inherits):
            guard let template = templates[name] else { return }
            var next = context
            if let indentation { next.indentation = (context.indentation ?? []) + indentation }
            if let inherits {
                next.inherited = context.inherited.map { $0.merging(inherits) { outer, _ in outer } } ?? inherits
            }
            render(template.tokens, next, &stack, into: &out)
        case .blockExpansion(let name, let defaultTokens, let indentation, let intrinsic):
            let replacement = context.inherited?[name]
            // The spec's ~inheritance ("Intrinsic indentation", "Nested block reindentation"):
            // a replacing block goes where the standalone block's own content is indented.
            let indent = replacement != nil ? intrinsic ?? indentation : indentation
            MRenderer.append(indent, to: &out)
            var next = context
            next.indentation = (context.indentation ?? []) + indent
            render(replacement ?? defaultTokens, next, &stack, into: &out)
        case .blockDefinition:
            break
        }
    }

    package static let trueBytes = Array("true".utf8), falseBytes = Array("false".utf8)

    /// Appends `bytes` (read in place: `append(contentsOf:)` would take its own reference to them).
    @inline(__always)
    package static func append(_ bytes: [UInt8], to out: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { out.append(contentsOf: $0) }
    }

    /// Appends `text` as it is.
    package static func appendRaw(_ text: String, to out: inout [UInt8]) {
        if text.utf8.withContiguousStorageIfAvailable({ out.append(contentsOf: $0) }) != nil { return }
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// Appends `text` HTML-escaped as swift-mustache escapes it (`& < > " '`): runs without those
    /// characters are copied whole.
    package static func appendEscaped(_ text: String, to out: inout [UInt8]) {
        if let done: Void = text.utf8.withContiguousStorageIfAvailable({ appendEscaped(bytes: $0, to: &out) }) {
            return done
        }
        var text = text
        text.withUTF8 { appendEscaped(bytes: $0, to: &out) }
    }

    /// Appends `bytes` HTML-escaped.
    package static func appendEscaped(bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        for (i, byte) in bytes.enumerated() {
            let entity: StaticString
            switch byte {
            case 0x26: entity = "&amp;"
            case 0x3C: entity = "&lt;"
            case 0x3E: entity = "&gt;"
            case 0x22: entity = "&quot;"
            case 0x27: entity = "&#39;"
            default: continue
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
            out.append(contentsOf: UnsafeBufferPointer(start: entity.utf8Start, count: entity.utf8CodeUnitCount))
            start = i + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
    }
}
