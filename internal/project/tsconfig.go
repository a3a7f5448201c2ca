package project

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/tailscale/hujson"
)

// TSConfig is the part of a tsconfig.json or jsconfig.json that decides
// where non-relative imports go, after following "extends".
type TSConfig struct {
	Path    string   // the file that was loaded (absolute)
	BaseURL string   // compilerOptions.baseUrl, absolute; "" when unset
	Paths   []TSPath // compilerOptions.paths, in declaration order
	// PathsBase is the absolute directory paths targets are relative to:
	// BaseURL when set, else the directory of the config that declared
	// "paths" (TypeScript 4.1 and later). "" when neither is set.
	PathsBase string
}

// TSPath is one compilerOptions.paths entry.
type TSPath struct {
	Pattern string   // e.g. "@/*"
	Targets []string // e.g. ["./src/*"], as written
}

// errExtendsCycle marks a chain of "extends" that comes back on itself;
// TypeScript reports it too rather than looping.
var errExtendsCycle = errors.New("extends cycle")

// configDirVar is TypeScript 5.5's template for the directory of the
// config being compiled (the one loaded, not the one that wrote it), so a
// shared base can say where the extending project's files are.
const configDirVar = "${configDir}"

// LoadTSConfig reads a tsconfig.json or jsconfig.json, which is JSONC
// (comments and trailing commas allowed), and follows its "extends".
// Only extends given as relative or absolute paths are read: a package
// name such as "@tsconfig/node18/tsconfig.json" lives in node_modules, and
// rtlint never reads third-party code, so those are skipped.
func LoadTSConfig(path string) (*TSConfig, error) {
	path = absDir(path)
	c, err := loadChain(path, filepath.Dir(path), nil)
	if err != nil {
		return nil, err
	}
	ts := &TSConfig{Path: path, BaseURL: c.baseURL, Paths: c.paths, PathsBase: c.baseURL}
	if ts.PathsBase == "" && c.paths != nil {
		ts.PathsBase = c.pathsDir
	}
	return ts, nil
}

// chain is what a config and everything it extends add up to.
type chain struct {
	baseURL  string   // absolute
	paths    []TSPath // nil when no config in the chain declared paths
	pathsDir string   // directory of the config that declared paths
}

// rawConfig is the shape read from the file. Fields stay raw where their
// type varies ("extends") or their order matters ("paths").
type rawConfig struct {
	Extends         json.RawMessage `json:"extends"`
	CompilerOptions struct {
		BaseURL *string         `json:"baseUrl"`
		Paths   json.RawMessage `json:"paths"`
	} `json:"compilerOptions"`
}

// loadChain loads path and what it extends. topDir is the directory of the
// config LoadTSConfig was asked for (for ${configDir}); stack holds the
// configs being loaded, to catch a cycle.
func loadChain(path, topDir string, stack []string) (chain, error) {
	for _, p := range stack {
		if p == path {
			return chain{}, fmt.Errorf("%s: %w: %s", path, errExtendsCycle, strings.Join(append(stack, path), " -> "))
		}
	}
	stack = append(stack, path)

	data, err := os.ReadFile(path)
	if err != nil {
		return chain{}, fmt.Errorf("reading tsconfig: %w", err)
	}
	std, err := hujson.Standardize(data)
	if err != nil {
		return chain{}, fmt.Errorf("%s: %w", path, err)
	}
	var raw rawConfig
	if err := json.Unmarshal(std, &raw); err != nil {
		return chain{}, fmt.Errorf("%s: %w", path, err)
	}
	extends, err := extendsList(raw.Extends)
	if err != nil {
		return chain{}, fmt.Errorf("%s: %w", path, err)
	}

	dir := filepath.Dir(path)
	var c chain
	// Each later base overrides the earlier ones, option by option, as
	// TypeScript 5 merges an extends array.
	for _, ext := range extends {
		base, ok := extendsPath(ext, dir)
		if !ok {
			continue
		}
		bc, err := loadChain(base, topDir, stack)
		if err != nil {
			return chain{}, fmt.Errorf("%s: extends %q: %w", path, ext, err)
		}
		if bc.baseURL != "" {
			c.baseURL = bc.baseURL
		}
		if bc.paths != nil {
			c.paths, c.pathsDir = bc.paths, bc.pathsDir
		}
	}

	// The file's own options override what it extends. baseUrl is relative
	// to the file that writes it, wherever in the chain that is.
	if b := raw.CompilerOptions.BaseURL; b != nil {
		c.baseURL = resolveFrom(dir, topDir, *b)
	}
	if p := raw.CompilerOptions.Paths; len(p) > 0 && string(p) != "null" {
		paths, err := parsePaths(p)
		if err != nil {
			return chain{}, fmt.Errorf("%s: compilerOptions.paths: %w", path, err)
		}
		c.paths, c.pathsDir = paths, dir
	}
	return c, nil
}

