package report

import (
	"github.com/rtlint/rtlint/internal/walk"

	"fmt"
	"io"
	"strings"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/source"
)

const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiBlue   = "\x1b[34m"
	ansiDim    = "\x1b[2m"
)

// Text writes ruff-style findings: `path:line:col: RT101 message`, the
// source line with a caret under the range, and a summary line.
func Text(w io.Writer, files []File, opts Options) error {
	lines := lineIndexes(files)
	paint := func(code, s string) string {
		if !opts.Color {
			return s
		}
		return code + s + ansiReset
	}
	all := sorted(files)
	counts := map[analyzers.Severity]int{}
	for _, f := range all {
		counts[f.Severity]++
		fmt.Fprintf(w, "%s:%d:%d: %s %s %s\n", paint(ansiBold, walk.Display(f.Path)), f.Line, f.Column,
			paint(severityColor(f.Severity)+ansiBold, f.Rule), paint(ansiDim, "["+label(f)+"]"), f.Message)
		if !opts.Quiet {
			writeExcerpt(w, f, lines[f.Path], paint)
			// A reach path, hop by hop, like a compiler's notes.
			for _, r := range f.Related {
				fmt.Fprintf(w, "  %s %s:%d:%d: %s\n", paint(ansiDim, "= via"), walk.Display(r.Path), r.Line, r.Column, r.Message)
			}
		}
	}
	if opts.Quiet {
		return nil
	}
	if opts.Fixing {
		fmt.Fprintf(w, "Fixed %d %s, %d remaining.\n", opts.Fixed, plural(opts.Fixed, "problem"), len(all))
		if len(all) == 0 {
			return nil
		}
	}
	if len(all) == 0 {
		if opts.Failed || len(files) == 0 {
			return nil // nothing was checked, or not everything: no claim
		}
		_, err := fmt.Fprintln(w, "All checks passed!")
		return err
	}
	_, err := fmt.Fprintf(w, "Found %d %s (%d %s, %d %s, %d info).\n", len(all), plural(len(all), "problem"),
		counts[analyzers.Error], plural(counts[analyzers.Error], "error"),
		counts[analyzers.Warning], plural(counts[analyzers.Warning], "warning"), counts[analyzers.Info])
	return err
}

// excerptWidth bounds the source shown for a finding: a minified line can
// be megabytes long.
const excerptWidth = 120

func writeExcerpt(w io.Writer, f lint.Finding, idx *source.LineIndex, paint func(string, string) string) {
	if idx == nil {
		return
	}
	text := idx.Line(f.Line)
	gutter := fmt.Sprintf("%d", f.Line)
	pad := strings.Repeat(" ", len(gutter))
	// The caret runs to the end of the range or of its first line.
	runes := []rune(text)
	start := min(f.Column-1, len(runes))
	end := len(runes)
	if f.EndLine == f.Line {
		end = min(f.EndColumn-1, len(runes))
	}
	// A window of the line around the finding, marked with … where cut.
	from, to := 0, len(runes)
	if len(runes) > excerptWidth {
		from = max(0, start-excerptWidth/4)
		to = min(len(runes), from+excerptWidth)
		end = min(end, to)
	}
	var prefix strings.Builder
	lead := ""
	if from > 0 {
		lead = "…"
		prefix.WriteByte(' ')
	}
	for _, r := range runes[from:start] {
		if r == '\t' {
			prefix.WriteByte('\t')
		} else {
			prefix.WriteByte(' ')
		}
	}
	shown := lead + string(runes[from:to])
	if to < len(runes) {
		shown += "…"
	}
	carets := strings.Repeat("^", max(1, end-start))
	fmt.Fprintf(w, "%s |\n%s | %s\n%s | %s%s\n", pad, gutter, shown, pad, prefix.String(), paint(severityColor(f.Severity), carets))
}

// label is a finding's severity, with where its code runs when that is
// not request code (why it is info): "info, startup".
func label(f lint.Finding) string {
	if f.Where != "" && f.Where != "request" {
		return f.Severity.String() + ", " + f.Where
	}
	return f.Severity.String()
}

func severityColor(s analyzers.Severity) string {
	switch s {
	case analyzers.Error:
		return ansiRed
	case analyzers.Warning:
		return ansiYellow
	}
	return ansiBlue
}

func plural(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
