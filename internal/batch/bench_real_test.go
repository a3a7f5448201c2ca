package batch

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"testing"

	"github.com/rtlint/rtlint/internal/cache"
	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/project"
	"github.com/rtlint/rtlint/internal/source"
)

// Benchmarks on real code that is on every machine here, located at run
// time and never committed: the CPython standard library, and npm's own
// JavaScript. Each corpus is read into memory once; the floor is
// tree-sitter parsing alone, trees closed as they are made.
//
//	go test ./internal/batch -run '^$' -bench 'Stdlib|NPM' -benchtime 3x -count 3

var stdlibCorpus = sync.OnceValue(func() []Input {
	out, err := exec.Command("python3", "-c", `import sysconfig; print(sysconfig.get_paths()["stdlib"])`).Output()
	if err != nil {
		return nil
	}
	return readCorpus(strings.TrimSpace(string(out)), ".py", func(rel string) bool {
		for _, skip := range []string{"site-packages", "dist-packages", "test", "tests", "idle_test"} {
			if strings.HasPrefix(rel, skip+"/") || strings.Contains(rel, "/"+skip+"/") {
				return true
			}
		}
		return false
	})
})

var npmCorpus = sync.OnceValue(func() []Input {
	out, err := exec.Command("npm", "root", "-g").Output()
	if err != nil {
		return nil
	}
	return readCorpus(filepath.Join(strings.TrimSpace(string(out)), "npm"), ".js", func(string) bool { return false })
})

func readCorpus(root, ext string, skip func(rel string) bool) []Input {
	var inputs []Input
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ext) {
			return nil
		}
		rel, _ := filepath.Rel(root, p)
		if skip(filepath.ToSlash(rel)) {
			return nil
		}
		src, err := os.ReadFile(p)
		if err == nil && len(src) <= source.MaxFileSize && source.Check(src) == nil {
			inputs = append(inputs, Input{Path: p, Src: src})
		}
		return nil
	})
	return inputs
}

func realCorpus(b *testing.B, get func() []Input) []Input {
	inputs := get()
	if len(inputs) == 0 {
		if os.Getenv("RTLINT_REQUIRE_TOOLS") != "" {
			b.Fatal("python3's stdlib or npm's JavaScript not found, and RTLINT_REQUIRE_TOOLS is set")
		}
		b.Skip("corpus not found on this machine")
	}
	return inputs
}

func benchParseReal(b *testing.B, get func() []Input) {
	inputs := realCorpus(b, get)
	ctx := context.Background()
	b.SetBytes(corpusSize(inputs))
	b.ResetTimer()
	for range b.N {
		for _, in := range inputs {
			f, err := source.Parse(ctx, in.Path, source.LanguageOf(in.Path), in.Src)
			if err != nil {
				b.Fatalf("%s: %v", in.Path, err)
			}
			f.Tree.Close()
		}
	}
}

func benchCheckReal(b *testing.B, get func() []Input, jobs int, reach bool) {
	defer debug.SetGCPercent(debug.SetGCPercent(CheckGCPercent))
	inputs := realCorpus(b, get)
	cfg := &lint.Config{}
	if !reach {
		off := false
		cfg.Transitive = &off
	}
	ctx := context.Background()
	b.SetBytes(corpusSize(inputs))
	b.ResetTimer()
	findings, reached := 0, 0
	for range b.N {
		findings, reached = 0, 0
		for _, o := range RunFix(ctx, inputs, jobs, func(string) *lint.Config { return cfg }, nil) {
			if o.Err != nil {
				b.Fatalf("%s: %v", o.Path, o.Err)
			}
			findings += len(o.Result.Findings)
			for _, f := range o.Result.Findings {
				if len(f.Related) > 0 {
					reached++
				}
			}
		}
	}
	b.ReportMetric(float64(findings), "findings/op")
	b.ReportMetric(float64(reached), "reached/op")
}

// benchWarmReal is a second run from the results cache: the corpus is
// named by path (read from disk as the CLI does), one cold run fills a
// fresh cache, and each iteration is a warm run on the unchanged tree.
func benchWarmReal(b *testing.B, get func() []Input, jobs int) {
	defer debug.SetGCPercent(debug.SetGCPercent(CheckGCPercent))
	corpus := realCorpus(b, get)
	inputs := make([]Input, len(corpus))
	for i, in := range corpus {
		inputs[i] = Input{Path: in.Path}
	}
	c, err := cache.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	cfg := &lint.Config{}
	run := func() int {
		opts := Options{Jobs: jobs, ConfigFor: func(string) *lint.Config { return cfg }, Disk: project.NewDisk(), Cache: c}
		findings := 0
		for _, o := range RunProject(context.Background(), inputs, opts) {
			if o.Err != nil {
				b.Fatalf("%s: %v", o.Path, o.Err)
			}
			findings += len(o.Result.Findings)
		}
		return findings
	}
	cold := run()
	b.SetBytes(corpusSize(corpus))
	b.ResetTimer()
	for range b.N {
		if warm := run(); warm != cold {
			b.Fatalf("warm run found %d, cold %d", warm, cold)
		}
	}
	b.ReportMetric(float64(cold), "findings/op")
}

func BenchmarkStdlibParseOnly(b *testing.B)    { benchParseReal(b, stdlibCorpus) }
func BenchmarkStdlibWarm(b *testing.B)         { benchWarmReal(b, stdlibCorpus, 1) }
func BenchmarkNPMWarm(b *testing.B)            { benchWarmReal(b, npmCorpus, 1) }
func BenchmarkStdlibCheckNoReach(b *testing.B) { benchCheckReal(b, stdlibCorpus, 1, false) }
func BenchmarkStdlibCheck(b *testing.B)        { benchCheckReal(b, stdlibCorpus, 1, true) }
func BenchmarkNPMParseOnly(b *testing.B)       { benchParseReal(b, npmCorpus) }
func BenchmarkNPMCheckNoReach(b *testing.B)    { benchCheckReal(b, npmCorpus, 1, false) }
func BenchmarkNPMCheck(b *testing.B)           { benchCheckReal(b, npmCorpus, 1, true) }
