import NIOSSL

/// The TLS a client speaks to the other side (the pad to its hub, the hub to its pads): 1.2 or later,
/// names verified, trusting only the provisioned certificate authority when there is one.
public enum ClientTLS {
  /// Trusting the certificates of the PEM file `authority` (one or more), or the system's roots when nil.
  public static func configuration(trusting authority: String?) -> TLSConfiguration {
    var tls = TLSConfiguration.makeClientConfiguration()
    tls.minimumTLSVersion = .tlsv12
    if let authority { tls.trustRoots = .file(authority) }
    return tls
  }
}
