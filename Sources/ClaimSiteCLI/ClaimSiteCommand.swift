import ArgumentParser
import ClaimModel
import ClaimRules
import ClaimSample
import ClaimSite
import Foundation
import Synchronization

/// `claimsite`: a static site generator for Microsoft Commerce Incentives claims.
@main
struct ClaimSiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claimsite",
        abstract: "Build a read-only portal of MCI claims from a partner's claim data and Markdown.",
        discussion: """
            Reads SITE/Content (site.yaml, engagements, data/*.yaml, data/claims/*.yaml, pages) and \
            judges every claim as Partner Center's Customers page for MCI engagements would, as of \
            one day. Problems are printed as FILE:LINE:COLUMN: error: MESSAGE.
            Exit status: 0 success, 1 errors in the input, 64 bad command line.
            """,
        subcommands: [Build.self, Check.self, Explain.self, Nominate.self, Email.self, Sample.self])
}

/// Options shared by every command.
struct SiteArguments: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The site folder, holding Content/.", valueName: "dir"))
    var site: String = "."

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Judge deadlines as of this day (default: site.yaml asOf, then SOURCE_DATE_EPOCH, then today in UTC).",
            valueName: "yyyy-mm-dd"),
        transform: SiteArguments.parseDay)
    var asOf: Day?

    @Flag(name: .long, help: "Neither read nor write the parse cache (SITE/.claimsite-cache): parse every input file.")
    var noCache = false

    static func parseDay(_ text: String) throws -> Day {
        switch Day.parse(text) {
        case .success(let day): return day
        case .failure(let problem): throw ValidationError(problem.message(for: text))
        }
    }

    var options: SiteOptions {
        SiteOptions(
            site: URL(fileURLWithPath: site, isDirectory: true).standardizedFileURL, asOf: asOf,
            cache: noCache ? .off : .readWrite)
    }
}

/// `--language`, for the commands that write words for people: build, email, explain.
struct LanguageArgument: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            """
            The language of the pages, the emails and explain: \(Language.offered) (default: site.yaml language, \
            else en).
            """,
            valueName: "language"),
        transform: LanguageArgument.parseLanguage)
    var language: Language?

    static func parseLanguage(_ text: String) throws -> Language {
        guard let language = Language(rawValue: text) else {
            throw ValidationError(
                """
                unknown language '\(text)'\(Suggestion.didYouMean(text, in: Language.allCases.map(\.rawValue))); \
                the languages offered are \(Language.offered)
                """
            )
        }
        return language
    }

    /// `options` with this language, when one was given.
    func applied(to options: SiteOptions) -> SiteOptions {
        var options = options
        options.language = language
        return options
    }
}

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load and validate the site; print every problem; write nothing.",
        discussion: "Exits 0 when the site is clean or has warnings only, 1 when it has errors.")

    @OptionGroup var arguments: SiteArguments

    @Option(
        name: .long,
        help: ArgumentHelp(
            "How to print the diagnostics: text (on standard error) or json (one array on standard output).",
            valueName: "format"))
    var format: Commands.DiagnosticFormat = .text

    func run() throws {
        let status = Commands.check(
            arguments.options, format: format,
            output: { FileHandle.standardOutput.write(Data($0.utf8)) },
            errors: { FileHandle.standardError.write(Data($0.utf8)) })
        if status != 0 { throw ExitCode(status) }
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate the site and build the output folder (report.json).",
        discussion: """
            Nothing is written when the site has errors. The output folder is replaced whole; \
            a folder that ClaimSite did not make is never replaced.
            With --watch, builds once, then watches SITE/Content and SITE/Templates (polling about \
            every 0.3 s; hidden files and editor temporaries ending in ~, .swp or .tmp are ignored) \
            and rebuilds after each change, printing what changed and how long the rebuild took. \
            A failed rebuild prints its errors and leaves the last good output as it was. \
            Ctrl-C (SIGINT) or SIGTERM stops watching once a build in progress has finished; \
            the exit status is then 0.
            """)

    @OptionGroup var arguments: SiteArguments

    @OptionGroup var language: LanguageArgument

    @Option(name: .long, help: ArgumentHelp("Where to write the output (default: SITE/Output).", valueName: "dir"))
    var output: String?

    @Option(
        name: .long, parsing: .singleValue,
        help: ArgumentHelp(
            """
            The readers' roles, comma-separated or repeated: incentivesAdmin, incentivesUser, referralsAdmin, \
            viewer (default: site.yaml audience, else incentivesUser).
            """,
            valueName: "roles"))
    var audience: [String] = []

    @Flag(name: .long, help: "Print the time each stage took.")
    var profile = false

    @Flag(name: .long, help: "Build even when no input changed since the last build.")
    var force = false

    @Flag(name: .long, help: "No progress display (it is shown only on a terminal anyway).")
    var quiet = false

    @Flag(
        name: .long,
        help: "After building, watch SITE/Content and SITE/Templates and rebuild on every change, until Ctrl-C.")
    var watch = false

    func validate() throws { _ = try roles() }

    func roles() throws -> [AudienceRole]? { try parseAudience(audience) }

    func run() throws {
        let target = output.map { URL(fileURLWithPath: $0, isDirectory: true).standardizedFileURL }
        let errors: (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
        let status: Int32
        if watch {
            let stop = StopOnSignals([SIGINT, SIGTERM])
            status = Commands.watch(
                language.applied(to: arguments.options), output: target, audience: try roles(), profile: profile,
                force: force,
                quiet: quiet, shouldStop: { stop.requested }, errors: errors)
        } else {
            // One build, then the process exits: its model and evaluation are left to the end of
            // the process, not freed (a deliberate leak of the one result).
            status = Commands.build(
                language.applied(to: arguments.options), output: target, audience: try roles(), profile: profile,
                force: force,
                quiet: quiet, outlive: { _ = Unmanaged.passRetained(Box($0)) }, errors: errors)
        }
        if profile { errors("claimsite: memory allocator: \(Allocator.description)\n") }
        if status != 0 { throw ExitCode(status) }
    }
}

