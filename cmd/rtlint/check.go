package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/rtlint/rtlint/internal/fix"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/internal/batch"
	"github.com/rtlint/rtlint/internal/cache"
	"github.com/rtlint/rtlint/internal/config"
	"github.com/rtlint/rtlint/internal/facts"
	"github.com/rtlint/rtlint/internal/lint"
	"github.com/rtlint/rtlint/internal/project"
	"github.com/rtlint/rtlint/internal/report"
	"github.com/rtlint/rtlint/internal/walk"
)

type checkFlags struct {
	format        string
	selectCodes   string
	ignoreCodes   string
	failOn        string
	stdinFilename string
	jobs          int
	quiet         bool
	noCache       bool
	configFile    string
	showUnused    bool
	showFiles     bool
	showSettings  bool
	verbose       bool
	forceExclude  bool
	fix           bool
	unsafeFixes   bool
	diff          bool
	baseline      string
	writeBaseline bool
	addSuppress   bool
}

func (f *checkFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.format, "format", "text", "output format: text, json, json-lines, sarif, github, gitlab, junit, rdjson or pylint")
	fs.StringVar(&f.selectCodes, "select", "", "comma-separated rule codes or prefixes to run (default: all)")
	fs.StringVar(&f.ignoreCodes, "ignore", "", "comma-separated rule codes or prefixes to skip")
	fs.StringVar(&f.failOn, "fail-on", "warning", "lowest severity that makes the exit code 1: error, warning or info")
	fs.StringVar(&f.stdinFilename, "stdin-filename", "", "name (and language) of the source read from stdin when PATH is -")
	fs.IntVar(&f.jobs, "jobs", runtime.NumCPU(), "files linted in parallel")
	fs.BoolVar(&f.quiet, "quiet", false, "print findings only: no source excerpts, no summary")
	fs.StringVar(&f.configFile, "config", "", "use this configuration file instead of the nearest rtlint.toml/.rtlint.toml/pyproject.toml")
	fs.BoolVar(&f.showUnused, "show-unused-suppressions", false, "report rtlint: ignore comments that suppress nothing (as RT000)")
	fs.BoolVar(&f.showFiles, "show-files", false, "list the files that would be linted, one per line, and lint nothing")
	fs.BoolVar(&f.showSettings, "show-settings", false, "print the configuration and project facts (runtimes, package versions) used for the first PATH, and lint nothing")
	fs.BoolVar(&f.verbose, "v", false, "with --show-files, also list each skipped path and why (on stderr)")
	fs.BoolVar(&f.verbose, "verbose", false, "same as -v")
	fs.BoolVar(&f.addSuppress, "add-suppressions", false, "add an rtlint: ignore[...] comment for every current finding (to adopt rtlint in an existing codebase)")
	fs.StringVar(&f.baseline, "baseline", "", "report only findings not recorded in this baseline file")
	fs.BoolVar(&f.writeBaseline, "write-baseline", false, "record every current finding in the --baseline file, and report none")
	fs.BoolVar(&f.forceExclude, "force-exclude", false, "apply exclude (and the default excludes) to files named on the command line too, as pre-commit passes them")
	fs.BoolVar(&f.fix, "fix", false, "apply safe fixes and write the files")
	fs.BoolVar(&f.unsafeFixes, "unsafe-fixes", false, "with --fix or --diff, apply unsafe fixes too")
	fs.BoolVar(&f.diff, "diff", false, "print the fixes as a unified diff and write nothing (exit 1 when there is a diff)")
	fs.BoolVar(&f.noCache, "no-cache", false, "do not read or write the results cache (.rtlint_cache/ at the project root, or RTLINT_CACHE_DIR)")
}

// parseInterspersed parses flags that may come before, between or after
// paths, as users of ruff and eslint expect.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return paths, nil
		}
		if args[0] == "--" {
			return append(paths, args[1:]...), nil
		}
		paths = append(paths, args[0])
		args = args[1:]
	}
}

