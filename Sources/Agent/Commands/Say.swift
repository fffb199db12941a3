import Foundation

/// Prints a line at once, unbuffered, so a journal or a pipe sees it when it happens (the
/// installer's tools show something on screen for a while after printing).
func say(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
