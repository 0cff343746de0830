import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The systemd integration in `systemd/` (see docs/systemd.md).
///
/// The plain tests parse the unit files as systemd does and fail when a required key, above all
/// a hardening key, disappears or changes: nothing else would notice, since the daemon runs the
/// same with or without its sandbox. The tool tests run systemd's own checkers where they exist.
@Suite("systemd units")
struct SystemdUnitTests {
    static let repo = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let systemdDirectory = repo.appendingPathComponent("systemd")

    static func text(_ name: String) throws -> String {
        try String(contentsOf: systemdDirectory.appendingPathComponent(name), encoding: .utf8)
    }

    static func unit(_ name: String) throws -> UnitFile { UnitFile(text: try text(name)) }

    // MARK: Required settings

    static let required: [Setting] = [
        // The contract with the daemon (docs/daemon.md): notify, reload by SIGHUP, socket activation.
        .init("safepostd.service", "Service", "Type", .equals("notify")),
        .init("safepostd.service", "Service", "NotifyAccess", .equals("main")),
        .init("safepostd.service", "Service", "ExecStart", .equals("/usr/local/bin/safepostd --config /etc/safepost/safepostd.conf")),
        .init("safepostd.service", "Service", "ExecReload", .equals("/bin/kill -HUP $MAINPID")),
        .init("safepostd.service", "Unit", "Requires", .includes("safepostd.socket")),
        .init("safepostd.service", "Unit", "After", .includes("safepostd.socket")),
        .init("safepostd.service", "Service", "Restart", .equals("on-failure")),
        .init("safepostd.service", "Service", "User", .equals("safepost")),
        .init("safepostd.service", "Service", "Group", .equals("safepost")),
        .init("safepostd.service", "Service", "StateDirectory", .equals("safepost")),
        .init("safepostd.service", "Service", "StateDirectoryMode", .equals("0700")),
        .init("safepostd.service", "Service", "UMask", .equals("0077")),
        // Hardening.
        .init("safepostd.service", "Service", "NoNewPrivileges", .equals("yes")),
        .init("safepostd.service", "Service", "CapabilityBoundingSet", .isEmpty),
        .init("safepostd.service", "Service", "ProtectSystem", .equals("strict")),
        .init("safepostd.service", "Service", "ProtectHome", .equals("yes")),
        .init("safepostd.service", "Service", "ReadOnlyPaths", .includes("/etc/safepost")),
        .init("safepostd.service", "Service", "PrivateTmp", .equals("yes")),
        .init("safepostd.service", "Service", "PrivateDevices", .equals("yes")),
        .init("safepostd.service", "Service", "PrivateNetwork", .equals("yes")),
        .init("safepostd.service", "Service", "RestrictAddressFamilies", .exactly(["AF_UNIX"])),
        .init("safepostd.service", "Service", "ProtectKernelTunables", .equals("yes")),
        .init("safepostd.service", "Service", "ProtectKernelModules", .equals("yes")),
        .init("safepostd.service", "Service", "ProtectControlGroups", .equals("yes")),
        .init("safepostd.service", "Service", "RestrictNamespaces", .equals("yes")),
        .init("safepostd.service", "Service", "LockPersonality", .equals("yes")),
        .init("safepostd.service", "Service", "SystemCallFilter", .includes("@system-service")),
        .init("safepostd.service", "Service", "LimitCORE", .equals("0")),
        // The socket: who may connect.
        .init("safepostd.socket", "Socket", "ListenStream", .equals("/run/safepost/safepost.sock")),
        .init("safepostd.socket", "Socket", "SocketMode", .equals("0660")),
        .init("safepostd.socket", "Socket", "SocketUser", .equals("safepost")),
        .init("safepostd.socket", "Socket", "SocketGroup", .equals("safepost")),
        .init("safepostd.socket", "Socket", "RemoveOnStop", .equals("yes")),
        .init("safepostd.socket", "Install", "WantedBy", .includes("sockets.target")),
    ]

