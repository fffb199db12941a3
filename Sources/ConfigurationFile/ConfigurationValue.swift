/// A value a program writes into a configuration file: what provisioning and its flags set.
public enum ConfigurationValue: Sendable, Equatable {
  case string(String)
  case integer(Int)
  case bool(Bool)
  case strings([String])
}
