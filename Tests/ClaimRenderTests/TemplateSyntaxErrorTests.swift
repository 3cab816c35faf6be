import ClaimModel
import Foundation
import Testing

@testable import ClaimRender
@testable import TypedMustache

/// Templates the engine cannot compile: the error's message, and its line and column (from 1,
/// in Unicode scalars) at the `{{` of the tag at fault.
@Suite struct TemplateSyntaxErrorTests {
    /// The error compiling `text` throws, or an issue when it compiles.
    func failure(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> TemplateSyntaxError? {
        do {
            _ = try CompiledTemplate.compile(text)
            Issue.record("\(text.debugDescription) compiled", sourceLocation: sourceLocation)
            return nil
        } catch {
            return error
        }
    }

    func expect(
        _ text: String, line: Int, column: Int, _ message: String,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) {
        guard let error = failure(text, sourceLocation: sourceLocation) else { return }
        #expect(
            error == TemplateSyntaxError(message: message, line: line, column: column), sourceLocation: sourceLocation)
    }

    @Test func anUnclosedSectionPointsAtItsOpeningTag() {
        expect(
            "<table>\n  {{#rows}}\n  <tr>{{name}}</tr>\n</table>\n", line: 2, column: 3,
            "'{{#rows}}' is never closed: it needs '{{/rows}}'")
        expect("{{^empty}}none", line: 1, column: 1, "'{{^empty}}' is never closed: it needs '{{/empty}}'")
        // The innermost section that is not closed.
        expect(
            "{{#a}}\n{{#b}}\n{{/a}}", line: 3, column: 1,
            "'{{/a}}' does not close '{{#b}}' (line 2, column 1); close that first with '{{/b}}'")
        expect("{{#a}}{{#b}}{{/b}}", line: 1, column: 1, "'{{#a}}' is never closed: it needs '{{/a}}'")
    }

    @Test func aParentAndABlockMustBeClosedToo() {
        expect(
            "x\n{{<layout}}\n{{$content}}hi{{/content}}\n", line: 2, column: 1,
            "'{{<layout}}' is never closed: it needs '{{/layout}}'")
        expect("{{$title}}Default", line: 1, column: 1, "'{{$title}}' is never closed: it needs '{{/title}}'")
        expect(
            "{{<layout}}{{$content}}hi{{/layout}}", line: 1, column: 26,
            "'{{/layout}}' does not close '{{$content}}' (line 1, column 12); close that first with '{{/content}}'")
    }

    @Test func aClosingTagThatClosesNothingOrTheWrongSection() {
        expect("a\nb {{/rows}}", line: 2, column: 3, "'{{/rows}}' closes nothing: no section is open")
        expect(
            "{{#rows}}{{/row}}", line: 1, column: 10,
            "'{{/row}}' does not close '{{#rows}}' (line 1, column 1); close that first with '{{/rows}}'")
        expect("{{#a}}{{/a}}{{/a}}", line: 1, column: 13, "'{{/a}}' closes nothing: no section is open")
    }

    @Test func anUnclosedTag() {
        expect("Hello {{name", line: 1, column: 7, "the tag '{{name' is never closed: '}}' is missing")
        expect("Hello {{name\nworld {{x}}", line: 1, column: 7, "the tag '{{name' is never closed: '}}' is missing")
        expect("Hello {{name}", line: 1, column: 7, "the tag '{{name}' is never closed: '}}' is missing")
        expect("{{#rows}}\n  {{/rows", line: 2, column: 3, "the tag '{{/rows' is never closed: '}}' is missing")
        expect("a {{! note", line: 1, column: 3, "the comment '{{! note' is never closed: '}}' is missing")
        expect("end {{", line: 1, column: 5, "'{{' at the end of the template starts a tag that is never closed")
        expect(
            "a {{\nname}}", line: 1, column: 3,
            "'{{' is followed by a line break: a tag's name must follow '{{' on the same line")
        expect(
            "<b>{{{html}}</b>", line: 1, column: 4,
            "'{{{html}}' is not closed with '}}}': write {{{html}}} (or {{&html}})")
    }

