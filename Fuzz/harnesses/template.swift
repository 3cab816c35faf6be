// libFuzzer harness: a template's tags scanned, the template compiled by the Mustache engine's
// parser and rendered (TemplateFuzzTarget; scripts/fuzz.sh builds it with
// Sources/TypedMustache/ and Sources/ClaimSiteTesting/Fuzz/; README, Fuzzing).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    TemplateFuzzTarget.run(String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self))
    return 0
}
