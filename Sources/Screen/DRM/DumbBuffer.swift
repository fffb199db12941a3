import CDRM
import Glibc

/// The open device node; closed when nothing (scan-out, buffers) uses it any more.
final class DRMFile {
  let fd: Int32

  init(fd: Int32) { self.fd = fd }

  deinit { close(fd) }
}

/// A dumb buffer mapped into memory and registered as a framebuffer.
final class DumbBuffer: FrameBuffer {
  let file: DRMFile
  let handle: UInt32
  let pitch: Int
  let size: Int
  let framebuffer: UInt32
  let pixels: UnsafeMutableRawPointer

  init(file: DRMFile, width: Int, height: Int) throws(ScreenError) {
    let fd = file.fd
    var handle: UInt32 = 0
    var pitch: UInt32 = 0
    var size: UInt64 = 0
    guard cdrm_create_dumb(fd, UInt32(width), UInt32(height), &handle, &pitch, &size) == 0 else {
      throw .drm(call: "DRM_IOCTL_MODE_CREATE_DUMB", errno: errno)
    }
    var framebuffer: UInt32 = 0
    guard drmModeAddFB(fd, UInt32(width), UInt32(height), 24, 32, pitch, handle, &framebuffer) == 0 else {
      let code = errno
      _ = cdrm_destroy_dumb(fd, handle)
      throw .drm(call: "drmModeAddFB", errno: code)
    }
    var offset: UInt64 = 0
    guard cdrm_map_dumb(fd, handle, &offset) == 0,
      let mapped = mmap(nil, Int(size), PROT_READ | PROT_WRITE, MAP_SHARED, fd, off_t(offset)),
      mapped != MAP_FAILED
    else {
      let code = errno
      drmModeRmFB(fd, framebuffer)
      _ = cdrm_destroy_dumb(fd, handle)
      throw .drm(call: "mmap dumb buffer", errno: code)
    }
    self.file = file
    self.handle = handle
    self.pitch = Int(pitch)
    self.size = Int(size)
    self.framebuffer = framebuffer
    pixels = mapped
  }

  deinit {
    munmap(pixels, size)
    drmModeRmFB(file.fd, framebuffer)
    _ = cdrm_destroy_dumb(file.fd, handle)
  }
}
