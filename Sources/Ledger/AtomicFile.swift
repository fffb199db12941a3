import Foundation
import Glibc

/// Writes a small file so that a power cut leaves the old file or the whole new one, never a
/// part: to a temporary file in the same directory (mode 0600), fsync'd, renamed over the path,
/// and the directory fsync'd.
enum AtomicFile {
  /// Writes `bytes` to `path`; throws what failed, for the caller to name the file in.
  static func write(_ bytes: [UInt8], to path: String) throws(AtomicWriteFailure) {
    let directory = (path as NSString).deletingLastPathComponent
    var template = Array((path + ".new-XXXXXX").utf8CString)
    // mkstemp makes it 0600 and never reuses an existing name.
    let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
    guard fd >= 0 else { throw AtomicWriteFailure("cannot create (\(String(cString: strerror(errno))))") }
    let temporary = String(cString: template)
    var written = false
    defer {
      close(fd)
      if !written { unlink(temporary) }
    }
    guard fcntl(fd, F_SETFD, FD_CLOEXEC) == 0, fchmod(fd, 0o600) == 0,
      Glibc.write(fd, bytes, bytes.count) == bytes.count, fsync(fd) == 0
    else {
      throw AtomicWriteFailure("cannot write (\(String(cString: strerror(errno))))")
    }
    guard rename(temporary, path) == 0 else {
      throw AtomicWriteFailure("cannot rename into place (\(String(cString: strerror(errno))))")
    }
    written = true
    // The rename itself is durable only once the directory is.
    let directoryFD = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard directoryFD >= 0 else {
      throw AtomicWriteFailure("cannot open its directory (\(String(cString: strerror(errno))))")
    }
    defer { close(directoryFD) }
    guard fsync(directoryFD) == 0 else {
      throw AtomicWriteFailure("cannot sync its directory (\(String(cString: strerror(errno))))")
    }
  }
}

/// What went wrong writing a file atomically.
struct AtomicWriteFailure: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