    @Test func anEmptyTag() {
        expect("a {{}} b", line: 1, column: 3, "'{{}}' is an empty tag: a tag needs a name, as in {{name}}")
        expect("\n\n  {{ }}", line: 3, column: 3, "'{{ }}' is an empty tag: a tag needs a name, as in {{name}}")
        expect("{{#}}{{/}}", line: 1, column: 1, "'{{#}}' is an empty tag: a tag needs a name, as in {{name}}")
        expect("{{{}}}", line: 1, column: 1, "'{{{}}' is an empty tag: a tag needs a name, as in {{name}}")
        expect("{{> }}", line: 1, column: 1, "'{{> }}' is an empty tag: a tag needs a name, as in {{name}}")
    }

    @Test func aNameWithCharactersANameCannotHave() {
        expect(
            "{{first name}}", line: 1, column: 1,
            """
            '{{first name}}' is not a valid tag: a name is made of letters, digits and . _ - ? * (no spaces), as in \
            {{name}} or {{#rows}}
            """
        )
        expect(
            "x {{#rows[0]}}", line: 1, column: 3,
            """
            '{{#rows[0]}}' is not a valid tag: a name is made of letters, digits and . _ - ? * (no spaces), as in \
            {{name}} or {{#rows}}
            """
        )
        expect(
            "{{@index}}", line: 1, column: 1,
            """
            '{{@index}}' is not a valid tag: a name is made of letters, digits and . _ - ? * (no spaces), as in \
            {{name}} or {{#rows}}
            """
        )
    }

    @Test func setDelimiterTagsAreNotSupported() {
        expect(
            "{{=<% %>=}}\n<% name %>", line: 1, column: 1,
            "changing delimiters ({{=<% %>=}}) is not supported; use {{ }}")
        expect(
            "a\n  b {{= | | =}}", line: 2, column: 5, "changing delimiters ({{= | | =}}) is not supported; use {{ }}")
        // Even where it only sets the same delimiters again.
        expect("{{={{ }}=}}", line: 1, column: 1, "changing delimiters ({{={{ }}) is not supported; use {{ }}")
    }

    @Test func transformsAndMethodCallsAreNotSupported() {
        expect(
            "<h1>{{uppercase(name)}}</h1>", line: 1, column: 5,
            "transforms such as uppercase(name) are not supported; give the view model the value to show")
        expect(
            "{{#rows}}\n{{#reversed(list)}}{{.}}{{/reversed(list)}}\n{{/rows}}", line: 2, column: 1,
            "transforms such as reversed(list) are not supported; give the view model the value to show")
        expect(
            "{{^empty(list)}}none{{/empty(list)}}", line: 1, column: 1,
            "transforms such as empty(list) are not supported; give the view model the value to show")
        expect(
            "{{{lowercase(title)}}}", line: 1, column: 1,
            "transforms such as lowercase(title) are not supported; give the view model the value to show")
        expect(
            "{{#list}}{{#first()}}first{{/first()}}{{/list}}", line: 1, column: 10,
            "transforms such as first() are not supported; give the view model the value to show")
        expect(
            "{{$title(x)}}t{{/title(x)}}", line: 1, column: 1,
            "transforms such as title(x) are not supported; give the view model the value to show")
    }

    @Test func pragmasAndDynamicNamesAreNotSupported() {
        expect(
            "{{%CONTENT_TYPE:TEXT}}\n{{x}}", line: 1, column: 1,
            "pragmas such as {{%CONTENT_TYPE:TEXT}} are not supported; remove it (pages are HTML)")
        expect(
            "a {{>*name}}", line: 1, column: 3, "dynamic names such as {{>*name}} are not supported; name the partial")
        expect(
            "{{<*layout}}{{/*layout}}", line: 1, column: 1,
            "dynamic names such as {{<*layout}} are not supported; name the partial")
    }

