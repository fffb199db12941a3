import HubLink
import RatingFlow
import RatingModel
import Screen

/// Everything the agent is configured with, validated as a whole before anything starts.
public struct AgentConfiguration: Sendable {
  /// Where the device stands and what it is.
  public var device: DeviceIdentity
  /// The clerk whose card the idle screen shows (empty on a kiosk).
  public var clerk: ClerkCard
  /// Timeouts, suspect-press rules and the reasons checklist.
  public var flow: FlowSettings
  /// Where state lives on disk.
  public var paths: StatePaths
  /// How long acknowledged records stay on the device.
  public var retentionDays: Int
  /// The language the screens use.
  public var language: Language
  /// How many degrees clockwise the picture is turned on the panel (0, 90, 180, 270).
  public var rotation: Int = 0
  /// Which display, connector and mode to use; the defaults find them.
  public var display = DisplayChoice()
  /// `[screen] share`: on a kiosk, the screen is the kiosk application's and is taken for each
  /// prompt by switching virtual terminals (on by default with `[device] channel = "kiosk"`).
  public var screenShare: ScreenShareSettings?
  /// Seconds without a prompt before the screen goes dark (0: never).
  public var blankAfterSeconds = 0
  /// The touch calibration matrix, libinput's six numbers.
  public var touchCalibration: [Double] = [1, 0, 0, 0, 1, 0]
  /// The one touch device to use (name, path or vendor:product); every panel when nil.
  public var touchDevice: String?
  /// The HTTP API for the hub and the counter system; none when not configured.
  public var api: APISettings?
  /// Pushing to the hub; none when the hub only pulls.
  public var push: PushSettings?
  /// `[voice]`: the spoken prompts.
  public var voice = VoiceSettings()
  /// The rate-later QR code's address; off (nil) by default.
  public var rateLater: RateLaterTemplate?

  /// Makes a configuration.
  public init(
    device: DeviceIdentity, clerk: ClerkCard = ClerkCard(), flow: FlowSettings = FlowSettings(),
    paths: StatePaths = StatePaths(), retentionDays: Int = 30, language: Language = .chinese
  ) {
    self.device = device
    self.clerk = clerk
    self.flow = flow
    self.paths = paths
    self.retentionDays = retentionDays
    self.language = language
  }
}

/// The device's place in the 好差评 system.
public struct DeviceIdentity: Sendable, Hashable {
  /// 行政区划: the area code, 6 to 9 digits.
  public var areaCode: String
  /// The department code or name that runs the hall.
  public var department: String
  /// The service hall's name.
  public var hall: String
  /// The window number (empty on a kiosk).
  public var window: String
  /// Window pad or kiosk.
  public var channel: Channel

  /// The id the hub enrols the pad under, e.g. `640181-7-pad`.
  public var deviceID: String {
    "\(areaCode)-\(window.isEmpty ? "0" : window)-\(channel == .windowPad ? "pad" : "kiosk")"
  }

  /// Makes an identity.
  public init(areaCode: String, department: String, hall: String, window: String, channel: Channel) {
    self.areaCode = areaCode
    self.department = department
    self.hall = hall
    self.window = window
    self.channel = channel
  }
}

/// The clerk's card on the idle screen.
public struct ClerkCard: Sendable, Hashable {
  /// The clerk's name.
  public var name: String
  /// 工号.
  public var staffNumber: String
  /// A photo file, when provisioned.
  public var photo: String?

  /// Makes a card.
  public init(name: String = "", staffNumber: String = "", photo: String? = nil) {
    self.name = name
    self.staffNumber = staffNumber
    self.photo = photo
  }
}

/// The files the agent keeps.
public struct StatePaths: Sendable, Hashable {
  /// The directory that holds the ledger and the device key.
  public var stateDirectory: String

  /// Makes paths under `stateDirectory`.
  public init(stateDirectory: String = "/var/lib/ratingpad") {
    self.stateDirectory = stateDirectory
  }

  /// The SQLite ledger.
  public var ledger: String { stateDirectory + "/ledger.sqlite" }
  /// The device's Ed25519 private key, readable only by the agent.
  public var deviceKey: String { stateDirectory + "/device.key" }
  /// The photo of the clerk the counter system signed in last, as it came (see ClerkDuty).
  public var clerkPhoto: String { stateDirectory + "/clerk-photo" }
}

/// `[screen]` device, connector and mode: nil picks the default.
public struct DisplayChoice: Sendable, Hashable {
  /// The DRM device node, e.g. `/dev/dri/card1`.
  public var device: String?
  /// The connector, e.g. `HDMI-A-1`.
  public var connector: String?
  /// The mode, `WIDTHxHEIGHT` or `WIDTHxHEIGHT@HZ`.
  public var mode: String?
  /// `[screen] modesetting`: `auto` (atomic where the driver offers it) or `legacy`.
  public var modesetting: ModesettingChoice = .auto

  /// Makes a choice.
  public init(device: String? = nil, connector: String? = nil, mode: String? = nil) {
    self.device = device
    self.connector = connector
    self.mode = mode
  }
}
