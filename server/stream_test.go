package server

import (
	"encoding/json"
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"

	"go.lsp.dev/jsonrpc2"
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

// The hand-built frames must say what json.Marshal of the message says.
func TestWireBytesMatchesMarshal(t *testing.T) {
	note, err := jsonrpc2.NewNotification("textDocument/publishDiagnostics", map[string]any{"uri": "file:///a \"b\".py", "diagnostics": []int{}})
	if err != nil {
		t.Fatal(err)
	}
	num, err := jsonrpc2.NewResponse(jsonrpc2.NewNumberID(7), map[string]int{"x": 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	str, err := jsonrpc2.NewResponse(jsonrpc2.NewStringID("abc"), []string{"y"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, msg := range []jsonrpc2.Message{note, num, str} {
		fast, ok := wireBytes(msg)
		if !ok {
			t.Fatalf("%T: no fast path", msg)
		}
		slow, err := json.Marshal(msg)
		if err != nil {
			t.Fatal(err)
		}
		var a, b any
		if err := json.Unmarshal(fast, &a); err != nil {
			t.Fatalf("fast frame is not JSON: %s", fast)
		}
		json.Unmarshal(slow, &b)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("fast %s\nslow %s", fast, slow)
		}
	}
	failed, _ := jsonrpc2.NewResponse(jsonrpc2.NewNumberID(1), nil, errors.New("boom"))
	if _, ok := wireBytes(failed); ok {
		t.Error("an error response took the fast path")
	}
}
