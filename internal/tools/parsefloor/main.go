// Command parsefloor is the floor rtlint's batch speed and memory are
// measured against: it finds files the way `rtlint check` does and only
// parses each with tree-sitter (same bindings, pooled parsers), closing
// every tree at once. Compare `/usr/bin/time -f '%e s %M KB'` of
//
//	go run ./internal/tools/parsefloor DIR
//	rtlint check --jobs 1 DIR
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/rtlint/rtlint/internal/source"
	"github.com/rtlint/rtlint/internal/walk"
)

func main() {
	files, errs := walk.Files(os.Args[1:], walk.Options{})
	parsed, bytes := 0, 0
	for _, p := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		f, err := source.Parse(context.Background(), p, source.LanguageOf(p), src)
		if err != nil {
			continue
		}
		f.Tree.Close()
		parsed++
		bytes += len(src)
	}
	fmt.Printf("parsed %d files, %.1f MB (%d unreadable paths)\n", parsed, float64(bytes)/(1<<20), len(errs))
}
