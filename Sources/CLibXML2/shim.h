// libxml2, for reading provinces' XML replies; wrapped by ProvinceInterface's XMLTexts only.
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, whose headers clash with the ICU inside Swift's Foundation.
// Only the encoding handler's layout depends on it, and it is never touched from Swift.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>

// xmlFree is a function pointer variable, which Swift imports awkwardly: call it through this.
static inline void clibxml2_free(void *pointer) { xmlFree(pointer); }
