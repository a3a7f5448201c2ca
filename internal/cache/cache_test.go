package cache

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/project"
)

func entry() *Entry {
	return &Entry{Stat: Stat{Size: 3}, Content: Content([]byte("abc")), Snapshot: &lint.Snapshot{
		Summary:  &project.Summary{Path: "a.py", Funcs: []project.Func{{Name: "module top level"}}},
		Findings: []lint.Finding{{Path: "a.py", Line: 1, Rule: "RT101", Message: "m", Where: "request"}},
	}}
}

// An entry reads back whole; the folder ignores itself in git.
func TestRoundTrip(t *testing.T) {
	dir := filepath.Join(t.TempDir(), DirName)
	c, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, ".gitignore")); err != nil || !strings.Contains(string(b), "*") {
		t.Errorf(".gitignore = %q, %v", b, err)
	}
	cfg := &lint.Config{}
	key := c.KeyFor("a.py", cfg)
	if _, ok := c.Get("a.py", key); ok {
		t.Fatal("hit in an empty cache")
	}
	if err := c.Put("a.py", key, entry()); err != nil {
		t.Fatal(err)
	}
	got, ok := c.Get("a.py", key)
	if !ok || got.Snapshot.Findings[0].Rule != "RT101" || got.Content != Content([]byte("abc")) || got.Stat.Size != 3 {
		t.Fatalf("Get = %+v, %v", got, ok)
	}
	other := c.KeyFor("a.py", &lint.Config{Ignore: []string{"RT101"}})
	if _, ok := c.Get("a.py", other); ok {
		t.Error("another configuration's key hit")
	}
}

// Corrupt, truncated and foreign entries are misses, never trusted.
func TestBadEntries(t *testing.T) {
	dir := filepath.Join(t.TempDir(), DirName)
	c, _ := Open(dir)
	key := c.KeyFor("a.py", nil)
	c.Put("a.py", key, entry())
	name := filepath.Join(dir, "entries", entryName("a.py"))
	whole, _ := os.ReadFile(name)
	for what, data := range map[string][]byte{
		"truncated": whole[:len(whole)/2],
		"corrupt":   append(append([]byte{}, whole[:len(format)+32]...), []byte("garbage that is not gob")...),
		"foreign":   append([]byte("rtlint-cache-0\n"), whole[len(format):]...),
		"flipped":   flipLast(whole),
		"empty":     nil,
	} {
		if err := os.WriteFile(name, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, ok := c.Get("a.py", key); ok {
			t.Errorf("%s entry was trusted", what)
		}
	}
}

// Entries a run did not touch go when the folder is crowded with them, and
// so do temporary files a killed run left.
func TestPrune(t *testing.T) {
	dir := filepath.Join(t.TempDir(), DirName)
	c, _ := Open(dir)
	for i := 0; i < 300; i++ {
		p := filepath.Join("old", strings.Repeat("x", i%10), string(rune('a'+i%26))+strings.Repeat("y", i)+".py")
		c.Put(p, c.KeyFor(p, nil), entry())
	}
	os.WriteFile(filepath.Join(dir, "entries", "abc.tmp123"), []byte("half"), 0o644)
	fresh, _ := Open(dir)
	fresh.Put("a.py", fresh.KeyFor("a.py", nil), entry())
	fresh.Prune()
	left, _ := os.ReadDir(filepath.Join(dir, "entries"))
	if len(left) != 1 {
		t.Errorf("%d entries left, want only the one this run used", len(left))
	}
	if err := Clean(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("Clean left %s: %v", dir, err)
	}
}

func flipLast(b []byte) []byte {
	b = append([]byte{}, b...)
	b[len(b)-1] ^= 1
	return b
}

// Entries decode to what was stored, one after another and from several
// goroutines: the decoders kept between entries (decode.go) carry nothing
// from one entry into the next.
func TestManyEntriesDecodeWhole(t *testing.T) {
	dir := filepath.Join(t.TempDir(), DirName)
	c, _ := Open(dir)
	key := c.KeyFor("x", nil)
	want := map[string]*Entry{}
	for i := range 40 {
		e := entry()
		e.Stat.Size = int64(i)
		path := fmt.Sprintf("f%d.py", i)
		e.Snapshot.Summary.Path = path
		if i%3 == 0 {
			e.Snapshot.Findings = nil
		} else {
			for j := range i {
				e.Snapshot.Findings = append(e.Snapshot.Findings, lint.Finding{Path: path, Line: j + 2, Rule: "RT201", Message: strings.Repeat("m", j)})
			}
		}
		if err := c.Put(path, key, e); err != nil {
			t.Fatal(err)
		}
		want[path] = e
	}
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 3 {
				for path, e := range want {
					got, ok := c.Get(path, key)
					if !ok || !reflect.DeepEqual(got, e) {
						t.Errorf("%s: got %+v, want %+v", path, got, e)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

// A stream whose type definitions differ from every kept decoder's (an
// entry written by another build) takes a fresh decoder, and a stream cut
// anywhere is an error, not a panic.
func TestDecodeEntryStreams(t *testing.T) {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(entry()); err != nil {
		t.Fatal(err)
	}
	whole := buf.Bytes()
	for range 2 {
		var e Entry
		if err := decodeEntry(whole, &e); err != nil || !reflect.DeepEqual(&e, entry()) {
			t.Fatalf("decode = %+v, %v", e, err)
		}
	}
	type other struct{ A, B int }
	var ob bytes.Buffer
	gob.NewEncoder(&ob).Encode(other{1, 2})
	var e Entry
	if err := decodeEntry(ob.Bytes(), &e); err == nil {
		t.Error("a stream of another type decoded as an Entry")
	}
	for cut := 0; cut < len(whole); cut++ {
		var e Entry
		if err := decodeEntry(whole[:cut], &e); err == nil {
			t.Errorf("stream cut at %d of %d decoded", cut, len(whole))
		}
	}
	var again Entry
	if err := decodeEntry(whole, &again); err != nil || !reflect.DeepEqual(&again, entry()) {
		t.Fatalf("decode after bad streams = %+v, %v", again, err)
	}
}
