import HubLink
import RatingFlow
import RatingModel

/// The counter system's requests, carried onto the event loop's thread and answered from there.
extension PadAgent: PadDesk {
  public func openPrompt(for transaction: Transaction) async -> Result<PromptID, PromptRefusal> {
    await onLoop { $0.openPrompt($0.source(for: transaction)).map(\.id) }
  }

  public func isOpen(_ prompt: PromptID) async -> Bool {
    await onLoop { $0.controller.flow.openPrompt?.id == prompt }
  }

  public func deviceHealth() async -> DeviceHealth {
    await onLoop { $0.health }
  }
}
