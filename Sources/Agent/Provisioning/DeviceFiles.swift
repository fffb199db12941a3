import Foundation

/// What went wrong while provisioning, said so an installer can fix it.
struct ProvisioningError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// Writes the files provisioning leaves on the device: whole or not at all, with their mode, and
/// handed to the agent's user when it exists (provisioning runs as root, the agent does not).
struct DeviceFiles {
  /// The agent's user and group, when it exists and this process may give files away.
  let agent: (uid: uid_t, gid: gid_t)?

  /// Looks up `agentUser`; without root or without that user, files stay with the caller.
  init(agentUser: String) {
    if geteuid() == 0, let entry = getpwnam(agentUser) {
      agent = (entry.pointee.pw_uid, entry.pointee.pw_gid)
    } else {
      agent = nil
    }
  }

  /// Who a file belongs to once written.
  enum Ownership {
    /// The agent alone (secrets, its key, its state).
    case agent
    /// Root, readable by the agent's group (the configuration).
    case rootWithAgentGroup
  }

  /// Writes `bytes` to `path` through a temporary file, fsync and rename.
  func write(_ bytes: [UInt8], to path: String, mode: mode_t, owner: Ownership) throws(ProvisioningError) {
    let directory = (path as NSString).deletingLastPathComponent
    try makeDirectory(directory, mode: 0o755, owner: .rootWithAgentGroup)
    let temporary = path + ".provisioning"
    unlink(temporary)
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
    guard fd >= 0 else { throw failure("cannot create", temporary) }
    defer { close(fd) }
    let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
    guard written == bytes.count, fchmod(fd, mode) == 0, fsync(fd) == 0 else {
      unlink(temporary)
      throw failure("cannot write", temporary)
    }
    try give(temporary, to: owner)
    guard rename(temporary, path) == 0 else {
      unlink(temporary)
      throw failure("cannot replace", path)
    }
    syncDirectory(directory)
  }

  /// Copies a file the installer brought (a certificate, a key) onto the device.
  func copy(_ source: String, to path: String, mode: mode_t, owner: Ownership) throws(ProvisioningError) {
    guard let data = FileManager.default.contents(atPath: source) else {
      throw failure("cannot read", source)
    }
    try write(Array(data), to: path, mode: mode, owner: owner)
  }

  /// Creates a directory (and its parents) if missing.
  func makeDirectory(_ path: String, mode: mode_t, owner: Ownership) throws(ProvisioningError) {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
      if isDirectory.boolValue { return }
      throw ProvisioningError("\(path) exists and is not a directory")
    }
    do {
      try FileManager.default.createDirectory(
        atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: Int(mode)])
    } catch {
      throw ProvisioningError("cannot create the directory \(path): \(error.localizedDescription)")
    }
    try give(path, to: owner)
  }

  /// Hands a file (or directory, with what it holds) to its owner.
  func give(_ path: String, to owner: Ownership) throws(ProvisioningError) {
    guard let agent else { return }
    let (uid, gid) = owner == .agent ? (agent.uid, agent.gid) : (0, agent.gid)
    guard chown(path, uid, gid) == 0 else { throw failure("cannot hand over", path) }
  }

  private func failure(_ what: String, _ path: String) -> ProvisioningError {
    ProvisioningError("\(what) \(path): \(String(cString: strerror(errno)))")
  }

  private func syncDirectory(_ path: String) {
    let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard fd >= 0 else { return }
    fsync(fd)
    close(fd)
  }
}
