// Package registry lists every analyzer rtlint ships, in code order.
//
//go:generate go test -run TestRuleDocs -update .
package registry

import (
	"sort"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/cpu"
	"github.com/rtlint/rtlint/analyzers/eventloop"
	"github.com/rtlint/rtlint/analyzers/jsonlib"
	"github.com/rtlint/rtlint/analyzers/pooling"
)

var all = []*analyzers.Analyzer{
	eventloop.RT101,
	eventloop.RT102,
	eventloop.RT103,
	eventloop.RT104,
	eventloop.RT105,
	eventloop.RT106,
	eventloop.RT107,
	cpu.RT201,
	cpu.RT202,
	cpu.RT203,
	jsonlib.RT301,
	jsonlib.RT302,
	jsonlib.RT303,
	jsonlib.RT304,
	pooling.RT401,
	pooling.RT402,
	pooling.RT403,
}

func init() {
	sort.Slice(all, func(i, j int) bool { return all[i].Code < all[j].Code })
}

// All returns every analyzer, sorted by code. The slice must not be modified.
func All() []*analyzers.Analyzer { return all }

// ByCode returns the analyzer with a code, or nil.
func ByCode(code string) *analyzers.Analyzer {
	for _, a := range all {
		if a.Code == code {
			return a
		}
	}
	return nil
}
