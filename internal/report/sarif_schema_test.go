package report

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/internal/lint"
)

// The SARIF log validates against the SARIF 2.1.0 JSON schema (OASIS's,
// as Microsoft's @microsoft/jest-sarif ships it: testdata/sarif), with
// fixes, a reach path's related locations, and relative, spaced and
// absolute paths.
func TestSARIFMatchesSchema(t *testing.T) {
	schemaPath := filepath.Join("..", "..", "testdata", "sarif", "sarif-2.1.0-rtm.5.json")
	f, err := os.Open(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("sarif-2.1.0.json", doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("sarif-2.1.0.json")
	if err != nil {
		t.Fatal(err)
	}
	reach := lintFile(t, "src/my app.py", sample)
	reach.Findings = append(reach.Findings, lint.Finding{
		Path: "src/my app.py", Start: 0, End: 6, Line: 1, Column: 1, EndLine: 1, EndColumn: 7,
		Rule: "RT103", Name: "blocking-file-io", Severity: analyzers.Warning, Message: "open() blocks",
		Related: []lint.Related{{Path: "src/helpers.py", Line: 3, Column: 5, Message: "load() calls open()"}},
	})
	files := []File{reach, lintFile(t, "/abs/x.js", "const fs = require('fs');\nasync function h() { return fs.readFileSync('x'); }\n")}
	for _, root := range []string{"", "/work/proj"} {
		var buf bytes.Buffer
		if err := SARIF(&buf, files, Options{Root: root}); err != nil {
			t.Fatal(err)
		}
		inst, err := jsonschema.UnmarshalJSON(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if err := schema.Validate(inst); err != nil {
			t.Errorf("root %q: the SARIF log does not match the schema: %v", root, err)
		}
	}
	// The schema is really applied: a column kind it does not know fails.
	var bad bytes.Buffer
	SARIF(&bad, files, Options{})
	mutated := bytes.Replace(bad.Bytes(), []byte(`"unicodeCodePoints"`), []byte(`"bytes"`), 1)
	if inst, _ := jsonschema.UnmarshalJSON(bytes.NewReader(mutated)); schema.Validate(inst) == nil {
		t.Error("a log with columnKind \"bytes\" passed the schema")
	}
	var empty bytes.Buffer
	SARIF(&empty, nil, Options{})
	inst, _ := jsonschema.UnmarshalJSON(&empty)
	if err := schema.Validate(inst); err != nil {
		t.Errorf("an empty run does not match the schema: %v", err)
	}
}
