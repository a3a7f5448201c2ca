package server

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rtlint/rtlint/internal/cmem"
)

// idleDelay is how long the server must go without publishing before it
// hands memory back: a burst of analyses (opening a project, a refresh)
// leaves freed trees in the C heap and garbage in the Go heap, and an
// idle editor should not keep paying for them.
const idleDelay = time.Second

// busy notes activity; the memory is handed back idleDelay after the last.
func (s *Server) busy() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ended {
		return
	}
	if s.idleTimer == nil {
		s.idleTimer = time.AfterFunc(idleDelay, func() {
			s.dropTrees(idleTrees)
			giveBackMemory()
		})
		return
	}
	s.idleTimer.Reset(idleDelay)
}

// giveBackMemory collects the Go heap (whose finalizers free dropped
// trees), returns its free pages, then trims the C heap.
func giveBackMemory() {
	// One at a time, and not more than once per idleDelay for the process
	// (servers run in-process in tests and fuzzing, many at once).
	now := time.Now().UnixNano()
	last := lastGiveBack.Load()
	if now-last < int64(idleDelay) || !lastGiveBack.CompareAndSwap(last, now) {
		return
	}
	runtime.GC()
	// Dropped trees are closed by finalizers, which run after the
	// collection, on their own goroutine: give them a moment.
	time.Sleep(50 * time.Millisecond)
	debug.FreeOSMemory()
	cmem.Trim()
}

// BaseMemoryLimit is the soft limit on the Go heap cmd/rtlint sets for the
// server: with GOGC at 300 (fewer collections per keystroke), garbage
// would otherwise pile up to four times the live heap.
const BaseMemoryLimit = 96 << 20

// followLiveHeap keeps the soft limit above what is live, after every
// collection: a limit below the live heap (one 10 MB document's model)
// makes the collector run without pause, up to half the CPU, and a 10 MB
// file took 20 s. Unless the user set GOMEMLIMIT. It re-arms itself as a
// finalizer, which the runtime calls once per collection.
func followLiveHeap() {
	if limitFromEnv {
		return
	}
	runtime.SetFinalizer(&gcSentinel{}, func(*gcSentinel) { followLiveHeap() })
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return
	}
	live := int64(sample[0].Value.Uint64())
	debug.SetMemoryLimit(max(BaseMemoryLimit, 2*live))
}

var limitFromEnv = os.Getenv("GOMEMLIMIT") != ""

// gcSentinel is garbage by birth: its finalizer runs after the next
// collection.
type gcSentinel struct{ _ [32]byte } // not tiny-allocated: finalizers of tiny objects may never run

var followOnce sync.Once

// lastGiveBack is when giveBackMemory last ran (Unix nanoseconds).
var lastGiveBack atomic.Int64

// startFollowingLiveHeap starts followLiveHeap's chain, once per process.
func startFollowingLiveHeap() { followOnce.Do(followLiveHeap) }
