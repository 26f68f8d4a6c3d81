import ArgumentParser
import Dispatch
import Foundation
import QunConnect
import QunStore

/// `qundeck connect telegram`: the long-running connector process.
struct ConnectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connect", abstract: "Connect the store to a chat platform: live updates in, queued actions out.",
        subcommands: [ConnectTelegram.self])
}

struct ConnectTelegram: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "telegram",
        abstract: "Long-poll a Telegram bot for updates and carry out the outbox for Telegram groups.",
        discussion: """
            The token comes from $QUNDECK_TELEGRAM_TOKEN or token = "…" in $XDG_CONFIG_HOME/qundeck/telegram.toml (mode 0600),
            never from the command line. $QUNDECK_TELEGRAM_API_BASE points it at a self-hosted Bot API server.
            Ctrl-C stops after the request in flight; a restart resumes where it stopped. See docs/connectors.md.
            """)

    @OptionGroup var storeOptions: StoreOptions
    @Flag(name: .long, help: "One poll (without waiting) and one drain of what is due, then exit.") var once = false
    @Option(name: .long, help: "Long-poll timeout in seconds (1–50).") var pollTimeout: Int = 30
    @Option(name: .long, help: "Seconds before a request without an answer counts as unanswered.") var requestTimeout: Double = 30
    @Flag(name: .long, help: "Print nothing but errors.") var quiet = false

    func validate() throws {
        guard (1...50).contains(pollTimeout) else { throw ValidationError("--poll-timeout must be 1–50 seconds (Telegram's limit is 50)") }
        guard requestTimeout > 0 else { throw ValidationError("--request-timeout must be positive") }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let token = try TelegramToken.load(environment: environment)
        var base = TelegramBotClient.defaultBase
        if let custom = environment["QUNDECK_TELEGRAM_API_BASE"], !custom.isEmpty {
            guard let url = URL(string: custom), url.scheme == "http" || url.scheme == "https" else {
                throw ValidationError("QUNDECK_TELEGRAM_API_BASE: \"\(custom)\" is not an http(s) URL")
            }
            base = url
        }
        let store = try storeOptions.open()
        var options = TelegramConnector.Options()
        options.once = once
        options.pollTimeout = pollTimeout
        let quiet = self.quiet
        let connector = TelegramConnector(
            store: store, client: TelegramBotClient(token: token, base: base, requestTimeout: requestTimeout), options: options,
            log: { line in
                guard !quiet else { return }
                FileHandle.standardError.write(Data("connect: \(line)\n".utf8))
            })

        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        var interrupts = 0
        let signals = [SIGINT, SIGTERM].map { number -> DispatchSourceSignal in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
            source.setEventHandler {
                interrupts += 1
                if interrupts > 1 { Foundation.exit(130) }
                FileHandle.standardError.write(Data("connect: stopping after the request in flight (Ctrl-C again to quit now)\n".utf8))
                connector.stop()
            }
            source.resume()
            return source
        }
        defer { signals.forEach { $0.cancel() } }

        let outcome = BlockingResult()
        Task.detached {
            do {
                try await connector.run()
                outcome.finish(nil)
            } catch {
                outcome.finish(error)
            }
        }
        // The main queue stays free for the signal handlers while the connector runs.
        while !outcome.isDone { RunLoop.main.run(until: Date().addingTimeInterval(0.1)) }
        if let error = outcome.error {
            if error is CancellationError { return }
            throw CommandFailure("connect telegram: \(error)")
        }
    }
}

/// The end of a task, read by a thread that waits for it.
private final class BlockingResult: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    private var failure: Error?

    func finish(_ error: Error?) {
        lock.lock()
        done = true
        failure = error
        lock.unlock()
    }

    var isDone: Bool {
        lock.lock()
        defer { lock.unlock() }
        return done
    }

    var error: Error? {
        lock.lock()
        defer { lock.unlock() }
        return failure
    }
}
