package source

/*
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <malloc.h>
#include <sys/mman.h>

extern void ts_set_allocator(void *(*)(size_t), void *(*)(size_t, size_t), void *(*)(void *, size_t), void (*)(void *));

// A scratch arena holds everything tree-sitter allocates while one file is
// parsed: the parser, its stacks and the tree. Releasing the file resets
// the arena in one step instead of freeing each node (ts_tree_delete walks
// the whole tree), and allocation is a free-list pop or a pointer bump
// instead of glibc's malloc. Arenas are fixed slots of one reserved
// region, so "is this pointer an arena's?" is two comparisons, whatever
// thread frees it.
//
// tree-sitter's allocator hooks have no context argument, so the arena in
// use is per thread: rt_enter/rt_leave bracket the parse on a thread the
// Go caller has locked. Allocations on any other thread, or outside the
// bracket, go to malloc as before.

enum { SLOTS = 16, CLASSES = 64 };
#define SLOT_SIZE ((size_t)2 << 30)
#define KEEP_HOT ((size_t)8 << 20)

typedef struct { size_t cls, pad; } rt_hdr; // keeps blocks 16-byte aligned

typedef struct {
	char *start, *top, *end;                // end: where this parse must stop
	void *free[CLASSES];
	int spilled;                            // an allocation went to malloc
} rt_arena;

static char *region, *region_end;
static rt_arena arenas[SLOTS];
static __thread rt_arena *cur;

static int class_of(size_t n) {               // n > 0, a multiple of 16
	if (n <= 512) return (int)(n >> 4) - 1;   // 16-byte steps: 0..31
	int c = 32;
	for (size_t s = 1024; s < n; s <<= 1) c++;
	return c;                                 // powers of two from 1 KiB
}
static size_t class_size(int c) { return c < 32 ? (size_t)(c + 1) << 4 : (size_t)1024 << (c - 32); }
static int in_region(const void *p) { return (const char *)p >= region && (const char *)p < region_end; }
static int in_arena(const rt_arena *a, const void *p) { return (const char *)p >= a->start && (const char *)p < a->end; }

static void *rt_malloc(size_t n) {
	rt_arena *a = cur;
	if (!a) return malloc(n);
	int c = class_of(n ? (n + 15) & ~(size_t)15 : 16);
	if (c >= CLASSES) { a->spilled = 1; return malloc(n); }
	void *p = a->free[c];
	if (p) { a->free[c] = *(void **)p; return p; }
	size_t size = class_size(c);
	if ((size_t)(a->end - a->top) < sizeof(rt_hdr) + size) { a->spilled = 1; return malloc(n); }
	rt_hdr *h = (rt_hdr *)a->top;
	h->cls = (size_t)c;
	a->top += sizeof(rt_hdr) + size;
	return h + 1;
}

static void *rt_calloc(size_t count, size_t n) {
	if (!cur) return calloc(count, n);
	if (n && count > SIZE_MAX / n) return NULL;
	void *p = rt_malloc(count * n);
	if (p) memset(p, 0, count * n);
	return p;
}

static void rt_free(void *p) {
	if (!p) return;
	if (!in_region(p)) { free(p); return; }
	// Arena memory freed inside its own bracket is reused; anywhere else
	// it goes when the arena is reset.
	rt_arena *a = cur;
	if (a && in_arena(a, p)) {
		int c = (int)((rt_hdr *)p - 1)->cls;
		*(void **)p = a->free[c];
		a->free[c] = p;
	}
}

static void *rt_realloc(void *p, size_t n) {
	if (!p) return rt_malloc(n);
	// malloc'd memory stays malloc'd, even inside the bracket: resetting the
	// arena must not take memory that an owner outside it still holds.
	if (!in_region(p)) return realloc(p, n);
	size_t have = class_size((int)((rt_hdr *)p - 1)->cls);
	if (n <= have) return p;
	void *q = cur ? rt_malloc(n) : malloc(n);
	if (!q) return NULL;
	memcpy(q, p, have);
	rt_free(p);
	return q;
}

static int rt_setup(void) {
	void *r = mmap(NULL, SLOTS * SLOT_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (r == MAP_FAILED) return 0;
	region = r;
	region_end = region + SLOTS * SLOT_SIZE;
	for (int i = 0; i < SLOTS; i++) {
		arenas[i].start = arenas[i].top = region + i * SLOT_SIZE;
		arenas[i].end = arenas[i].start + SLOT_SIZE;
	}
	ts_set_allocator(rt_malloc, rt_calloc, rt_realloc, rt_free);
	return 1;
}

static void rt_enter(int slot) { cur = &arenas[slot]; }
static void rt_leave(void) { cur = NULL; }
static int rt_spilled(int slot) { return arenas[slot].spilled; }

// rt_reset forgets everything in the arena. Pages past the first few MiB
// go back to the kernel, so one huge file does not pin its memory.
// rt_cap lowers every arena's end, for tests of a parse that outgrows it.
static void rt_cap(size_t bytes) {
	if (bytes == 0 || bytes > SLOT_SIZE) bytes = SLOT_SIZE;
	for (int i = 0; i < SLOTS; i++) arenas[i].end = arenas[i].start + bytes;
}

static void rt_reset(int slot) {
	rt_arena *a = &arenas[slot];
	size_t used = (size_t)(a->top - a->start);
	if (used > KEEP_HOT) madvise(a->start + KEEP_HOT, used - KEEP_HOT, MADV_DONTNEED);
	a->top = a->start;
	a->spilled = 0;
	memset(a->free, 0, sizeof a->free);
}
*/
import "C"

