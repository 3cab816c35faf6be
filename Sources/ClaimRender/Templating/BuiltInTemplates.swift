import Foundation

/// The built-in templates: the files of `Templates/` at the repository root, compiled in.
public enum BuiltInTemplates {
    /// Every built-in file by its path relative to `Templates/` (`claim.mustache`, `assets/claimsite.css`).
    public static let files: [String: String] = EmbeddedTemplates.files.mapValues {
        String(decoding: Data(base64Encoded: $0) ?? Data(), as: UTF8.self)
    }
}
