package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/rtlint/rtlint/internal/batch"
	"github.com/rtlint/rtlint/internal/fix"
	"github.com/rtlint/rtlint/internal/walk"
)

// addSuppressions writes a `rtlint: ignore[...]` comment for every current
// finding (ruff's --add-noqa): a legacy codebase starts clean and new
// findings show. Files are written as --fix writes them (through
// symlinks inside the project, never over a file changed meanwhile).
// Exit 0, or 2 when a file could not be read or written.
func addSuppressions(ctx context.Context, inputs []batch.Input, outputs []batch.Output, stderr io.Writer) int {
	added, files, skipped, failed := 0, 0, 0, false
	for i, o := range outputs {
		if o.Skipped != "" {
			continue
		}
		if inputs[i].Src != nil {
			fmt.Fprintln(stderr, "rtlint: --add-suppressions writes files; it does not read stdin")
			return exitError
		}
		if o.Err != nil {
			fmt.Fprintf(stderr, "rtlint: %v\n", &walk.Error{Path: o.Path, Err: o.Err})
			failed = true
			continue
		}
		if len(o.Result.Findings) == 0 {
			continue
		}
		src := o.Original
		if src == nil {
			var err error
			if src, err = os.ReadFile(o.Path); err != nil {
				fmt.Fprintf(stderr, "rtlint: %v\n", &walk.Error{Path: o.Path, Err: err})
				failed = true
				continue
			}
		}
		out, n, s := fix.AddSuppressions(ctx, o.Path, src, o.Result.Findings)
		skipped += s
		if n == 0 {
			continue
		}
		w, err := prepareWrite(o.Path, src, out)
		if err == nil {
			err = w.commit()
			w.discard()
		}
		if err != nil {
			fmt.Fprintf(stderr, "rtlint: %v\n", &walk.Error{Path: o.Path, Err: err})
			failed = true
			continue
		}
		added += n
		files++
	}
	fmt.Fprintf(stderr, "Added %d suppression comments in %d files.\n", added, files)
	if skipped > 0 {
		fmt.Fprintf(stderr, "rtlint: %d findings are on lines that cannot take a comment (inside a string or template that continues on the next line); suppress them by hand.\n", skipped)
	}
	if failed {
		return exitError
	}
	return exitOK
}
