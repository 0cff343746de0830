import NIOCore

/// Splits a streamed body into lines without holding more than one line.
///
/// Body parts arrive with lines cut anywhere; the unfinished end of a part is carried (copied) until
/// its newline arrives, while whole lines inside a part are handed out in place, without copying.
/// A line longer than `maxLine` bytes is reported once as ``Item/tooLong(number:size:)`` as soon as that
/// is known, and its remaining bytes are skipped up to the next newline, so a runaway line costs at
/// most `maxLine` bytes of memory. Line numbers count every line, blank ones included, from 1.
/// A trailing `\r` is removed (CRLF input).
struct LineFramer {
    enum Item {
        /// A complete line; `bytes` is valid only during the callback.
        case line(number: Int, bytes: UnsafeRawBufferPointer)
        /// The line numbered `number` is over the limit; its content is skipped. `size` is its
        /// length when the whole line had arrived, nil when it outgrew the limit still unfinished.
        case tooLong(number: Int, size: Int?)
    }

    let maxLine: Int
    private(set) var lineNumber = 0
    private var carry: [UInt8] = []
    private var skipping = false

    init(maxLine: Int) {
        self.maxLine = maxLine
    }

    /// Hands out every line completed in `buffer`, moving its reader index past each line as it is
    /// handed out. `handle` returns false to stop after the current line (the rest stays in `buffer`
    /// for the next call); then this returns false too.
    mutating func consume(_ buffer: inout ByteBuffer, _ handle: (Item) -> Bool) -> Bool {
        while buffer.readableBytes > 0 {
            let newline = buffer.withUnsafeReadableBytes { $0.firstIndex(of: 0x0A) }
            guard let newline else {
                absorbPartial(&buffer, handle)
                return true
            }
            let keepGoing: Bool
            if skipping {
                skipping = false
                keepGoing = true
            } else if carry.isEmpty {
                lineNumber += 1
                let number = lineNumber
                keepGoing = buffer.withUnsafeReadableBytes { raw in
                    LineFramer.emit(number, UnsafeRawBufferPointer(rebasing: raw[..<newline]), maxLine: maxLine, handle)
                }
            } else {
                lineNumber += 1
                buffer.withUnsafeReadableBytes { raw in carry.append(contentsOf: raw[..<newline]) }
                let number = lineNumber
                let limit = maxLine
                keepGoing = takeCarry { LineFramer.emit(number, $0, maxLine: limit, handle) }
            }
            buffer.moveReaderIndex(forwardBy: newline + 1)
            if !keepGoing { return false }
        }
        return true
    }

    /// Hands out the last line when the body did not end with a newline.
    mutating func finish(_ handle: (Item) -> Bool) {
        guard !carry.isEmpty, !skipping else { return }
        lineNumber += 1
        let number = lineNumber
        let limit = maxLine
        _ = takeCarry { LineFramer.emit(number, $0, maxLine: limit, handle) }
    }

    /// Keeps the unfinished tail of a part, or reports it too long and starts skipping.
    private mutating func absorbPartial(_ buffer: inout ByteBuffer, _ handle: (Item) -> Bool) {
        let count = buffer.readableBytes
        defer { buffer.moveReaderIndex(forwardBy: count) }
        if skipping { return }
        if carry.count + count > maxLine {
            lineNumber += 1
            releaseCarry()
            skipping = true
            _ = handle(.tooLong(number: lineNumber, size: nil))
            return
        }
        buffer.withUnsafeReadableBytes { carry.append(contentsOf: $0) }
    }

    private static func emit(_ number: Int, _ bytes: UnsafeRawBufferPointer, maxLine: Int, _ handle: (Item) -> Bool) -> Bool {
        var line = bytes
        if line.last == 0x0D { line = UnsafeRawBufferPointer(rebasing: line.dropLast()) }
        if line.count > maxLine { return handle(.tooLong(number: number, size: line.count)) }
        return handle(.line(number: number, bytes: line))
    }

    /// Runs `body` over the carried line, then empties the carry (dropping a large allocation).
    private mutating func takeCarry(_ body: (UnsafeRawBufferPointer) -> Bool) -> Bool {
        let result = carry.withUnsafeBytes(body)
        releaseCarry()
        return result
    }

    private mutating func releaseCarry() {
        if carry.capacity > 64 * 1024 { carry = [] } else { carry.removeAll(keepingCapacity: true) }
    }
}
