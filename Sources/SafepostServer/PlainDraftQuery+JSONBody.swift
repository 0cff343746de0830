import SafepostWire

/// A JSON request names its own id and author, so the query parameters of a plain-text draft
/// (`?role=parent`) would be ignored with it, and the draft screened with the staff rules without
/// its client knowing. Such a request is refused (400), naming the parameters.
extension PlainDraftQuery {
    /// The parameters of ``names`` that `query` gives, in its order, each once. Read leniently:
    /// a key that is not UTF-8 once decoded names none of them.
    static func parameterNames(in query: Substring) -> [String] {
        var found: [String] = []
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let key = pair.prefix { $0 != "=" }
            guard let name = try? QueryString.decode(key), names.contains(name), !found.contains(name) else { continue }
            found.append(name)
        }
        return found
    }

    /// The `invalid-field` error for `parameters` sent with a JSON request to `/v1/check`, or with
    /// a batch (whose lines are JSON requests): it says where in the JSON each one goes instead.
    static func unreadWithJSON(_ parameters: [String], batch: Bool) -> WireError {
        let one = parameters.count == 1
        let named = parameters.map { "\"\($0)\"" }.joined(separator: ", ")
        var fields: [String] = []
        if parameters.contains("id") { fields.append("\"id\": …") }
        let author = [("author", "name"), ("role", "role")].filter { parameters.contains($0.0) }.map { "\"\($0.1)\": …" }
        if !author.isEmpty { fields.append("\"author\": {\(author.joined(separator: ", "))}") }
        let subject = one ? "query parameter \(named) is" : "query parameters \(named) are"
        let place = batch ? "a text/plain draft to /v1/check: put \(one ? "it" : "them") in each JSON line of the batch"
                          : "a text/plain draft: put \(one ? "it" : "them") in the JSON body"
        return WireError(
            code: WireError.invalidFieldCode,
            message: "\(subject) read only with \(place) instead (\(fields.joined(separator: ", ")))")
    }
}
