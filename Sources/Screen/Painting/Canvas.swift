import CCairoPango

/// Draws into XRGB8888 pixels someone else owns (a DRM dumb buffer or memory), through cairo
/// and pango: the one wrapper of those libraries, the only type that holds their pointers (it
/// also writes and reads PNG files, through cairo).
public final class Canvas {
  private let surface: OpaquePointer
  private let context: OpaquePointer
  /// The logical (rotated) size drawing happens in.
  public let width: Double
  public let height: Double
  /// The font family for all text.
  public let fontFamily: String

  /// Wraps `pixels` (XRGB8888, `stride` bytes per row) of a panel `panelWidth`×`panelHeight`;
  /// drawing coordinates are the logical screen after `rotation`.
  init(
    pixels: UnsafeMutableRawPointer, panelWidth: Int, panelHeight: Int, stride: Int, rotation: Rotation,
    fontFamily: String
  ) {
    surface = cairo_image_surface_create_for_data(
      pixels.assumingMemoryBound(to: UInt8.self), CAIRO_FORMAT_RGB24, Int32(panelWidth), Int32(panelHeight),
      Int32(stride))
    context = cairo_create(surface)
    self.fontFamily = fontFamily
    width = Double(rotation.swapsAxes ? panelHeight : panelWidth)
    height = Double(rotation.swapsAxes ? panelWidth : panelHeight)
    // Turn the panel's coordinates so the logical screen's origin is top-left as the citizen sees it.
    switch rotation {
    case .none: break
    case .quarter:
      cairo_translate(context, Double(panelWidth), 0)
      cairo_rotate(context, .pi / 2)
    case .half:
      cairo_translate(context, Double(panelWidth), Double(panelHeight))
      cairo_rotate(context, .pi)
    case .threeQuarters:
      cairo_translate(context, 0, Double(panelHeight))
      cairo_rotate(context, -.pi / 2)
    }
  }

  deinit {
    cairo_destroy(context)
    cairo_surface_destroy(surface)
  }

  /// Makes sure every drawing operation has reached the pixels.
  public func flush() { cairo_surface_flush(surface) }

  private func set(_ colour: Colour) { cairo_set_source_rgb(context, colour.red, colour.green, colour.blue) }

  public func fill(_ rect: Rect, _ colour: Colour, radius: Double = 0) {
    path(rect, radius: radius)
    set(colour)
    cairo_fill(context)
  }

  public func stroke(_ rect: Rect, _ colour: Colour, width lineWidth: Double, radius: Double = 0) {
    path(rect, radius: radius)
    set(colour)
    cairo_set_line_width(context, lineWidth)
    cairo_stroke(context)
  }

  /// Runs `body` with drawing clipped to `rect` (rounded), restoring the context afterwards.
  func withClip(_ rect: Rect, radius: Double, _ body: (OpaquePointer) -> Void) {
    cairo_save(context)
    path(rect, radius: radius)
    cairo_clip(context)
    body(context)
    cairo_restore(context)
  }

  private func path(_ rect: Rect, radius: Double) {
    cairo_new_path(context)
    let r = min(radius, rect.width / 2, rect.height / 2)
    guard r > 0 else {
      cairo_rectangle(context, rect.x, rect.y, rect.width, rect.height)
      return
    }
    cairo_arc(context, rect.x + rect.width - r, rect.y + r, r, -.pi / 2, 0)
    cairo_arc(context, rect.x + rect.width - r, rect.y + rect.height - r, r, 0, .pi / 2)
    cairo_arc(context, rect.x + r, rect.y + rect.height - r, r, .pi / 2, .pi)
    cairo_arc(context, rect.x + r, rect.y + r, r, .pi, 3 * .pi / 2)
    cairo_close_path(context)
  }

  public func circle(centreX: Double, centreY: Double, radius: Double, fill colour: Colour) {
    cairo_new_path(context)
    cairo_arc(context, centreX, centreY, radius, 0, 2 * .pi)
    set(colour)
    cairo_fill(context)
  }

  /// A quadratic-looking mouth: from (x0, y) to (x1, y), bending by `bend` (positive smiles).
  public func curve(
    fromX x0: Double, toX x1: Double, y: Double, bend: Double, colour: Colour, width lineWidth: Double
  ) {
    cairo_new_path(context)
    cairo_move_to(context, x0, y)
    let third = (x1 - x0) / 3
    cairo_curve_to(context, x0 + third, y + bend, x1 - third, y + bend, x1, y)
    set(colour)
    cairo_set_line_width(context, lineWidth)
    cairo_set_line_cap(context, CAIRO_LINE_CAP_ROUND)
    cairo_stroke(context)
  }

