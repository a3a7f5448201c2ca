package report

import (
	"fmt"
	"io"
)

// Pylint writes one line per finding as pylint's parseable format does,
// which many editors and CI log matchers read: `path:line: [RT101] message`.
func Pylint(w io.Writer, files []File, _ Options) error {
	for _, f := range sorted(files) {
		if _, err := fmt.Fprintf(w, "%s:%d: [%s] %s\n", f.Path, f.Line, f.Rule, f.Message); err != nil {
			return err
		}
	}
	return nil
}
