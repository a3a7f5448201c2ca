package facts

import (
	"fmt"
	"strings"
	"sync"

	"github.com/rtlint/rtlint/internal/lazyre"

	"github.com/Masterminds/semver/v3"
	pep440 "github.com/aquasecurity/go-pep440-version"
)

// Range is the set of versions a project admits for a runtime or a
// package: a PEP 440 specifier set (Python) or a semver range (Node),
// parsed by the ecosystem's own rules. The zero Range is unknown.
type Range struct {
	Text   string // as declared, for --show-settings
	Source string // the file it came from
	admits func(v string) bool
	// points are the versions the declaration names, probed too: an exact
	// pin admits nothing else.
	points []string
	// answers memoises the questions below: probing parses dozens of
	// versions, and rules ask per finding.
	answers *sync.Map
}

var versionToken = lazyre.New(`\d+(?:\.\d+)+`)

func newRange(text, source string, admits func(string) bool) Range {
	return Range{Text: text, Source: source, admits: admits, points: versionToken.FindAllString(text, -1), answers: new(sync.Map)}
}

// Known reports whether the project declares the versions at all.
func (r Range) Known() bool { return r.admits != nil }

// PEP440 parses a Python specifier set (">=3.9,<4", "==0.116.1"); "" or
// "*" admits every version.
func PEP440(spec, source string) (Range, error) {
	spec = strings.TrimSpace(spec)
	if spec == "" || spec == "*" {
		return newRange("any", source, func(string) bool { return true }), nil
	}
	ss, err := pep440.NewSpecifiers(spec)
	if err != nil {
		return Range{}, fmt.Errorf("version %q: %v", spec, err)
	}
	return newRange(spec, source, func(v string) bool {
		ver, err := pep440.Parse(v)
		return err == nil && ss.Check(ver)
	}), nil
}

// Semver parses a Node range ("^14.17.0 || >=16", ">=12", "18.x").
func Semver(spec, source string) (Range, error) {
	spec = strings.TrimSpace(spec)
	if spec == "" || spec == "*" || spec == "latest" {
		return newRange("any", source, func(string) bool { return true }), nil
	}
	c, err := semver.NewConstraint(spec)
	if err != nil {
		return Range{}, fmt.Errorf("version %q: %v", spec, err)
	}
	return newRange(spec, source, func(v string) bool {
		ver, err := semver.NewVersion(v)
		return err == nil && c.Check(ver)
	}), nil
}

// Exact is the one version a lock file resolved.
func Exact(version, source string, node bool) (Range, error) {
	if node {
		return Semver("="+version, source)
	}
	return PEP440("=="+version, source)
}

// union admits what any of its ranges admits (a lock file holding two
// versions of one package).
func union(a, b Range) Range {
	fa, fb := a.admits, b.admits
	return newRange(a.Text+" || "+b.Text, a.Source, func(v string) bool { return fa(v) || fb(v) })
}

// The questions rules ask are answered by probing the range with the
// versions that matter: every major.minor around the one asked about, at
// its first and a late patch. Libraries give exact membership; probing
// turns that into "may it be below X?" without a range algebra of our own.

type mm struct{ major, minor int }

func parseMM(v string) mm {
	var m mm
	fmt.Sscanf(v, "%d.%d", &m.major, &m.minor)
	return m
}

func (r Range) admitsMM(major, minor int) bool {
	if r.admits(fmt.Sprintf("%d.%d.0", major, minor)) || r.admits(fmt.Sprintf("%d.%d.99", major, minor)) {
		return true
	}
	for _, p := range r.points {
		if parseMM(p) == (mm{major, minor}) && r.admits(p) {
			return true
		}
	}
	return false
}

// MayBeBelow reports whether the range admits some version older than
// target ("3.9", "14"). Unknown ranges answer false: unknown means recent.
func (r Range) MayBeBelow(target string) bool {
	if !r.Known() {
		return false
	}
	return r.memo("below "+target, func() bool { return r.mayBeBelow(target) })
}

func (r Range) memo(question string, answer func() bool) bool {
	if v, ok := r.answers.Load(question); ok {
		return v.(bool)
	}
	v := answer()
	r.answers.Store(question, v)
	return v
}

func (r Range) mayBeBelow(target string) bool {
	t := parseMM(target)
	for major := 0; major <= t.major; major++ {
		for minor := 0; minor <= 40; minor++ {
			if major == t.major && minor >= t.minor {
				break
			}
			if r.admitsMM(major, minor) {
				return true
			}
		}
	}
	return false
}

// MayBeAtLeast reports whether the range admits some version at or after
// target. Unknown ranges answer true.
func (r Range) MayBeAtLeast(target string) bool {
	if !r.Known() {
		return true
	}
	return r.memo("at least "+target, func() bool { return r.mayBeAtLeast(target) })
}

func (r Range) mayBeAtLeast(target string) bool {
	t := parseMM(target)
	for minor := t.minor; minor <= t.minor+200; minor++ {
		if r.admitsMM(t.major, minor) {
			return true
		}
	}
	for major := t.major + 1; major <= t.major+20; major++ {
		for minor := 0; minor <= 40; minor++ {
			if r.admitsMM(major, minor) {
				return true
			}
		}
	}
	return false
}

// Major returns the one major version the range admits, or 0 when it
// admits several or is unknown.
func (r Range) Major() int {
	if !r.Known() {
		return 0
	}
	found := 0
	for major := 0; major <= 30; major++ {
		for minor := 0; minor <= 40; minor++ {
			if r.admitsMM(major, minor) {
				if found != 0 || major == 0 {
					return 0
				}
				found = major
				break
			}
		}
	}
	return found
}
