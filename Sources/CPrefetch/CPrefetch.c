// CPrefetch is its header: its functions are `static inline`, inlined where Swift calls them.
// SwiftPM builds a C target from at least one source file; this is it.
#include "CPrefetch.h"