func cmdCheck(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	var f checkFlags
	fs := flag.NewFlagSet("rtlint check", flag.ContinueOnError)
	fs.SetOutput(helpOutput(args, stdout, stderr))
	f.register(fs)
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitError
	}
	if f.writeBaseline && f.baseline == "" {
		return usageError(stderr, "--write-baseline needs --baseline FILE")
	}
	if f.addSuppress && (f.fix || f.diff || f.baseline != "") {
		return usageError(stderr, "--add-suppressions cannot be combined with --fix, --diff or --baseline")
	}
	if f.baseline != "" && (f.fix || f.diff) {
		return usageError(stderr, "--baseline cannot be combined with --fix or --diff")
	}
	formatter, ok := report.Formats[f.format]
	if !ok {
		return usageError(stderr, "unknown --format %q (want %s)", f.format, strings.Join(formatNames(), ", "))
	}
	failOn, err := analyzers.ParseSeverity(f.failOn)
	if err != nil {
		return usageError(stderr, "--fail-on: %v", err)
	}
	cliSelect, cliIgnore := splitList(f.selectCodes), splitList(f.ignoreCodes)
	for _, sel := range append(append([]string{}, cliSelect...), cliIgnore...) {
		if !config.KnownSelector(sel) {
			return usageError(stderr, "unknown rule code or prefix %q in --select/--ignore; 'rtlint rules' lists them", sel)
		}
	}
	resolver := &config.Resolver{Override: func(c *lint.Config) *lint.Config {
		// Command-line flags win over config files: --select replaces the
		// file's select; --ignore adds to its ignore.
		out := *c
		if len(cliSelect) > 0 {
			out.Select = cliSelect
		}
		out.Ignore = append(append([]string{}, c.Ignore...), cliIgnore...)
		out.ShowUnusedSuppressions = f.showUnused
		return &out
	}}
	if f.configFile != "" {
		c, err := config.Load(f.configFile)
		if err != nil {
			return usageError(stderr, "%v", err)
		}
		resolver.Explicit = c
	}
	if len(paths) == 0 {
		paths = []string{"."}
	}

	if f.showSettings {
		p := paths[0]
		if p == "-" {
			p = f.stdinFilename
		}
		target := p
		if info, err := os.Stat(p); err == nil && info.IsDir() {
			target = filepath.Join(p, "_") // a file in the folder
		}
		lc, from, err := resolver.For(target)
		if err != nil {
			return usageError(stderr, "%v", err)
		}
		manifests := facts.NewReader(func(path string, err error) {
			fmt.Fprintf(stderr, "rtlint: warning: %s: %v; its project facts are unknown\n", path, err)
		})
		showSettings(stdout, p, lc, from, manifests.For(target))
		return exitOK
	}

	var inputs []batch.Input
	var fileErrs []error
	var walkRoots []string
	for _, p := range paths {
		if p != "-" {
			walkRoots = append(walkRoots, p)
			continue
		}
		if f.stdinFilename == "" {
			return usageError(stderr, "reading from stdin (-) needs --stdin-filename NAME, whose extension gives the language")
		}
		src, err := io.ReadAll(stdin)
		if err != nil {
			return usageError(stderr, "reading stdin: %v", err)
		}
		inputs = append(inputs, batch.Input{Path: f.stdinFilename, Src: src, Stdin: true})
	}
	var skipped []string
	for _, root := range walkRoots {
		// A config file's exclude globs apply under the directory it governs.
		dir := root
		if info, err := os.Stat(root); err == nil && !info.IsDir() {
			dir = filepath.Dir(root)
		}
		_, rootCfg, err := resolver.For(filepath.Join(dir, "_"))
		if err != nil {
			return usageError(stderr, "%v", err)
		}
		opts := walk.Options{Excluded: rootCfg.ExcludedBy, ForceExclude: f.forceExclude}
		if f.verbose {
			opts.Skipped = func(p, why string) { skipped = append(skipped, p+": "+why) }
		}
		files, errs := walk.Files([]string{root}, opts)
		for _, e := range errs {
			fileErrs = append(fileErrs, e)
		}
		named := dir != root // a file given by name is linted whatever it holds
		for _, p := range files {
			inputs = append(inputs, batch.Input{Path: p, Discovered: !named})
		}
	}
	// Configuration errors stop the run before any output (exit 2). Each
	// file's configuration carries what its nearest manifests declare.
	manifests := facts.NewReader(func(path string, err error) {
		fmt.Fprintf(stderr, "rtlint: warning: %s: %v; its project facts are unknown\n", path, err)
	})
	type withFacts struct {
		cfg     *lint.Config
		project *facts.Project
	}
	combined := map[withFacts]*lint.Config{}
	cfgs := make(map[string]*lint.Config, len(inputs))
	for _, in := range inputs {
		lc, _, err := resolver.For(in.Path)
		if err != nil {
			return usageError(stderr, "%v", err)
		}
		key := withFacts{lc, manifests.For(in.Path)}
		if combined[key] == nil {
			var c lint.Config
			if lc != nil {
				c = *lc
			}
			c.Project = key.project
			combined[key] = &c
		}
		cfgs[in.Path] = combined[key]
	}
	if f.showFiles {
		return showFiles(inputs, fileErrs, skipped, f.verbose, stdout, stderr)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(batch.CheckGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(batch.CheckMemoryLimit)
	}
	var mode *batch.FixMode
	if f.fix || f.diff {
		mode = &batch.FixMode{Unsafe: f.unsafeFixes}
	}
	opts := batch.Options{Jobs: f.jobs, ConfigFor: func(p string) *lint.Config { return cfgs[p] }, Fix: mode, Disk: project.NewDisk()}
	if !f.noCache && mode == nil {
		// A cache that cannot be made (a read-only tree) only costs speed.
		if c, err := cache.Open(cacheDir(paths, resolver)); err == nil {
			opts.Cache = c
			defer c.Prune()
		}
	}
	outputs := batch.RunProject(context.Background(), inputs, opts)
	if f.addSuppress {
		return addSuppressions(context.Background(), inputs, outputs, stderr)
	}
	if f.diff {
		return printDiffs(outputs, stdout, stderr)
	}
	var files []report.File
	failing := false
	fixed := 0
	for i, o := range outputs {
		if o.Skipped != "" {
			continue
		}
		if o.Err == nil && o.Fix != nil {
			if inputs[i].Src != nil { // stdin: the fixed source goes to stdout
				stdout.Write(o.Fix.Src)
				fixed += o.Fix.Fixed
				if n := creatingFixes(o, f.unsafeFixes); n > 0 {
					fmt.Fprintf(stderr, "rtlint: %d %s a new file (a worker module) and cannot be applied to stdin; run rtlint check --fix on the file\n",
						n, map[bool]string{true: "fix creates", false: "fixes create"}[n == 1])
				}
			} else if err := writeFixes(o); err != nil {
				o.Err = err
			} else {
				fixed += o.Fix.Fixed
			}
		}
		if o.Err != nil {
			fileErrs = append(fileErrs, &walk.Error{Path: o.Path, Err: o.Err})
			continue
		}
		fileErrs = append(fileErrs, o.Result.Errors...)
		for _, w := range o.Result.Warnings {
			fmt.Fprintf(stderr, "rtlint: warning: %s\n", walk.Display(w))
		}
		files = append(files, report.File{Path: o.Path, Lines: o.Result.File.Lines, Src: o.Result.File.Src, Findings: o.Result.Findings})
		for _, fd := range o.Result.Findings {
			if fd.Severity >= failOn {
				failing = true
			}
		}
	}
	if len(inputs) == 0 && len(fileErrs) == 0 {
		fmt.Fprintf(stderr, "rtlint: no Python, JavaScript or TypeScript files found under %s\n", strings.Join(paths, ", "))
	}
	if f.writeBaseline {
		n, err := writeBaseline(f.baseline, files)
		if err != nil {
			fmt.Fprintf(stderr, "rtlint: --write-baseline: %v\n", err)
			return exitError
		}
		fmt.Fprintf(stderr, "rtlint: recorded %d findings in %s\n", n, walk.Display(f.baseline))
		for _, e := range fileErrs {
			fmt.Fprintf(stderr, "rtlint: %v\n", e)
		}
		if len(fileErrs) > 0 {
			return exitError
		}
		return exitOK
	}
	if f.baseline != "" {
		kept, dropped, err := applyBaseline(f.baseline, files)
		if err != nil {
			fmt.Fprintf(stderr, "rtlint: %v\n", err)
			return exitError
		}
		files, failing = kept, false
		for _, file := range files {
			for _, fd := range file.Findings {
				if fd.Severity >= failOn {
					failing = true
				}
			}
		}
		if dropped > 0 {
			fmt.Fprintf(stderr, "rtlint: %d findings recorded in the baseline were not reported\n", dropped)
		}
	}
	// Fixing stdin, stdout carries the fixed source alone (editors write it
	// into the buffer): the report goes to stderr.
	reportTo := stdout
	if f.fix {
		for _, in := range inputs {
			if in.Stdin {
				reportTo = stderr
			}
		}
	}
	if err := formatter(reportTo, files, report.Options{Color: useColor(stdout), Quiet: f.quiet, Fixed: fixed, Fixing: f.fix, Failed: len(fileErrs) > 0, Root: workingDir()}); err != nil {
		fmt.Fprintf(stderr, "rtlint: writing output: %v\n", err)
		return exitError
	}
	sort.SliceStable(fileErrs, func(i, j int) bool { return fileErrs[i].Error() < fileErrs[j].Error() })
	for _, e := range fileErrs {
		fmt.Fprintf(stderr, "rtlint: %v\n", e)
	}
	switch {
	case len(fileErrs) > 0:
		return exitError
	case failing:
		return exitFindings
	}
	return exitOK
}

