import Foundation
import Testing

@testable import ClaimRender

@Suite struct MarkdownTests {
    @Test func rendersCommonMark() {
        #expect(
            Markdown.html("Kick-off with the **CIO**.\n\n- one\n- two\n")
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

    /// libcmark 0.30.2 is quadratic in the image openers left open times the links closed
    /// after them in one paragraph (CVE-2023-22486): a paragraph with more than 1,000 `![` has
    /// them escaped (docs/input-format.md, Limits).
    @Test func crowdedImageOpenersAreEscaped() {
        let attack = String(repeating: "![[]()", count: 200_000)  // 1.2 MB; minutes unescaped
        let start = DispatchTime.now().uptimeNanoseconds
        let html = Markdown.html(attack)
        #expect(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 < 10)
        #expect(html.hasPrefix("<p>![<a href=\"\"></a>![<a href=\"\"></a>"))
        // A paragraph with up to 1,000 images is left as it is; one over, only its own run changes.
        let images = String(repeating: "![a](b.png) ", count: 1_000)
        #expect(Markdown.defused(images) == nil)
        #expect(Markdown.defused(images + "\n\n" + images) == nil)
        let crowded = images + "![c](d.png)"
        #expect(
            Markdown.defused("Intro ![i](i.png)\n \n" + crowded + "\n\nend ![e](e.png)")
                == "Intro ![i](i.png)\n \n" + crowded.replacingOccurrences(of: "![", with: "\\![")
                + "\n\nend ![e](e.png)")
        // An escaped `!` stays escaped; an escaped backslash before it does not escape it.
        #expect(
            Markdown.defused(String(repeating: "\\![a] \\\\![b] ", count: 600))
                == String(repeating: "\\![a] \\\\\\![b] ", count: 600))
        #expect(Markdown.html(crowded).hasPrefix("<p>!<a href=\"b.png\">a</a> !<a href=\"b.png\">a</a>"))
    }
}
