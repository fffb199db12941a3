#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/fb.h>
#include <linux/kd.h>

// The kernel frame buffer (fbdev, /dev/fbN): the ioctls are macros Swift cannot import, and the
// per-pixel conversion runs here so that it is fast even in a debug build.

// What FBIOGET_VSCREENINFO and FBIOGET_FSCREENINFO say, flattened.
struct cfb_info {
  uint32_t width, height, xoffset, yoffset, bits_per_pixel, line_length, memory_length;
  uint32_t red_offset, red_length, green_offset, green_length, blue_offset, blue_length;
  uint32_t type, visual;
  char id[17];
};

static inline int cfb_get_info(int fd, struct cfb_info *info) {
  struct fb_var_screeninfo var;
  struct fb_fix_screeninfo fix;
  memset(&var, 0, sizeof var);
  memset(&fix, 0, sizeof fix);
  if (ioctl(fd, FBIOGET_VSCREENINFO, &var) != 0) return -1;
  if (ioctl(fd, FBIOGET_FSCREENINFO, &fix) != 0) return -1;
  memset(info, 0, sizeof *info);
  info->width = var.xres;
  info->height = var.yres;
  info->xoffset = var.xoffset;
  info->yoffset = var.yoffset;
  info->bits_per_pixel = var.bits_per_pixel;
  info->line_length = fix.line_length;
  info->memory_length = fix.smem_len;
  info->red_offset = var.red.offset;
  info->red_length = var.red.length;
  info->green_offset = var.green.offset;
  info->green_length = var.green.length;
  info->blue_offset = var.blue.offset;
  info->blue_length = var.blue.length;
  info->type = fix.type;
  info->visual = fix.visual;
  memcpy(info->id, fix.id, sizeof fix.id);
  info->id[16] = 0;
  return 0;
}

static inline int cfb_is_truecolor(const struct cfb_info *info) {
  return info->type == FB_TYPE_PACKED_PIXELS &&
         (info->visual == FB_VISUAL_TRUECOLOR || info->visual == FB_VISUAL_DIRECTCOLOR);
}

// Blanks (1) or unblanks (0) the frame buffer; drivers without blanking say so with -1.
static inline int cfb_blank(int fd, int blank) {
  return ioctl(fd, FBIOBLANK, blank ? FB_BLANK_POWERDOWN : FB_BLANK_UNBLANK);
}

// The console's mode: graphics (1) keeps the kernel's text console from drawing over the frame
// buffer (its cursor blinks otherwise), text (0) gives it back.
static inline int cfb_console_graphics(int fd, int graphics) {
  return ioctl(fd, KDSETMODE, graphics ? KD_GRAPHICS : KD_TEXT);
}

static inline uint32_t cfb_channel(uint32_t value8, uint32_t length, uint32_t offset) {
  if (length == 0) return 0;
  if (length >= 8) return value8 << (offset + length - 8);
  return (value8 >> (8 - length)) << offset;
}

// Copies an XRGB8888 frame (`src_pitch` bytes a row) into the frame buffer's memory at `dst`
// (the visible area's top-left), in its pixel format: 32, 24 or 16 bits per pixel, channels at
// the offsets and lengths the kernel gave. XRGB8888 itself is a row-by-row memcpy.
static inline void cfb_copy(const uint8_t *src, size_t src_pitch, uint8_t *dst, const struct cfb_info *info) {
  uint32_t bytes = info->bits_per_pixel / 8;
  int same = info->bits_per_pixel == 32 && info->red_offset == 16 && info->red_length == 8 &&
             info->green_offset == 8 && info->green_length == 8 && info->blue_offset == 0 &&
             info->blue_length == 8;
  for (uint32_t y = 0; y < info->height; y++) {
    const uint32_t *in = (const uint32_t *)(src + (size_t)y * src_pitch);
    uint8_t *out = dst + (size_t)y * info->line_length;
    if (same) {
      memcpy(out, in, (size_t)info->width * 4);
      continue;
    }
    for (uint32_t x = 0; x < info->width; x++) {
      uint32_t pixel = in[x];
      uint32_t value = cfb_channel((pixel >> 16) & 0xff, info->red_length, info->red_offset) |
                       cfb_channel((pixel >> 8) & 0xff, info->green_length, info->green_offset) |
                       cfb_channel(pixel & 0xff, info->blue_length, info->blue_offset);
      for (uint32_t b = 0; b < bytes; b++) out[(size_t)x * bytes + b] = (uint8_t)(value >> (8 * b));
    }
  }
}
