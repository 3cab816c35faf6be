// libFuzzer harness: Markdown to HTML through libcmark, as pages and engagements are rendered
// (scripts/fuzz.sh builds it with Sources/ClaimRender/Markdown/; README, Fuzzing).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    _ = Markdown.html(text)
    return 0
}
