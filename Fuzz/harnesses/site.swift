import ClaimModel
import ClaimRules

// libFuzzer harness: a small site whose engagement, claims, eligibility, customers and settings
// come from the input (FuzzTargets.site), loaded, reference-checked and evaluated by the rules
// as `claimsite check` does (scripts/fuzz.sh builds it; README, Fuzzing).
@testable import ClaimLoad

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let loaded = SiteLoader.load(.memory(FuzzTargets.site(text)))
    _ = ReferenceChecks.run(loaded.model)
    let asOf = loaded.model.settings?.asOf ?? Day(ordinal: 20_786)
    _ = Evaluator.evaluate(loaded.model, asOf: asOf)
    return 0
}
