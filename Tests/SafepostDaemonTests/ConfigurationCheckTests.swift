import Foundation
import Testing

/// `safepostd --check-config` and start-up agree on what a configuration may say (docs/daemon.md,
/// "Running"): every problem names its place, an unsafe socket mode is a warning.
@Suite("safepostd configuration checks")
struct ConfigurationCheckTests {
    /// Runs `--check-config` on `text` as the file in a fresh directory, with the shipped Rules, the
    /// record of concern in that directory unless `text` or `extra` names one, and `extra` flags.
    private static func check(_ text: String, _ extra: [String] = []) throws -> (status: Int32, out: String, err: String, file: String, directory: String) {
        try check(bytes: Array(text.utf8), extra)
    }

    /// As ``check(_:_:)``, for a file that need not be UTF-8.
    private static func check(bytes: [UInt8], _ extra: [String] = []) throws -> (status: Int32, out: String, err: String, file: String, directory: String) {
        let directory = try DaemonProcess.makeDirectory()
        let file = directory + "/safepostd.conf"
        let named = String(decoding: bytes, as: UTF8.self).contains("concerns") || extra.contains("--concerns")
        let concerns = named ? "" : "concerns = \(directory)/concerns.jsonl\n"
        try Data(Array(concerns.utf8) + bytes).write(to: URL(fileURLWithPath: file))
        let (status, out, err) = try ServerLifecycleTests.runDaemonCommand(
            ["--check-config", "--config", file, "--rules", DaemonProcess.shippedRules] + extra)
        return (status, out, err, file, directory)
    }

    @Test func anUnbalancedQuoteIsAnErrorNamingFileAndLine() throws {
        let result = try Self.check("concerns = \"/tmp/unused/c.jsonl\"\nsocket = \"unterminated\n")
        defer { try? FileManager.default.removeItem(atPath: result.directory) }
        #expect(result.status == 1)
        #expect(result.err.contains("\(result.file):2: error: socket: unbalanced double quote"), "\(result.err)")
        let trailing = try Self.check("socket = /tmp/x.sock\"\n")
        defer { try? FileManager.default.removeItem(atPath: trailing.directory) }
        #expect(trailing.status == 1 && trailing.err.contains("\(trailing.file):2: error: socket: unbalanced double quote"), "\(trailing.err)")
        let balanced = try Self.check("socket = \"/tmp/x.sock\"\n")
        defer { try? FileManager.default.removeItem(atPath: balanced.directory) }
        #expect(balanced.status == 0 && balanced.out.contains("socket: /tmp/x.sock ("), "\(balanced.err)")
    }

