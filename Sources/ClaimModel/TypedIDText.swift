import Foundation

extension TypedID {
    /// Reads `TYPE:VALUE` (`domain:fabrikam.de`), as `activeClaimsElsewhere` keys and
    /// `claimsite nominate --id` write it. The value is everything after the first `:`, with
    /// surrounding spaces removed; the error says what is wrong and lists the types.
    public static func parse(_ text: String) -> Result<TypedID, TypedIDProblem> {
        guard let colon = text.firstIndex(of: ":") else {
            return .failure(
                TypedIDProblem(
                    message:
                        """
                        '\(text)' is not TYPE:VALUE; write for example domain:fabrikam.de (types: \
                        \(TypedIDProblem.types))
                        """
                ))
        }
        let typeName = text[..<colon].trimmingCharacters(in: .whitespaces)
        let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        return make(type: typeName, value: value)
    }

    /// An ID from a type name and a value, checked as `parse` checks them.
    public static func make(type typeName: String, value: String) -> Result<TypedID, TypedIDProblem> {
        guard let type = CustomerIDType(rawValue: typeName) else {
            let known = CustomerIDType.allCases.map(\.rawValue)
            return .failure(
                TypedIDProblem(
                    message:
                        """
                        unknown ID type '\(typeName)'\(Suggestion.didYouMean(typeName, in: known)); use one of \
                        \(TypedIDProblem.types)
                        """
                ))
        }
        guard !value.isEmpty else {
            return .failure(
                TypedIDProblem(
                    message: "the \(type.rawValue) has no value; write it after the type, as \(type.rawValue):VALUE"))
        }
        return .success(TypedID(type: type, value: value))
    }
}

/// Why a `TYPE:VALUE` could not be read.
public struct TypedIDProblem: Error, Hashable, Sendable {
    /// What is wrong and how to write it.
    public var message: String
    /// The valid types, comma-separated.
    public static var types: String { CustomerIDType.allCases.map(\.rawValue).joined(separator: ", ") }
}
