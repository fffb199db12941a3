#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <linux/kd.h>
#include <linux/vt.h>

// The kernel's virtual terminals (/dev/ttyN): how a kiosk's display server and the pad take turns
// at the screen. The ioctls and struct vt_mode's char fields are awkward from Swift.

// Process mode: the kernel asks this process (relsig) before switching away from its terminal and
// tells it (acqsig) when switched to, as display servers and plymouth do; 0 or -1 with errno.
static inline int cvt_process_mode(int fd, int relsig, int acqsig) {
  struct vt_mode mode;
  memset(&mode, 0, sizeof mode);
  mode.mode = VT_PROCESS;
  mode.relsig = (short)relsig;
  mode.acqsig = (short)acqsig;
  return ioctl(fd, VT_SETMODE, &mode);
}

// Automatic mode: switches happen without asking (the terminal's default).
static inline int cvt_auto_mode(int fd) {
  struct vt_mode mode;
  memset(&mode, 0, sizeof mode);
  mode.mode = VT_AUTO;
  return ioctl(fd, VT_SETMODE, &mode);
}

// The terminal's mode: VT_AUTO (0), VT_PROCESS (1), or -1 with errno.
static inline int cvt_mode(int fd) {
  struct vt_mode mode;
  memset(&mode, 0, sizeof mode);
  if (ioctl(fd, VT_GETMODE, &mode) != 0) return -1;
  return mode.mode;
}

// The terminal in front (1…63), or -1 with errno.
static inline int cvt_active(int fd) {
  struct vt_stat state;
  if (ioctl(fd, VT_GETSTATE, &state) != 0) return -1;
  return state.v_active;
}

// Asks the kernel to bring terminal `number` to the front; the switch completes later.
static inline int cvt_activate(int fd, int number) { return ioctl(fd, VT_ACTIVATE, number); }

// Answers the release signal: 1 lets the switch away go ahead, 0 refuses it.
static inline int cvt_release(int fd, int allow) { return ioctl(fd, VT_RELDISP, allow ? 1 : 0); }

// Answers the acquire signal: the terminal is taken.
static inline int cvt_acknowledge_acquire(int fd) { return ioctl(fd, VT_RELDISP, VT_ACKACQ); }