    @Test func aFileWithCRLFLineEndingsOrAByteOrderMarkIsReadLineByLine() throws {
        // Before: a CRLF file was one line, so `socket` swallowed every later setting.
        let crlf = try Self.check("socket = /tmp/x.sock\r\nmax-body = 2048\r\n")
        defer { try? FileManager.default.removeItem(atPath: crlf.directory) }
        #expect(crlf.status == 0, "\(crlf.err)")
        #expect(crlf.out.contains("socket: /tmp/x.sock (mode"), "\(crlf.out)")
        #expect(crlf.out.contains("limits: max-body 2048 bytes"), "\(crlf.out)")
        let mistake = try Self.check("socket = /tmp/x.sock\r\nmax-body = -1\r\n")
        defer { try? FileManager.default.removeItem(atPath: mistake.directory) }
        #expect(mistake.status == 1 && mistake.err.contains("\(mistake.file):3: error: max-body: must be a whole number"), "\(mistake.err)")
        let place = try DaemonProcess.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: place) }
        let bom = try Self.check("\u{FEFF}max-body = 4096\r\n", ["--concerns", place + "/concerns.jsonl"])
        defer { try? FileManager.default.removeItem(atPath: bom.directory) }
        #expect(bom.status == 0 && bom.out.contains("limits: max-body 4096 bytes"), "\(bom.err)")
    }

    @Test func aSocketModeOthersCanWriteIsAcceptedWithAWarning() throws {
        let open = try Self.check("socket-mode = 0777\n")
        defer { try? FileManager.default.removeItem(atPath: open.directory) }
        #expect(open.status == 0, "\(open.err)")
        #expect(open.err.contains("\(open.file):2: warning: socket-mode 0777 lets every local user write to the socket"), "\(open.err)")
        let flag = try Self.check("", ["--socket-mode", "0666"])
        defer { try? FileManager.default.removeItem(atPath: flag.directory) }
        #expect(flag.status == 0 && flag.err.contains("--socket-mode: warning: socket-mode 0666"), "\(flag.err)")
        let closed = try Self.check("", ["--socket-mode", "0664"])
        defer { try? FileManager.default.removeItem(atPath: closed.directory) }
        #expect(closed.status == 0 && !closed.err.contains("socket-mode"), "\(closed.err)")
    }

    @Test func aSocketModeOthersCanWriteIsWarnedOfAtStartUp() throws {
        let daemon = try DaemonProcess(arguments: ["--socket-mode", "0777"])
        #expect(daemon.log.contains("warning"))
        #expect(daemon.log.contains("--socket-mode: warning: socket-mode 0777 lets every local user write"), "\(daemon.log)")
    }

    @Test func theRecordOfConcernsDirectoryIsTriedAsAtStartUp() throws {
        let place = try DaemonProcess.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: place) }
        let missing = place + "/new/deeper/concerns.jsonl"
        let created = try Self.check("", ["--concerns", missing])
        defer { try? FileManager.default.removeItem(atPath: created.directory) }
        #expect(created.status == 0, "\(created.err)")
        #expect(created.out.contains("concerns: \(missing) (writable)"), "\(created.out)")
        var isDirectory: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: place + "/new/deeper", isDirectory: &isDirectory) && isDirectory.boolValue)

        let expected = "cannot create the directory of the record of concern /proc/nope: No such file or directory"
        let refused = try Self.check("concerns = /proc/nope/x\n")
        defer { try? FileManager.default.removeItem(atPath: refused.directory) }
        #expect(refused.status == 1)
        #expect(refused.err.contains(expected), "\(refused.err)")
        let daemon = try DaemonProcess(arguments: ["--concerns", "/proc/nope/x"], wait: false)
        #expect(try daemon.waitForExit() == 1)
        #expect(daemon.log.contains(expected), "start-up says the same: \(daemon.log)")
    }

    @Test func aSocketPathStartUpCannotBindIsAnError() throws {
        let place = try DaemonProcess.makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: place) }
        let file = place + "/not-a-socket"
        try "x".write(toFile: file, atomically: true, encoding: .utf8)
        let occupied = try Self.check("socket = \(file)\n")
        defer { try? FileManager.default.removeItem(atPath: occupied.directory) }
        #expect(occupied.status == 1)
        #expect(occupied.err.contains("\(file): error: \(file) exists and is not a socket; start-up refuses to replace it"), "\(occupied.err)")
        let under = try Self.check("socket = \(file)/d.sock\n")
        defer { try? FileManager.default.removeItem(atPath: under.directory) }
        #expect(under.status == 1 && under.err.contains("error: cannot bind \(file)/d.sock: \(file) is not a directory"), "\(under.err)")
        let deeper = try Self.check("socket = \(file)/new/d.sock\n")
        defer { try? FileManager.default.removeItem(atPath: deeper.directory) }
        #expect(deeper.status == 1 && deeper.err.contains("cannot create the socket's directory \(file)/new: \(file) is not a directory"), "\(deeper.err)")
        // A path start-up can bind passes and leaves nothing behind; a missing directory is not made.
        let fine = try Self.check("socket = \(place)/ok.sock\n")
        defer { try? FileManager.default.removeItem(atPath: fine.directory) }
        #expect(fine.status == 0, "\(fine.err)")
        let later = try Self.check("socket = \(place)/later/ok.sock\n")
        defer { try? FileManager.default.removeItem(atPath: later.directory) }
        #expect(later.status == 0, "\(later.err)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: place) == ["not-a-socket"])
    }

    @Test func timeoutsBelowTheMinimumAreErrorsNamingKeyAndMinimum() throws {
        let header = try Self.check("header-timeout = 1e-9\n")
        defer { try? FileManager.default.removeItem(atPath: header.directory) }
        #expect(header.status == 1)
        #expect(header.err.contains("\(header.file):2: error: header-timeout: must be a number of seconds from 0.01 (the minimum)"), "\(header.err)")
        let idle = try Self.check("", ["--idle-timeout", "0.0001"])
        defer { try? FileManager.default.removeItem(atPath: idle.directory) }
        #expect(idle.status == 1 && idle.err.contains("--idle-timeout: error: must be a number of seconds from 0.01 (the minimum)"), "\(idle.err)")
        let least = try Self.check("", ["--idle-timeout", "0.01", "--header-timeout", "0.01"])
        defer { try? FileManager.default.removeItem(atPath: least.directory) }
        #expect(least.status == 0, "\(least.err)")
    }

    @Test func aFileThatIsNotUTF8IsAnErrorNamingLineAndByte() throws {
        // Before: only "not valid UTF-8", with no line: a Windows-1252 "é" in a path is hard to find.
        let latin1 = try Self.check(bytes: Array("socket = /tmp/x.sock\r\nrules = /srv/caf".utf8) + [0xE9] + Array("/rules\r\n".utf8))
        defer { try? FileManager.default.removeItem(atPath: latin1.directory) }
        #expect(latin1.status == 1)
        let expected = "\(latin1.file):3: error: not valid UTF-8: byte 17 of the line is 0xE9; save the file as UTF-8"
        #expect(latin1.err.contains(expected), "\(latin1.err)")
        // Start-up reads the file the same way, and says the same.
        let (status, _, err) = try ServerLifecycleTests.runDaemonCommand(["--config", latin1.file])
        #expect(status == 1 && err.contains(expected), "\(err)")
        // A sequence cut short by the end of the file is named by its first byte.
        let cut = try Self.check(bytes: Array("log-level = info\n# caf".utf8) + [0xC3])
        defer { try? FileManager.default.removeItem(atPath: cut.directory) }
        #expect(cut.status == 1 && cut.err.contains("\(cut.file):3: error: not valid UTF-8: byte 6 of the line is 0xC3"), "\(cut.err)")
    }

    @Test func maxBodyAndMaxConnectionsOverTheirMaximaAreErrorsNamingKeyValueAndRange() throws {
        // Before: accepted, so a typo let one client make the daemon hold terabytes.
        let body = try Self.check("max-body = 10000000000000\n")
        defer { try? FileManager.default.removeItem(atPath: body.directory) }
        #expect(body.status == 1)
        #expect(body.err.contains("\(body.file):2: error: max-body: must be a whole number from 1 to 1073741824, not \"10000000000000\""), "\(body.err)")
        let bodyFlag = try Self.check("", ["--max-body", "1073741825"])
        defer { try? FileManager.default.removeItem(atPath: bodyFlag.directory) }
        #expect(bodyFlag.status == 1 && bodyFlag.err.contains("--max-body: error: must be a whole number from 1 to 1073741824, not \"1073741825\""), "\(bodyFlag.err)")
        let connections = try Self.check("max-connections = 65537\n")
        defer { try? FileManager.default.removeItem(atPath: connections.directory) }
        #expect(connections.status == 1)
        #expect(connections.err.contains("\(connections.file):2: error: max-connections: must be a whole number from 1 to 65536, not \"65537\""), "\(connections.err)")
        let connectionsFlag = try Self.check("", ["--max-connections", "99999999999999999999999"])
        defer { try? FileManager.default.removeItem(atPath: connectionsFlag.directory) }
        #expect(connectionsFlag.status == 1 && connectionsFlag.err.contains("--max-connections: error: must be a whole number from 1 to 65536"), "\(connectionsFlag.err)")
        let highest = try Self.check("max-body = 1073741824\nmax-connections = 65536\n")
        defer { try? FileManager.default.removeItem(atPath: highest.directory) }
        #expect(highest.status == 0, "\(highest.err)")
        #expect(highest.out.contains("limits: max-body 1073741824 bytes, max-connections 65536,"), "\(highest.out)")
    }
}
