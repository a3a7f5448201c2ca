package server

import (
	"io"
	"strings"
	"testing"

	"go.uber.org/zap"
)

// endless is a header line that never ends.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}

// A header line without end is a framing error after the reader's buffer,
// not a read that grows memory without bound (issue 14).
func TestHeaderLineBounded(t *testing.T) {
	s := newStream(io.MultiReader(strings.NewReader("X-Junk: "), endless{}), io.Discard, nil, zap.NewNop())
	_, n, err := s.readFrame()
	if err == nil || !strings.Contains(err.Error(), "header line longer than") {
		t.Fatalf("readFrame = %v, want a header-too-long error", err)
	}
	if n > 1<<20 {
		t.Errorf("read %d bytes before giving up", n)
	}
}
