import RatingFlow
import RatingModel
import Screen
import Touch

/// The touch input's surface: the flow's screen as the presenter shows it. A point is hit-tested
/// on the layout of what is shown, a finger keeps the panel lit (and wakes a dark one), the button
/// under it shows pressed, and a tap goes to the flow.
final class ScreenTapSurface: TapSurface {
  private let presenter: ScreenPresenter
  private let controller: PadController

  /// Taps land on what `presenter` shows and go to `controller`.
  init(presenter: ScreenPresenter, controller: PadController) {
    self.presenter = presenter
    self.controller = controller
  }

  func hitTest() -> (_ x: Double, _ y: Double) -> TapTarget? {
    let content = presenter.content(of: controller.flow.screen, at: MonotonicClock.now())
    guard let layout = presenter.layout else { return { _, _ in nil } }
    return { x, y in layout.target(atX: x * layout.width, y: y * layout.height, on: content) }
  }

  func fingerOnGlass() -> Bool {
    let now = MonotonicClock.now()
    guard presenter.touched(at: now) else { return false }
    presenter.present(controller.flow.screen, at: now)
    return true
  }

  func tapped(_ target: TapTarget) {
    controller.tap(target, at: MonotonicClock.now())
  }

  func pressing(_ target: TapTarget?) {
    presenter.press(target, on: controller.flow.screen, at: MonotonicClock.now())
  }
}
