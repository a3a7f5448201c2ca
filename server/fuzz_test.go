package server

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"go.uber.org/zap"
)

// frame wraps a JSON-RPC body in its header.
func frame(body string) string { return fmt.Sprintf("Content-Length: %d\r\n\r\n%s", len(body), body) }

// lockedBuffer is an io.Writer the server's goroutines may share.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) Bytes() []byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]byte(nil), l.b.Bytes()...)
}

type nopCloser struct{}

func (nopCloser) Close() error { return nil }

// FuzzSession feeds arbitrary bytes — random framing and mutated valid
// sessions — through the real handler (issue 14): it must not panic, must
// end when the input does, and everything it writes must be well-formed
// frames of JSON.
func FuzzSession(f *testing.F) {
	initialize := frame(`{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"capabilities":{}}}`) +
		frame(`{"jsonrpc":"2.0","method":"initialized","params":{}}`)
	open := frame(`{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"untitled:a.py","languageId":"python","version":1,"text":"import time\nasync def h():\n    time.sleep(1)\n"}}}`)
	for _, seed := range []string{
		initialize,
		initialize + open,
		initialize + open + frame(`{"jsonrpc":"2.0","id":2,"method":"textDocument/codeAction","params":{"textDocument":{"uri":"untitled:a.py"},"range":{"start":{"line":2,"character":4},"end":{"line":2,"character":17}},"context":{"diagnostics":[]}}}`),
		initialize + open + frame(`{"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":"untitled:a.py","version":2},"contentChanges":[{"range":{"start":{"line":0,"character":0},"end":{"line":0,"character":6}},"text":"x"}]}}`),
		initialize + frame(`{"jsonrpc":"2.0","id":3,"method":"shutdown"}`) + frame(`{"jsonrpc":"2.0","method":"exit"}`),
		"Content-Length: 5\r\n\r\n{bad}", "Content-Length: -1\r\n\r\n", "garbage\r\n\r\n", frame(`[]`), frame(`{"jsonrpc":"2.0","id":{},"method":1}`),
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		if bytes.Contains(in, []byte("file:")) {
			return // a file URI would send the server to index the disk
		}
		out := &lockedBuffer{}
		done := make(chan struct{})
		go func() {
			defer close(done)
			Run(context.Background(), bytes.NewReader(in), out, nopCloser{}, zap.NewNop())
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("the server did not end after its input did")
		}
		checkFrames(t, out.Bytes())
	})
}

// checkFrames asserts that data is a sequence of Content-Length frames of
// JSON bodies.
func checkFrames(t *testing.T, data []byte) {
	r := bufio.NewReader(bytes.NewReader(data))
	for {
		line, err := r.ReadString('\n')
		if err == io.EOF && line == "" {
			return
		}
		if err != nil || !strings.HasPrefix(line, "Content-Length: ") {
			t.Fatalf("output is not framed: %q", line)
		}
		n, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(line, "Content-Length: ")))
		if err != nil {
			t.Fatalf("bad Content-Length %q", line)
		}
		if blank, _ := r.ReadString('\n'); blank != "\r\n" {
			t.Fatalf("header not ended by a blank line: %q", blank)
		}
		body := make([]byte, n)
		if _, err := io.ReadFull(r, body); err != nil {
			t.Fatalf("short body: %v", err)
		}
		if !json.Valid(body) {
			t.Fatalf("body is not JSON: %q", body)
		}
	}
}