/// A stop request for `build --watch`: SIGINT and SIGTERM no longer end the process at once
/// (their default action is ignored); a `DispatchSourceSignal` for each sets a flag that the
/// watch loop checks between polls and builds, so a build in progress finishes (docs/output.md,
/// Watching).
final class StopOnSignals: @unchecked Sendable {
    private let flag = Atomic<Bool>(false)
    private var sources: [any DispatchSourceSignal] = []

    init(_ signals: [Int32]) {
        for number in signals {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { self.flag.store(true, ordering: .sequentiallyConsistent) }
            source.resume()
            sources.append(source)
        }
    }

    /// Whether a signal asked to stop.
    var requested: Bool { flag.load(ordering: .sequentiallyConsistent) }
}

extension Commands.DiagnosticFormat: ExpressibleByArgument {}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Explain how a claim's status, deadlines, action and tab were derived.",
        discussion:
            """
            Replays the claim's events step by step with the timed changes, and says why its customer is or is \
            not eligible in the claim's engagement.
            """
    )

    @Argument(help: ArgumentHelp("The claim's ID.", valueName: "claim-id"))
    var claimID: String

    @OptionGroup var arguments: SiteArguments

    @OptionGroup var language: LanguageArgument

    @Flag(name: .long, help: "Print the explanation as JSON with sorted keys.")
    var json = false

    func run() throws {
        let status = Commands.explain(
            claimID, options: language.applied(to: arguments.options), json: json,
            output: { FileHandle.standardOutput.write(Data($0.utf8)) },
            errors: { FileHandle.standardError.write(Data($0.utf8)) })
        if status != 0 { throw ExitCode(status) }
    }
}

struct Nominate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            """
            Check a nomination before making it: which engagements an ID qualifies for, where, for what payout, \
            by when.
            """,
        discussion: """
            Applies the add flow's checks to the ID for every engagement (or those named): the ID's type, \
            a domain's tenant through directory.yaml, the eligibility list, the claim limit and the \
            partner's locations; and gives the payout and the deadlines a claim created on --on would get. \
            With --ids FILE.csv (header type,value,emailDomain) it answers a list of prospects, one CSV row \
            (or JSON line with --json) per ID and engagement. An ineligible ID is an answer: exit status 0. \
            Exit status 1 when the site cannot be judged or a prospect row is bad, 64 for a bad command line.
            """)

    @Option(
        name: .long,
        help: ArgumentHelp("The ID to check, as TYPE:VALUE; types: \(TypedIDProblem.types).", valueName: "type:value"),
        transform: Nominate.parseID)
    var id: TypedID?

    @Option(
        name: .long,
        help: ArgumentHelp("A CSV list of prospects with the header type,value,emailDomain.", valueName: "file.csv"))
    var ids: String?

    @OptionGroup var arguments: SiteArguments

    @Option(name: .long, help: ArgumentHelp("Only this engagement (repeatable).", valueName: "id"))
    var engagement: [String] = []

    @Option(name: .long, help: ArgumentHelp("Only this partner location.", valueName: "id"))
    var location: String?

    @Option(name: .long, help: ArgumentHelp("Hours of a variable-pay claim, for its proposed payout.", valueName: "n"))
    var hours: Int?

    @Option(
        name: .long,
        help: ArgumentHelp("The day the claim would be created (default: the as-of day).", valueName: "yyyy-mm-dd"),
        transform: SiteArguments.parseDay)
    var on: Day?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The customer's email domain, to see whether a tenant needs a tenantMismatchReason.", valueName: "domain"))
    var emailDomain: String?

    @Flag(name: .long, help: "Print JSON (one document; JSON lines with --ids).")
    var json = false

    static func parseID(_ text: String) throws -> TypedID {
        switch TypedID.parse(text) {
        case .success(let id): return id
        case .failure(let problem): throw ValidationError(problem.message)
        }
    }

    func validate() throws {
        switch (id, ids) {
        case (nil, nil): throw ValidationError("give --id TYPE:VALUE or --ids FILE.csv")
        case (.some, .some): throw ValidationError("give either --id or --ids, not both")
        default: break
        }
        if let hours, hours < 0 { throw ValidationError("--hours must be 0 or more") }
    }

    func run() throws {
        let out: (String) -> Void = { FileHandle.standardOutput.write(Data($0.utf8)) }
        let errors: (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
        let format: Commands.NominateFormat = json ? .json : .text
        var request = NominationRequest(
            id: id ?? TypedID(type: .domain, value: ""), emailDomain: emailDomain, hours: hours, on: on,
            engagements: engagement.isEmpty ? nil : engagement, location: location)
        let status: Int32
        if let ids {
            request.emailDomain = emailDomain
            status = Commands.nominate(
                prospects: URL(fileURLWithPath: ids), displayPath: ids, template: request,
                options: arguments.options, format: format, output: out, errors: errors)
        } else {
            status = Commands.nominate(request, options: arguments.options, format: format, output: out, errors: errors)
        }
        if status != 0 { throw ExitCode(status) }
    }
}