    @Test func aParentHoldsOnlyBlocks() {
        expect(
            "{{<layout}}\n  {{title}}\n{{/layout}}", line: 2, column: 3,
            """
            '{{title}}' cannot be inside '{{<layout}}': a parent holds only blocks ({{$name}}…{{/name}}), the rest is \
            ignored
            """
        )
        expect(
            "{{<layout}}{{#a}}{{$b}}x{{/b}}{{/a}}{{/layout}}", line: 1, column: 12,
            """
            '{{#a}}' cannot be inside '{{<layout}}': a parent holds only blocks ({{$name}}…{{/name}}), the rest is \
            ignored
            """
        )
        expect(
            "{{<layout}}{{>p}}{{/layout}}", line: 1, column: 12,
            """
            '{{>p}}' cannot be inside '{{<layout}}': a parent holds only blocks ({{$name}}…{{/name}}), the rest is \
            ignored
            """
        )
        // Text and comments are allowed (and ignored), and anything inside a block.
        #expect(throws: Never.self) {
            try CompiledTemplate.compile("{{<layout}} text {{! c }}{{$b}}{{#a}}{{x}}{{/a}}{{/b}}{{/layout}}")
        }
    }

    @Test func columnsCountUnicodeScalarsAndLinesEndWithNewlines() {
        // "é" is two bytes, one scalar; "👍" four bytes, one scalar; "e\u{301}" two scalars.
        expect("é👍e\u{301} {{#a}}", line: 1, column: 6, "'{{#a}}' is never closed: it needs '{{/a}}'")
        expect("a\r\nb\r\n\t{{/x}}", line: 3, column: 2, "'{{/x}}' closes nothing: no section is open")
        // A lone carriage return does not start a line.
        expect("a\rb {{/x}}", line: 1, column: 5, "'{{/x}}' closes nothing: no section is open")
    }

    @Test func theFirstErrorIsReported() {
        expect(
            "{{=<% %>=}}\n{{#a}}\n{{uppercase(x)}}", line: 1, column: 1,
            "changing delimiters ({{=<% %>=}}) is not supported; use {{ }}")
    }

    @Test func longTagsAreShortenedInMessages() {
        let long = String(repeating: "x", count: 60)
        expect(
            "{{\(long) y}}", line: 1, column: 1,
            """
            '{{\(String(repeating: "x", count: 38))…' is not a valid tag: a name is made of letters, digits and . _ - \
            ? * (no spaces), as in {{name}} or {{#rows}}
            """
        )
    }

    @Test func validTemplatesCompile() throws {
        for text in [
            "", "plain", "{{a}}{{{b}}}{{&c}}{{.}}{{a.b.c}}{{.a}}", "{{#a}}{{/a}}{{^b}}{{/b}}", "{{! {{not a tag}} }}",
            "{{>partials/claim-row}}", "{{<layout}}{{$content}}{{/content}}{{/layout}}",
            "{{<partials/x}}{{/partials/x}}",
            "{{# a }}{{/ a }}", "{{#a}}\n{{/a}}\r\n", "{ {a} }", "}}", "{{a\u{A0}}}", "{{#a-b_c?*}}{{/a-b_c?*}}",
        ] {
            _ = try CompiledTemplate.compile(text)
        }
    }

    @Test func templateSetReportsTheErrorWithTheTemplatesFile() {
        let set = TemplateSet.load(overrides: ["home.mustache": Data("<h1>{{title}}</h1>\n{{#rows}}\n".utf8)])
        let (_, problems) = set.compiled()
        #expect(problems.count == 1)
        #expect(
            problems.first?.location == ClaimModel.SourceLocation(file: "Templates/home.mustache", line: 2, column: 1))
        #expect(problems.first?.message == "template 'home': '{{#rows}}' is never closed: it needs '{{/rows}}'")
    }
}
