// Package source owns what rtlint knows about a file before analysis: its
// language, its bytes, its tree-sitter tree and the mapping between byte
// offsets and human (line, column) positions.
package source

import (
	"path/filepath"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/javascript"
	"github.com/smacker/go-tree-sitter/python"
	"github.com/smacker/go-tree-sitter/typescript/tsx"
	"github.com/smacker/go-tree-sitter/typescript/typescript"
)

// Language identifies a grammar rtlint parses.
type Language uint8

const (
	Unknown Language = iota
	Python
	JavaScript
	TypeScript
	TSX
)

var languageNames = [...]string{"unknown", "python", "javascript", "typescript", "tsx"}

func (l Language) String() string { return languageNames[l] }

// IsECMA reports whether l runs on the JavaScript event loop (JS, TS, TSX).
func (l Language) IsECMA() bool { return l == JavaScript || l == TypeScript || l == TSX }

// Languages lists every supported language, in a stable order.
var Languages = []Language{Python, JavaScript, TypeScript, TSX}

var extensions = map[string]Language{
	".py": Python, ".pyi": Python,
	".js": JavaScript, ".mjs": JavaScript, ".cjs": JavaScript, ".jsx": JavaScript,
	".ts": TypeScript, ".mts": TypeScript, ".cts": TypeScript,
	".tsx": TSX,
}

// LanguageOf returns the language of a file by its extension (SPEC §1), or
// Unknown.
func LanguageOf(path string) Language {
	return extensions[strings.ToLower(filepath.Ext(path))]
}

// Grammar returns the tree-sitter grammar of l.
func (l Language) Grammar() *sitter.Language {
	switch l {
	case Python:
		return python.GetLanguage()
	case JavaScript:
		return javascript.GetLanguage()
	case TypeScript:
		return typescript.GetLanguage()
	case TSX:
		return tsx.GetLanguage()
	}
	return nil
}
