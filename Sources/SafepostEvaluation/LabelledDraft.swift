import SafepostModel

/// One corpus line: a request and the categories a correct screening reports for it.
public struct LabelledDraft: Sendable, Equatable {
    public var request: ScreeningRequest
    /// Categories that must be reported; empty means the draft must be allowed.
    public var expect: Set<Category>
    /// Categories a reviewer would also accept.
    public var may: Set<Category>
    /// The reason for the labels, in a few words.
    public var note: String
    /// The 1-based line number in the corpus file.
    public var line: Int

    public init(request: ScreeningRequest, expect: Set<Category>, may: Set<Category> = [], note: String = "", line: Int) {
        self.request = request
        self.expect = expect
        self.may = may
        self.note = note
        self.line = line
    }

    /// Expected to be flagged (a verdict other than allow).
    public var isPositive: Bool { !expect.isEmpty }

    /// Neither must be flagged nor must be allowed: nothing expected, something acceptable.
    /// Neutral lines are left out of the flagged/allowed counts.
    public var isNeutral: Bool { expect.isEmpty && !may.isEmpty }
}

/// A corpus line that could not be used, with where and why.
public struct CorpusError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file name or other label the corpus was read from.
    public var source: String
    /// The 1-based line number.
    public var line: Int
    public var message: String

    public init(source: String, line: Int, message: String) {
        self.source = source
        self.line = line
        self.message = message
    }

    /// `source:line: message`, the form editors and terminals link to.
    public var description: String { "\(source):\(line): \(message)" }
}
