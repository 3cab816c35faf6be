import Foundation
import Testing

@testable import ClaimRender

/// Pipe tables (docs/input-format.md, Markdown tables): the cases of the GitHub Flavored Markdown
/// spec's tables section, written with our own words, then hostile ones.
@Suite struct MarkdownTableTests {
    /// The HTML of a table whose header has `header` cells and whose body has `rows`.
    func table(_ header: [String], _ rows: [[String]], align: [String] = []) -> String {
        func style(_ c: Int) -> String {
            c < align.count && !align[c].isEmpty ? " style=\"text-align: \(align[c])\"" : ""
        }
        var html = "<div class=\"table-wrap\">\n<table class=\"md-table\">\n<thead>\n<tr>"
        for (c, h) in header.enumerated() { html += "<th scope=\"col\"\(style(c))>\(h)</th>" }
        html += "</tr>\n</thead>\n"
        if !rows.isEmpty {
            html += "<tbody>\n"
            for row in rows {
                html += "<tr>"
                for (c, cell) in row.enumerated() {
                    let label = header[c].replacingOccurrences(of: "<code>", with: "")
                        .replacingOccurrences(of: "</code>", with: "")
                    html += "<td data-label=\"\(label)\"\(style(c))>\(cell)</td>"
                }
                html += "</tr>\n"
            }
            html += "</tbody>\n"
        }
        return html + "</table>\n</div>\n"
    }

