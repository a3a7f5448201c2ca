package lsptest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// readFrame reads one Content-Length frame strictly: the server must write
// nothing else on stdout. Header lines end with CRLF; only Content-Length
// and Content-Type are allowed.
func readFrame(r *bufio.Reader) (body []byte, raw int, err error) {
	length := -1
	for {
		line, err := r.ReadString('\n')
		raw += len(line)
		if err != nil {
			if err == io.EOF && raw == 0 {
				return nil, 0, io.EOF
			}
			return nil, raw, fmt.Errorf("reading header: %w (got %q)", err, line)
		}
		if !strings.HasSuffix(line, "\r\n") {
			return nil, raw, fmt.Errorf("header line %q does not end with CRLF", line)
		}
		line = strings.TrimSuffix(line, "\r\n")
		if line == "" {
			break
		}
		name, value, ok := strings.Cut(line, ": ")
		switch {
		case !ok:
			return nil, raw, fmt.Errorf("not a header line: %q", line)
		case name == "Content-Length":
			n, err := strconv.Atoi(value)
			if err != nil || n < 0 {
				return nil, raw, fmt.Errorf("bad Content-Length %q", value)
			}
			length = n
		case name == "Content-Type":
		default:
			return nil, raw, fmt.Errorf("unexpected header %q", line)
		}
	}
	if length < 0 {
		return nil, raw, fmt.Errorf("frame without Content-Length")
	}
	body = make([]byte, length)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, raw, fmt.Errorf("reading %d-byte body: %w", length, err)
	}
	return body, raw + length, nil
}

// envelope is the part of a JSON-RPC message the reader looks at.
type envelope struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Method  string          `json:"method"`
	Result  json.RawMessage `json:"result"`
	Error   *RPCError       `json:"error"`
}

// RPCError is a JSON-RPC error object.
type RPCError struct {
	Code    int64           `json:"code"`
	Message string          `json:"message"`
	Data    json.RawMessage `json:"data,omitempty"`
}

func (e *RPCError) Error() string { return fmt.Sprintf("JSON-RPC error %d: %s", e.Code, e.Message) }

// RawResponse is a response to a request written with RawCall, or an error
// response with a null id (the answer to a message the server could not
// parse).
type RawResponse struct {
	ID     string          // the raw request's id; "" for a null id
	Result json.RawMessage // nil when Error is set
	Error  *RPCError
	Body   []byte
}

// rawID reports whether a response id belongs to the raw side channel: a
// null id or a string id starting with "raw-". jsonrpc2's Conn cannot take
// either (it fails the whole connection on a null id and would drop the
// other), so the reader keeps them.
func rawID(id json.RawMessage) (string, bool) {
	id = bytes.TrimSpace(id)
	if string(id) == "null" {
		return "", true
	}
	var s string
	if json.Unmarshal(id, &s) == nil && strings.HasPrefix(s, rawPrefix) {
		return s, true
	}
	return "", false
}

const rawPrefix = "raw-"

func frame(body []byte) []byte {
	return append([]byte("Content-Length: "+strconv.Itoa(len(body))+"\r\n\r\n"), body...)
}
