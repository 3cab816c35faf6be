/// A Mustache template compiled for fast rendering of ClaimSite's plain view models
/// (dictionaries, lists, text and flags): the one engine that renders pages and emails.
///
/// It follows swift-mustache 2.1.1's reading of the Mustache spec — standalone lines, partial
/// indentation, parents and blocks — and the tests check that it renders as swift-mustache does
/// (random templates and data, and every page of the example), except where swift-mustache
/// departs from the spec's ~inheritance and the spec is followed instead (a standalone block's
/// intrinsic indentation: see `MToken.blockExpansion`). What it cannot do — set-delimiter tags,
/// transforms, pragmas, dynamic names — and malformed templates are a `TemplateSyntaxError`.
package struct CompiledTemplate: Sendable {
    package let tokens: [MToken]

    /// Compiles `text`, or throws what is wrong with it and where.
    package static func compile(_ text: String) throws(TemplateSyntaxError) -> CompiledTemplate {
        var parser = MParser(bytes: Array(text.utf8))
        return CompiledTemplate(tokens: try parser.parse(state: MParser.State()))
    }

    /// The names of the partials and parents this template includes (inside sections and
    /// blocks too), in the order they appear.
    package var includedNames: [String] { MToken.includedNames(tokens) }

    /// A chain of templates that includes itself (`["a", "b", "a"]`: a includes b, which
    /// includes a), or `nil` when there is none. Rendering such a chain would never end: a view
    /// model's names are found in every enclosing context, so a section around the partial does
    /// not stop it (docs/input-format.md, Limits).
    package static func inclusionCycle(_ templates: [String: CompiledTemplate]) -> [String]? {
        var state: [String: Bool] = [:]  // false: on the current path, true: done
        var path: [String] = []
        func visit(_ name: String) -> [String]? {
            if let done = state[name] {
                return done ? nil : Array(path[path.lastIndex(of: name)!...]) + [name]
            }
            guard let template = templates[name] else { return nil }
            state[name] = false
            path.append(name)
            for next in template.includedNames {
                if let cycle = visit(next) { return cycle }
            }
            path.removeLast()
            state[name] = true
            return nil
        }
        for name in templates.keys.sorted() {
            if let cycle = visit(name) { return cycle }
        }
        return nil
    }

    /// The most tokens a template may come to with its partials and parents written out, each
    /// as often as it is included (docs/input-format.md, Limits).
    package static let maxExpandedTokens = 100_000

    /// The templates where the tokens, with the inclusions written out, pass `maxExpandedTokens`
    /// (a partial that includes another ten times, which includes another ten times, …: the
    /// page would be exponentially long): those over it whose own inclusions are each under it,
    /// with their count (at most the limit plus one), sorted by name. Leaving them out brings
    /// the templates that include them under it. `templates` must include no cycle
    /// (`inclusionCycle`).
    package static func overExpanded(_ templates: [String: CompiledTemplate]) -> [(name: String, tokens: Int)] {
        var sizes: [String: Int] = [:]
        func size(_ name: String) -> Int {
            if let known = sizes[name] { return known }
            guard let template = templates[name] else { return 0 }
            sizes[name] = 0  // no cycle; guards against one all the same
            var total = MToken.count(template.tokens)
            for included in template.includedNames {
                total = min(total + size(included), maxExpandedTokens + 1)
            }
            sizes[name] = total
            return total
        }
        // Only where the limit is crossed: a template over it whose inclusions are each under.
        return templates.keys.sorted().compactMap { name in
            let n = size(name)
            guard n > maxExpandedTokens, templates[name]!.includedNames.allSatisfy({ size($0) <= maxExpandedTokens })
            else { return nil }
            return (name, n)
        }
    }

    /// Whether a standalone block of this template is indented by the spec's rule where that
    /// differs from swift-mustache's: the line after its tag is indented differently from the tag.
    package var reindentsBlocks: Bool { MToken.reindentsBlocks(tokens) }
}

/// An untyped view-model value: the tests' data (the Mustache spec's, the random oracle cases');
/// builds render typed view models (`ViewModel`).
package indirect enum MValue: Sendable, Equatable {
    case text(String)
    case flag(Bool)
    case list([MValue])
    case object([String: MValue])

    /// Converts a `[String: Any]` view model (strings, booleans, numbers, lists, dictionaries).
    package init(_ any: Any) {
        switch any {
        case let s as String: self = .text(s)
        case let b as Bool: self = .flag(b)
        case let d as [String: Any]: self = .object(d.mapValues(MValue.init))
        case let a as [[String: Any]]: self = .list(a.map { MValue.object($0.mapValues(MValue.init)) })
        case let a as [Any]: self = .list(a.map(MValue.init))
        case let i as Int: self = .text(String(i))
        default: self = .text(String(describing: any))
        }
    }
}

package indirect enum MToken: Sendable {
    case text([UInt8])
    case variable(MPath, escaped: Bool)
    case section(MPath, [MToken], inverted: Bool)
    /// A partial (`inherits` nil) or a parent with the blocks it passes. `indentation`, when not
    /// nil, is prepended to every line of the partial after its first.
    case partial(String, indentation: [UInt8]?, inherits: [String: [MToken]]?)
    /// A block of the template, replaced by the caller's block of the same name if any.
    /// `indentation` is the whitespace before the tag on its line (written first, and prepended
    /// to every later line). `intrinsic`, for a standalone block, is the indentation of the line
    /// after the tag: the spec indents a replacing block by it (swift-mustache uses `indentation`).
    case blockExpansion(String, defaultTokens: [MToken], indentation: [UInt8], intrinsic: [UInt8]?)
    /// A block passed to a parent.
    case blockDefinition(String, [MToken])

    /// The tokens, those inside sections, blocks and passed blocks included.
    package static func count(_ tokens: [MToken]) -> Int {
        var n = tokens.count
        for token in tokens {
            switch token {
            case .text, .variable: break
            case .section(_, let inner, _), .blockDefinition(_, let inner), .blockExpansion(_, let inner, _, _):
                n += count(inner)
            case .partial(_, _, let inherits):
                for blocks in (inherits ?? [:]).values { n += count(blocks) }
            }
        }
        return n
    }

    package static func includedNames(_ tokens: [MToken]) -> [String] {
        var names: [String] = []
        for token in tokens {
            switch token {
            case .text, .variable: break
            case .section(_, let inner, _), .blockDefinition(_, let inner), .blockExpansion(_, let inner, _, _):
                names += includedNames(inner)
            case .partial(let name, _, let inherits):
                names.append(name)
                for key in (inherits ?? [:]).keys.sorted() { names += includedNames(inherits![key]!) }
            }
        }
        return names
    }

    package static func reindentsBlocks(_ tokens: [MToken]) -> Bool {
        tokens.contains { token in
            switch token {
            case .text, .variable: return false
            case .section(_, let inner, _), .blockDefinition(_, let inner): return reindentsBlocks(inner)
            case .partial(_, _, let inherits): return inherits?.values.contains(where: reindentsBlocks) ?? false
            case .blockExpansion(_, let inner, let indentation, let intrinsic):
                return (intrinsic != nil && intrinsic != indentation) || reindentsBlocks(inner)
            }
        }
    }
}
