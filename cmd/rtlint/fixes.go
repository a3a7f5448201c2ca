package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pmezard/go-difflib/difflib"

	"github.com/rtlint/rtlint/internal/batch"
	"github.com/rtlint/rtlint/internal/walk"
)

// writeFixes writes a fixed file, and the files its fixes create.
func writeFixes(o batch.Output) error {
	if o.Fix.Fixed == 0 {
		return nil
	}
	for path, text := range o.Fix.Created {
		if err := createFile(path, []byte(text)); err != nil {
			return err
		}
	}
	if bytes.Equal(o.Fix.Src, o.Original) {
		return nil
	}
	return writeAtomic(o.Path, o.Original, o.Fix.Src)
}

// writeAtomic replaces a file through a temporary file and a rename,
// keeping its mode. If the file changed on disk since it was read, it is
// left alone: another program's edit is never clobbered.
func writeAtomic(path string, original, fixed []byte) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".rtlint-*")
	if err != nil {
		return fmt.Errorf("writing fixes: %w", err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(fixed); err != nil {
		tmp.Close()
		return fmt.Errorf("writing fixes: %w", err)
	}
	if err := tmp.Chmod(info.Mode().Perm()); err != nil {
		tmp.Close()
		return fmt.Errorf("writing fixes: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing fixes: %w", err)
	}
	current, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	if !bytes.Equal(current, original) {
		return errors.New("changed on disk while rtlint was fixing it; fixes not written")
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing fixes: %w", err)
	}
	return nil
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
		a = difflib.SplitLines(before)
	}
	text, _ := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
		A: a, B: difflib.SplitLines(after),
		FromFile: from, ToFile: "b" + name, Context: 3,
	})
	fmt.Fprint(w, text)
}
