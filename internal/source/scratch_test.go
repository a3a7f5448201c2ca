package source

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
)

// scratchSamples are files of each language, with syntax errors and deep
// nesting, big enough that the parser grows and frees its stacks.
func scratchSamples() map[string]string {
	var py, js, ts, broken, deep strings.Builder
	for i := range 300 {
		fmt.Fprintf(&py, "async def f%d(x):\n    for y in range(x):\n        await g(y, {'k': [%d, 'v']})\n    return x\n\n", i, i)
		fmt.Fprintf(&js, "export async function f%d(req, res) { for (const y of req.q) { res.send(`${y}%d`) } }\n", i, i)
		fmt.Fprintf(&ts, "class C%d<T> { private x: Map<string, T[]> = new Map(); async m(a: T): Promise<void> { this.x.set('%d', [a]) } }\n", i, i)
		fmt.Fprintf(&broken, "def f%d(:\n  return ((%d\nfunction (\n", i, i)
	}
	for range 2000 {
		deep.WriteString("f(function () {\n")
	}
	return map[string]string{"a.py": py.String(), "a.js": js.String(), "a.ts": ts.String(), "b.py": broken.String(), "c.js": deep.String()}
}

// A tree parsed in a scratch arena is the tree Parse makes, also when more
// goroutines parse at once than there are arenas (the rest use malloc).
func TestScratchTreesMatchParse(t *testing.T) {
	samples := scratchSamples()
	want := map[string]string{}
	for path, src := range samples {
		f, err := Parse(context.Background(), path, LanguageOf(path), []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		want[path] = f.Tree.RootNode().String()
		f.Tree.Close()
	}
	var wg sync.WaitGroup
	errs := make(chan string, 24*5*len(samples)*2)
	for g := range 24 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 5 {
				for path, src := range samples {
					f, release, err := ParseScratch(context.Background(), path, LanguageOf(path), []byte(src))
					if err != nil {
						errs <- err.Error()
						return
					}
					if got := f.Tree.RootNode().String(); got != want[path] {
						errs <- fmt.Sprintf("goroutine %d round %d: %s differs from Parse", g, round, path)
					}
					release()
					release() // a second call does nothing
					if f.Tree != nil {
						errs <- "release left the tree in the file"
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

// A parse that outgrows its arena continues in malloc; the tree is still
// whole and releasing it frees both parts.
func TestScratchSpillsIntoMalloc(t *testing.T) {
	capScratch(64 << 10)
	defer capScratch(0)
	samples := scratchSamples()
	for range 3 {
		for path, src := range samples {
			want, err := Parse(context.Background(), path, LanguageOf(path), []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			f, release, err := ParseScratch(context.Background(), path, LanguageOf(path), []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			if f.Tree.RootNode().String() != want.Tree.RootNode().String() {
				t.Errorf("%s: spilled tree differs from Parse", path)
			}
			release()
			want.Tree.Close()
		}
	}
}

// Errors are Parse's, and release is always safe to call.
func TestScratchErrors(t *testing.T) {
	for _, c := range []struct{ path, src, want string }{
		{"a.py", "x = '\xff'", "invalid UTF-8"},
		{"a.txt", "x", "unsupported file type"},
	} {
		f, release, err := ParseScratch(context.Background(), c.path, LanguageOf(c.path), []byte(c.src))
		release()
		if err == nil || !strings.Contains(err.Error(), c.want) || f != nil {
			t.Errorf("%s: got %v, %v; want an error containing %q", c.path, f, err, c.want)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, release, err := ParseScratch(ctx, "a.py", Python, []byte("x = 1")); err == nil {
		t.Error("a cancelled context parsed")
	} else {
		release()
	}
}
