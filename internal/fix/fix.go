package fix

import (
	"context"
	"fmt"
	sitter "github.com/smacker/go-tree-sitter"
	"path/filepath"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/project"
	"github.com/rtlint/rtlint/internal/source"
)

// MaxRounds bounds the lint → fix → re-lint loop.
const MaxRounds = 10

// Outcome is the result of fixing one file.
type Outcome struct {
	Src []byte // the fixed source
	// Fixed counts the fixes applied over all rounds.
	Fixed int
	// Created holds new files a fix creates (a worker module), by path
	// relative to the working directory.
	Created map[string]string
	// Remaining is the final lint result of the fixed source.
	Remaining *lint.Result
}

// Allowed says whether a fix of this applicability may be applied.
func Allowed(a analyzers.Applicability, unsafe bool) bool {
	return a == analyzers.Safe || unsafe && a == analyzers.Unsafe
}

// File lints src and applies the allowed fixes until none applies.
func File(ctx context.Context, path string, src []byte, cfg *lint.Config, unsafe bool) (*Outcome, error) {
	return FileIn(ctx, path, src, cfg, unsafe, nil)
}

// FileIn is File inside a project: findings reach confirms in ix count
// (nil: reach stays inside the file). Fixes that edit another existing
// file (reach's call-site fix) are left to the editor.
func FileIn(ctx context.Context, path string, src []byte, cfg *lint.Config, unsafe bool, ix *project.Index) (*Outcome, error) {
	return FileWith(ctx, path, src, cfg, Options{Unsafe: unsafe}, ix)
}

// Options tune which fixes apply.
type Options struct {
	Unsafe bool // apply unsafe fixes too
	// NoCreate leaves out fixes that create files: fixing stdin, where
	// only the fixed text is written, a worker module would never exist.
	NoCreate bool
}

// FileWith is FileIn with options.
func FileWith(ctx context.Context, path string, src []byte, cfg *lint.Config, opts Options, ix *project.Index) (*Outcome, error) {
	unsafe := opts.Unsafe
	run := func(src []byte) (*lint.Result, error) {
		if ix == nil {
			return lint.Run(ctx, path, src, cfg)
		}
		f, err := source.Parse(ctx, path, source.LanguageOf(path), src)
		if err != nil {
			return nil, err
		}
		u, err := lint.AnalyzeWith(ctx, f, nil, cfg, ix.Facts(path))
		if err != nil {
			return nil, err
		}
		return u.Resolve(ix), nil
	}
	out := &Outcome{Src: src, Created: map[string]string{}}
	pruned := false
	for round := 0; ; round++ {
		res, err := run(out.Src)
		if err != nil {
			return nil, err
		}
		out.Remaining = res
		if round == MaxRounds {
			return out, nil
		}
		done := func() (*Outcome, error) {
			if out.Fixed == 0 || pruned {
				return out, nil
			}
			// Last step: drop imports the fixes left unused, then re-lint.
			pruned = true
			src, err := pruneImports(ctx, path, src, out.Src)
			if err != nil {
				return nil, err
			}
			if string(src) == string(out.Src) || syntaxErrors(ctx, path, src) > syntaxErrors(ctx, path, out.Src) {
				return out, nil // nothing to prune, or pruning would break code
			}
			out.Src = src
			if out.Remaining, err = run(out.Src); err != nil {
				return nil, err
			}
			return out, nil
		}
		var taken []analyzers.Edit
		applied := 0
		before := map[string]bool{}
		for p := range out.Created {
			before[p] = true
		}
		for _, f := range res.Findings {
			for _, fx := range f.Fixes {
				if !Allowed(fx.Applicability, unsafe) || !compatible(fx, taken) || editsElsewhere(fx, path) || opts.NoCreate && creates(fx) {
					continue
				}
				for _, e := range fx.Edits {
					if e.Path == "" || e.Path == path {
						e.Path = ""
						taken = append(taken, e)
						continue
					}
					out.Created[filepath.Join(filepath.Dir(path), e.Path)] = e.NewText
				}
				applied++
				break // one fix per diagnostic
			}
		}
		if applied == 0 {
			return done()
		}
		fixed, err := Apply(out.Src, taken)
		if err != nil {
			return nil, fmt.Errorf("%s: applying fixes: %w", path, err)
		}
		if string(fixed) == string(out.Src) {
			return done()
		}
		// A fix that lands in code tree-sitter could not parse may make it
		// worse: fixes never add syntax errors, so such a round is undone.
		if syntaxErrors(ctx, path, fixed) > syntaxErrors(ctx, path, out.Src) {
			for _, fx := range createdThisRound(out.Created, before) {
				delete(out.Created, fx)
			}
			return done()
		}
		out.Src = fixed
		out.Fixed += applied
	}
}

// createdThisRound lists the files created since a round began.
func createdThisRound(now map[string]string, before map[string]bool) []string {
	var out []string
	for p := range now {
		if !before[p] {
			out = append(out, p)
		}
	}
	return out
}

// syntaxErrors counts the ERROR and MISSING nodes of src's tree (0 when
// it cannot be parsed at all: nothing to compare).
func syntaxErrors(ctx context.Context, path string, src []byte) int {
	f, err := source.Parse(ctx, path, source.LanguageOf(path), src)
	if err != nil {
		return 0
	}
	defer f.Tree.Close()
	root := f.Tree.RootNode()
	if !root.HasError() {
		return 0
	}
	n := 0
	stack := []*sitter.Node{root}
	for len(stack) > 0 {
		nd := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if nd.IsError() || nd.IsMissing() {
			n++
		}
		if !nd.HasError() {
			continue // no error below
		}
		for i := 0; i < int(nd.ChildCount()); i++ {
			stack = append(stack, nd.Child(i))
		}
	}
	return n
}

// creates reports whether a fix creates a file.
func creates(fx analyzers.Fix) bool {
	for _, e := range fx.Edits {
		if e.Create {
			return true
		}
	}
	return false
}

// editsElsewhere reports whether a fix edits an existing file other than
// the one being fixed (files it creates are fine).
func editsElsewhere(fx analyzers.Fix, path string) bool {
	for _, e := range fx.Edits {
		if e.Path != "" && e.Path != path && !e.Create {
			return true
		}
	}
	return false
}
