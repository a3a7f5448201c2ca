package rttest

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/internal/batch"
	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/source"
)

// RunProject lints every source file under dir as one project, as
// `rtlint check dir` does (reach follows calls across its files), and
// checks each file's findings against its `want` comments. A want's
// message pattern is matched against the message followed by the related
// hops, one per line ("path:line: message"), so fixtures can pin a path.
func RunProject(t *testing.T, dir string, cfg *lint.Config) map[string]*lint.Result {
	t.Helper()
	var inputs []batch.Input
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && source.LanguageOf(p) != source.Unknown {
			inputs = append(inputs, batch.Input{Path: p})
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(inputs) == 0 {
		t.Fatalf("no fixtures under %s", dir)
	}
	sort.Slice(inputs, func(i, j int) bool { return inputs[i].Path < inputs[j].Path })
	return CheckInputs(t, inputs, cfg)
}

// CheckInputs lints inputs as one project (reading the files they import)
// and checks every input's findings against its `want` comments.
func CheckInputs(t *testing.T, inputs []batch.Input, cfg *lint.Config) map[string]*lint.Result {
	t.Helper()
	cfgs := map[string]*lint.Config{}
	for _, in := range inputs {
		cfgs[in.Path] = withFacts(t, cfg, in.Path)
	}
	outs := batch.RunFix(context.Background(), inputs, 2, func(p string) *lint.Config {
		if c, ok := cfgs[p]; ok {
			return c
		}
		return cfg
	}, nil)
	results := map[string]*lint.Result{}
	for _, o := range outs {
		o := o
		t.Run(filepath.ToSlash(o.Path), func(t *testing.T) {
			if o.Err != nil {
				t.Fatalf("lint: %v", o.Err)
			}
			results[o.Path] = o.Result
			for _, e := range o.Result.Errors {
				t.Errorf("analyzer error: %v", e)
			}
			wants, err := Expectations(string(o.Result.File.Src))
			if err != nil {
				t.Fatalf("%s: %v", o.Path, err)
			}
			for _, f := range o.Result.Findings {
				g := f
				var b strings.Builder
				b.WriteString(f.Message)
				for _, r := range f.Related {
					b.WriteString("\n" + filepath.ToSlash(r.Path) + ":" + itoa(r.Line) + ": " + r.Message)
				}
				g.Message = b.String()
				if !meet(wants, g) {
					t.Errorf("%s:%d:%d: unexpected %s: %s", o.Path, f.Line, f.Column, f.Rule, g.Message)
				}
			}
			for _, w := range wants {
				if !w.met {
					re := ""
					if w.message != nil {
						re = " matching " + w.message.String()
					}
					t.Errorf("%s:%d: missing %s%s", o.Path, w.line, w.code, re)
				}
			}
		})
	}
	return results
}

func itoa(n int) string { return strconv.Itoa(n) }

// RunProjects runs RunProject on each folder under root, one subtest each.
func RunProjects(t *testing.T, root string, cfg *lint.Config) {
	t.Helper()
	dirs, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if d.IsDir() {
			dir := filepath.Join(root, d.Name())
			t.Run(d.Name(), func(t *testing.T) { RunProject(t, dir, cfg) })
		}
	}
}
