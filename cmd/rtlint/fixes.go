package main

import (
	"bytes"
	"errors"
	"fmt"
	"github.com/rtlint/rtlint/internal/project"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/pmezard/go-difflib/difflib"

	"github.com/rtlint/rtlint/internal/batch"
	"github.com/rtlint/rtlint/internal/walk"
)

// writeFixes writes a fixed file, and the files its fixes create. Every
// check on the fixed file (writable, unchanged on disk, not a link out of
// the project) comes first; created files are written next, and removed
// again if the fixed file then cannot be written.
func writeFixes(o batch.Output) error {
	if o.Fix.Fixed == 0 {
		return nil
	}
	var w *pendingWrite
	if !bytes.Equal(o.Fix.Src, o.Original) {
		var err error
		if w, err = prepareWrite(o.Path, o.Original, o.Fix.Src); err != nil {
			return err
		}
		defer w.discard()
	}
	var created []string
	for path, text := range o.Fix.Created {
		if err := createFile(path, []byte(text)); err != nil {
			removeAll(created)
			return err
		}
		created = append(created, path)
	}
	if w == nil {
		return nil
	}
	if err := w.commit(); err != nil {
		removeAll(created)
		return err
	}
	return nil
}

// writeAtomic writes one fixed file (prepare, then commit).
func writeAtomic(path string, original, fixed []byte) error {
	w, err := prepareWrite(path, original, fixed)
	if err != nil {
		return err
	}
	defer w.discard()
	return w.commit()
}

func removeAll(paths []string) {
	for _, p := range paths {
		os.Remove(p)
	}
}

// pendingWrite is a fixed file written to a temporary file next to its
// target, ready to replace it.
type pendingWrite struct {
	target   string // the file written: a symlink's target
	tmp      string
	info     os.FileInfo // the target when it was checked
	original []byte
	inPlace  bool // hard-linked: rewrite in place so every link sees it
	fixed    []byte
}

// prepareWrite checks that path can be fixed and writes the fixed text to
// a temporary file: a symlink is followed to its target, which must lie in
// the link's project; a read-only file is refused; mode bits (setuid
// included) and, where permitted, the owner are kept.
func prepareWrite(path string, original, fixed []byte) (*pendingWrite, error) {
	target, err := filepath.EvalSymlinks(path)
	if err != nil {
		return nil, err
	}
	if target != filepath.Clean(path) {
		root := project.FindRoot(filepath.Dir(path))
		if abs, err := filepath.Abs(target); err != nil || !project.Within(abs, root) {
			return nil, fmt.Errorf("a symbolic link to %s, outside the project (%s); not fixed", target, root)
		}
	}
	info, err := os.Stat(target)
	if err != nil {
		return nil, err
	}
	if info.Mode().Perm()&0o222 == 0 {
		return nil, errors.New("read-only; fixes not written (make it writable to fix it)")
	}
	w := &pendingWrite{target: target, info: info, original: original, fixed: fixed}
	if st, ok := info.Sys().(*syscall.Stat_t); ok && st.Nlink > 1 {
		w.inPlace = true // a rename would cut the other links off
		return w, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".rtlint-*")
	if err != nil {
		return nil, fmt.Errorf("writing fixes: %w", err)
	}
	w.tmp = tmp.Name()
	if _, err := tmp.Write(fixed); err != nil {
		tmp.Close()
		w.discard()
		return nil, fmt.Errorf("writing fixes: %w", err)
	}
	mode := info.Mode() & (os.ModePerm | os.ModeSetuid | os.ModeSetgid | os.ModeSticky)
	if err := tmp.Chmod(mode); err != nil {
		tmp.Close()
		w.discard()
		return nil, fmt.Errorf("writing fixes: %w", err)
	}
	if st, ok := info.Sys().(*syscall.Stat_t); ok {
		// Kept where permitted (root, or a group we are in); else the
		// fixed file is ours, as any editor's save would make it.
		tmp.Chown(int(st.Uid), int(st.Gid))
		if mode&(os.ModeSetuid|os.ModeSetgid) != 0 {
			tmp.Chmod(mode) // chown clears setuid/setgid
		}
	}
	if err := tmp.Close(); err != nil {
		w.discard()
		return nil, fmt.Errorf("writing fixes: %w", err)
	}
	return w, nil
}

// commit replaces the target if it is still the file and the text that
// was fixed: checked right before the rename, so another program's edit
// is never clobbered.
func (w *pendingWrite) commit() error {
	now, err := os.Stat(w.target)
	if err != nil {
		return err
	}
	current, err := os.ReadFile(w.target)
	if err != nil {
		return err
	}
	if !os.SameFile(now, w.info) || !bytes.Equal(current, w.original) || now.Size() != int64(len(w.original)) {
		return errors.New("changed on disk while rtlint was fixing it; fixes not written")
	}
	if w.inPlace {
		return os.WriteFile(w.target, w.fixed, now.Mode().Perm())
	}
	if err := os.Rename(w.tmp, w.target); err != nil {
		return fmt.Errorf("writing fixes: %w", err)
	}
	w.tmp = ""
	return nil
}

func (w *pendingWrite) discard() {
	if w != nil && w.tmp != "" {
		os.Remove(w.tmp)
		w.tmp = ""
	}
}

// createFile writes a file a fix creates; an existing file is never replaced.
func createFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("a fix would create %s, which already exists; fixes not written", path)
	}
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// diffLines splits text into lines that keep their newline. difflib's
// SplitLines adds an empty last line to text that ends with a newline,
// which showed as a context line git apply could not find.
func diffLines(text string) []string {
	lines := strings.SplitAfter(text, "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	} else {
		// No newline at the end: the line carries the marker git and
		// patch expect after it, wherever it lands in a hunk.
		lines[len(lines)-1] += "\n\\ No newline at end of file\n"
	}
	return lines
}

// printDiffs prints every fix as a unified diff and writes nothing. Exit 1
// when there is a diff, 0 when there is none, 2 when a file failed.
func printDiffs(outputs []batch.Output, stdout, stderr io.Writer) int {
	fixes, failed := 0, false
	for _, o := range outputs {
		if o.Err != nil {
			fmt.Fprintf(stderr, "rtlint: %v\n", &walk.Error{Path: o.Path, Err: o.Err})
			failed = true
			continue
		}
		if o.Fix == nil || o.Fix.Fixed == 0 {
			continue
		}
		fixes += o.Fix.Fixed
		writeDiff(stdout, o.Path, string(o.Original), string(o.Fix.Src))
		for path, text := range o.Fix.Created {
			writeDiff(stdout, path, "", text)
		}
	}
	if failed {
		return exitError
	}
	if fixes == 0 {
		fmt.Fprintln(stderr, "No fixes to apply.")
		return exitOK
	}
	fmt.Fprintf(stderr, "Would fix %d %s.\n", fixes, map[bool]string{true: "problem", false: "problems"}[fixes == 1])
	return exitFindings
}

func writeDiff(w io.Writer, path, before, after string) {
	name := filepath.ToSlash(path)
	if !strings.HasPrefix(name, "/") {
		name = "/" + name
	}
	from := "a" + name
	var a []string
	if before == "" {
		from = "/dev/null"
	} else {
		a = diffLines(before)
	}
	text, _ := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
		A: a, B: diffLines(after),
		FromFile: from, ToFile: "b" + name, Context: 3,
	})
	fmt.Fprint(w, text)
}
