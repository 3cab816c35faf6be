@testable import ClaimSample

/// The random numbers of the property tests here: the sample site's SplitMix64.
typealias Dice = SplitMix
