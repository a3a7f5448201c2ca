package report

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/analyzers/registry"
	"github.com/rtlint/rtlint/internal/lint"
)

func lintFile(t *testing.T, path, src string) File {
	t.Helper()
	res, err := lint.Run(context.Background(), path, []byte(src), nil)
	if err != nil {
		t.Fatal(err)
	}
	return File{Path: path, Lines: res.File.Lines, Src: res.File.Src, Findings: res.Findings}
}

const sample = "import time\n\nasync def h():\n    time.sleep(1)\n"

func TestSARIF(t *testing.T) {
	var buf bytes.Buffer
	if err := SARIF(&buf, []File{lintFile(t, "src/app.py", sample)}, Options{}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Version string `json:"version"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID               string `json:"id"`
						Name             string `json:"name"`
						ShortDescription struct{ Text string }
						FullDescription  struct{ Text string }
						HelpURI          string `json:"helpUri"`
						Default          struct {
							Level string `json:"level"`
						} `json:"defaultConfiguration"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				Level     string `json:"level"`
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string } `json:"artifactLocation"`
						Region           struct {
							StartLine, StartColumn, EndLine, EndColumn int
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
				Fixes []struct {
					Description     struct{ Text string }
					ArtifactChanges []struct {
						Replacements []struct {
							InsertedContent struct{ Text string } `json:"insertedContent"`
						} `json:"replacements"`
					} `json:"artifactChanges"`
				} `json:"fixes"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 || log.Runs[0].Tool.Driver.Name != "rtlint" {
		t.Fatalf("bad SARIF envelope: %s", buf.String())
	}
	rules := log.Runs[0].Tool.Driver.Rules
	if len(rules) != len(registry.All()) {
		t.Errorf("driver lists %d rules, want %d", len(rules), len(registry.All()))
	}
	for _, r := range rules {
		if r.ID == "" || r.Name == "" || r.ShortDescription.Text == "" || r.FullDescription.Text == "" ||
			!strings.HasSuffix(r.HelpURI, "/docs/rules/"+r.ID+".md") || r.Default.Level == "" {
			t.Errorf("incomplete rule %+v", r)
		}
	}
	res := log.Runs[0].Results
	if len(res) != 1 {
		t.Fatalf("results = %+v", res)
	}
	r := res[0]
	loc := r.Locations[0].PhysicalLocation
	if r.RuleID != "RT101" || r.Level != "error" || loc.ArtifactLocation.URI != "src/app.py" ||
		loc.Region.StartLine != 4 || loc.Region.StartColumn != 5 || loc.Region.EndColumn != 18 {
		t.Errorf("result = %+v", r)
	}
	if len(r.Fixes) != 1 || !strings.Contains(r.Fixes[0].Description.Text, "asyncio.sleep") ||
		r.Fixes[0].ArtifactChanges[0].Replacements[len(r.Fixes[0].ArtifactChanges[0].Replacements)-1].InsertedContent.Text != "await asyncio.sleep(1)" {
		t.Errorf("fixes = %+v", r.Fixes)
	}
}

func TestGitHub(t *testing.T) {
	var buf bytes.Buffer
	if err := GitHub(&buf, []File{lintFile(t, "src/app.py", sample)}, Options{}); err != nil {
		t.Fatal(err)
	}
	want := "::error file=src/app.py,line=4,col=5,endLine=4,endColumn=18,title=RT101 blocking-sleep::time.sleep() blocks the event loop in async def h(); use await asyncio.sleep()\n"
	if buf.String() != want {
		t.Errorf("got  %q\nwant %q", buf.String(), want)
	}
	if got := escapeProperty("a:b,c%\n"); got != "a%3Ab%2Cc%25%0A" {
		t.Errorf("escapeProperty = %q", got)
	}
}

func TestGitLabFingerprintsAreStable(t *testing.T) {
	report := func(src string) []map[string]any {
		var buf bytes.Buffer
		if err := GitLab(&buf, []File{lintFile(t, "app.py", src)}, Options{}); err != nil {
			t.Fatal(err)
		}
		var out []map[string]any
		if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
			t.Fatal(err)
		}
		return out
	}
	twice := sample + "\nasync def g():\n    time.sleep(1)\n"
	a := report(twice)
	if len(a) != 2 {
		t.Fatalf("issues = %v", a)
	}
	for _, key := range []string{"description", "check_name", "fingerprint", "severity", "location"} {
		if _, ok := a[0][key]; !ok {
			t.Errorf("issue lacks %q: %v", key, a[0])
		}
	}
	if a[0]["fingerprint"] == a[1]["fingerprint"] {
		t.Error("two identical findings share a fingerprint")
	}
	loc := a[0]["location"].(map[string]any)
	if loc["path"] != "app.py" || loc["lines"].(map[string]any)["begin"] != float64(4) || a[0]["severity"] != "major" {
		t.Errorf("issue = %v", a[0])
	}
	// Inserting lines above moves the findings but keeps their fingerprints.
	b := report("# a comment\n\n" + twice)
	for i := range a {
		if a[i]["fingerprint"] != b[i]["fingerprint"] {
			t.Errorf("fingerprint %d changed when lines were inserted above", i)
		}
	}
	if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(a[0]["fingerprint"].(string)) {
		t.Errorf("fingerprint %v", a[0]["fingerprint"])
	}
}

// A finding on a minified line shows a window of about 120 columns around
// it, the caret under the call.
func TestTextExcerptWindow(t *testing.T) {
	src := "const fs = require('fs'); " + strings.Repeat("var a=1;", 2000) +
		"async function f(){ fs.readFileSync('x') } " + strings.Repeat("var b=2;", 2000) + "\n"
	var out bytes.Buffer
	if err := Text(&out, []File{lintFile(t, "long.js", src)}, Options{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(out.String(), "\n")
	if len(lines) < 4 {
		t.Fatalf("output:\n%s", out.String())
	}
	code, carets := lines[2], lines[3]
	if n := len([]rune(code)); n > 130 || !strings.Contains(code, "…") {
		t.Errorf("source line is %d runes, want a window of about 120 marked with …:\n%s", n, code)
	}
	at := strings.Index(carets, "^")
	if at < 0 || !strings.HasPrefix(string([]rune(code)[len([]rune(carets[:at])):]), "fs.readFileSync") {
		t.Errorf("caret not under the call:\n%s\n%s", code, carets)
	}
}

// The line formats: one JSON object per line (the json format's objects),
// and pylint's `path:line: [CODE] message`.
func TestJSONLinesAndPylint(t *testing.T) {
	files := []File{lintFile(t, "src/app.py", sample), lintFile(t, "b.py", sample+"\nasync def g():\n    time.sleep(2)\n")}
	var arr, lines, pylint bytes.Buffer
	JSON(&arr, files, Options{})
	JSONLines(&lines, files, Options{})
	Pylint(&pylint, files, Options{})
	var want []json.RawMessage
	if err := json.Unmarshal(arr.Bytes(), &want); err != nil {
		t.Fatal(err)
	}
	got := strings.Split(strings.TrimSuffix(lines.String(), "\n"), "\n")
	if len(got) != len(want) || len(got) != 3 {
		t.Fatalf("json-lines has %d lines, json %d objects; want 3", len(got), len(want))
	}
	for i := range got {
		var a, b any
		json.Unmarshal([]byte(got[i]), &a)
		json.Unmarshal(want[i], &b)
		if !reflect.DeepEqual(a, b) {
			t.Errorf("line %d: %s, want %s", i, got[i], want[i])
		}
	}
	wantPylint := "b.py:4: [RT101] time.sleep() blocks the event loop in async def h(); use await asyncio.sleep()\n" +
		"b.py:7: [RT101] time.sleep() blocks the event loop in async def g(); use await asyncio.sleep()\n" +
		"src/app.py:4: [RT101] time.sleep() blocks the event loop in async def h(); use await asyncio.sleep()\n"
	if pylint.String() != wantPylint {
		t.Errorf("pylint:\n%s\nwant:\n%s", pylint.String(), wantPylint)
	}
}

// JUnit: a suite per file, a failing case per finding; no findings is one
// passing case.
func TestJUnit(t *testing.T) {
	var buf bytes.Buffer
	if err := JUnit(&buf, []File{lintFile(t, "src/app.py", sample)}, Options{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Tests    int `xml:"tests,attr"`
		Failures int `xml:"failures,attr"`
		Suites   []struct {
			Name  string `xml:"name,attr"`
			Cases []struct {
				Name    string `xml:"name,attr"`
				Line    int    `xml:"line,attr"`
				Failure *struct {
					Message string `xml:"message,attr"`
				} `xml:"failure"`
			} `xml:"testcase"`
		} `xml:"testsuite"`
	}
	if err := xml.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if doc.Tests != 1 || doc.Failures != 1 || len(doc.Suites) != 1 || doc.Suites[0].Name != "src/app.py" || doc.Suites[0].Cases[0].Name != "rtlint.RT101" ||
		doc.Suites[0].Cases[0].Line != 4 || doc.Suites[0].Cases[0].Failure == nil || !strings.Contains(doc.Suites[0].Cases[0].Failure.Message, "time.sleep()") {
		t.Errorf("junit:\n%s", buf.String())
	}
	buf.Reset()
	JUnit(&buf, nil, Options{})
	if !strings.Contains(buf.String(), `<testcase name="no findings" classname="rtlint">`) || strings.Contains(buf.String(), "<failure") {
		t.Errorf("junit without findings:\n%s", buf.String())
	}
}

// rdjson: reviewdog's format, with a safe fix as a suggestion.
func TestRDJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := RDJSON(&buf, []File{lintFile(t, "src/app.py", "import asyncio\nimport time\n\nasync def h():\n    time.sleep(1)\n")}, Options{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Source      struct{ Name string }
		Diagnostics []struct {
			Message  string
			Severity string
			Code     struct{ Value, URL string }
			Location struct {
				Path  string
				Range struct{ Start, End struct{ Line, Column int } }
			}
			Suggestions []struct {
				Range struct{ Start, End struct{ Line, Column int } }
				Text  string
			}
		}
	}
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	d := doc.Diagnostics
	if doc.Source.Name != "rtlint" || len(d) != 1 || d[0].Code.Value != "RT101" || d[0].Severity != "ERROR" || d[0].Location.Path != "src/app.py" ||
		d[0].Location.Range.Start.Line != 5 || d[0].Location.Range.Start.Column != 5 {
		t.Fatalf("rdjson:\n%s", buf.String())
	}
	if len(d[0].Suggestions) == 0 || !strings.Contains(d[0].Suggestions[0].Text, "await asyncio.sleep(1)") {
		t.Errorf("rdjson suggestions:\n%s", buf.String())
	}
}

// SARIF locations: columns in code points, relative paths percent-encoded
// against %SRCROOT% (given by originalUriBaseIds), absolute ones as file
// URIs; reach hops as relatedLocations.
func TestSARIFLocations(t *testing.T) {
	files := []File{lintFile(t, "src/my app.py", sample), lintFile(t, "/abs/dir/x.py", sample)}
	var buf bytes.Buffer
	if err := SARIF(&buf, files, Options{Root: "/work/proj"}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			ColumnKind         string `json:"columnKind"`
			OriginalURIBaseIDs map[string]struct {
				URI string `json:"uri"`
			} `json:"originalUriBaseIds"`
			Results []struct {
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation sarifArtifact `json:"artifactLocation"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if run.ColumnKind != "unicodeCodePoints" || run.OriginalURIBaseIDs["%SRCROOT%"].URI != "file:///work/proj/" {
		t.Errorf("run = %+v", run)
	}
	var got []sarifArtifact
	for _, r := range run.Results {
		got = append(got, r.Locations[0].PhysicalLocation.ArtifactLocation)
	}
	want := []sarifArtifact{{URI: "file:///abs/dir/x.py"}, {URI: "src/my%20app.py", URIBaseID: "%SRCROOT%"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("locations = %+v, want %+v", got, want)
	}
	if a := artifactOf("c:odd.py"); a.URI != "./c:odd.py" {
		t.Errorf("a colon in the first segment: %+v", a)
	}
}
