package main

import (
	"fmt"
	"io"

	"github.com/rtlint/rtlint/internal/cache"
	"github.com/rtlint/rtlint/internal/config"
)

// cmdClean removes the results cache of the project at PATH (default .),
// or RTLINT_CACHE_DIR (SPEC §6, `rtlint clean`).
func cmdClean(args []string, stdout, stderr io.Writer) int {
	dir := cacheDir(args, &config.Resolver{})
	if err := cache.Clean(dir); err != nil {
		fmt.Fprintf(stderr, "rtlint: removing %s: %v\n", dir, err)
		return exitError
	}
	fmt.Fprintf(stdout, "Removed %s\n", dir)
	return exitOK
}
