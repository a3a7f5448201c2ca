package analyzers

import (
	"fmt"

	"github.com/rtlint/rtlint/internal/lazyre"
)

var (
	codePattern = lazyre.New(`^RT[1-9][0-9]{2}$`)
	namePattern = lazyre.New(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
)

// Validate checks that a set of analyzers is well formed: unique codes and
// names in the right shape, documentation and Run present, languages set.
func Validate(as []*Analyzer) error {
	codes, names := map[string]bool{}, map[string]bool{}
	for _, a := range as {
		switch {
		case !codePattern.MatchString(a.Code):
			return fmt.Errorf("analyzer %q: code must look like RT101", a.Code)
		case !namePattern.MatchString(a.Name):
			return fmt.Errorf("%s: name %q must be kebab-case", a.Code, a.Name)
		case codes[a.Code]:
			return fmt.Errorf("%s: duplicate code", a.Code)
		case names[a.Name]:
			return fmt.Errorf("%s: duplicate name %q", a.Code, a.Name)
		case a.Run == nil:
			return fmt.Errorf("%s: no Run function", a.Code)
		case a.Doc == nil || a.Doc.Title == "" || a.Doc.WhatItDoes == "" || a.Doc.WhySlow == "" || a.Doc.Example == "" || a.Doc.UseInstead == "":
			return fmt.Errorf("%s: documentation needs Title, WhatItDoes, WhySlow, Example and UseInstead", a.Code)
		case a.Fixable && a.Doc.FixSafety == "":
			return fmt.Errorf("%s: fixable rules document their fix safety", a.Code)
		case len(a.Languages) == 0:
			return fmt.Errorf("%s: no languages", a.Code)
		case a.Severity < Info || a.Severity > Error:
			return fmt.Errorf("%s: no default severity", a.Code)
		}
		codes[a.Code], names[a.Name] = true, true
	}
	return nil
}
