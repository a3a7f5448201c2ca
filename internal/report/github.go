package report

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/rtlint/rtlint/analyzers"
)

var githubLevel = map[analyzers.Severity]string{analyzers.Error: "error", analyzers.Warning: "warning", analyzers.Info: "notice"}

// GitHub writes GitHub Actions workflow commands, which annotate the
// pull request: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=RT101 blocking-sleep::message`.
func GitHub(w io.Writer, files []File, _ Options) error {
	for _, f := range sorted(files) {
		_, err := fmt.Fprintf(w, "::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n",
			githubLevel[f.Severity], escapeProperty(filepath.ToSlash(f.Path)), f.Line, f.Column, f.EndLine, f.EndColumn,
			escapeProperty(f.Rule+" "+f.Name), escapeData(f.Message))
		if err != nil {
			return err
		}
	}
	return nil
}

// escapeData and escapeProperty follow the workflow-command encoding.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
