// Package batch lints many files in parallel: a pool of workers, each
// reading, parsing and linting whole files (each worker reuses its own
// parsers), with results returned in input order.
package batch

import (
	"context"
	"fmt"
	"io"
	"os"
	"runtime"
	"sync"

	"github.com/rtlint/rtlint/internal/fix"
	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/source"
)

// CheckGCPercent is the garbage-collector setting for a batch run: each
// file's model is garbage as soon as the file is done and the live heap
// stays small, so collecting a quarter as often costs little memory and
// saves a tenth of the CPU. cmd/rtlint applies it unless GOGC is set.
const CheckGCPercent = 400

// Input is one file to lint. Src, when non-nil, is used instead of reading
// Path (stdin, tests, benchmarks).
type Input struct {
	Path string
	Src  []byte
}

// Output is the outcome for one input: a result or the error that kept the
// file from being linted.
type Output struct {
	Path   string
	Result *lint.Result
	Err    error
	// With fixing on: the source as read, and what fixing made of it
	// (Result is then the lint of the fixed source).
	Original []byte
	Fix      *fix.Outcome
}

// FixMode asks Run to apply fixes instead of only linting.
type FixMode struct {
	Unsafe bool // apply unsafe fixes too
}

// Run lints inputs with jobs workers (≤ 0 means one per CPU). Outputs are
// in the order of inputs, whatever order workers finish in.
func Run(ctx context.Context, inputs []Input, jobs int, cfg *lint.Config) []Output {
	return RunFix(ctx, inputs, jobs, func(string) *lint.Config { return cfg }, nil)
}

// RunFix is Run that, with a non-nil mode, also fixes each file (in memory:
// writing is the caller's business).
// cfgFor gives each file its configuration (nearest config file, per-file
// ignores).
func RunFix(ctx context.Context, inputs []Input, jobs int, cfgFor func(path string) *lint.Config, mode *FixMode) []Output {
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	jobs = min(jobs, max(1, len(inputs)))
	out := make([]Output, len(inputs))
	next := make(chan int)
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = lintOne(ctx, inputs[i], cfgFor(inputs[i].Path), mode)
			}
		}()
	}
	for i := range inputs {
		next <- i
	}
	close(next)
	wg.Wait()
	return out
}

func lintOne(ctx context.Context, in Input, cfg *lint.Config, mode *FixMode) Output {
	o := Output{Path: in.Path}
	src := in.Src
	if src == nil {
		var err error
		if src, err = readFile(in.Path); err != nil {
			o.Err = err
			return o
		}
	}
	if mode == nil {
		o.Result, o.Err = lint.Run(ctx, in.Path, src, cfg)
		return o
	}
	o.Original = src
	if o.Fix, o.Err = fix.File(ctx, in.Path, src, cfg, mode.Unsafe); o.Err == nil {
		o.Result = o.Fix.Remaining
	}
	return o
}

// readFile reads a file, refusing huge ones before reading them.
func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return nil, fmt.Errorf("is a directory")
	}
	if info.Size() > source.MaxFileSize {
		return nil, fmt.Errorf("file too large (%.1f MB; the limit is %d MB)", float64(info.Size())/(1<<20), source.MaxFileSize>>20)
	}
	src, err := io.ReadAll(io.LimitReader(f, source.MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(src) > source.MaxFileSize {
		return nil, fmt.Errorf("file too large (the limit is %d MB)", source.MaxFileSize>>20)
	}
	return src, nil
}
