// libFuzzer harness: the JSON reader, then every data decoder and the parse cache's codec
// on what it read (scripts/fuzz.sh builds it; README, Fuzzing).
@testable import ClaimLoad

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    FuzzTargets.json(text)
    return 0
}
