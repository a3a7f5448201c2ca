// Package cache keeps each file's analysis between runs (issue 12): a
// second run over an unchanged tree reads, hashes and resolves, but parses
// nothing. An entry is keyed by rtlint's build, the file's resolved
// configuration and project facts, its path and its content; reach is
// resolved afresh at every run, so a change in a helper file never leaves
// a dependent's reach findings stale. Entries are written atomically; a
// corrupt, truncated or foreign entry is a miss and is rewritten.
package cache

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/gob"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"syscall"

	"github.com/rtlint/rtlint/internal/lint"
)

// An entry is format, key, the CRC-32C of the payload, and the payload:
// the gob stream of an Entry.
var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// DirName is the cache folder rtlint makes at a project's root.
const DirName = ".rtlint_cache"

// format names the entry layout; a change of it (or of any type stored)
// must change this string, so that old entries read as misses.
const format = "rtlint-cache-5\n"

// Cache is one cache folder.
type Cache struct {
	dir     string // the entries' folder: <root>/.rtlint_cache/entries
	build   string // what identifies this rtlint build
	mu      sync.Mutex
	configs map[*lint.Config][32]byte
	used    map[string]bool // entry names read or written this run
}

// Open makes (or reuses) the cache folder dir, with a .gitignore that
// keeps it out of version control.
func Open(dir string) (*Cache, error) {
	entries := filepath.Join(dir, "entries")
	if err := os.MkdirAll(entries, 0o755); err != nil {
		return nil, err
	}
	ignore := filepath.Join(dir, ".gitignore")
	if _, err := os.Stat(ignore); errors.Is(err, os.ErrNotExist) {
		if err := os.WriteFile(ignore, []byte("# Written by rtlint: its results cache.\n*\n"), 0o644); err != nil {
			return nil, err
		}
	}
	return &Cache{dir: entries, build: buildID(), configs: map[*lint.Config][32]byte{}, used: map[string]bool{}}, nil
}

// buildID identifies the running rtlint: its module version and VCS
// revision, and for a development build (no version) the executable's
// size and time, so that rebuilding invalidates entries.
func buildID() string {
	id := "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		id = bi.Main.Version
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.modified" || s.Key == "vcs.time" {
				id += " " + s.Value
			}
		}
	}
	if exe, err := os.Executable(); err == nil {
		if info, err := os.Stat(exe); err == nil {
			id += fmt.Sprintf(" %d %d", info.Size(), info.ModTime().UnixNano())
		}
	}
	return id
}

// Key is an entry's full identity.
type Key [32]byte

// KeyFor computes the key of a file's analysis: the build, the path and
// the configuration with its project facts. The content is checked apart
// (Entry.Content), so that an unchanged file need not be read at all.
func (c *Cache) KeyFor(path string, cfg *lint.Config) Key {
	cfgSum := c.configSum(cfg)
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", c.build, path)
	h.Write(cfgSum[:])
	var k Key
	h.Sum(k[:0])
	return k
}

// Content hashes a file's text.
func Content(src []byte) [32]byte { return sha256.Sum256(src) }

// Stat is what the file system says of a file when it was read: an
// unchanged stat means unchanged content, as for git's index and ruff's
// cache (size, modification and change times in nanoseconds, inode).
type Stat struct {
	Size, Mtime, Ctime int64
	Inode              uint64
}

// StatOf fingerprints a file's metadata; ok is false when the platform
// does not tell enough.
func StatOf(info os.FileInfo) (Stat, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return Stat{}, false
	}
	return Stat{Size: info.Size(), Mtime: info.ModTime().UnixNano(), Ctime: st.Ctim.Sec*1e9 + st.Ctim.Nsec, Inode: st.Ino}, true
}

// Entry is one file's cached analysis.
type Entry struct {
	Stat     Stat     // the file's metadata, taken before it was read
	Content  [32]byte // the hash of the text the snapshot was made from
	Snapshot *lint.Snapshot
}

// configSum fingerprints a configuration and its project facts, once per
// configuration (the shells share one *lint.Config per folder).
func (c *Cache) configSum(cfg *lint.Config) [32]byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.configs[cfg]; ok {
		return s
	}
	var facts string
	plain := lint.Config{}
	if cfg != nil {
		plain = *cfg
		facts = cfg.Project.String()
		plain.Project = nil
	}
	data, _ := json.Marshal(plain) // maps encode in key order
	s := sha256.Sum256(append(append(data, 0), facts...))
	c.configs[cfg] = s
	return s
}

// entryName is where a path's entry lives: one entry per file, so the
// cache grows with the project, not with its history.
func entryName(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	sum := sha256.Sum256([]byte(abs))
	return hex.EncodeToString(sum[:16])
}

// Get returns the entry stored under key for path, if it is there and
// whole; the caller checks its Stat or Content against the file.
func (c *Cache) Get(path string, key Key) (*Entry, bool) {
	name := entryName(path)
	c.mark(name)
	data, err := os.ReadFile(filepath.Join(c.dir, name))
	head := len(format) + len(key) + 4
	if err != nil || len(data) < head || string(data[:len(format)]) != format ||
		!bytes.Equal(data[len(format):len(format)+len(key)], key[:]) {
		return nil, false
	}
	payload := data[head:]
	if binary.LittleEndian.Uint32(data[head-4:]) != crc32.Checksum(payload, castagnoli) {
		return nil, false // a torn or flipped entry could still decode
	}
	var e Entry
	if err := decodeEntry(payload, &e); err != nil ||
		e.Snapshot == nil || e.Snapshot.Summary == nil {
		return nil, false
	}
	return &e, true
}

// Put stores an entry under key for path: written to a temporary file and
// renamed over the old one, so a reader never sees half of it and two
// runs writing at once leave one whole entry.
func (c *Cache) Put(path string, key Key, e *Entry) error {
	var payload bytes.Buffer
	if err := gob.NewEncoder(&payload).Encode(e); err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString(format)
	buf.Write(key[:])
	buf.Write(binary.LittleEndian.AppendUint32(nil, crc32.Checksum(payload.Bytes(), castagnoli)))
	buf.Write(payload.Bytes())
	name := entryName(path)
	c.mark(name)
	tmp, err := os.CreateTemp(c.dir, name+".tmp*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), filepath.Join(c.dir, name)); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}

func (c *Cache) mark(name string) {
	c.mu.Lock()
	c.used[name] = true
	c.mu.Unlock()
}

// Prune removes entries this run did not use when the folder holds far
// more of them than the run touched (files deleted or renamed since), and
// temporary files a killed run left behind.
func (c *Cache) Prune() {
	entries, err := os.ReadDir(c.dir)
	if err != nil {
		return
	}
	c.mu.Lock()
	used := len(c.used)
	c.mu.Unlock()
	crowded := len(entries) > 2*used+256
	for _, e := range entries {
		name := e.Name()
		c.mu.Lock()
		inUse := c.used[name]
		c.mu.Unlock()
		stale := bytes.Contains([]byte(name), []byte(".tmp"))
		if stale || crowded && !inUse {
			os.Remove(filepath.Join(c.dir, name))
		}
	}
}

// Clean removes a cache folder (`rtlint clean`).
func Clean(dir string) error {
	if _, err := os.Stat(filepath.Join(dir, "entries")); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	}
	return os.RemoveAll(dir)
}