    @Test(arguments: required)
    func requiredSettingIsPresent(_ setting: Setting) throws {
        let unit = try Self.unit(setting.file)
        let assigned = unit.assignments(setting.key, in: setting.section)
        try #require(!assigned.isEmpty, "\(setting) is missing")
        switch setting.check {
        case .equals(let expected):
            #expect(assigned.last == expected, "\(setting)")
        case .includes(let word):
            #expect(unit.list(setting.key, in: setting.section).contains(word), "\(setting) lacks \(word)")
        case .exactly(let words):
            #expect(unit.list(setting.key, in: setting.section) == words, "\(setting)")
        case .isEmpty:
            #expect(unit.list(setting.key, in: setting.section).isEmpty, "\(setting) must be empty")
        }
    }

    @Test func settingsThatWouldBreakTheDaemonStayOut() throws {
        let service = try Self.unit("safepostd.service")
        // PCRE2's JIT needs writable and executable memory: with this the JIT fails and every
        // pattern silently falls back to the interpreter.
        #expect(service.assignments("MemoryDenyWriteExecute", in: "Service").last ?? "no" == "no")
        // systemd removes a service's RuntimeDirectory on stop, and with it the socket file that
        // safepostd.socket is still listening on.
        let runtime = service.assignments("RuntimeDirectory", in: "Service").last ?? ""
        let preserved = service.assignments("RuntimeDirectoryPreserve", in: "Service").last == "yes"
        #expect(runtime.isEmpty || preserved, "RuntimeDirectory=\(runtime) would delete the activated socket on stop")
        // No network families besides AF_UNIX, not even by a second line.
        #expect(!service.list("RestrictAddressFamilies", in: "Service").contains { $0.hasPrefix("~") })
        #expect(service.assignments("PrivateNetwork", in: "Service").allSatisfy { $0 == "yes" })
    }

    @Test func sysusersAndTmpfilesMatchTheUnits() throws {
        let socket = try Self.unit("safepostd.socket")
        let service = try Self.unit("safepostd.service")
        let sysusers = Self.lines(try Self.text("safepost.sysusers"))
        let tmpfiles = Self.lines(try Self.text("safepost.tmpfiles"))

        #expect(sysusers == [#"u safepost - "safepost screening daemon" /var/lib/safepost"#])

        let socketPath = try #require(socket.assignments("ListenStream", in: "Socket").last)
        let runDirectory = (socketPath as NSString).deletingLastPathComponent
        let stateDirectory = "/var/lib/" + (service.assignments("StateDirectory", in: "Service").last ?? "?")
        let stateMode = service.assignments("StateDirectoryMode", in: "Service").last ?? "?"
        let entries = tmpfiles.map { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
        // Group safepost must be able to reach the socket; nobody else needs to.
        #expect(entries.contains(["d", runDirectory, "0750", "root", "safepost", "-"]), "\(tmpfiles)")
        #expect(entries.contains(["d", stateDirectory, stateMode, "safepost", "safepost", "-"]), "\(tmpfiles)")
        // The Rules name children: only the daemon's user enters the folder; never created here.
        #expect(entries.contains(["z", "/etc/safepost/rules", "0700", "safepost", "safepost", "-"]), "\(tmpfiles)")
        #expect(!entries.contains { $0.first == "d" && $0.dropFirst().first == "/etc/safepost/rules" })
    }

    @Test func shippedConfigurationUsesTheDaemonsKeysAndTheSandboxPaths() throws {
        let conf = try Self.text("safepostd.conf")
        var settings: [String: String] = [:]
        for line in conf.split(separator: "\n") {
            // Every setting ships commented out: `#key = value`.
            guard line.hasPrefix("#"), !line.hasPrefix("# "), let eq = line.firstIndex(of: "=") else { continue }
            let key = line[line.index(after: line.startIndex)..<eq].trimmingCharacters(in: .whitespaces)
            settings[key] = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
        }
        #expect(!conf.split(separator: "\n").contains { !$0.isEmpty && !$0.hasPrefix("#") }, "the default file changes nothing")

        let daemonDoc = try String(contentsOf: Self.repo.appendingPathComponent("docs/daemon.md"), encoding: .utf8)
        let documented = Set(daemonDoc.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("| `") else { return nil }
            let name = line.dropFirst(3).prefix { $0 != "`" }
            return name.allSatisfy({ $0.isLowercase || $0 == "-" }) ? String(name) : nil
        })
        #expect(!settings.isEmpty)
        for key in settings.keys.sorted() {
            #expect(documented.contains(key), "safepostd.conf has \(key), which docs/daemon.md does not list")
        }
        // The daemon may write only its StateDirectory and reads its Rules under ReadOnlyPaths.
        #expect(settings["concerns"]?.hasPrefix("/var/lib/safepost/") == true)
        #expect(settings["rules"]?.hasPrefix("/etc/safepost/") == true)
        #expect(settings["socket"] == "/run/safepost/safepost.sock")
    }

