// Package lazyre is a regular expression compiled on first use. A package
// variable built with regexp.MustCompile is compiled when the program
// starts, whatever it then does: rtlint's 85 of them were a fifth of
// starting the binary, which is most of a run on a small project.
package lazyre

import (
	"fmt"
	"regexp"
	"sync"
)

// Regexp is a regexp.Regexp compiled from Expr on first use.
type Regexp struct {
	expr string
	re   func() *regexp.Regexp
}

// New returns a Regexp for expr; like regexp.MustCompile it panics on a
// bad expression, but on first use (tests compile each with Check).
func New(expr string) *Regexp {
	r := &Regexp{expr: expr, re: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })}
	made.Lock()
	made.all = append(made.all, r)
	made.Unlock()
	return r
}

// made lists every Regexp, for CheckAll.
var made struct {
	sync.Mutex
	all []*Regexp
}

// CheckAll compiles every Regexp made so far (a test of the binary's
// packages, run where they are all linked) and returns the first error.
func CheckAll() (n int, err error) {
	made.Lock()
	defer made.Unlock()
	for _, r := range made.all {
		if err := r.Check(); err != nil {
			return len(made.all), fmt.Errorf("%q: %w", r.expr, err)
		}
	}
	return len(made.all), nil
}

// Re is the compiled expression.
func (r *Regexp) Re() *regexp.Regexp { return r.re() }

// String is the source text of the expression.
func (r *Regexp) String() string { return r.expr }

// Check compiles the expression and reports an error in it.
func (r *Regexp) Check() error {
	_, err := regexp.Compile(r.expr)
	return err
}

func (r *Regexp) Match(b []byte) bool                    { return r.re().Match(b) }
func (r *Regexp) MatchString(s string) bool              { return r.re().MatchString(s) }
func (r *Regexp) FindStringIndex(s string) []int         { return r.re().FindStringIndex(s) }
func (r *Regexp) FindStringSubmatch(s string) []string   { return r.re().FindStringSubmatch(s) }
func (r *Regexp) FindStringSubmatchIndex(s string) []int { return r.re().FindStringSubmatchIndex(s) }
func (r *Regexp) FindAllString(s string, n int) []string { return r.re().FindAllString(s, n) }
func (r *Regexp) FindAllStringIndex(s string, n int) [][]int {
	return r.re().FindAllStringIndex(s, n)
}
func (r *Regexp) FindAllStringSubmatch(s string, n int) [][]string {
	return r.re().FindAllStringSubmatch(s, n)
}
func (r *Regexp) FindAllSubmatchIndex(b []byte, n int) [][]int {
	return r.re().FindAllSubmatchIndex(b, n)
}
func (r *Regexp) FindAllStringSubmatchIndex(s string, n int) [][]int {
	return r.re().FindAllStringSubmatchIndex(s, n)
}
func (r *Regexp) ReplaceAllString(src, repl string) string {
	return r.re().ReplaceAllString(src, repl)
}
func (r *Regexp) ReplaceAllStringFunc(src string, repl func(string) string) string {
	return r.re().ReplaceAllStringFunc(src, repl)
}
func (r *Regexp) SubexpIndex(name string) int { return r.re().SubexpIndex(name) }
