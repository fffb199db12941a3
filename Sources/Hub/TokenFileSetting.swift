import ConfigurationFile
import SyncProtocol

extension TOMLSection {
  /// The bearer token in the file the key `name` names (`AccessToken.load`: owner-only, long
  /// enough); nil when the key is absent and not `required`. Errors name the key and the file.
  func accessToken(_ name: String, required: Bool) throws(ConfigurationError) -> AccessToken? {
    guard let path = required ? try requiredString(name) : try string(name) else { return nil }
    do { return try AccessToken.load(path: path) } catch { throw self.error(name, error.description) }
  }
}
