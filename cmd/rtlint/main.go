// Command rtlint finds runtime-performance mistakes in Python, JavaScript
// and TypeScript: blocking calls on an event loop, CPU-bound work in the
// wrong place, slow JSON and missing connection pooling.
//
//	rtlint [check] [flags] [PATH ...]   lint files and directories (default .)
//	rtlint rules                        list rules
//	rtlint rule RT101                   explain one rule
//	rtlint version
//	rtlint clean [PATH]                 remove the results cache
package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"strings"

	"github.com/rtlint/rtlint/internal/report"
)

// Exit codes (SPEC §6).
const (
	exitOK       = 0
	exitFindings = 1
	exitError    = 2
)

// version is set by a release build (-ldflags "-X main.version=...");
// otherwise buildVersion reads it from the build.
var version = ""

func init() {
	if version == "" {
		version = buildVersion()
	}
}

// buildVersion is the module version `go install …@v0.2.0` records
// ("0.2.0"), else the VCS revision of a build from a checkout, else "dev".
func buildVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "dev"
	}
	if v := bi.Main.Version; v != "" && v != "(devel)" {
		return strings.TrimPrefix(v, "v")
	}
	rev, dirty := "", false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			dirty = s.Value == "true"
		}
	}
	if rev == "" {
		return "dev"
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if dirty {
		rev += "-dirty"
	}
	return "dev-" + rev
}

func main() {
	report.Version = version
	// Heap profiling samples every 512 KiB allocated by default, and its
	// buckets stay: 1.5 MB of a language server holding 200 documents.
	// Only RTLINT_MEMPROFILE needs it.
	if os.Getenv("RTLINT_MEMPROFILE") == "" {
		runtime.MemProfileRate = 0
	}
	// RTLINT_CPUPROFILE=FILE writes a CPU profile of the run (for the
	// speed work in README's Speed section).
	if p := os.Getenv("RTLINT_CPUPROFILE"); p != "" {
		if f, err := os.Create(p); err == nil {
			pprof.StartCPUProfile(f)
			code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
			pprof.StopCPUProfile()
			f.Close()
			os.Exit(code)
		}
	}
	code := run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	// RTLINT_MEMPROFILE=FILE writes the heap in use at the end of the run.
	if p := os.Getenv("RTLINT_MEMPROFILE"); p != "" {
		if f, err := os.Create(p); err == nil {
			pprof.Lookup("heap").WriteTo(f, 0)
			f.Close()
		}
	}
	os.Exit(code)
}

// run dispatches a subcommand; it returns the process exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cmd := "check"
	if len(args) > 0 {
		switch args[0] {
		case "check", "server", "rules", "rule", "version", "help", "clean":
			cmd, args = args[0], args[1:]
		case "-h", "--help":
			cmd = "help"
		case "--version", "-V":
			cmd, args = "version", args[1:]
		}
	}
	switch cmd {
	case "server":
		return cmdServer(args, stdin, stdout, stderr)
	case "clean":
		return cmdClean(args, stdout, stderr)
	case "rules":
		return cmdRules(stdout)
	case "rule":
		return cmdRule(args, stdout, stderr)
	case "version":
		fmt.Fprintf(stdout, "rtlint %s\n", version)
		return exitOK
	case "help":
		fmt.Fprint(stdout, usage)
		return exitOK
	}
	return cmdCheck(args, stdin, stdout, stderr)
}

const usage = `rtlint finds runtime-performance mistakes in Python, JavaScript and TypeScript.

Usage:
  rtlint [check] [flags] [PATH ...]   lint files and directories (default .)
  rtlint server [--log-file F]        language server over stdio
  rtlint rules                        list rules (code, name, severity, fixable)
  rtlint rule RT101                   explain one rule with examples
  rtlint version

Run 'rtlint check --help' for the flags.
`
