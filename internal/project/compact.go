package project

import (
	"unsafe"

	"github.com/rtlint/rtlint/internal/semantic"
)

// Compact moves the summary's strings into one block, each distinct
// string once. A summary lives as long as its file is in a project (a
// whole session, in the language server), and its strings were thousands
// of small objects per file, most of them repeats ("len()", "log.info()",
// module names); small long-lived objects scattered among garbage are also
// what keeps the Go heap's pages from going back to the system. Call it
// once the summary is complete (after AddBlock).
func (s *Summary) Compact() {
	var c compactor
	c.seen = map[string]string{}
	// Two passes: measure, then copy into a block of the exact size.
	for pass := 0; pass < 2; pass++ {
		s.Path = c.str(s.Path)
		for i := range s.Funcs {
			f := &s.Funcs[i]
			f.Key, f.Name, f.Desc, f.Handler = c.str(f.Key), c.str(f.Name), c.str(f.Desc), c.str(f.Handler)
			for j := range f.Sites {
				st := &f.Sites[j]
				st.Target = c.target(st.Target)
				st.Callback, st.Text = c.str(st.Callback), c.str(st.Text)
			}
			for j := range f.Blocks {
				b := &f.Blocks[j]
				b.Rule, b.Call = c.str(b.Rule), c.str(b.Call)
			}
		}
		for i := range s.Classes {
			s.Classes[i].Key = c.str(s.Classes[i].Key)
			for j := range s.Classes[i].Bases {
				s.Classes[i].Bases[j] = c.target(s.Classes[i].Bases[j])
			}
		}
		if len(s.Aliases) > 0 {
			aliases := make(map[string]semantic.Target, len(s.Aliases))
			for k, t := range s.Aliases {
				aliases[c.str(k)] = c.target(t)
			}
			s.Aliases = aliases
		}
		for i := range s.Star {
			s.Star[i] = c.str(s.Star[i])
		}
		for i := range s.Routers {
			s.Routers[i] = c.str(s.Routers[i])
		}
		for i := range s.RouterImports {
			s.RouterImports[i] = c.target(s.RouterImports[i])
		}
		if pass == 0 {
			c.block = make([]byte, 0, c.size)
			c.seen = map[string]string{}
		}
	}
}

// compactor measures distinct strings (block nil), then copies each into
// block once and hands out strings that point there.
type compactor struct {
	seen  map[string]string
	size  int
	block []byte
}

func (c *compactor) str(s string) string {
	if s == "" {
		return ""
	}
	if t, ok := c.seen[s]; ok {
		return t
	}
	if c.block == nil {
		c.size += len(s)
		c.seen[s] = s
		return s
	}
	at := len(c.block)
	c.block = append(c.block, s...) // never grows: sized by the first pass
	t := unsafe.String(&c.block[at], len(s))
	c.seen[s] = t
	return t
}

func (c *compactor) target(t semantic.Target) semantic.Target {
	t.Module, t.Name = c.str(t.Module), c.str(t.Name)
	return t
}
