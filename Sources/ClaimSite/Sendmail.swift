import Foundation

/// Hands a message to a sendmail-compatible program, as `PROGRAM -t -oi` with the message on
/// standard input (recipients are taken from its headers).
enum Sendmail {
    /// The program's exit status, or -1 when it could not be started.
    static func send(_ message: Data, with program: String) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = ["-t", "-oi"]
        let input = Pipe()
        process.standardInput = input
        // A program that exits without reading must not kill us with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        do { try process.run() } catch { return -1 }
        try? input.fileHandleForWriting.write(contentsOf: message)
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