// extendsList reads "extends": absent, a string, or (TypeScript 5) an
// array of strings.
func extendsList(raw json.RawMessage) ([]string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var one string
	if err := json.Unmarshal(raw, &one); err == nil {
		return []string{one}, nil
	}
	var many []string
	if err := json.Unmarshal(raw, &many); err != nil {
		return nil, fmt.Errorf("extends: want a string or an array of strings: %w", err)
	}
	return many, nil
}

// extendsPath turns an extends entry into the file it names, or false for
// a package name. Like TypeScript, it takes the path as written when that
// file exists and otherwise adds ".json".
func extendsPath(ext, dir string) (string, bool) {
	s := filepath.ToSlash(ext)
	if !strings.HasPrefix(s, "./") && !strings.HasPrefix(s, "../") && !filepath.IsAbs(ext) {
		return "", false
	}
	p := resolveFrom(dir, dir, ext)
	if !isFile(p) && !strings.HasSuffix(p, ".json") {
		p += ".json"
	}
	return p, true
}

// resolveFrom makes p absolute against dir, expanding a leading
// ${configDir} to topDir.
func resolveFrom(dir, topDir, p string) string {
	if rest, ok := strings.CutPrefix(p, configDirVar); ok {
		return filepath.Join(topDir, filepath.FromSlash(rest))
	}
	p = filepath.FromSlash(p)
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(dir, p)
}

// parsePaths decodes compilerOptions.paths keeping the order the patterns
// were written in, which encoding/json's maps would lose. A repeated
// pattern keeps its first place and its last targets, as JSON.parse does.
func parsePaths(raw json.RawMessage) ([]TSPath, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, fmt.Errorf("want an object, got %v", tok)
	}
	paths := []TSPath{}
	at := map[string]int{}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, err
		}
		pattern := tok.(string) // object keys are always strings
		var targets []string
		if err := dec.Decode(&targets); err != nil {
			return nil, fmt.Errorf("%q: %w", pattern, err)
		}
		if i, ok := at[pattern]; ok {
			paths[i].Targets = targets
			continue
		}
		at[pattern] = len(paths)
		paths = append(paths, TSPath{Pattern: pattern, Targets: targets})
	}
	return paths, nil
}

// FindTSConfig returns the config governing files in dir: walking up from
// dir, the first directory holding tsconfig.json or jsconfig.json (the
// former preferred in one directory, as tsserver does), never looking
// above root. It returns "" when there is none. An empty root, or a dir
// outside root, walks up to the filesystem root.
func FindTSConfig(dir, root string) string {
	d := absDir(dir)
	if root != "" {
		root = absDir(root)
	}
	for {
		for _, name := range []string{"tsconfig.json", "jsconfig.json"} {
			if p := filepath.Join(d, name); isFile(p) {
				return p
			}
		}
		parent := filepath.Dir(d)
		if d == root || parent == d {
			return ""
		}
		d = parent
	}
}