    // MARK: systemd's own checkers

    /// `systemd-analyze verify` also checks that every Exec*= binary exists and is executable.
    /// The units name /usr/local/bin/safepostd, which is not installed on a build machine, so
    /// the test verifies a temporary copy whose ExecStart points at the safepostd built next to
    /// this test bundle (or /bin/true if it cannot be found): every other line is verified as
    /// shipped. systemd 252 exits 0 on an unknown key or a bad value ("…, ignoring"), so any
    /// output about the units fails the test too.
    @Test(.enabled(if: Tools.systemdAnalyze != nil, "systemd-analyze is not installed (Debian package: systemd)"))
    func systemdAnalyzeVerifyIsClean() throws {
        let analyze = try #require(Tools.systemdAnalyze)
        let directory = try Self.copyOfUnits()
        defer { try? FileManager.default.removeItem(at: directory) }
        let units = ["safepostd.socket", "safepostd.service"].map { directory.appendingPathComponent($0).path }

        let clean = try Tools.run(analyze, ["verify", "--man=no"] + units)
        let complaints = clean.output.split(separator: "\n").filter { $0.contains("safepost") }
        #expect(clean.status == 0 && complaints.isEmpty, "systemd-analyze verify (ExecStart=\(Tools.builtDaemon) …):\n\(clean.output)")

        // The harness itself: a misspelt key must be reported, or the check above proves nothing.
        let service = directory.appendingPathComponent("safepostd.service")
        try (String(contentsOf: service, encoding: .utf8) + "\n[Service]\nProtectSytem=strict\n")
            .write(to: service, atomically: true, encoding: .utf8)
        let broken = try Tools.run(analyze, ["verify", "--man=no"] + units)
        #expect(broken.output.contains("ProtectSytem"), "a misspelt key went unnoticed:\n\(broken.output)")
    }

