import Ledger
import Metrics
import Prometheus

/// The pad's Prometheus metrics, made through swift-metrics on a registry of its own.
public final class LinkMetrics: Sendable {
  /// Where the metrics live; `/metrics` prints it.
  public let registry = PrometheusCollectorRegistry()
  private let factory: PrometheusMetricsFactory
  private let backlog: Metrics.Gauge
  private let oldestAge: Metrics.Gauge
  private let deadLetters: Metrics.Gauge

  /// Makes the metrics.
  public init() {
    factory = PrometheusMetricsFactory(registry: registry)
    backlog = Metrics.Gauge(label: "ratingpad_backlog_records", factory: factory)
    oldestAge = Metrics.Gauge(label: "ratingpad_oldest_unacknowledged_seconds", factory: factory)
    deadLetters = Metrics.Gauge(label: "ratingpad_dead_letter_batches", factory: factory)
  }

  /// A rating (or suspect press) was committed.
  public func recorded(kind: String, level: String?) {
    Metrics.Counter(
      label: "ratingpad_records_total", dimensions: [("kind", kind), ("level", level ?? "none")],
      factory: factory
    ).increment()
  }

  /// A sync exchange failed.
  public func syncError(_ kind: String) {
    Metrics.Counter(label: "ratingpad_sync_errors_total", dimensions: [("kind", kind)], factory: factory)
      .increment()
  }

  /// A fault was raised.
  public func fault(_ code: String) {
    Metrics.Counter(label: "ratingpad_faults_total", dimensions: [("code", code)], factory: factory)
      .increment()
  }

  /// The exposition text, with the ledger gauges brought up to date first.
  public func exposition(status: LedgerStatus?, now milliseconds: Int64, deadLetterCount: Int) -> [UInt8] {
    if let status {
      backlog.record(status.backlog)
      let oldest = status.oldestUnacknowledgedWallMilliseconds.map { Double(milliseconds - $0) / 1000 } ?? 0
      oldestAge.record(max(0, oldest))
    }
    deadLetters.record(deadLetterCount)
    return registry.emitToBuffer()
  }
}
