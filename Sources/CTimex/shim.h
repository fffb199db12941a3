// adjtimex(2): whether the kernel's clock is synchronised (libc; Swift's Glibc module leaves it out).
#include <sys/timex.h>
