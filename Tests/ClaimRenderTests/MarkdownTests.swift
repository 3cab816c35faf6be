import ClaimRender
import Testing

@Suite struct MarkdownTests {
    @Test func rendersCommonMark() {
        #expect(Markdown.html("Kick-off with the **CIO**.\n\n- one\n- two\n")
                == "<p>Kick-off with the <strong>CIO</strong>.</p>\n<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n")
    }

    @Test func removesRawHTMLAndUnsafeLinks() {
        let html = Markdown.html("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>")
        #expect(!html.contains("<script"))
        #expect(!html.contains("javascript:"))
        #expect(!html.contains("<img"))
        #expect(html.contains("<!-- raw HTML omitted -->"))
    }

    @Test func handlesEmptyAndNonASCIIText() {
        #expect(Markdown.html("") == "")
        #expect(Markdown.html("Zéta Énergie") == "<p>Zéta Énergie</p>\n")
    }
}
