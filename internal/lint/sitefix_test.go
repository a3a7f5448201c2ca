package lint

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/internal/project"
	"github.com/rtlint/rtlint/internal/source"
)

// Summaries only mark the sites a fix can move off the loop; the fix is
// made from the file's text when a finding needs it, and only when that
// text is still the one the summary was made from.
func TestSiteFixerMakesFixesFromCurrentText(t *testing.T) {
	const app = "import helpers\n\nasync def handler():\n    return helpers.load()\n"
	f, err := source.Parse(context.Background(), "/p/app.py", source.Python, []byte(app))
	if err != nil {
		t.Fatal(err)
	}
	u, err := AnalyzeWith(context.Background(), f, nil, &Config{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	sum := u.Summarize()
	f.Tree.Close()
	var site *project.Site
	for fi := range sum.Funcs {
		for si := range sum.Funcs[fi].Sites {
			if s := &sum.Funcs[fi].Sites[si]; s.Text == "helpers.load()" {
				site = s
			}
		}
	}
	if site == nil || !site.Fixable {
		t.Fatalf("helpers.load() site = %+v, want a Fixable site", site)
	}

	texts := map[string]string{"/p/app.py": app}
	reads := 0
	sf := &SiteFixer{Read: func(p string) ([]byte, error) {
		reads++
		if s, ok := texts[p]; ok {
			return []byte(s), nil
		}
		return nil, errors.New("no such file")
	}}
	ix := project.NewIndex()
	fx := sf.Fix(ix, "/p/app.py", sum.Hash, site)
	if fx == nil || len(fx.Edits) == 0 || fx.Edits[0].At == nil {
		t.Fatalf("fix = %+v, want edits placed in app.py", fx)
	}
	var text []string
	for _, e := range fx.Edits {
		text = append(text, e.NewText)
	}
	if !strings.Contains(strings.Join(text, "|"), "await asyncio.to_thread(helpers.load)") {
		t.Errorf("edits %q do not move the call to a thread", text)
	}
	if again := sf.Fix(ix, "/p/app.py", sum.Hash, site); again != fx || reads != 1 {
		t.Errorf("asked twice: read the file %d times", reads)
	}
	texts["/p/app.py"] = "# edited\n" + app // the summary's positions no longer fit
	fresh := &SiteFixer{Read: sf.Read}
	if fx := fresh.Fix(ix, "/p/app.py", sum.Hash, site); fx != nil {
		t.Errorf("fix made for a text that is not the summary's: %+v", fx)
	}
	if fx := fresh.Fix(ix, "/p/gone.py", sum.Hash, site); fx != nil {
		t.Errorf("fix made for an unreadable file: %+v", fx)
	}
}
