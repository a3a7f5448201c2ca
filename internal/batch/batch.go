// Package batch lints many files in parallel: a pool of workers, each
// reading, parsing and linting whole files (each worker reuses its own
// parsers), with results returned in input order.
package batch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"syscall"

	"github.com/rtlint/rtlint/internal/cache"
	"github.com/rtlint/rtlint/internal/fix"
	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/project"
	"github.com/rtlint/rtlint/internal/semantic"
	"github.com/rtlint/rtlint/internal/source"
	"github.com/rtlint/rtlint/internal/walk"
)

// CheckGCPercent is the garbage-collector setting for a batch run: each
// file's model is garbage as soon as the file is done and the live heap
// stays small, so collecting a quarter as often costs little memory and
// saves a tenth of the CPU. cmd/rtlint applies it unless GOGC is set.
const CheckGCPercent = 400

// CheckMemoryLimit is the soft limit on the Go heap for a batch run: with
// GCPercent high, a large project's garbage would otherwise pile up to
// five times the live heap. Under the limit the collector runs as rarely
// as CheckGCPercent says; near it, as often as needed. cmd/rtlint applies
// it unless GOMEMLIMIT is set.
const CheckMemoryLimit = 40 << 20

// Input is one file to lint. Src, when non-nil, is used instead of reading
// Path (stdin, tests, benchmarks).
type Input struct {
	Path string
	Src  []byte
	// Discovered: found by walking a directory, not named by the user, so
	// a generated or bundled file is skipped (SPEC §5).
	Discovered bool
	// Stdin: the text came from standard input; fixing it writes only the
	// fixed text, so no fix may create a file.
	Stdin bool
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
	// Skipped says why a discovered file was not linted ("generated or
	// bundled"); Result and Err are then nil.
	Skipped string
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
//
// Linting is project-wide (SPEC §2 "reach"): every input is analysed and
// summarised first; the files they import inside the project are read and
// summarised too (never reported); then each input's findings are decided
// against the project index.
func RunFix(ctx context.Context, inputs []Input, jobs int, cfgFor func(path string) *lint.Config, mode *FixMode) []Output {
	return RunProject(ctx, inputs, Options{Jobs: jobs, ConfigFor: cfgFor, Fix: mode, Disk: project.NewDisk()})
}

// Options configure a project run.
type Options struct {
	Jobs      int
	ConfigFor func(path string) *lint.Config
	Fix       *FixMode
	// Disk gives layout facts and reads imported files; nil keeps reach
	// inside the inputs.
	Disk *project.Disk
	// Cache, when set, keeps each file's analysis between runs; fix mode
	// never reads it (it must not trust findings for files it rewrites).
	Cache *cache.Cache
}

// RunProject lints inputs as one project.
func RunProject(ctx context.Context, inputs []Input, o Options) []Output {
	jobs := o.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	out := make([]Output, len(inputs))
	units := make([]*lint.Unit, len(inputs))
	parallel(len(inputs), jobs, func(i int) {
		out[i].Path = inputs[i].Path
		out[i].Original, units[i], out[i].Err = o.analyze(ctx, inputs[i], o.ConfigFor(inputs[i].Path))
		if out[i].Err == errGenerated {
			out[i].Err, out[i].Skipped, out[i].Original = nil, "generated or bundled", nil
		}
		// Without fixes to apply, a file with nothing to report keeps only
		// its summary: memory stays flat however many files are linted
		// (NeedFacts reads such a file again if it must).
		if u := units[i]; u != nil && o.Fix == nil && u.Quiet() && !inputs[i].Stdin && inputs[i].Src == nil {
			u.DropText()
			out[i].Original = nil
		}
	})
	ix := project.NewIndex()
	ix.Key = project.Abs
	var sums []*project.Summary
	for i, u := range units {
		if u != nil {
			ix.Add(inputs[i].Path, u.Summary, facts(o.Disk, inputs[i].Path))
			sums = append(sums, u.Summary)
		}
	}
	if o.Disk != nil {
		loadImports(ctx, ix, sums, o)
	}
	ix.Finish()
	// A file whose routes are decorated through a router imported from
	// another file learns it from the index: analyse it again with that
	// fact, and rebuild the index with its handlers' new contexts.
	if need := ix.NeedFacts(); len(need) > 0 {
		at := make(map[string]int, len(inputs))
		for i, in := range inputs {
			at[in.Path] = i
		}
		parallel(len(need), jobs, func(j int) {
			i, ok := at[need[j]]
			if !ok || units[i] == nil {
				return // an imported file, not linted: its summary stands
			}
			in := inputs[i]
			in.Src = out[i].Original
			if _, u, err := analyze(ctx, in, o.ConfigFor(in.Path), ix.Facts(in.Path)); err == nil {
				units[i] = u
			}
		})
		for _, p := range need {
			if i, ok := at[p]; ok && units[i] != nil {
				ix.Add(p, units[i].Summary, facts(o.Disk, p))
			}
		}
		ix.Finish()
	}
	ix.SiteFix = siteFixer(inputs, out, o).For(ix)
	parallel(len(inputs), jobs, func(i int) {
		if units[i] == nil {
			return
		}
		if o.Fix == nil {
			out[i].Result = units[i].Resolve(ix)
			out[i].Original = nil
			return
		}
		src := out[i].Original
		// Fixing stdin writes only the fixed text: no fix may create a file.
		opts := fix.Options{Unsafe: o.Fix.Unsafe, NoCreate: inputs[i].Stdin}
		if out[i].Fix, out[i].Err = fix.FileWith(ctx, inputs[i].Path, src, o.ConfigFor(inputs[i].Path), opts, ix); out[i].Err == nil {
			out[i].Result = out[i].Fix.Remaining
		}
	})
	return out
}

// siteFixer makes reach's call-site fixes from the texts the run holds
// (stdin, files with findings), else from disk.
func siteFixer(inputs []Input, out []Output, o Options) *lint.SiteFixer {
	held := map[string][]byte{}
	for i, in := range inputs {
		if in.Src != nil {
			held[in.Path] = in.Src
		} else if out[i].Original != nil {
			held[in.Path] = out[i].Original
		}
	}
	return &lint.SiteFixer{
		Read: func(path string) ([]byte, error) {
			if src, ok := held[path]; ok {
				return src, nil
			}
			return readFile(path)
		},
		Config: o.ConfigFor,
	}
}

// parallel runs do(0..n-1) on jobs goroutines.
func parallel(n, jobs int, do func(i int)) {
	jobs = min(jobs, max(1, n))
	next := make(chan int)
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				do(i)
			}
		}()
	}
	for i := 0; i < n; i++ {
		next <- i
	}
	close(next)
	wg.Wait()
}

