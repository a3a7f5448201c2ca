package server

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"go.lsp.dev/jsonrpc2"
	"go.uber.org/zap"
)

// maxMessage bounds one message's body (a 20 MB document plus JSON).
const maxMessage = 64 << 20

// stream frames JSON-RPC messages with Content-Length headers. Unlike
// jsonrpc2's own stream, a body that is not valid JSON-RPC is answered
// with a parse error and skipped: the framing is intact, so the session
// goes on. A broken header ends the session (the frames are lost).
type stream struct {
	in  *bufio.Reader
	out io.Writer
	c   io.Closer
	log *zap.Logger
	wmu sync.Mutex
}

func newStream(in io.Reader, out io.Writer, c io.Closer, log *zap.Logger) *stream {
	return &stream{in: bufio.NewReaderSize(in, 64<<10), out: out, c: c, log: log}
}

func (s *stream) Read(ctx context.Context) (jsonrpc2.Message, int64, error) {
	for {
		body, n, err := s.readFrame()
		if err != nil {
			return nil, n, err
		}
		msg, err := jsonrpc2.DecodeMessage(body)
		if err == nil {
			return msg, n, nil
		}
		s.log.Warn("malformed JSON-RPC message; skipped", zap.Error(err), zap.Int("bytes", len(body)))
		s.writeRaw(malformedReply(body, err))
	}
}

// malformedReply is the error response (null id) to a body that is not a
// JSON-RPC message: ParseError for invalid JSON, InvalidRequest for valid
// JSON that is not a request (JSON-RPC 2.0 §5.1). json.Marshal keeps the
// reply valid JSON whatever bytes the error message quotes.
func malformedReply(body []byte, err error) []byte {
	code, prefix := jsonrpc2.ParseError, "parse error: "
	if json.Valid(body) {
		code, prefix = jsonrpc2.InvalidRequest, "invalid request: "
	}
	type rpcError struct {
		Code    jsonrpc2.Code `json:"code"`
		Message string        `json:"message"`
	}
	reply, _ := json.Marshal(struct {
		JSONRPC string   `json:"jsonrpc"`
		ID      *int     `json:"id"`
		Error   rpcError `json:"error"`
	}{"2.0", nil, rpcError{code, prefix + err.Error()}})
	return reply
}

func (s *stream) readFrame() ([]byte, int64, error) {
	var total int64
	length, headers := -1, 0
	for {
		// ReadSlice bounds a header line by the reader's 64 KiB buffer: a
		// client sending an endless line costs no memory, only the session.
		raw, err := s.in.ReadSlice('\n')
		line := string(raw)
		total += int64(len(line))
		if errors.Is(err, bufio.ErrBufferFull) {
			return nil, total, fmt.Errorf("header line longer than %d bytes", s.in.Size())
		}
		if err != nil {
			if err == io.EOF && total == 0 {
				return nil, total, io.EOF
			}
			return nil, total, fmt.Errorf("reading header: %w", err)
		}
		line = strings.TrimSpace(line)
		if line == "" {
			if headers == 0 {
				continue // stray blank line between frames
			}
			if length < 0 {
				return nil, total, fmt.Errorf("header without Content-Length")
			}
			break
		}
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			return nil, total, fmt.Errorf("invalid header line %q", line)
		}
		headers++
		if strings.EqualFold(strings.TrimSpace(name), "Content-Length") {
			n, err := strconv.Atoi(strings.TrimSpace(value))
			if err != nil || n <= 0 || n > maxMessage {
				return nil, total, fmt.Errorf("invalid Content-Length %q", strings.TrimSpace(value))
			}
			length = n
		}
	}
	body := make([]byte, length)
	if _, err := io.ReadFull(s.in, body); err != nil {
		return nil, total, fmt.Errorf("reading body: %w", err)
	}
	return body, total + int64(length), nil
}

func (s *stream) Write(ctx context.Context, msg jsonrpc2.Message) (int64, error) {
	if data, ok := wireBytes(msg); ok {
		return s.writeRaw(data)
	}
	data, err := json.Marshal(msg)
	if err != nil {
		return 0, fmt.Errorf("marshaling message: %w", err)
	}
	return s.writeRaw(data)
}

// wireBytes writes a notification or a successful response around its
// already encoded params or result. Marshaling the message instead
// encoded them twice more (jsonrpc2's MarshalJSON compacts its raw
// parameters, and encoding/json compacts what that returns): for a
// publishDiagnostics of 200 findings, two of every keystroke's 15 ms.
func wireBytes(msg jsonrpc2.Message) ([]byte, bool) {
	var head []byte
	var body json.RawMessage
	switch m := msg.(type) {
	case *jsonrpc2.Notification:
		method, err := json.Marshal(m.Method())
		if err != nil || len(m.Params()) == 0 {
			return nil, false
		}
		head = append(append(append(head, `{"jsonrpc":"2.0","method":`...), method...), `,"params":`...)
		body = m.Params()
	case *jsonrpc2.Response:
		// ID marshals through a pointer receiver; its value would encode as {}.
		id := m.ID()
		idJSON, err := json.Marshal(&id)
		if err != nil || m.Err() != nil || len(m.Result()) == 0 {
			return nil, false
		}
		head = append(append(append(head, `{"jsonrpc":"2.0","id":`...), idJSON...), `,"result":`...)
		body = m.Result()
	default:
		return nil, false
	}
	data := make([]byte, 0, len(head)+len(body)+1)
	return append(append(append(data, head...), body...), '}'), true
}

func (s *stream) writeRaw(data []byte) (int64, error) {
	// One write per frame: a reader (or a test's snapshot of the output)
	// never sees a header without its body.
	frame := make([]byte, 0, len(data)+32)
	frame = fmt.Appendf(frame, "Content-Length: %d\r\n\r\n", len(data))
	frame = append(frame, data...)
	s.wmu.Lock()
	defer s.wmu.Unlock()
	n, err := s.out.Write(frame)
	return int64(n), err
}

func (s *stream) Close() error { return s.c.Close() }
