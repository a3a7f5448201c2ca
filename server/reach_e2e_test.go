package server_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.lsp.dev/protocol"

	"github.com/rtlint/rtlint/internal/lsptest"
)

const reachHelpers = `import app


def load():
    with open("settings.json") as f:
        return f.read()
`

const reachApp = `import helpers


async def handler():
    return helpers.load()


def tick():
    return open("tick.txt").read()
`

// TestReachAcrossFiles: the server indexes the workspace in the background
// (reporting $/progress), a blocking call in a helper file is reported with
// the path from the async function in another file, with related
// information and a fix at the call site; editing either file updates the
// other's diagnostics.
func TestReachAcrossFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, text := range map[string]string{"pyproject.toml": "[project]\nname = \"x\"\n", "helpers.py": reachHelpers, "app.py": reachApp} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	uri := func(name string) protocol.DocumentURI {
		return protocol.DocumentURI("file://" + filepath.ToSlash(filepath.Join(dir, name)))
	}
	helpers, app := uri("helpers.py"), uri("app.py")

	e := lsptest.Start(t, bin())
	e.Initialize(lsptest.InitOptions{RootURI: uri(""), WorkDoneProgress: true, DocumentChanges: true})
	e.AwaitProgressEnd()
	progress := strings.Join(e.Progress(), "\n")
	if !strings.Contains(progress, "begin:") || !strings.Contains(progress, "end: indexed 2 files") {
		t.Errorf("$/progress = %q, want a begin and an end naming 2 files", progress)
	}

	// The helper's blocking call, reached from app.py's async def.
	e.Open(helpers, "python", reachHelpers)
	diags := e.Diagnostics(helpers, 1, 0)
	if len(diags) != 1 || diags[0].Code != "RT103" || !strings.Contains(diags[0].Message, "reached from async def handler()") {
		t.Fatalf("helpers.py diagnostics = %v %v, want RT103 reached from async def handler()", codes(diags), messages(diags))
	}
	if want := mustRange(t, reachHelpers, `open("settings.json")`, 0); diags[0].Range != want {
		t.Errorf("RT103 range = %s, want %s", rangeString(diags[0].Range), rangeString(want))
	}
	rel := diags[0].RelatedInformation
	if len(rel) != 1 || rel[0].Location.URI != app || rel[0].Location.Range.Start.Line != 4 {
		t.Errorf("relatedInformation = %+v, want the call in app.py line 5", rel)
	}
	actions := e.CodeActions(helpers, diags[0].Range, diags)
	fix := findAction(actions, "Run helpers.load() in a thread: await asyncio.to_thread() (unsafe)")
	if fix == nil || fix.Edit == nil {
		t.Fatalf("code actions = %v, want the call-site fix", titles(actions))
	}
	var appEdits []protocol.TextEdit
	for _, dc := range fix.Edit.DocumentChanges {
		if dc.TextDocument != nil && dc.TextDocument.URI == app {
			appEdits = append(appEdits, dc.Edits...)
		}
	}
	if want := mustRange(t, reachApp, "helpers.load()", 0); len(appEdits) != 2 || appEdits[1].Range != want ||
		appEdits[1].NewText != "await asyncio.to_thread(helpers.load)" || !strings.Contains(appEdits[0].NewText, "import asyncio") {
		t.Errorf("fix edits in app.py = %+v, want the import and the call at %s wrapped", appEdits, rangeString(want))
	}

	// Editing app.py so that the helper is no longer called clears
	// helpers.py's diagnostic.
	e.Open(app, "python", reachApp)
	e.Diagnostics(app, 1, 0)
	// Hovering the call shows what it reaches (the summaries' closure).
	at := mustRange(t, reachApp, "helpers.load()", 0).Start
	at.Character += 3
	var text string
	for range 50 { // the index takes app.py's summary right after its first analysis
		if h := e.Hover(app, at); h != nil {
			text = h.Contents.Value
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(text, "load() blocks") || !strings.Contains(text, "`open()` (RT103) at") || !strings.Contains(text, "helpers.py:5") {
		t.Errorf("hover over helpers.load() = %q, want open() at helpers.py:5", text)
	}
	mark := e.Mark()
	call := mustRange(t, reachApp, "return helpers.load()", 0)
	e.Change(app, 2, lsptest.Change{Range: &call, Text: "return None"})
	e.AwaitPublish(helpers, mark, "helpers.py without findings", func(p lsptest.Publish) bool { return len(p.Diagnostics) == 0 })

	// Editing helpers.py so that it hands app.tick to the loop makes
	// tick()'s open() in app.py a finding.
	mark = e.Mark()
	end := protocol.Position{Line: uint32(strings.Count(reachHelpers, "\n")), Character: 0}
	e.Change(helpers, 2, lsptest.Change{Range: &protocol.Range{Start: end, End: end},
		Text: "\n\ndef start(loop):\n    loop.call_soon(app.tick)\n"})
	p := e.AwaitPublish(app, mark, "app.py with tick()'s open() reached from the loop", func(p lsptest.Publish) bool {
		for _, d := range p.Diagnostics {
			if d.Code == "RT103" && strings.Contains(d.Message, "loop.call_soon() callback") {
				return true
			}
		}
		return false
	})
	if len(p.Diagnostics) != 1 {
		t.Errorf("app.py diagnostics = %v, want one", messages(p.Diagnostics))
	}
}

func messages(diags []protocol.Diagnostic) []string {
	var out []string
	for _, d := range diags {
		out = append(out, d.Message)
	}
	return out
}

// TestPullClient connects as VS Code and Neovim ≥ 0.10 do, declaring pull
// diagnostics: the server never pushes (each finding would show twice),
// answers pulls, and asks the client to pull again when reach changes a
// document's findings without an edit to it. TestSession is the push
// client (no textDocument.diagnostic capability).
func TestPullClient(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, text := range map[string]string{"pyproject.toml": "[project]\nname = \"x\"\n", "helpers.py": reachHelpers, "app.py": reachApp} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	uri := func(name string) protocol.DocumentURI {
		return protocol.DocumentURI("file://" + filepath.ToSlash(filepath.Join(dir, name)))
	}
	helpers, app := uri("helpers.py"), uri("app.py")
	e := lsptest.Start(t, bin())
	e.Initialize(lsptest.InitOptions{RootURI: uri(""), PullDiagnostics: true, WorkDoneProgress: true})
	e.AwaitProgressEnd()

	e.Open(helpers, "python", reachHelpers)
	e.Open(app, "python", reachApp)
	first := e.PullReport(helpers, "")
	if diags := first.Items; first.Kind != "full" || first.ResultID == "" || len(diags) != 1 || diags[0].Code != "RT103" {
		t.Fatalf("pulled helpers.py = %s %q %v, want a full report with a resultId and one RT103", first.Kind, first.ResultID, messages(diags))
	}
	// Pulled again with nothing changed: "unchanged", with the same id.
	if again := e.PullReport(helpers, first.ResultID); again.Kind != "unchanged" || again.ResultID != first.ResultID || len(again.Items) != 0 {
		t.Errorf("pulled helpers.py again = %+v, want unchanged %q", again, first.ResultID)
	}
	// A client holding another result gets the full report.
	if other := e.PullReport(helpers, "0-0"); other.Kind != "full" || len(other.Items) != 1 {
		t.Errorf("pulled helpers.py with a stale id = %+v, want the full report", other)
	}
	// The edit removes the call: app.py is pulled after its own edit; the
	// helper's findings change without an edit to it, so the server asks
	// for a refresh.
	mark := e.Mark()
	call := mustRange(t, reachApp, "return helpers.load()", 0)
	e.Change(app, 2, lsptest.Change{Range: &call, Text: "return None"})
	// As a client does: pull on every refresh until the change shows (a
	// refresh from the documents' opening may come first).
	var diags []protocol.Diagnostic
	for range 10 {
		e.AwaitServerRequest(mark, "workspace/diagnostic/refresh")
		mark = e.Mark()
		if diags = e.Pull(helpers); len(diags) == 0 {
			break
		}
	}
	if len(diags) != 0 {
		t.Errorf("pulled helpers.py after the edit and refreshes = %v, want none", messages(diags))
	}
	// Its findings changed without an edit: a client holding the first
	// result gets a full (empty) report, not "unchanged".
	if after := e.PullReport(helpers, first.ResultID); after.Kind != "full" || len(after.Items) != 0 || after.ResultID == first.ResultID {
		t.Errorf("pulled helpers.py with the first id after the change = %+v, want a new full report", after)
	}
	if n := e.PublishCount(helpers) + e.PublishCount(app); n != 0 {
		t.Errorf("the server pushed %d publishDiagnostics to a client that pulls", n)
	}
}

const routerBlueprints = `from flask import Blueprint

auth = Blueprint("auth", __name__)
`

const routerViews = `import requests

from .blueprints import auth


@auth.route("/login")
def login():
    session = requests.Session()
    return session.get("https://idp.example").text
`

// TestImportedRouter: a route decorated through a router bound in another
// workspace file (`auth = Blueprint(...)` there, `@auth.route` here) makes
// a handler, so a client created in it is per request (RT401) — the
// server learns it from the workspace index, as the CLI does.
func TestImportedRouter(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, text := range map[string]string{
		"pyproject.toml":    "[project]\nname = \"web\"\n",
		"web/__init__.py":   "",
		"web/blueprints.py": routerBlueprints,
		"web/views.py":      routerViews,
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	views := protocol.DocumentURI("file://" + filepath.ToSlash(filepath.Join(dir, "web", "views.py")))
	e := lsptest.Start(t, bin())
	e.Initialize(lsptest.InitOptions{RootURI: protocol.DocumentURI("file://" + filepath.ToSlash(dir)), WorkDoneProgress: true})
	e.AwaitProgressEnd()
	e.Open(views, "python", routerViews)
	var diags []protocol.Diagnostic
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if diags = e.Diagnostics(views, 1, 0); len(diags) > 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if len(diags) != 1 || diags[0].Code != "RT401" || !strings.Contains(diags[0].Message, "route handler login()") {
		t.Fatalf("views.py diagnostics = %v %v, want RT401 in route handler login()", codes(diags), messages(diags))
	}
}