  /// Measures `text` at `size` pixels or smaller, shrinking until it fits `box` (never clipping);
  /// with `lines` above 1 it may break into that many lines of about equal width, where that lets
  /// it stay larger than on one line.
  public func fit(_ text: String, in box: Rect, size: Double, bold: Bool = false, lines: Int = 1) -> TextFit {
    withLayout(text, bold: bold) { layout in measure(layout, box: box, size: size, bold: bold, lines: lines) }
  }

  /// Draws `text` centred in `box`, at `size` pixels or smaller so that it fits: shrink, never clip;
  /// `lines` as for `fit`.
  @discardableResult
  public func text(
    _ text: String, in box: Rect, size: Double, colour: Colour, bold: Bool = false, lines: Int = 1
  ) -> TextFit {
    withLayout(text, bold: bold) { layout in
      let fit = measure(layout, box: box, size: size, bold: bold, lines: lines)
      // A wrapped layout may start its centred lines to the right of its origin.
      var logical = PangoRectangle()
      pango_layout_get_pixel_extents(layout, nil, &logical)
      set(colour)
      cairo_move_to(context, box.midX - fit.width / 2 - Double(logical.x), box.midY - fit.height / 2)
      pango_cairo_show_layout(context, layout)
      return fit
    }
  }

  private func withLayout(_ text: String, bold: Bool, _ body: (OpaquePointer) -> TextFit) -> TextFit {
    let layout = pango_cairo_create_layout(context)!
    defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
    pango_layout_set_text(layout, text, -1)
    pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
    return body(layout)
  }

  private func measure(_ layout: OpaquePointer, box: Rect, size: Double, bold: Bool, lines: Int) -> TextFit {
    var used = size
    while true {
      let font = pango_font_description_new()!
      pango_font_description_set_family(font, fontFamily)
      pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
      pango_font_description_set_absolute_size(font, used * Double(PANGO_SCALE))
      pango_layout_set_font_description(layout, font)
      pango_font_description_free(font)
      pango_layout_set_width(layout, -1)
      pango_layout_set_line_spacing(layout, 0)
      let single = extents(layout, size: used)
      if (single.width <= box.width && single.height <= box.height) || used <= 6 { return single }
      let count = Int((single.width / box.width).rounded(.up))
      if lines > 1 && count <= lines {
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        // The font's lines are 1.3 em apart, roomy for one line; two sit closer and so stay larger.
        pango_layout_set_line_spacing(layout, 0.9)
        // Balanced first: each line about an equal share (plus a character's slack), not a full
        // line and a stub; where words do not break that evenly, a little wider, up to the box.
        let even = min(box.width, single.width / Double(count) + used)
        for share in [0, 1, 2, 3].map({ even + (box.width - even) * Double($0) / 3 }) {
          pango_layout_set_width(layout, Int32(share * Double(PANGO_SCALE)))
          let wrapped = extents(layout, size: used)
          if wrapped.width <= box.width && wrapped.height <= box.height && wrapped.lines <= lines {
            return wrapped
          }
        }
      }
      used *= 0.94
    }
  }

  private func extents(_ layout: OpaquePointer, size: Double) -> TextFit {
    var logical = PangoRectangle()
    pango_layout_get_pixel_extents(layout, nil, &logical)
    return TextFit(
      size: size, width: Double(logical.width), height: Double(logical.height),
      lines: Int(pango_layout_get_line_count(layout)))
  }
}

/// How a text was fitted into its box.
public struct TextFit: Sendable, Equatable {
  /// The font size used, in pixels.
  public let size: Double
  /// The measured width.
  public let width: Double
  /// The measured height.
  public let height: Double
  /// The lines it took.
  public let lines: Int
}

extension Canvas {
  /// Writes the panel's pixels as a PNG file.
  public func writePNG(to path: String) throws(ScreenError) {
    flush()
    let status = cairo_surface_write_to_png(surface, path)
    guard status == CAIRO_STATUS_SUCCESS else {
      throw .png(path: path, reason: String(cString: cairo_status_to_string(status)))
    }
  }

  /// Reads a PNG file into XRGB8888 pixels, row by row, or fails naming it.
  static func readPNG(path: String) throws(ScreenError) -> (width: Int, height: Int, pixels: [UInt32]) {
    let surface = cairo_image_surface_create_from_png(path)!
    defer { cairo_surface_destroy(surface) }
    guard cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS else {
      throw .png(path: path, reason: String(cString: cairo_status_to_string(cairo_surface_status(surface))))
    }
    let width = Int(cairo_image_surface_get_width(surface))
    let height = Int(cairo_image_surface_get_height(surface))
    let stride = Int(cairo_image_surface_get_stride(surface))
    let data = UnsafeRawPointer(cairo_image_surface_get_data(surface)!)
    var pixels: [UInt32] = []
    pixels.reserveCapacity(width * height)
    for y in 0..<height {
      for x in 0..<width { pixels.append(data.load(fromByteOffset: y * stride + x * 4, as: UInt32.self)) }
    }
    return (width, height, pixels)
  }
}
