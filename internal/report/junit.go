package report

import (
	"encoding/xml"
	"fmt"
	"io"
)

// JUnit writes a JUnit XML report, which CI systems show as test results:
// a test suite per file with findings, a failing test case per finding
// (named by rule, classname the file). A run without findings is one
// passing case, so the report is never empty.
func JUnit(w io.Writer, files []File, _ Options) error {
	type failure struct {
		Message string `xml:"message,attr"`
		Text    string `xml:",chardata"`
	}
	type testcase struct {
		Name      string   `xml:"name,attr"`
		Classname string   `xml:"classname,attr"`
		Line      int      `xml:"line,attr,omitempty"`
		Column    int      `xml:"column,attr,omitempty"`
		Failure   *failure `xml:"failure,omitempty"`
	}
	type testsuite struct {
		Name     string     `xml:"name,attr"`
		Tests    int        `xml:"tests,attr"`
		Failures int        `xml:"failures,attr"`
		Errors   int        `xml:"errors,attr"`
		Cases    []testcase `xml:"testcase"`
	}
	type testsuites struct {
		XMLName  xml.Name    `xml:"testsuites"`
		Name     string      `xml:"name,attr"`
		Tests    int         `xml:"tests,attr"`
		Failures int         `xml:"failures,attr"`
		Errors   int         `xml:"errors,attr"`
		Suites   []testsuite `xml:"testsuite"`
	}
	out := testsuites{Name: "rtlint"}
	index := map[string]int{}
	for _, f := range sorted(files) {
		i, ok := index[f.Path]
		if !ok {
			i = len(out.Suites)
			index[f.Path] = i
			out.Suites = append(out.Suites, testsuite{Name: f.Path})
		}
		s := &out.Suites[i]
		s.Cases = append(s.Cases, testcase{
			Name: "rtlint." + f.Rule, Classname: f.Path, Line: f.Line, Column: f.Column,
			Failure: &failure{Message: f.Message, Text: fmt.Sprintf("%s:%d:%d: %s %s [%s]", f.Path, f.Line, f.Column, f.Rule, f.Message, f.Severity)},
		})
		s.Tests++
		s.Failures++
		out.Tests++
		out.Failures++
	}
	if out.Tests == 0 {
		out.Suites = []testsuite{{Name: "rtlint", Tests: 1, Cases: []testcase{{Name: "no findings", Classname: "rtlint"}}}}
		out.Tests = 1
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
