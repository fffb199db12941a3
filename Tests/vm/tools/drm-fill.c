// Test tool for the VM harness: becomes DRM master, sets the first connected connector's
// preferred mode with a dumb buffer whose top half is white and bottom half blue, prints
// "drm-fill: WIDTHxHEIGHT DRIVER" and holds the screen until it is killed.
// It proves the harness's screendump sees what a DRM client shows; the agent's own DRM output
// comes with the screen module.
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <xf86drm.h>
#include <xf86drmMode.h>

int main(int argc, char **argv) {
  const char *path = argc > 1 ? argv[1] : "/dev/dri/card0";
  int fd = open(path, O_RDWR | O_CLOEXEC);
  if (fd < 0) { perror(path); return 1; }
  drmModeRes *resources = drmModeGetResources(fd);
  if (!resources) { perror("drmModeGetResources"); return 1; }
  drmModeConnector *connector = NULL;
  for (int i = 0; i < resources->count_connectors && !connector; i++) {
    drmModeConnector *candidate = drmModeGetConnector(fd, resources->connectors[i]);
    if (candidate && candidate->connection == DRM_MODE_CONNECTED && candidate->count_modes > 0) connector = candidate;
    else drmModeFreeConnector(candidate);
  }
  if (!connector) { fprintf(stderr, "drm-fill: no connected connector\n"); return 1; }
  drmModeModeInfo mode = connector->modes[0];
  for (int i = 0; i < connector->count_modes; i++)
    if (connector->modes[i].type & DRM_MODE_TYPE_PREFERRED) { mode = connector->modes[i]; break; }
  drmModeEncoder *encoder = drmModeGetEncoder(fd, connector->encoder_id ? connector->encoder_id : connector->encoders[0]);
  uint32_t crtc = encoder && encoder->crtc_id ? encoder->crtc_id : resources->crtcs[0];

  struct drm_mode_create_dumb create = {.width = mode.hdisplay, .height = mode.vdisplay, .bpp = 32};
  if (drmIoctl(fd, DRM_IOCTL_MODE_CREATE_DUMB, &create)) { perror("create dumb"); return 1; }
  uint32_t framebuffer;
  if (drmModeAddFB(fd, create.width, create.height, 24, 32, create.pitch, create.handle, &framebuffer)) {
    perror("drmModeAddFB");
    return 1;
  }
  struct drm_mode_map_dumb map = {.handle = create.handle};
  if (drmIoctl(fd, DRM_IOCTL_MODE_MAP_DUMB, &map)) { perror("map dumb"); return 1; }
  uint8_t *pixels = mmap(0, create.size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, map.offset);
  if (pixels == MAP_FAILED) { perror("mmap"); return 1; }
  for (uint32_t y = 0; y < create.height; y++) {
    uint32_t *row = (uint32_t *)(pixels + y * create.pitch);
    for (uint32_t x = 0; x < create.width; x++) row[x] = y < create.height / 2 ? 0x00ffffff : 0x000000ff;
  }
  if (drmModeSetCrtc(fd, crtc, framebuffer, 0, 0, &connector->connector_id, 1, &mode)) {
    perror("drmModeSetCrtc");
    return 1;
  }
  drmVersionPtr version = drmGetVersion(fd);
  printf("drm-fill: %ux%u %s\n", create.width, create.height, version ? version->name : "unknown");
  fflush(stdout);
  pause();
  return 0;
}
