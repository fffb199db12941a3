import Ledger
import SyncProtocol

extension HandoverFile {
  /// The handovers the pad presents to the hub (in its card, its pages and the hub check): the
  /// last the wire allows, which lead to the current key.
  func presented() throws(LedgerError) -> [WireKeyHandover] {
    try read().suffix(WireKeyHandover.limit).map(WireKeyHandover.init)
  }
}