    @Test func aHeaderADelimiterRowAndABodyMakeATable() {
        #expect(
            Markdown.html("| Step | Who |\n| --- | --- |\n| consent | Mira |\n")
                == table(["Step", "Who"], [["consent", "Mira"]]))
    }

    @Test func colonsAlignColumnsAndOuterPipesAreOptional() {
        #expect(
            Markdown.html("| Days | Activity |\n:-: | -----------:\nthirty | workshop\n")
                == table(["Days", "Activity"], [["thirty", "workshop"]], align: ["center", "right"]))
        #expect(
            Markdown.html("a | b | c\n:-- | --- | --:\n1 | 2 | 3")
                == table(["a", "b", "c"], [["1", "2", "3"]], align: ["left", "", "right"]))
    }

    @Test func anEscapedPipeStaysInItsCellAlsoInsideCodeAndEmphasis() {
        #expect(
            Markdown.html("| a\\|b  |\n| ------ |\n| x `\\|` y |\n| x **\\|** y |\n")
                == table(["a|b"], [["x <code>|</code> y"], ["x <strong>|</strong> y"]]))
    }

    @Test func aBlockQuoteEndsTheTable() {
        #expect(
            Markdown.html("| Who | When |\n| --- | --- |\n| Anna | Monday |\n> later\n")
                == table(["Who", "When"], [["Anna", "Monday"]]) + "<blockquote>\n<p>later</p>\n</blockquote>\n")
    }

    @Test func aLineWithoutPipesIsARowUntilTheBlankLine() {
        #expect(
            Markdown.html("| Who | When |\n| --- | --- |\n| Anna | Monday |\nJonas\n\nafter\n")
                == table(["Who", "When"], [["Anna", "Monday"], ["Jonas", ""]]) + "<p>after</p>\n")
    }

    @Test func aHeaderThatDoesNotMatchTheDelimiterRowIsNoTable() {
        #expect(
            Markdown.html("| Who | When |\n| --- |\n| Anna |\n")
                == "<p>| Who | When |\n| --- |\n| Anna |</p>\n")
    }

    @Test func shortRowsArePaddedAndLongRowsCut() {
        #expect(
            Markdown.html("| Who | When |\n| --- | --- |\n| Anna |\n| Anna | Monday | extra |\n")
                == table(["Who", "When"], [["Anna", ""], ["Anna", "Monday"]]))
    }

    @Test func aTableWithoutBodyRowsHasNoBody() {
        #expect(Markdown.html("| Who | When |\n| --- | --- |\n") == table(["Who", "When"], []))
    }

    @Test func linesAboveTheHeaderStayAParagraph() {
        #expect(
            Markdown.html("Who does what:\n| Who | What |\n|-|-|\n| Anna | submits |\n")
                == "<p>Who does what:</p>\n" + table(["Who", "What"], [["Anna", "submits"]]))
    }

    @Test func cellsAreInlineMarkdownAndNeverBlocks() {
        let html = Markdown.html(
            "| Item | Note |\n| --- | --- |\n| *one* | [guide](https://example.com/g) |\n| # two | - three |\n"
                + "| > four | `five` |\n| _six_ | [g] |\n\n[g]: https://example.com/ref\n")
        #expect(
            html
                == table(
                    ["Item", "Note"],
                    [
                        ["<em>one</em>", "<a href=\"https://example.com/g\">guide</a>"], ["# two", "- three"],
                        ["&gt; four", "<code>five</code>"],
                        ["<em>six</em>", "<a href=\"https://example.com/ref\">g</a>"],
                    ]))
    }

    @Test func rawHTMLAndScriptsInCellsAreRemoved() {
        let html = Markdown.html(
            "| <b>x</b> | y |\n| --- | --- |\n| <script>alert(1)</script> | [a](javascript:alert(1)) |\n"
                + "| \"quoted\" & <img src=x onerror=alert(1)> | ok |\n")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("javascript:"))
        #expect(html.contains("data-label=\"x\""))
        #expect(html.contains("&quot;quoted&quot; &amp; <!-- raw HTML omitted -->"))
    }

    @Test func headerTextIsEscapedInLabels() {
        let html = Markdown.html("| \"a\" & `<b>` |\n| --- |\n| 1 |\n")
        #expect(html.contains("<td data-label=\"&quot;a&quot; &amp; &lt;b&gt;\">1</td>"))
    }

    @Test func tablesInsideBlockQuotesAndListItems() {
        #expect(
            Markdown.html("> | Who | When |\n> | --- | --- |\n> | Anna | Monday |\n")
                == "<blockquote>\n" + table(["Who", "When"], [["Anna", "Monday"]]) + "</blockquote>\n")
        #expect(
            Markdown.html("- Roles:\n\n  | Who | When |\n  | --- | --- |\n  | Anna | Monday |\n")
                == "<ul>\n<li>\n<p>Roles:</p>\n" + table(["Who", "When"], [["Anna", "Monday"]]) + "</li>\n</ul>\n")
    }

    @Test func aSetextUnderlineBelowATableIsARuleOrARow() {
        #expect(
            Markdown.html("| Who |\n| --- |\n| Anna |\n---\n")
                == table(["Who"], [["Anna"]]) + "<hr />\n")
        #expect(
            Markdown.html("| Who |\n| --- |\n| Anna |\n===\n")
                == table(["Who"], [["Anna"], ["==="]]))
    }

    @Test func withoutAPipeItIsAHeadingOrAParagraph() {
        #expect(Markdown.html("Who\n---\n") == "<h2>Who</h2>\n")
        #expect(Markdown.html("Who\n:-:\n") == "<p>Who\n:-:</p>\n")
        #expect(Markdown.html("- | -\n") == "<ul>\n<li>| -</li>\n</ul>\n")
    }

    @Test func syntaxSplitsCellsAtUnescapedPipes() {
        let row = PipeTableSyntax.row(Array("| a \\| b | c\\\\|d |".utf8)[...])
        #expect(row.cells.map { String(decoding: $0, as: UTF8.self) } == ["a \\| b", "c\\\\", "d"])
        #expect(PipeTableSyntax.row(Array("|".utf8)[...]).cells.count == 1)
        #expect(PipeTableSyntax.delimiter(Array("| --- | |".utf8)[...]) == nil)
        #expect(
            PipeTableSyntax.delimiter(Array("|:-|-:|:-:|-|".utf8)[...])?.alignments == [.left, .right, .center, .none])
        #expect(
            String(decoding: PipeTableSyntax.unescapingPipes(Array("a\\|b\\\\\\|c\\*".utf8)[...]), as: UTF8.self)
                == "a|b\\\\|c\\*")
    }

    // MARK: hostile tables

    @Test func tenThousandColumns() {
        let header = "|" + (0..<10_000).map { "c\($0)" }.joined(separator: "|") + "|\n"
        let delimiter = "|" + String(repeating: "-|", count: 10_000) + "\n"
        let full = "|" + String(repeating: "x|", count: 10_000) + "\n"
        let html = Markdown.html(header + delimiter + full + "| only one |\n")
        #expect(html.components(separatedBy: "<th ").count - 1 == 10_000)
        #expect(html.components(separatedBy: "<td").count - 1 == 20_000)
        // The header's text is longer than labels may repeat: the cells go without.
        #expect(!html.contains("data-label"))
    }

    @Test func paddingIsBoundedSoAWideHeaderCannotMultiplyTheOutput() {
        let columns = 10_000
        let header = "|" + String(repeating: "h|", count: columns) + "\n"
        let delimiter = "|" + String(repeating: "-|", count: columns) + "\n"
        let rows = String(repeating: "x\n", count: 1_000)  // each would need 9,999 empty cells
        let html = Markdown.html(header + delimiter + rows)
        let cells = html.components(separatedBy: "<td").count - 1
        #expect(cells <= MarkdownTables.maxPaddedCells + 2 * columns)
        #expect(cells >= MarkdownTables.maxPaddedCells - columns)
        // The rows past the bound are shown as text after the table.
        #expect(html.hasSuffix("x\nx</p>\n"))
    }

    /// 100,000 rows take time and memory in proportion to their text: ten times the rows take
    /// about ten times as long (a quadratic step would take a hundred times).
    @Test func aHundredThousandRowsScaleLinearly() {
        func rows(_ n: Int) -> String {
            "| Claim | Customer | Note |\n| --- | --- | --- |\n"
                + (0..<n).map { "| MCI-\($0) | Contoso <x> | **ok** \\| `a|b` |" }.joined(separator: "\n")
        }
        func seconds(_ text: String) -> (Double, String) {
            let start = DispatchTime.now().uptimeNanoseconds
            let html = Markdown.html(text)
            return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9, html)
        }
        let small = rows(10_000), large = rows(100_000)
        _ = seconds(small)  // warm up
        let (smallTime, smallHTML) = seconds(small)
        let (largeTime, largeHTML) = seconds(large)
        #expect(largeHTML.components(separatedBy: "<tr>").count - 1 == 100_001)
        #expect(largeHTML.contains("<td data-label=\"Note\"><strong>ok</strong> | `a</td>"))
        // Output in proportion to the input.
        #expect(Double(largeHTML.utf8.count) / Double(smallHTML.utf8.count) < 10.5)
        #expect(largeTime / max(smallTime, 0.001) < 30, "10x rows took \(largeTime / smallTime)x the time")
    }
}