import (
	"context"
	"runtime"
	"sync"

	sitter "github.com/smacker/go-tree-sitter"
)

// scratch hands out arena slots; a slot is in use by one parse at a time.
var scratch struct {
	once sync.Once
	ok   bool
	mu   sync.Mutex
	free []C.int
}

func scratchSlot() (C.int, bool) {
	scratch.once.Do(func() {
		if C.rt_setup() == 0 {
			return
		}
		scratch.ok = true
		for i := C.SLOTS - 1; i >= 0; i-- {
			scratch.free = append(scratch.free, C.int(i))
		}
	})
	scratch.mu.Lock()
	defer scratch.mu.Unlock()
	if !scratch.ok || len(scratch.free) == 0 {
		return 0, false
	}
	slot := scratch.free[len(scratch.free)-1]
	scratch.free = scratch.free[:len(scratch.free)-1]
	return slot, true
}

// ParseScratch is Parse for a tree that lives only while one file is
// analysed, as in a batch run. The tree, and its parser, are made in a
// scratch arena; release (call it exactly once, when nothing reads the
// tree or any node of it any more) frees them all at once and clears
// f.Tree. When no arena is free, it is Parse, and release closes the tree.
func ParseScratch(ctx context.Context, path string, lang Language, src []byte) (f *File, release func(), err error) {
	if err := ctx.Err(); err != nil || lang == Unknown || Check(src) != nil {
		f, err := Parse(ctx, path, lang, src) // its errors, worded once
		return f, func() { closeTree(f) }, err
	}
	slot, ok := scratchSlot()
	if !ok {
		f, err := Parse(ctx, path, lang, src)
		return f, func() { closeTree(f) }, err
	}
	// Every allocation of this parse must see the arena: stay on this thread.
	runtime.LockOSThread()
	C.rt_enter(slot)
	p := sitter.NewParser()
	runtime.SetFinalizer(p, nil) // the arena frees it; a finalizer would free it twice
	p.SetLanguage(lang.Grammar())
	tree, err := p.ParseCtx(uncancellable, nil, src)
	C.rt_leave()
	runtime.UnlockOSThread()
	if tree != nil {
		runtime.SetFinalizer(tree.BaseTree, nil)
	}
	done := func() {
		if C.rt_spilled(slot) != 0 {
			// Some of it is malloc memory: free the tree and parser the
			// slow way (their arena parts are left to the reset).
			if tree != nil {
				tree.Close()
			}
			p.Close()
		}
		C.rt_reset(slot)
		scratch.mu.Lock()
		scratch.free = append(scratch.free, slot)
		scratch.mu.Unlock()
	}
	if err != nil {
		done()
		return nil, func() {}, err
	}
	f = &File{Path: path, Language: lang, Src: src, Tree: tree, Lines: NewLineIndex(src)}
	var once sync.Once
	return f, func() {
		once.Do(func() {
			f.Tree = nil
			done()
		})
	}, nil
}

func closeTree(f *File) {
	if f != nil && f.Tree != nil {
		f.Tree.Close()
		f.Tree = nil
	}
}

// capScratch limits each arena to n bytes (0: the full slot), so tests can
// make a parse spill into malloc.
func capScratch(n int) {
	scratchSlot() // sets the arenas up
	scratch.mu.Lock()
	defer scratch.mu.Unlock()
	C.rt_cap(C.size_t(n))
}
