/// Where one alert stands with one webhook.
public enum AlertDeliveryState: String, Sendable, CaseIterable {
  /// To be sent (again, after a backoff, when a try failed).
  case pending
  /// Tried `AlertDeliverer.failingAfter` times or more without success: still sent again, at the
  /// backoff's cap, but shown as failing so someone looks at the webhook.
  case failing
  /// The webhook took it (2xx; for a robot, `errcode` 0).
  case delivered

  /// The label operators see, Chinese first.
  public var label: String {
    switch self {
    case .pending: "待发送 pending"
    case .failing: "发送失败重试中 failing"
    case .delivered: "已送达 delivered"
    }
  }
}