    /// Creates the user in a scratch root with systemd-sysusers, then the directories with
    /// systemd-tmpfiles, and checks owners and modes. Changing owners needs root (CI is root).
    @Test(.enabled(if: Tools.sysusers != nil && Tools.tmpfiles != nil, "systemd-sysusers or systemd-tmpfiles is not installed (Debian package: systemd)"),
          .enabled(if: getuid() == 0, "systemd-tmpfiles can only set owners as root"))
    func sysusersAndTmpfilesApplyInAScratchRoot() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("safepost-root-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("etc/safepost/rules"), withIntermediateDirectories: true)

        let users = try Tools.run(try #require(Tools.sysusers), ["--root=\(root.path)", Self.systemdDirectory.appendingPathComponent("safepost.sysusers").path])
        try #require(users.status == 0, "\(users.output)")
        let passwd = try String(contentsOf: root.appendingPathComponent("etc/passwd"), encoding: .utf8)
        let entry = try #require(passwd.split(separator: "\n").first { $0.hasPrefix("safepost:") }, "\(passwd)")
        let fields = entry.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        try #require(fields.count == 7)
        #expect(fields[4] == "safepost screening daemon" && fields[5] == "/var/lib/safepost")
        let uid = try #require(Int(fields[2])), gid = try #require(Int(fields[3]))
        #expect(uid > 0 && uid < 1000, "a system user")

        let dirs = try Tools.run(try #require(Tools.tmpfiles), ["--root=\(root.path)", "--create", Self.systemdDirectory.appendingPathComponent("safepost.tmpfiles").path])
        #expect(dirs.status == 0, "\(dirs.output)")
        for (path, mode, owner, group) in [("run/safepost", 0o750, 0, gid), ("var/lib/safepost", 0o700, uid, gid), ("etc/safepost/rules", 0o700, uid, gid)] {
            let attributes = try FileManager.default.attributesOfItem(atPath: root.appendingPathComponent(path).path)
            #expect((attributes[.posixPermissions] as? Int) == mode, "/\(path) mode")
            #expect((attributes[.ownerAccountID] as? Int) == owner, "/\(path) owner")
            #expect((attributes[.groupOwnerAccountID] as? Int) == group, "/\(path) group")
        }
    }

    /// The units copied to a temporary folder, ExecStart pointing at a binary that exists.
    static func copyOfUnits() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("safepost-units-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try text("safepostd.socket").write(to: directory.appendingPathComponent("safepostd.socket"), atomically: true, encoding: .utf8)
        let service = try text("safepostd.service")
        try #require(service.contains("ExecStart=/usr/local/bin/safepostd "))
        let rewritten = service.replacingOccurrences(of: "ExecStart=/usr/local/bin/safepostd ", with: "ExecStart=\(Tools.builtDaemon) ")
        try rewritten.write(to: directory.appendingPathComponent("safepostd.service"), atomically: true, encoding: .utf8)
        return directory
    }

    static func lines(_ text: String) -> [String] {
        text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }

    // MARK: Helpers

    struct Setting: Sendable, CustomTestStringConvertible {
        enum Check: Sendable { case equals(String), includes(String), exactly([String]), isEmpty }
        let file: String, section: String, key: String, check: Check
        init(_ file: String, _ section: String, _ key: String, _ check: Check) {
            (self.file, self.section, self.key, self.check) = (file, section, key, check)
        }
        var testDescription: String { "\(file) [\(section)] \(key)" }
    }

    /// A unit file read the way systemd reads it: `[Section]` headers, `Key=Value` lines, `#` and
    /// `;` comments, a trailing backslash continuing a line. A key may be assigned more than once;
    /// for list keys an empty assignment clears what came before.
    struct UnitFile {
        private var entries: [(section: String, key: String, value: String)] = []

        init(text: String) {
            var section = "", pending = ""
            for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
                var line = pending + raw.trimmingCharacters(in: .whitespaces)
                pending = ""
                if line.hasPrefix("#") || line.hasPrefix(";") || line.isEmpty { continue }
                if line.hasSuffix("\\") { line.removeLast(); pending = line + " "; continue }
                if line.hasPrefix("["), line.hasSuffix("]") { section = String(line.dropFirst().dropLast()); continue }
                guard let eq = line.firstIndex(of: "=") else { continue }
                entries.append((section, line[..<eq].trimmingCharacters(in: .whitespaces), line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)))
            }
        }

        /// Every value assigned to `key` in `section`, in file order.
        func assignments(_ key: String, in section: String) -> [String] {
            entries.filter { $0.section == section && $0.key == key }.map(\.value)
        }

        /// The words of a list key after its last empty assignment.
        func list(_ key: String, in section: String) -> [String] {
            let values = assignments(key, in: section)
            let kept = values.lastIndex(of: "").map { values[($0 + 1)...] } ?? values[...]
            return kept.flatMap { $0.split(whereSeparator: \.isWhitespace).map(String.init) }
        }
    }

    enum Tools {
        static let systemdAnalyze = find("systemd-analyze")
        static let sysusers = find("systemd-sysusers")
        static let tmpfiles = find("systemd-tmpfiles")

        static func find(_ name: String) -> String? {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
            let directories = path.split(separator: ":").map(String.init) + ["/usr/bin", "/bin", "/usr/sbin", "/sbin"]
            return directories.map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
        }

        /// The safepostd this test target built (the test bundle sits beside the executables),
        /// or /bin/true when it is not there or its path would need quoting in a unit file.
        static var builtDaemon: String {
            var directory = Bundle.main.bundleURL
            for _ in 0..<4 {
                let candidate = directory.appendingPathComponent("safepostd").path
                if FileManager.default.isExecutableFile(atPath: candidate) {
                    let plain = candidate.allSatisfy { $0.isLetter || $0.isNumber || "/._-+".contains($0) }
                    return plain ? candidate : "/bin/true"
                }
                directory = directory.deletingLastPathComponent()
            }
            return "/bin/true"
        }

        struct Run { var status: Int32; var output: String }

        /// Runs a tool with standard output and error merged (both are small).
        static func run(_ executable: String, _ arguments: [String]) throws -> Run {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = pipe
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let data = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            return Run(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
        }
    }
}
