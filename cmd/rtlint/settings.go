package main

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/rtlint/rtlint/internal/config"
	"github.com/rtlint/rtlint/internal/facts"
	"github.com/rtlint/rtlint/internal/lint"
)

// showSettings prints what rtlint would lint a file with (SPEC §6,
// `--show-settings`): the configuration file and the resolved settings,
// and the project facts its manifests declare (SPEC §2b).
func showSettings(w io.Writer, path string, lc *lint.Config, from *config.Config, project *facts.Project) {
	fmt.Fprintf(w, "file: %s\n", path)
	if from != nil {
		fmt.Fprintf(w, "configuration: %s\n", from.Path)
	} else {
		fmt.Fprintln(w, "configuration: none found (defaults)")
	}
	list := func(xs []string) string {
		if len(xs) == 0 {
			return "(none)"
		}
		return strings.Join(xs, ", ")
	}
	enabled := []string{}
	for _, a := range lint.Analyzers() {
		if lc.Enabled(a.Code) {
			enabled = append(enabled, a.Code)
		}
	}
	fmt.Fprintf(w, "rules enabled: %s\n", list(enabled))
	fmt.Fprintf(w, "select: %s\nignore: %s\n", list(lc.Select), list(lc.Ignore))
	if from != nil {
		fmt.Fprintf(w, "exclude: %s\n", list(from.Exclude))
	}
	codes := make([]string, 0, len(lc.Severity))
	for c := range lc.Severity {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		fmt.Fprintf(w, "severity %s: %s\n", c, lc.Severity[c])
	}
	codes = codes[:0]
	for c := range lc.Options {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	for _, c := range codes {
		keys := make([]string, 0, len(lc.Options[c]))
		for k := range lc.Options[c] {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(w, "rules.%s.%s: %v\n", c, k, lc.Options[c][k])
		}
	}
	transitive := lc.Transitive == nil || *lc.Transitive
	depth := lc.MaxDepth
	if depth == 0 {
		depth = 6
	}
	fmt.Fprintf(w, "transitive: %v\nmax-depth: %d\noffload-calls: %s\n", transitive, depth, list(lc.OffloadCalls))
	fmt.Fprint(w, project.String())
}
