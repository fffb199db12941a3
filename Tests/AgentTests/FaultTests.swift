import Logging
import RatingFlow
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
}
