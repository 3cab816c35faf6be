import CCmark
import Foundation

/// Markdown to HTML through libcmark.
public enum Markdown {
    /// Renders CommonMark to HTML with `CMARK_OPT_DEFAULT`: raw HTML is removed and unsafe
    /// link schemes (`javascript:`, `vbscript:`, `file:`, most `data:`) become empty links.
    public static func html(_ markdown: String) -> String {
        var text = markdown
        return text.withUTF8 { buffer -> String in
            let raw = buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            guard let rendered = cmark_markdown_to_html(raw, buffer.count, CMARK_OPT_DEFAULT) else { return "" }
            defer { free(rendered) }
            return String(cString: rendered)
        }
    }
}