// analyze is the first analysis of a file: from the cache when it holds
// this text under this configuration, else parsed and stored there. A
// file whose metadata is unchanged and whose snapshot has no findings is
// not even read.
func (o Options) analyze(ctx context.Context, in Input, cfg *lint.Config) ([]byte, *lint.Unit, error) {
	if o.Cache == nil || o.Fix != nil {
		return analyze(ctx, in, cfg, nil)
	}
	key := o.Cache.KeyFor(in.Path, cfg)
	var st cache.Stat
	statOK := false
	if in.Src == nil {
		if info, err := os.Stat(in.Path); err == nil && info.Mode().IsRegular() {
			st, statOK = cache.StatOf(info)
		}
	}
	e, hit := o.Cache.Get(in.Path, key)
	if hit && statOK && e.Stat == st && e.Snapshot.Quiet() && !cfg.ShowsUnusedSuppressions() {
		f := &source.File{Path: in.Path, Language: source.LanguageOf(in.Path)}
		return nil, lint.FromSnapshot(f, cfg, e.Snapshot), nil
	}
	src := in.Src
	if src == nil {
		var err error
		if src, err = readFile(in.Path); err != nil {
			return nil, nil, err
		}
		in.Src = src
	}
	if in.Discovered && walk.Generated(in.Path, src) {
		return nil, nil, errGenerated
	}
	content := cache.Content(src)
	if hit && e.Content == content {
		if statOK && e.Stat != st {
			e.Stat = st // touched, not changed: remember the new metadata
			o.Cache.Put(in.Path, key, e)
		}
		f := &source.File{Path: in.Path, Language: source.LanguageOf(in.Path), Src: src, Lines: source.NewLineIndex(src)}
		return src, lint.FromSnapshot(f, cfg, e.Snapshot), nil
	}
	src, u, err := analyze(ctx, in, cfg, nil)
	if err == nil {
		if snap := u.Snapshot(); snap != nil {
			// A failed write only costs the next run a parse.
			o.Cache.Put(in.Path, key, &cache.Entry{Stat: st, Content: content, Snapshot: snap})
		}
	}
	return src, u, err
}

