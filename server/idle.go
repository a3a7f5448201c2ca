package server

import (
	"runtime"
	"runtime/debug"
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
	if s.idleTimer == nil {
		s.idleTimer = time.AfterFunc(idleDelay, giveBackMemory)
		return
	}
	s.idleTimer.Reset(idleDelay)
}

// giveBackMemory collects the Go heap (whose finalizers free dropped
// trees), returns its free pages, then trims the C heap.
func giveBackMemory() {
	runtime.GC()
	// Dropped trees are closed by finalizers, which run after the
	// collection, on their own goroutine: give them a moment.
	time.Sleep(50 * time.Millisecond)
	debug.FreeOSMemory()
	cmem.Trim()
}
