package lint

import (
	"context"
	"sync"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/internal/project"
	"github.com/rtlint/rtlint/internal/source"
)

// SiteFixer makes the fixes reach offers at call sites, for the shells'
// Index.SiteFix. Summaries only note that a site's call can be moved off
// the event loop (Site.Fixable); when a finding needs that fix, the entry
// file's current text is read, checked against the summary's hash,
// parsed, and the fixes asked of it are kept for that text.
type SiteFixer struct {
	// Read returns a file's current text (an open document's, else the
	// disk's).
	Read func(path string) ([]byte, error)
	// Config returns a file's configuration (its project facts decide
	// which fix fits).
	Config func(path string) *Config

	mu    sync.Mutex
	fixes map[fixedSite]*analyzers.Fix
}

type fixedSite struct {
	path       string
	hash       uint64
	start, end int32
}

// For is the fixer as an Index.SiteFix for ix.
func (sf *SiteFixer) For(ix *project.Index) func(path string, hash uint64, site *project.Site) *analyzers.Fix {
	return func(path string, hash uint64, site *project.Site) *analyzers.Fix { return sf.Fix(ix, path, hash, site) }
}

// maxSiteFixes bounds what a SiteFixer keeps (a session makes few).
const maxSiteFixes = 256

// Fix is the fix for a Fixable site of the file at path whose text had
// content hash hash; nil when the text is no longer that or the file
// cannot be read or parsed.
func (sf *SiteFixer) Fix(ix *project.Index, path string, hash uint64, site *project.Site) *analyzers.Fix {
	key := fixedSite{path, hash, site.Start, site.End}
	sf.mu.Lock()
	fx, ok := sf.fixes[key]
	sf.mu.Unlock()
	if ok {
		return fx
	}
	fx = sf.make(ix, path, hash, site)
	sf.mu.Lock()
	if sf.fixes == nil || len(sf.fixes) >= maxSiteFixes {
		sf.fixes = map[fixedSite]*analyzers.Fix{}
	}
	sf.fixes[key] = fx
	sf.mu.Unlock()
	return fx
}

func (sf *SiteFixer) make(ix *project.Index, path string, hash uint64, site *project.Site) *analyzers.Fix {
	src, err := sf.Read(path)
	if err != nil || project.Hash(src) != hash {
		return nil
	}
	f, err := source.Parse(context.Background(), path, source.LanguageOf(path), src)
	if err != nil {
		return nil
	}
	defer f.Tree.Close()
	var cfg *Config
	if sf.Config != nil {
		cfg = sf.Config(path)
	}
	m, err := buildModel(f, nil, cfg, ix.Facts(path))
	if err != nil {
		return nil
	}
	return fixAt(m, site)
}
