import Foundation

/// Writes a build's files into the output folder as a whole: everything goes into a staging
/// folder beside the output, which replaces the output only when all was written. A failed
/// build leaves the previous output as it was. ClaimSite marks the folders it makes and
/// refuses to replace a non-empty folder without its mark (unless it lies directly in a marked
/// output folder, like `Output/email`), so `--output ~` deletes nothing.
public struct OutputWriter {
    /// The name of the marker file in every output folder ClaimSite makes.
    public static let marker = ".claimsite-output"

    /// Why the output could not be written.
    public struct Failure: Error, CustomStringConvertible {
        /// What went wrong and what to do.
        public var description: String
    }

    /// The output folder.
    public let output: URL

    /// A writer for `output`.
    public init(output: URL) { self.output = output }

    /// Replaces the output folder with exactly `files` (relative path → bytes).
    public func write(_ files: [String: Data]) throws {
        let manager = FileManager.default
        let parent = output.deletingLastPathComponent()
        let name = output.lastPathComponent
        var isDir: ObjCBool = false
        let exists = manager.fileExists(atPath: output.path, isDirectory: &isDir)
        if exists {
            guard isDir.boolValue else {
                throw Failure(description: "the output '\(output.path)' is a file, not a folder; choose another --output")
            }
            let contents = try manager.contentsOfDirectory(atPath: output.path)
            let insideOutput = manager.fileExists(atPath: parent.appendingPathComponent(OutputWriter.marker).path)
            if !contents.isEmpty && !contents.contains(OutputWriter.marker) && !insideOutput {
                throw Failure(description: "the output folder '\(output.path)' is not empty and was not made by ClaimSite; refusing to replace it — choose an empty or new folder with --output")
            }
        }
        try manager.createDirectory(at: parent, withIntermediateDirectories: true)
        let token = UUID().uuidString.prefix(8)
        let staging = parent.appendingPathComponent(".\(name).staging-\(token)")
        let old = parent.appendingPathComponent(".\(name).old-\(token)")
        do {
            try manager.createDirectory(at: staging, withIntermediateDirectories: false)
            try Data("This folder is made by claimsite build; it is replaced whole on every build.\n".utf8)
                .write(to: staging.appendingPathComponent(OutputWriter.marker))
            for path in files.keys.sorted() {
                let url = staging.appendingPathComponent(path)
                try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try files[path]!.write(to: url)
            }
            if exists { try manager.moveItem(at: output, to: old) }
            do {
                try manager.moveItem(at: staging, to: output)
            } catch {
                if exists { try? manager.moveItem(at: old, to: output) }
                throw error
            }
            if exists { try? manager.removeItem(at: old) }
        } catch let failure as Failure {
            try? manager.removeItem(at: staging)
            throw failure
        } catch {
            try? manager.removeItem(at: staging)
            throw Failure(description: "could not write the output to '\(output.path)': \(error.localizedDescription); the previous output is unchanged")
        }
    }
}