// showFiles lists the files a run would lint: the walk's, less discovered
// files whose content shows they are generated or bundled. Verbose, it
// lists on stderr each path left out and why.
func showFiles(inputs []batch.Input, fileErrs []error, skipped []string, verbose bool, stdout, stderr io.Writer) int {
	for _, in := range inputs {
		if in.Discovered {
			if src, err := os.ReadFile(in.Path); err == nil && walk.Generated(in.Path, src) {
				skipped = append(skipped, in.Path+": generated or bundled (long lines or a sourceMappingURL comment)")
				continue
			}
		}
		fmt.Fprintln(stdout, in.Path)
	}
	if verbose {
		sort.Strings(skipped)
		for _, s := range skipped {
			fmt.Fprintf(stderr, "rtlint: skipped %s\n", s)
		}
	}
	for _, e := range fileErrs {
		fmt.Fprintf(stderr, "rtlint: %v\n", e)
	}
	if len(fileErrs) > 0 {
		return exitError
	}
	return exitOK
}

// cacheDir is where the results cache lives: RTLINT_CACHE_DIR, else the
// configuration's cache-dir, else .rtlint_cache/ at the project root of
// the first path (the nearest folder with a pyproject.toml, package.json,
// setup.py or .git).
func cacheDir(paths []string, resolver *config.Resolver) string {
	if d := os.Getenv("RTLINT_CACHE_DIR"); d != "" {
		return d
	}
	dir := "."
	if len(paths) > 0 && paths[0] != "-" {
		dir = paths[0]
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			dir = filepath.Dir(dir)
		}
	}
	if resolver != nil {
		if _, c, err := resolver.For(filepath.Join(dir, "_")); err == nil && c != nil && c.CacheDir != "" {
			if filepath.IsAbs(c.CacheDir) {
				return c.CacheDir
			}
			return filepath.Join(c.Dir, c.CacheDir)
		}
	}
	return filepath.Join(project.FindRoot(dir), cache.DirName)
}

