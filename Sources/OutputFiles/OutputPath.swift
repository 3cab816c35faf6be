/// Paths relative to an output folder that a build reads from a file it did not just make (the
/// output's manifest, the piece cache's records).
public enum OutputPath {
    /// Whether `path` names a place inside the folder it is relative to: not absolute, and no
    /// part empty, `.` or `..` (a file that was changed by hand must lead nowhere else).
    public static func staysInside(_ path: String) -> Bool {
        !path.hasPrefix("/")
            && !path.split(separator: "/", omittingEmptySubsequences: false).contains {
                $0.isEmpty || $0 == "." || $0 == ".."
            }
    }
}
