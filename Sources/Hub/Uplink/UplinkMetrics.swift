import Metrics
import Prometheus
import RecordChain

/// The hub's Prometheus metrics of the province uplink, made through swift-metrics on a registry
/// of its own: what this instance forwarded and saw refused, and the outbox as the database has it.
public final class UplinkMetrics: Sendable {
  /// Where the metrics live; the hub's `/metrics` prints it.
  public let registry = PrometheusCollectorRegistry()
  private let factory: PrometheusMetricsFactory
  private let oldestAge: Metrics.Gauge

  /// Makes the metrics.
  public init() {
    factory = PrometheusMetricsFactory(registry: registry)
    oldestAge = Metrics.Gauge(label: "ratingpad_hub_uplink_oldest_unsent_seconds", factory: factory)
  }

  /// Ratings the province now holds (stored, or answered "already stored").
  func forwarded(_ count: Int) {
    Metrics.Counter(label: "ratingpad_hub_uplink_forwarded_total", factory: factory).increment(by: count)
  }

  /// Ratings the province refused.
  func refused(_ count: Int) {
    Metrics.Counter(label: "ratingpad_hub_uplink_refused_total", factory: factory).increment(by: count)
  }

  /// Sends that failed for a transient reason (sent again after a backoff).
  func failed(_ count: Int) {
    Metrics.Counter(label: "ratingpad_hub_uplink_failures_total", factory: factory).increment(by: count)
  }

  /// The exposition text, with the outbox gauges brought up to date from `summary`.
  func exposition(summary: UplinkSummary) -> [UInt8] {
    for state in OutboxState.allCases {
      Metrics.Gauge(
        label: "ratingpad_hub_uplink_entries", dimensions: [("state", state.rawValue)], factory: factory
      )
      .record(summary.counts[state] ?? 0)
    }
    let now = UnixMilliseconds.now()
    oldestAge.record(summary.oldestUnsentMilliseconds.map { Double(max(0, now - $0)) / 1000 } ?? 0)
    return registry.emitToBuffer()
  }
}
