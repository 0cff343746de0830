import ArgumentParser
import Foundation
import Logging
import SafepostServer
import ServiceLifecycle

/// `safepostd`: the screening daemon (docs/daemon.md). Settings come from the configuration file,
/// then from these flags, which win.
@main
struct Safepostd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "safepostd",
        abstract: "Serve safepost's screening over HTTP/1.1 on a Unix socket.",
        discussion: """
            Settings come from the configuration file (key = value, keys are the long flag names) and \
            from flags, which win. Exit status: 0 after a clean shutdown, 1 for bad configuration or \
            rules at start-up. See docs/daemon.md.
            """
    )

    @Option(help: ArgumentHelp("The configuration file (default \(DaemonConfiguration.defaultFile); a missing default is fine).", valueName: "path"))
    var config: String?

    @Flag(help: "Validate the configuration and load the rules, print a summary, and exit (0 ok, 1 not).")
    var checkConfig = false

    @Option(help: ArgumentHelp("The socket path (ignored under socket activation).", valueName: "path"))
    var socket: String?

    @Option(help: ArgumentHelp("Permissions of a socket the daemon binds itself (octal, default 0660).", valueName: "mode"))
    var socketMode: String?

    @Option(help: ArgumentHelp("Group of that socket (a name or a number).", valueName: "group"))
    var socketGroup: String?

    @Option(help: ArgumentHelp("The Rules folder (default /etc/safepost/rules).", valueName: "dir"))
    var rules: String?

    @Option(help: ArgumentHelp("The record of concern (default /var/lib/safepost/concerns.jsonl).", valueName: "path"))
    var concerns: String?

    @Option(help: ArgumentHelp("Largest /v1/check body and batch line in bytes (default 1048576, at most 1073741824).", valueName: "bytes"))
    var maxBody: String?

    @Option(help: ArgumentHelp("Open connections at most (default 512, at most 65536).", valueName: "n"))
    var maxConnections: String?

    @Option(help: ArgumentHelp("Seconds to receive a request head (default 10).", valueName: "seconds"))
    var headerTimeout: String?

    @Option(help: ArgumentHelp("Seconds a keep-alive connection may stay idle (default 60).", valueName: "seconds"))
    var idleTimeout: String?

    @Option(help: ArgumentHelp("Event-loop threads, 0 for one per core (default 0).", valueName: "n"))
    var threads: String?

    @Option(help: ArgumentHelp("trace, debug, info, notice, warning, error or critical (default info).", valueName: "level"))
    var logLevel: String?

    func run() async throws {
        let settings = try loadConfiguration()
        if checkConfig {
            try ConfigurationCheck.run(settings, file: config ?? DaemonConfiguration.defaultFile)
            return
        }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = settings.logLevel
            return handler
        }
        let logger = Logger(label: "safepostd")
        let registry = ServerMetrics.bootstrapPrometheus()
        let daemon: Daemon
        do {
            daemon = try Daemon(configuration: settings, logger: logger, registry: registry)
        } catch {
            logger.critical("cannot start: \(error.message)")
            throw ExitCode(1)
        }
        let group = ServiceGroup(configuration: .init(
            services: [daemon], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            logger.critical("stopped on an error: \(error)")
            throw ExitCode(1)
        }
    }

    /// Defaults, then the file, then the flags; a mistake is printed with its place and exits 1.
    private func loadConfiguration() throws -> DaemonConfiguration {
        var settings = DaemonConfiguration()
        let flags: [(key: String, value: String?)] = [
            ("socket", socket), ("socket-mode", socketMode), ("socket-group", socketGroup), ("rules", rules),
            ("concerns", concerns), ("max-body", maxBody), ("max-connections", maxConnections),
            ("header-timeout", headerTimeout), ("idle-timeout", idleTimeout), ("threads", threads),
            ("log-level", logLevel),
        ]
        do {
            try settings.read(file: config ?? DaemonConfiguration.defaultFile, required: config != nil)
            try settings.apply(flags: flags.compactMap { key, value in value.map { (key, $0) } })
        } catch {
            FileHandle.standardError.write(Data("safepostd: \(error)\n".utf8))
            throw ExitCode(1)
        }
        return settings
    }
}
