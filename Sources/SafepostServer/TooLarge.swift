import SafepostWire

/// The one wording of every `too-large` answer (`/v1/check`, `/v1/check/batch`, `/v1/mail`;
/// a `Content-Length` known from the head or a body that grows past the limit): what was too
/// large, its size when known, the limit in bytes, and the setting that raises it.
///
///     request body is 5000000 bytes; the limit is 1048576 bytes (max-body raises it)
///     request body is more than 1048576 bytes; the limit is 1048576 bytes (max-body raises it)
///     line 7: batch line is more than 1048576 bytes; the limit is 1048576 bytes (max-body raises it)
enum TooLarge {
    /// The configuration key (and `--max-body` flag) behind every limit the daemon enforces:
    /// ``ServerContext/maxBody``, and ``ServerContext/maxMail`` once set above 10 MiB.
    static let setting = "max-body"

    /// `<what> is <size> bytes; the limit is <limit> bytes (max-body raises it)`; a `size` of nil
    /// (a body or line that grew past the limit and was not read further) reads `more than <limit>`.
    static func message(_ what: String, size: Int?, limit: Int) -> String {
        WireError.tooLargeMessage(what, size: size, limit: limit, raisedBy: setting)
    }
}
