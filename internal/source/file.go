package source

import (
	"bytes"
	"context"
	"fmt"
	"sync"
	"unicode/utf8"

	sitter "github.com/smacker/go-tree-sitter"
)

// MaxFileSize bounds the files rtlint parses. Bigger inputs are almost
// always generated or vendored code, and tree-sitter's memory grows with them.
const MaxFileSize = 10 << 20

// File is one parsed source file. It is immutable once built and may be
// shared by every analyzer of a run.
type File struct {
	Path     string
	Language Language
	Src      []byte
	Tree     *sitter.Tree
	Lines    *LineIndex
}

// Text returns the source between two byte offsets.
func (f *File) Text(start, end uint32) string { return string(f.Src[start:end]) }

// Check reports why src cannot be linted as source text: too large, binary
// or not UTF-8. The error never names the path; callers add it.
func Check(src []byte) error {
	if len(src) > MaxFileSize {
		return fmt.Errorf("file too large (%.1f MB; the limit is %d MB)", float64(len(src))/(1<<20), MaxFileSize>>20)
	}
	if i := bytes.IndexByte(src, 0); i >= 0 {
		return fmt.Errorf("binary file (NUL byte at offset %d)", i)
	}
	if !utf8.Valid(src) {
		return fmt.Errorf("invalid UTF-8 at byte offset %d", firstInvalidUTF8(src))
	}
	return nil
}

func firstInvalidUTF8(src []byte) int {
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return -1
}

// uncancellable is the context pooled parsers parse with. go-tree-sitter's
// ParseCtx sets the parser's cancellation flag from a goroutine when a
// cancellable context ends; if that lands as the parse finishes, the flag
// stays set in a parser that goes back to the pool, and every later parse
// on it fails with "operation limit was hit". So a parse is not
// interrupted midway: cancellation is checked before it (parses take
// milliseconds; the analysis after it checks between rules).
var uncancellable = context.Background()

// parsers keeps one reusable parser per language per goroutine that asks:
// sync.Pool hands each worker its own, so parsers are never shared.
var parsers [len(languageNames)]sync.Pool

// Parse checks src and parses it as lang. A syntax error is not an error:
// tree-sitter recovers and the tree carries ERROR nodes.
func Parse(ctx context.Context, path string, lang Language, src []byte) (*File, error) {
	if lang == Unknown {
		return nil, fmt.Errorf("unsupported file type (expected .py, .pyi, .js, .mjs, .cjs, .jsx, .ts, .mts, .cts or .tsx)")
	}
	if err := Check(src); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	p, _ := parsers[lang].Get().(*sitter.Parser)
	if p == nil {
		p = sitter.NewParser()
		p.SetLanguage(lang.Grammar())
	}
	tree, err := p.ParseCtx(uncancellable, nil, src)
	if err != nil {
		// A cancelled parse leaves its state in the parser, which would
		// resume it on the next use: reset before pooling it again.
		p.Reset()
		parsers[lang].Put(p)
		return nil, fmt.Errorf("parse: %w", err)
	}
	parsers[lang].Put(p)
	return &File{Path: path, Language: lang, Src: src, Tree: tree, Lines: NewLineIndex(src)}, nil
}

// Reparse returns the file with bytes [start, oldEnd) replaced by text,
// re-parsed incrementally from the old tree: tree-sitter reuses every
// subtree the edit did not touch. The old File stays valid and unchanged.
func Reparse(ctx context.Context, old *File, start, oldEnd int, text []byte) (*File, error) {
	src := make([]byte, 0, len(old.Src)-(oldEnd-start)+len(text))
	src = append(append(append(src, old.Src[:start]...), text...), old.Src[oldEnd:]...)
	if old.Tree == nil { // the tree was dropped to save memory: parse afresh
		return Parse(ctx, old.Path, old.Language, src)
	}
	if err := Check(src); err != nil {
		return nil, err
	}
	newEnd := start + len(text)
	tree := old.Tree.Copy()
	tree.Edit(sitter.EditInput{
		StartIndex:  uint32(start),
		OldEndIndex: uint32(oldEnd),
		NewEndIndex: uint32(newEnd),
		StartPoint:  point(old.Src, start),
		OldEndPoint: point(old.Src, oldEnd),
		NewEndPoint: point(src, newEnd),
	})
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("parse: %w", err)
	}
	p, _ := parsers[old.Language].Get().(*sitter.Parser)
	if p == nil {
		p = sitter.NewParser()
		p.SetLanguage(old.Language.Grammar())
	}
	newTree, err := p.ParseCtx(uncancellable, tree, src)
	if err != nil {
		p.Reset() // see Parse
		parsers[old.Language].Put(p)
		return nil, fmt.Errorf("parse: %w", err)
	}
	parsers[old.Language].Put(p)
	return &File{Path: old.Path, Language: old.Language, Src: src, Tree: newTree, Lines: NewLineIndex(src)}, nil
}

// point is tree-sitter's (row, byte column) of an offset.
func point(src []byte, offset int) sitter.Point {
	row := bytes.Count(src[:offset], []byte{'\n'})
	col := offset - (bytes.LastIndexByte(src[:offset], '\n') + 1)
	return sitter.Point{Row: uint32(row), Column: uint32(col)}
}

// WithoutTree returns the file without its syntax tree, which is by far
// the largest part of it (about 40 bytes per source byte). The text and
// line index stay; Reparse parses afresh. The tree itself is freed once no
// one else holds it.
func (f *File) WithoutTree() *File {
	g := *f
	g.Tree = nil
	return &g
}
