package cache

import (
	"bytes"
	"encoding/gob"
	"errors"
	"io"
	"sync"
)

// Each entry is a whole gob stream: the type definitions, then the value.
// A fresh decoder per entry would read those definitions and compile a
// decoder for every type again, which was half of a warm run. Decoders
// that have seen a stream's definitions are kept: an entry whose
// definitions are byte for byte the same (every entry one build writes)
// is decoded by feeding such a decoder its value message alone. Anything
// else takes the fresh-decoder path, so an entry never decodes wrongly.

type primed struct {
	types []byte        // the definitions this decoder has seen
	in    messageReader // what the decoder reads; swapped per entry
	dec   *gob.Decoder
}

// messageReader is a byte slice read once. It is an io.ByteReader, so gob
// reads it directly instead of through a buffer that could read ahead.
type messageReader struct{ b []byte }

func (r *messageReader) Read(p []byte) (int, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.b)
	r.b = r.b[n:]
	return n, nil
}

func (r *messageReader) ReadByte() (byte, error) {
	if len(r.b) == 0 {
		return 0, io.EOF
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c, nil
}

// decoders holds idle primed decoders; a decoder serves one entry at a time.
var decoders struct {
	mu   sync.Mutex
	idle []*primed
}

func decodeEntry(stream []byte, e *Entry) error {
	types, value, ok := splitLastMessage(stream)
	if !ok {
		return errors.New("not a gob stream")
	}
	p := takePrimed(types)
	if p != nil {
		p.in.b = value
	} else {
		p = &primed{types: bytes.Clone(types)}
		p.in.b = stream
		p.dec = gob.NewDecoder(&p.in)
	}
	if err := p.dec.Decode(e); err != nil || len(p.in.b) != 0 {
		*e = Entry{} // and the decoder, in an unknown state, is dropped
		if err == nil {
			err = errors.New("trailing bytes")
		}
		return err
	}
	decoders.mu.Lock()
	if len(decoders.idle) < 16 {
		decoders.idle = append(decoders.idle, p)
	}
	decoders.mu.Unlock()
	return nil
}

func takePrimed(types []byte) *primed {
	decoders.mu.Lock()
	defer decoders.mu.Unlock()
	for i, p := range decoders.idle {
		if bytes.Equal(p.types, types) {
			decoders.idle = append(decoders.idle[:i], decoders.idle[i+1:]...)
			return p
		}
	}
	return nil
}

// splitLastMessage cuts a gob stream before its last message. A message
// is a byte count (gob's unsigned integer: one byte below 128, else the
// negated length of a big-endian number) and that many bytes.
func splitLastMessage(stream []byte) (before, last []byte, ok bool) {
	for at := 0; at < len(stream); {
		n, width, ok := gobUint(stream[at:])
		if !ok || n > uint64(len(stream)-at-width) {
			return nil, nil, false
		}
		end := at + width + int(n)
		if end == len(stream) {
			return stream[:at], stream[at:], true
		}
		at = end
	}
	return nil, nil, false
}

func gobUint(b []byte) (v uint64, width int, ok bool) {
	if len(b) == 0 {
		return 0, 0, false
	}
	if b[0] < 0x80 {
		return uint64(b[0]), 1, true
	}
	n := int(-int8(b[0]))
	if n > 8 || len(b) < 1+n {
		return 0, 0, false
	}
	for _, c := range b[1 : 1+n] {
		v = v<<8 | uint64(c)
	}
	return v, 1 + n, true
}
