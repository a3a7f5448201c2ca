package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/rtlint/rtlint/internal/cmem"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"

	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"

	"github.com/rtlint/rtlint/internal/report"
	"github.com/rtlint/rtlint/server"
)

// cmdServer runs the language server on stdin/stdout. Logs go to stderr or
// --log-file, never to stdout, which carries only JSON-RPC frames.
func cmdServer(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("rtlint server", flag.ContinueOnError)
	fs.SetOutput(helpOutput(args, stdout, stderr))
	logFile := fs.String("log-file", "", "write logs to this file instead of stderr ('auto': a file in the temp directory named with the pid)")
	logLevel := fs.String("log-level", "info", "log level: debug, info, warn or error")
	// Clients such as vscode-languageclient (TransportKind.stdio) add
	// --stdio; stdio is the only transport, so it is accepted and ignored.
	fs.Bool("stdio", true, "speak LSP over stdin/stdout (the default and only transport)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitError
	}
	var level zapcore.Level
	if err := level.UnmarshalText([]byte(*logLevel)); err != nil {
		fmt.Fprintf(stderr, "rtlint server: --log-level: %v\n", err)
		return exitError
	}
	out := "stderr"
	switch *logFile {
	case "":
	case "auto":
		out = filepath.Join(os.TempDir(), fmt.Sprintf("rtlint-%d.log", os.Getpid()))
	default:
		out = *logFile
	}
	cfg := zap.NewProductionConfig()
	cfg.Level = zap.NewAtomicLevelAt(level)
	cfg.OutputPaths = []string{out}
	cfg.ErrorOutputPaths = []string{"stderr"}
	cfg.Sampling = nil
	log, err := cfg.Build()
	if err != nil {
		fmt.Fprintf(stderr, "rtlint server: unable to create log file: %v\n", err)
		return exitError
	}
	defer log.Sync()
	// Every keystroke builds a fresh model: collect garbage less eagerly
	// (it showed up in keystroke latency), within a soft cap on the Go heap.
	// Unless the user tuned the collector themselves.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(300)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(server.BaseMemoryLimit) // and above the live heap: server/idle.go
	}
	// Trees are parsed on whichever thread runs the goroutine; with an
	// arena per thread, glibc keeps each thread's freed trees apart.
	if os.Getenv("MALLOC_ARENA_MAX") == "" {
		cmem.LimitArenas(2)
	}
	server.Version = version
	report.Version = version
	log.Info("rtlint server starting", zap.String("version", version), zap.Int("pid", os.Getpid()))
	closer := io.Closer(io.NopCloser(nil))
	if c, ok := stdin.(io.Closer); ok {
		closer = c
	}
	code := server.Run(context.Background(), stdin, stdout, closer, log)
	log.Info("rtlint server exiting", zap.Int("code", code))
	return code
}
