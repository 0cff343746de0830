import SafepostModel

extension Scan {
    /// A draft with a control character that shows as nothing (NUL, U+0001…; see
    /// `isHiddenControl`) is read twice: as loaded, where such a character parts two words
    /// ("Olly\u{0}was"), and again without it, as a zero-width character is read
    /// ("Whitl\u{0}ock"), since a reader may see either. The findings of both count.
    mutating func screenAgainWithoutHiddenControls(_ request: ScreeningRequest, firstReading: [Finding], role: Role,
                                                   hasImage: Bool, now: Timestamp) throws(ScanError) -> ScreeningResult {
        let textOffset = loadText(request, droppingControls: true)
        tokenizer.tokenize(text, rules: rules)
        raw.clear()
        try scanTokenizedText(request, role: role, hasImage: hasImage, now: now)
        return result(request, firstReading + mappedFindings(request, textOffset: textOffset))
    }
}
