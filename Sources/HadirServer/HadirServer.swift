import Foundation
import HadirLog
import HadirProto
import HadirRules
import HadirStore

/// Everything `hadir-server` runs: the store, the services and the transport.
///
/// ```swift
/// let server = try HadirServer(config: ServerConfig(databasePath: "var/hadir.sqlite"))
/// let port = try server.start()
/// // ... later
/// server.shutdown()
/// ```
public final class HadirServer: @unchecked Sendable {
    public let config: ServerConfig
    private let writer: AttendanceWriter
    private let workTime: WorkTimeStore
    private let transport: TransportServer
    private let logger: Logger

    /// Opens the database (applying migrations) and builds the services.
    ///
    /// - Throws: `StoreError` when the database cannot be opened or read.
    public init(config: ServerConfig, logger: Logger = Logger(label: "hadir-server")) throws {
        self.config = config
        self.logger = logger
        guard FileManager.default.fileExists(atPath: config.databasePath) else {
            throw StoreError(.notFound, "no database at \(config.databasePath): run `hadir init` first")
        }
        writer = try AttendanceWriter(path: config.databasePath, logger: logger.labelled("store"))
        let readers = ReaderPool(path: config.databasePath)
        let calendar = try readers.read { try CityCalendar.load(from: $0) }
        workTime = try WorkTimeStore(
            path: config.databasePath, policy: calendar.policy, holidays: calendar.workCalendar.holidays,
            logger: logger.labelled("totals"))

        var methods = MethodTable()
        let limits = ServerLimits(
            maxFrameBytes: config.transport.maxFrameBytes, maxCallsInFlight: config.maxCallsInFlight
        )
        methods.register(SessionProvider(readers: readers, limits: limits))
        methods.register(DirectoryProvider(readers: readers, hierarchy: workTime))
        methods.register(
            AttendanceProvider(
                readers: readers, writer: writer, workTime: workTime, capture: config.capture
            ))
        methods.register(WorkTimeProvider(store: workTime, readers: readers))
        let dispatcher = Dispatcher(
            methods: methods, maxCallsInFlight: config.maxCallsInFlight, logger: logger.labelled("rpc")
        )
        transport = TransportServer(
            config: config.transport, handler: dispatcher, logger: logger.labelled("net"))
    }

    /// Starts listening; returns the port bound (useful with port 0).
    public func start() throws -> UInt16 {
        let port = try transport.start()
        workTime.startMaintaining()
        logger.info("serving", [("net.port", "\(port)"), ("db.path", config.databasePath)])
        return port
    }

    /// Stops taking calls, answers those already received, commits every queued
    /// check-in, then closes.
    public func shutdown(grace: Duration = .seconds(10)) {
        transport.shutdown(grace: grace)
        writer.shutdown()
        workTime.shutdown()
        let stats = writer.statistics
        logger.info(
            "store closed", [("db.batches", "\(stats.batches)"), ("db.commands", "\(stats.commands)")])
    }

    /// The group-commit counters, for benchmarks.
    public var writerStatistics: AttendanceWriter.Statistics { writer.statistics }
}

/// How `hadir-server` runs.
public struct ServerConfig: Sendable {
    public var databasePath: String
    public var transport = TransportConfig()
    /// Calls one connection may have unanswered; more are refused RESOURCE_EXHAUSTED.
    public var maxCallsInFlight = 128
    public var capture = CaptureBounds()

    public init(databasePath: String) {
        self.databasePath = databasePath
    }
}

extension CityCalendar {
    /// The city's default policy and every holiday, from the store.
    static func load(from reader: StoreReader) throws -> CityCalendar {
        let record = try reader.defaultPolicy()
        let policy = FlexPolicy(
            dailySeconds: record.daySeconds,
            weeklySeconds: record.weekSeconds,
            maxSessionSeconds: record.maxOpenSessionSeconds
        )
        var holidays: [LocalDate: String] = [:]
        for holiday in try reader.holidays(from: "0000-01-01", to: "9999-12-31") {
            if let date = LocalDate(iso: holiday.date) { holidays[date] = holiday.name }
        }
        return CityCalendar(policy: .flex(policy), workCalendar: WorkCalendar(holidays: holidays))
    }
}