func analyze(ctx context.Context, in Input, cfg *lint.Config, fx *semantic.Facts) ([]byte, *lint.Unit, error) {
	src := in.Src
	if src == nil {
		var err error
		if src, err = readFile(in.Path); err != nil {
			return nil, nil, err
		}
	}
	if in.Discovered && walk.Generated(in.Path, src) {
		return nil, nil, errGenerated
	}
	// The tree is C memory the Go GC does not see, and nothing after the
	// model reads it (reports use the text and line index; --fix parses
	// afresh): it lives in a scratch arena, released as this returns.
	f, release, err := source.ParseScratch(ctx, in.Path, source.LanguageOf(in.Path), src)
	defer release()
	if err != nil {
		return src, nil, err
	}
	u, err := lint.AnalyzeWith(ctx, f, nil, cfg, fx)
	if err != nil {
		return src, nil, err
	}
	u.Summarize() // the model can go; the summary stays
	u.File = f.WithoutTree()
	return src, u, nil
}

// fileKind names a non-regular file's type for messages.
func fileKind(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeDevice != 0:
		return "a device"
	case m.IsDir():
		return "a directory"
	}
	return "mode " + m.String()
}

// errGenerated marks a discovered file skipped as generated or bundled.
var errGenerated = errors.New("generated or bundled")

func facts(d *project.Disk, path string) project.Facts {
	if d == nil {
		return project.Facts{}
	}
	return d.Facts(project.Abs(path))
}

// loadImports reads and summarises the project files the summaries import,
// transitively, that are not inputs: reach follows calls into them, but
// their findings are not reported.
func loadImports(ctx context.Context, ix *project.Index, queue []*project.Summary, o Options) {
	seen := map[string]bool{}
	onDisk := map[string]bool{}
	exists := func(p string) bool {
		if ix.Has(p) {
			return true
		}
		if v, ok := onDisk[p]; ok {
			return v
		}
		v := o.Disk.Exists(p)
		onDisk[p] = v
		return v
	}
	locator := &project.Locator{Exists: exists}
	type moduleKey struct{ dir, module string }
	done := map[moduleKey]bool{} // resolved once per folder
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		if !o.ConfigFor(s.Path).Reach() {
			continue
		}
		from := project.Abs(s.Path)
		root := o.Disk.Root(from)
		fs := o.Disk.Facts(from)
		for fi := range s.Funcs {
			for _, site := range s.Funcs[fi].Sites {
				key := moduleKey{filepath.Dir(from), site.Target.Module}
				if site.Target.Module == "" || done[key] {
					continue
				}
				done[key] = true
				p, _ := locator.Locate(from, s.Lang, fs, site.Target)
				if p == "" || ix.Has(p) || seen[p] || !project.Within(p, root) {
					continue
				}
				seen[p] = true
				_, u, err := o.analyze(ctx, Input{Path: p}, o.ConfigFor(p))
				if err != nil || u == nil {
					continue // reported when the file itself is linted
				}
				ix.Add(p, u.Summary, o.Disk.Facts(p))
				queue = append(queue, u.Summary)
			}
		}
	}
}

// readFile reads a file, refusing huge ones before reading them.
func readFile(path string) ([]byte, error) {
	// Only regular files are read: opening a FIFO blocks until a writer
	// comes (a run would hang), and a device never ends. Check before
	// opening, open without blocking, and check again what was opened.
	if info, err := os.Stat(path); err != nil {
		return nil, err
	} else if info.IsDir() {
		return nil, fmt.Errorf("is a directory")
	} else if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s)", fileKind(info.Mode()))
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s)", fileKind(info.Mode()))
	}
	if info.Size() > source.MaxFileSize {
		return nil, fmt.Errorf("file too large (%.1f MB; the limit is %d MB)", float64(info.Size())/(1<<20), source.MaxFileSize>>20)
	}
	// One buffer of the size stat gave (ReadAll would double its way up);
	// a file that grew meanwhile still reads whole, up to the limit.
	var buf bytes.Buffer
	buf.Grow(int(info.Size()) + bytes.MinRead)
	if _, err := buf.ReadFrom(io.LimitReader(f, source.MaxFileSize+1)); err != nil {
		return nil, err
	}
	src := buf.Bytes()
	if len(src) > source.MaxFileSize {
		return nil, fmt.Errorf("file too large (the limit is %d MB)", source.MaxFileSize>>20)
	}
	return src, nil
}
