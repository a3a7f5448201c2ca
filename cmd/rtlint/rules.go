package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/rtlint/rtlint/analyzers/registry"
)

func cmdRules(stdout io.Writer) int {
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tNAME\tSEVERITY\tFIXABLE\tLANGUAGES\tTITLE")
	for _, a := range registry.All() {
		fixable := "no"
		if a.Fixable {
			fixable = "yes"
		}
		langs := make([]string, len(a.Languages))
		for i, l := range a.Languages {
			langs[i] = l.String()
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", a.Code, a.Name, a.Severity, fixable, strings.Join(langs, ","), a.Doc.Title)
	}
	tw.Flush()
	return exitOK
}

func cmdRule(args []string, stdout, stderr io.Writer) int {
	if len(args) != 1 {
		fmt.Fprintln(stderr, "rtlint: usage: rtlint rule CODE (for example: rtlint rule RT101)")
		return exitError
	}
	code := strings.ToUpper(args[0])
	a := registry.ByCode(code)
	if a == nil {
		for _, x := range registry.All() {
			if x.Name == args[0] {
				a = x
			}
		}
	}
	if a == nil {
		fmt.Fprintf(stderr, "rtlint: unknown rule %q; 'rtlint rules' lists them\n", args[0])
		return exitError
	}
	fmt.Fprint(stdout, a.Markdown())
	return exitOK
}