/// Audience roles from `--audience` values (comma-separated or repeated); `nil` when none given.
func parseAudience(_ values: [String]) throws -> [AudienceRole]? {
    let names = values.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
    guard !names.isEmpty else { return nil }
    return try names.map { name in
        guard let role = AudienceRole(rawValue: name) else {
            let known = AudienceRole.allCases.map(\.rawValue)
            throw ValidationError(
                """
                unknown audience role '\(name)'\(Suggestion.didYouMean(name, in: known)); use \
                \(known.joined(separator: ", "))
                """
            )
        }
        return role
    }
}

struct Email: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write only the email summaries (summary.eml/.txt/.html, users/ADDRESS.eml).",
        discussion: """
            Writes into OUTPUT/email (replacing that folder whole). With --sendmail, each message \
            is piped to 'PATH -t -oi' and the command reports which were handed over.
            """)

    @OptionGroup var arguments: SiteArguments

    @OptionGroup var language: LanguageArgument

    @Option(
        name: .long, help: ArgumentHelp("Where to write the emails (default: SITE/Output/email).", valueName: "dir"))
    var output: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Send the summary to this address instead of site.yaml email.to (repeatable).", valueName: "address"))
    var to: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp("Pipe each message to this sendmail-compatible program as 'PATH -t -oi'.", valueName: "path")
    )
    var sendmail: String?

    @Option(
        name: .long, parsing: .singleValue,
        help: ArgumentHelp("The readers' roles (as for build).", valueName: "roles"))
    var audience: [String] = []

    func validate() throws {
        _ = try parseAudience(audience)
        for address in to where !address.contains("@") {
            throw ValidationError("--to '\(address)' is not an email address")
        }
    }

    func run() throws {
        let status = Commands.email(
            language.applied(to: arguments.options),
            output: output.map { URL(fileURLWithPath: $0, isDirectory: true).standardizedFileURL },
            audience: try parseAudience(audience), recipients: to.isEmpty ? nil : to,
            sendmail: sendmail,
            out: { FileHandle.standardOutput.write(Data($0.utf8)) },
            errors: { FileHandle.standardError.write(Data($0.utf8)) })
        if status != 0 { throw ExitCode(status) }
    }
}

struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a deterministic synthetic site (for benchmarks and tests).",
        discussion: "The same options and seed always give the same files. DIR must be new or empty.")

    enum Format: String, ExpressibleByArgument { case json, yaml }

    @Option(help: "Number of claims.") var claims: Int = 10_000
    @Option(help: "Number of engagements.") var engagements: Int = 200
    @Option(help: "Number of customers.") var customers: Int = 2_000
    @Option(help: "Data file format: json or yaml.") var format: Format = .json
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Argument(help: ArgumentHelp("The folder to write the site into.", valueName: "dir")) var dir: String

    func validate() throws {
        guard claims >= 0, engagements >= 1, customers >= 1 else {
            throw ValidationError("--claims must be at least 0, --engagements and --customers at least 1")
        }
    }

    func run() throws {
        var site = SampleSite(
            SampleSite.Options(
                claims: claims, engagements: engagements, customers: customers,
                json: format == .json, seed: seed))
        do {
            try site.write(to: URL(fileURLWithPath: dir, isDirectory: true))
        } catch {
            FileHandle.standardError.write(Data("claimsite: error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}

/// A value kept alive by reference (`Unmanaged` keeps objects only).
private final class Box<Value> {
    let value: Value
    init(_ value: Value) { self.value = value }
}
