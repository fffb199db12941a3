#include <stdint.h>
#include <string.h>
#include <xf86drm.h>
#include <xf86drmMode.h>
#include <linux/netlink.h>  // uevents: connector hotplug

// The dumb-buffer ioctls are macros Swift cannot import; these wrap them.
static inline int cdrm_create_dumb(int fd, uint32_t width, uint32_t height, uint32_t *handle, uint32_t *pitch,
                                   uint64_t *size) {
  struct drm_mode_create_dumb create;
  memset(&create, 0, sizeof create);
  create.width = width;
  create.height = height;
  create.bpp = 32;
  int result = drmIoctl(fd, DRM_IOCTL_MODE_CREATE_DUMB, &create);
  *handle = create.handle;
  *pitch = create.pitch;
  *size = create.size;
  return result;
}

static inline int cdrm_map_dumb(int fd, uint32_t handle, uint64_t *offset) {
  struct drm_mode_map_dumb map;
  memset(&map, 0, sizeof map);
  map.handle = handle;
  int result = drmIoctl(fd, DRM_IOCTL_MODE_MAP_DUMB, &map);
  *offset = map.offset;
  return result;
}

static inline int cdrm_destroy_dumb(int fd, uint32_t handle) {
  struct drm_mode_destroy_dumb destroy;
  memset(&destroy, 0, sizeof destroy);
  destroy.handle = handle;
  return drmIoctl(fd, DRM_IOCTL_MODE_DESTROY_DUMB, &destroy);
}

// Page-flip completion arrives as a callback; the flip's user data points at a counter to bump.
static void cdrm_flip_done(int fd, unsigned int sequence, unsigned int sec, unsigned int usec, void *data) {
  (void)fd; (void)sequence; (void)sec; (void)usec;
  *(int *)data += 1;
}

// Reads the DRM events that are ready; completed flips bump their counters.
static inline int cdrm_handle_events(int fd) {
  drmEventContext context;
  memset(&context, 0, sizeof context);
  context.version = 2;
  context.page_flip_handler = cdrm_flip_done;
  return drmHandleEvent(fd, &context);
}
