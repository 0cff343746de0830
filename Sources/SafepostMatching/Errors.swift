import CPCRE2

/// A pattern that PCRE2 refused to compile.
///
/// Carries PCRE2's own message and the byte offset into the pattern's UTF-8 at which
/// compilation failed, so rule loaders can point at the exact spot (`file:line:column`).
public struct PatternError: Error, Sendable, Equatable, CustomStringConvertible {
    /// PCRE2's message, for example "missing closing parenthesis".
    public let message: String
    /// Byte offset into the pattern's UTF-8 where PCRE2 stopped.
    public let offset: Int

    public init(message: String, offset: Int) {
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(message) at offset \(offset)" }
}

/// An engine failure during matching that is *not* "no match".
///
/// Examples: match limit exceeded, heap limit exceeded, JIT stack exhausted, bad offset.
/// A scan that meets one of these has no verdict for that pattern: never treat it as clean.
public struct MatchError: Error, Sendable, Equatable, CustomStringConvertible {
    /// PCRE2's negative error code (for example `PCRE2_ERROR_MATCHLIMIT`, -47).
    public let code: Int32
    /// PCRE2's message for `code`.
    public let message: String

    public init(code: Int32) {
        self.code = code
        self.message = pcre2ErrorMessage(code)
    }

    public var description: String { "PCRE2 error \(code): \(message)" }

    /// Whether this error means a resource limit was hit (match, depth, heap or JIT stack):
    /// the pattern is too expensive for the subject rather than misused.
    public var isResourceLimit: Bool {
        code == PCRE2_ERROR_MATCHLIMIT || code == PCRE2_ERROR_DEPTHLIMIT
            || code == PCRE2_ERROR_HEAPLIMIT || code == PCRE2_ERROR_JIT_STACKLIMIT
            || code == PCRE2_ERROR_NOMEMORY
    }
}

/// PCRE2's text for an error code (compile or match); falls back to the number.
func pcre2ErrorMessage(_ code: Int32) -> String {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 256) { buffer in
        let length = pcre2_get_error_message_8(code, buffer.baseAddress, buffer.count)
        guard length >= 0 else { return "unknown PCRE2 error \(code)" }
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<Int(length)]), as: UTF8.self)
    }
}
