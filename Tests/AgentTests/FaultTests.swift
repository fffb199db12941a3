import Logging
import RatingFlow
import RatingModel
import Testing

@testable import Agent

/// Every fault keeps the code technicians, tests and the VM scenarios look for.
@Suite struct Faults {
  struct DiskFull: Error, CustomStringConvertible { var description: String { "database or disk is full" } }

  @Test func eachFaultHasItsCodeInTheLogAndOnTheScreen() {
    #expect(FaultCode.ledgerWrite(DiskFull()).text == "E-LEDGER-WRITE: database or disk is full")
    #expect(FaultCode.noTouchPanel(pin: nil).text == "E-TOUCH-NONE")
    #expect(
      FaultCode.noTouchPanel(pin: "0eef:0001").logLine
        == "FAULT E-TOUCH-NONE: no touch screen or absolute pointer named 0eef:0001 under /dev/input")
    #expect(
      FaultCode.touchPanelLost(path: "/dev/input/event3").logLine
        == "FAULT E-TOUCH: /dev/input/event3 disappeared")
    #expect(FaultCode.display("no display").summary == "E-DISPLAY: no display")
    #expect(FaultCode.ledgerCorrupt(setAside: "x.corrupt").logLine.hasPrefix("FAULT E-LEDGER-CORRUPT: "))
    #expect(FaultCode.api("cannot listen on ::1:8443").logLine == "FAULT E-API: cannot listen on ::1:8443")
  }

  @Test func healthNamesTheShownFaultTheDisplayAndAMissingPanel() {
    let fine = PadHealth(headless: false, shownFault: nil, displayFault: nil, panels: 2).report
    #expect(fine.screen == "ok" && fine.touch == "ok (2 panels)" && fine.faults == [])
    let dark = PadHealth(headless: false, shownFault: nil, displayFault: .display("not master"), panels: 0)
      .report
    #expect(dark.screen == "E-DISPLAY: not master" && dark.touch == "none")
    #expect(dark.faults == ["E-DISPLAY", "E-TOUCH-NONE"])
    let shown = PadHealth(
      headless: false, shownFault: .noTouchPanel(pin: nil), displayFault: nil, panels: 0
    ).report
    #expect(shown.faults == ["E-TOUCH-NONE"], "a missing panel is named once")
    let full = PadHealth(headless: true, shownFault: .ledgerWrite(DiskFull()), displayFault: nil, panels: 0)
      .report
    #expect(full.screen == "headless" && full.touch == "headless")
    #expect(full.faults == ["E-LEDGER-WRITE: database or disk is full"])
  }

  final class Screens {
    var shown: [FlowScreen] = []
  }

  @Test func noPanelTakesTheIdlePadOutOfServiceAndAPanelBringsItBack() throws {
    let screens = Screens()
    let controller = PadController(
      flow: RatingFlow(), commit: { _ in }, isRated: { _ in false }, show: { screens.shown.append($0) },
      newPromptID: { PromptID("p") })
    let policy = FaultPolicy(controller: controller, pin: nil, logger: Logger(label: "test"))
    let t0 = FlowInstant(nanoseconds: 1_000_000_000)
    _ = try controller.open(.counter(try Transaction(number: "T-1", serviceItemCode: "1137")), at: t0).get()
    policy.touchPanels(0)
    #expect(controller.fault == nil, "an open prompt ends as recorded first")
    controller.advance(to: t0 + .seconds(3600))
    controller.advance(to: t0 + .seconds(7200))
    policy.touchPanels(0)
    guard case .noTouchPanel? = controller.fault else { Issue.record("not out of service"); return }
    #expect(screens.shown.last == .outOfService(fault: "E-TOUCH-NONE"))
    policy.touchPanels(1)
    #expect(controller.fault == nil && controller.flow.screen == .idle)
  }
}
