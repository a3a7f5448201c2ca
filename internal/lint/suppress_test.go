package lint_test

import (
	"context"
	"sort"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/internal/lint"
)

// Suppressions users already write (SPEC §5, issue 15): ruff's noqa with
// RT codes, next-line forms, a comment on any line of a multi-line call,
// ignore-file anywhere, and unknown codes reported as RT000.
func TestSuppressionForms(t *testing.T) {
	for _, tc := range []struct {
		path, src string
		want      []string // "RULE:line" left after suppressions
	}{
		{"noqa.py", `import time


async def h():
    time.sleep(1)  # noqa: RT101
    time.sleep(2)  # noqa: E501, RT1
    time.sleep(3)  # noqa
    time.sleep(4)  # noqa: E501
`, []string{"RT101:7", "RT101:8"}},
		{"next.py", `import time


async def h():
    # rtlint: ignore-next-line[RT101]
    time.sleep(1)
    time.sleep(2)
`, []string{"RT101:7"}},
		{"next.js", `const fs = require('fs');
async function h() {
  // rtlint-disable-next-line RT103
  fs.readFileSync('a');
  // rtlint-disable-next-line
  fs.readFileSync('b');
  // rtlint-disable-next-line RT101
  fs.readFileSync('c');
}
module.exports = h;
`, []string{"RT000:7", "RT103:8"}},
		{"multiline.py", `import subprocess


async def h():
    subprocess.run(
        ["ls"],
        check=True,  # rtlint: ignore[RT104]
    )
`, nil},
		{"file.py", `"""Docstring first."""
import time

# rtlint: ignore-file


async def h():
    time.sleep(1)
`, nil},
		{"unknown.py", `import time


async def h():
    time.sleep(1)  # rtlint: ignore[RT999]
`, []string{"RT000:5", "RT101:5"}},
	} {
		t.Run(tc.path, func(t *testing.T) {
			res, err := lint.Run(context.Background(), tc.path, []byte(tc.src), &lint.Config{ShowUnusedSuppressions: true})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range res.Findings {
				got = append(got, f.Rule+":"+itoa(f.Line))
				if f.Rule == "RT000" && tc.path == "unknown.py" && !strings.Contains(f.Message, "RT999 (unknown)") {
					t.Errorf("RT000 message %q should name the unknown code", f.Message)
				}
			}
			sort.Strings(got)
			if strings.Join(got, " ") != strings.Join(tc.want, " ") {
				t.Errorf("findings %v, want %v", got, tc.want)
			}
		})
	}
}

func itoa(n int) string {
	s := ""
	for {
		s = string(rune('0'+n%10)) + s
		n /= 10
		if n == 0 {
			return s
		}
	}
}
