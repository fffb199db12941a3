/// Every user-visible string of the pad, Chinese first and English second, in one table.
public enum Texts {
  public static let levelVerySatisfied = LocalizedText("非常满意", "Very satisfied")
  public static let levelSatisfied = LocalizedText("满意", "Satisfied")
  public static let levelBasicallySatisfied = LocalizedText("基本满意", "Basically satisfied")
  public static let levelDissatisfied = LocalizedText("不满意", "Dissatisfied")
  public static let levelVeryDissatisfied = LocalizedText("非常不满意", "Very dissatisfied")

  // The voice (VoiceCue): what the default WAV prompts say, spoken by espeak-ng at build time.
  public static let voicePrompt = LocalizedText("您好，请您对我的服务给予评价", "Hello, please rate my service")
  public static let voiceThanks = LocalizedText("谢谢您的评价", "Thank you for your rating")
  public static let voiceReasons = LocalizedText(
    "请选择不满意的原因", "Please choose what you were not satisfied with")

  public static let pleaseRate = LocalizedText("请您对我们的服务给予评价", "Please rate our service")
  public static let thankYou = LocalizedText("谢谢您的评价", "Thank you for your rating")
  public static let promptExpired = LocalizedText("评价已超时", "The rating time has ended")
  public static let reasonsTitle = LocalizedText("请选择不满意的原因", "What went wrong?")
  public static let submitReasons = LocalizedText("提交", "Submit")
  public static let skipReasons = LocalizedText("跳过", "Skip")
  public static let outOfService = LocalizedText("暂停服务", "Out of service")
  public static let secondsLeft = LocalizedText("剩余 %d 秒", "%d s left")
  public static let staffNumber = LocalizedText("工号", "Staff no.")
  public static let window = LocalizedText("窗口", "Window")
  public static let deviceIdentity = LocalizedText("设备标识", "Device identity")
  public static let selfTest = LocalizedText("设备自检", "Self-test")
  public static let checkPassed = LocalizedText("通过", "PASS")
  public static let checkFailed = LocalizedText("失败", "FAIL")
  public static let tapTheCross = LocalizedText("请点击十字中心(%d/%d)", "Tap the centre of the cross (%d of %d)")
  public static let touchEveryCell = LocalizedText("请逐一触摸每个格子", "Touch every square")
  public static let welcome = LocalizedText("欢迎", "Welcome")

  // The clerk on duty and rate later (issue 14).
  public static let windowClosed = LocalizedText("暂停服务", "Window closed")
  public static let scanToRateLater = LocalizedText("扫码稍后评价", "Scan to rate later")
}
