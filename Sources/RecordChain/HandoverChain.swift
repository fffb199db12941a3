/// The keys a device went through since the key a hub knows: found among the handovers a pad
/// presents, each checked with the key before it.
public enum HandoverChain {
  /// The keys after `known`, oldest first, ending with the key whose fingerprint is `target`:
  /// the handovers are followed back from `target` to `known` (a list may hold a branch left by a
  /// power cut in the middle of a handover, which is skipped), then each is verified with the key
  /// before it. Throws naming the first link that is missing or not signed by its key.
  public static func keys(from known: DevicePublicKey, to target: String, in handovers: [KeyHandover])
    throws(HandoverProblem) -> [DevicePublicKey]
  {
    var path: [KeyHandover] = []
    var current = target
    while current != known.fingerprint {
      // Each step consumes one handover, so a loop among them ends.
      guard path.count < handovers.count,
        let handover = handovers.last(where: { $0.next.fingerprint == current })
      else {
        throw HandoverProblem(
          "no handover leads from key \(known.fingerprint) to key \(target)"
            + (current == target ? "" : " (none hands over to key \(current))"))
      }
      path.insert(handover, at: 0)
      current = handover.previousFingerprint
    }
    var signer = known
    var keys: [DevicePublicKey] = []
    for handover in path {
      guard handover.isValid(signedBy: signer) else {
        throw HandoverProblem(
          "the handover from key \(signer.fingerprint) to key \(handover.next.fingerprint) is not signed by key \(signer.fingerprint)"
        )
      }
      keys.append(handover.next)
      signer = handover.next
    }
    return keys
  }
}

/// Why a list of handovers does not lead from the key a hub knows to the key a pad shows.
public struct HandoverProblem: Error, Equatable, CustomStringConvertible {
  public let description: String
  /// Says what is wrong.
  public init(_ description: String) { self.description = description }
}
