// Package cmem tunes and trims the C heap, where tree-sitter's trees live.
// Go's collector neither sees nor returns that memory: glibc keeps what is
// freed in per-thread arenas, so a server that parsed many documents holds
// on to memory it no longer uses.
package cmem

/*
#include <malloc.h>

static void limit_arenas(int n) {
#ifdef M_ARENA_MAX
	mallopt(M_ARENA_MAX, n);
#endif
}

static int trim(void) {
#ifdef __GLIBC__
	return malloc_trim(0);
#else
	return 0;
#endif
}
*/
import "C"

// LimitArenas caps the number of glibc malloc arenas. Each OS thread that
// allocates may otherwise get its own (up to 8 per core), and each keeps
// its freed memory; the Go runtime runs cgo calls on many threads. Call it
// before parsing starts.
func LimitArenas(n int) { C.limit_arenas(C.int(n)) }

// Trim returns the C heap's free memory to the system (glibc's
// malloc_trim); it reports whether any was returned.
func Trim() bool { return C.trim() != 0 }