func usageError(stderr io.Writer, format string, args ...any) int {
	fmt.Fprintf(stderr, "rtlint: "+format+"\n", args...)
	return exitError
}

func splitList(s string) []string {
	var out []string
	for _, x := range strings.Split(s, ",") {
		if x = strings.TrimSpace(x); x != "" {
			out = append(out, strings.ToUpper(x))
		}
	}
	return out
}

func formatNames() []string {
	var names []string
	for n := range report.Formats {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// useColor: colour only on a terminal, and never when NO_COLOR is set.
func useColor(w io.Writer) bool {
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// helpOutput is where a flag set writes: asked for help (-h, --help), the
// usage is the answer and goes to stdout (exit 0); otherwise flag errors
// and their usage go to stderr.
func helpOutput(args []string, stdout, stderr io.Writer) io.Writer {
	for _, a := range args {
		switch a {
		case "--":
			return stderr
		case "-h", "-help", "--help", "--h":
			return stdout
		}
	}
	return stderr
}

// workingDir is where relative paths in reports start ("" if unknown).
func workingDir() string {
	wd, err := os.Getwd()
	if err != nil {
		return ""
	}
	return wd
}

// creatingFixes counts the remaining findings whose allowed fix would
// create a file: not applied when fixing stdin.
func creatingFixes(o batch.Output, unsafe bool) int {
	if o.Result == nil {
		return 0
	}
	n := 0
	for _, fd := range o.Result.Findings {
		for _, fx := range fd.Fixes {
			if !fix.Allowed(fx.Applicability, unsafe) {
				continue
			}
			if slices.ContainsFunc(fx.Edits, func(e analyzers.Edit) bool { return e.Create }) {
				n++
				break
			}
		}
	}
	return n
}
