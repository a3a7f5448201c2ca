package fix

import (
	"context"
	"strings"
	"testing"

	"github.com/rtlint/rtlint/internal/lint"
)

// AddSuppressions writes comments that silence every finding without
// breaking a line: never inside a string or template that runs on, never
// after a line continuation; existing lists are extended; one comment per
// line.
func TestAddSuppressions(t *testing.T) {
	for _, c := range []struct {
		path, src, want string
	}{
		{"a.py", "import time\n\nasync def f():\n    time.sleep(1)\n",
			"import time\n\nasync def f():\n    time.sleep(1)  # rtlint: ignore[RT101]\n"},
		{"b.py", "import time, requests\n\nasync def f():\n    time.sleep(1); requests.get('u')  # rtlint: ignore[RT401]\n",
			"import time, requests\n\nasync def f():\n    time.sleep(1); requests.get('u')  # rtlint: ignore[RT401, RT101, RT102]\n"},
		{"c.py", "import requests\n\nasync def f():\n    return requests.get(\"\"\"http://x\n\"\"\")\n",
			"import requests\n\nasync def f():\n    return requests.get(\"\"\"http://x\n\"\"\")  # rtlint: ignore[RT102]\n"},
		{"d.py", "import time\n\nasync def f():\n    x = 1 + \\\n        time.sleep(1)\n", ""},
		{"e.js", "const fs = require('fs');\nasync function h() {\n  return fs.readFileSync(`a\n${b}`);\n}\n",
			"const fs = require('fs');\nasync function h() {\n  return fs.readFileSync(`a\n${b}`); // rtlint: ignore[RT103]\n}\n"},
		{"f.js", "const fs = require('fs');\nasync function h() {\n  return fs.readFileSync('x'); // keep this\n}\n",
			"const fs = require('fs');\nasync function h() {\n  return fs.readFileSync('x'); // keep this // rtlint: ignore[RT103]\n}\n"},
	} {
		before, err := lint.Run(context.Background(), c.path, []byte(c.src), nil)
		if err != nil || len(before.Findings) == 0 {
			t.Fatalf("%s: %v, %d findings", c.path, err, len(before.Findings))
		}
		out, added, skipped := AddSuppressions(context.Background(), c.path, []byte(c.src), before.Findings)
		if c.want != "" && string(out) != c.want {
			t.Errorf("%s: got\n%s\nwant\n%s", c.path, out, c.want)
		}
		after, err := lint.Run(context.Background(), c.path, out, nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(after.Findings) != skipped {
			t.Errorf("%s: %d findings left after adding %d comments (%d skipped):\n%s", c.path, len(after.Findings), added, skipped, out)
		}
		if syntaxErrors(context.Background(), c.path, out) > syntaxErrors(context.Background(), c.path, []byte(c.src)) {
			t.Errorf("%s: the comments broke the code:\n%s", c.path, out)
		}
		// Run again: nothing more to add.
		if again, n, _ := AddSuppressions(context.Background(), c.path, out, after.Findings); n != 0 || string(again) != string(out) {
			t.Errorf("%s: a second run changed the file:\n%s", c.path, again)
		}
		if strings.Contains(c.path, "d.py") && skipped != 0 && !strings.Contains(string(out), "rtlint: ignore") {
			t.Errorf("d.py: the continued statement's last line takes the comment:\n%s", out)
		}
	}
}
