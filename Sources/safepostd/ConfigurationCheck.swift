import ArgumentParser
import Foundation
import SafepostServer

/// `safepostd --check-config`: prints the settings as they would apply and whether the Rules load.
enum ConfigurationCheck {
    static func run(_ settings: DaemonConfiguration, file: String) throws {
        let report = ConfigurationReport(settings, file: file)
        for line in report.diagnostics { FileHandle.standardError.write(Data("\(line)\n".utf8)) }
        for line in report.summary { print(line) }
        if !report.ok { throw ExitCode(1) }
    }
}
