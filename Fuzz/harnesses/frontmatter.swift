// libFuzzer harness: a Markdown file's front matter split off, read as YAML and decoded as an
// engagement and as a page (scripts/fuzz.sh builds it; README, Fuzzing).
@testable import ClaimLoad

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    FuzzTargets.frontMatter(text)
    return 0
}
