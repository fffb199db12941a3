// cairo and pango come together: pangocairo's headers include cairo's, so one module holds both.
#include <cairo.h>
#include <pango/pangocairo.h>
