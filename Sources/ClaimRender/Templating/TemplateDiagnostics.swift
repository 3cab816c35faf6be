import ClaimModel
import TypedMustache

extension Diagnostic {
    /// The diagnostic of a template check's problem (docs/diagnostics.md: `template-syntax`,
    /// `template-missing`, `template-unknown-key`), with a "did you mean" hint for a name
    /// that was not found.
    init(_ problem: TemplateProblem) {
        let code: DiagnosticCode
        switch problem.kind {
        case .syntax: code = .templateSyntax
        case .missing: code = .templateMissing
        case .unknownKey: code = .templateUnknownKey
        }
        let hint = problem.name.isEmpty ? "" : Suggestion.didYouMean(problem.name, in: problem.known)
        self = .error(
            code, at: SourceLocation(file: problem.file, line: problem.line, column: problem.column),
            problem.message + hint)
    }
}

extension TemplateCheck {
    /// The problems of template `name` rendered with a context of `shape`, as diagnostics.
    func diagnostics(_ name: String, shape: [String: Shape], what: String) -> [Diagnostic] {
        check(name, shape: shape, what: what).map(Diagnostic.init)
    }
}
