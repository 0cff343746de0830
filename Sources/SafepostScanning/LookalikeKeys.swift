/// Symbols and digits drawn like letters, as the name and setting readers read a disguised word
/// ("O11y", "Is!a", "$tonham", "St0nh@m").

/// `1`, `|` and `!`: each drawn like an l or an i.
func isLOrI(_ c: UInt8) -> Bool {
    c == UInt8(ascii: "1") || c == UInt8(ascii: "|") || c == UInt8(ascii: "!")
}

/// Appends to `key` the letters `bytes[start..<end]` are drawn as: the a-th `1`, `|` or `!` an i
/// when bit a of `choice` is set, else an l; `$` an s, `@` an a, the other digits as leetspeak
/// reads them, letters as they are.
func appendLookalikeKey(_ bytes: [UInt8], _ start: Int, _ end: Int, choice: Int, to key: inout [UInt8]) {
    var a = 0
    for j in start..<end {
        let c = bytes[j]
        if isLOrI(c) {
            key.append(choice >> a & 1 == 0 ? UInt8(ascii: "l") : UInt8(ascii: "i"))
            a += 1
        } else {
            key.append(c == UInt8(ascii: "$") ? UInt8(ascii: "s") : c == UInt8(ascii: "@") ? UInt8(ascii: "a") : leetLetter(c))
        }
    }
}
