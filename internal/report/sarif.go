package report

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/registry"
)

// DocsURL is where each rule's page lives (SARIF helpUri, LSP codeDescription).
const DocsURL = "https://github.com/rtlint/rtlint/blob/main/docs/rules/"

// Version is the tool version SARIF reports; the command sets it.
var Version = "dev"

var sarifLevel = map[analyzers.Severity]string{analyzers.Error: "error", analyzers.Warning: "warning", analyzers.Info: "note"}

// SARIF writes a SARIF 2.1.0 log: one run whose tool.driver lists every
// rule, and one result per finding with its location and fixes.
func SARIF(w io.Writer, files []File, opts Options) error {
	type msg struct {
		Text string `json:"text"`
	}
	type region struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine"`
		EndColumn   int `json:"endColumn"`
	}
	type artifactLocation = sarifArtifact
	type physicalLocation struct {
		ArtifactLocation artifactLocation `json:"artifactLocation"`
		Region           *region          `json:"region,omitempty"`
	}
	type location struct {
		PhysicalLocation physicalLocation `json:"physicalLocation"`
	}
	type point struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
	}
	type related struct {
		ID               int `json:"id"`
		PhysicalLocation struct {
			ArtifactLocation artifactLocation `json:"artifactLocation"`
			Region           point            `json:"region"`
		} `json:"physicalLocation"`
		Message msg `json:"message"`
	}
	type replacement struct {
		DeletedRegion   region `json:"deletedRegion"`
		InsertedContent *msg   `json:"insertedContent,omitempty"`
	}
	type artifactChange struct {
		ArtifactLocation artifactLocation `json:"artifactLocation"`
		Replacements     []replacement    `json:"replacements"`
	}
	type fix struct {
		Description     msg              `json:"description"`
		ArtifactChanges []artifactChange `json:"artifactChanges"`
	}
	type result struct {
		RuleID    string     `json:"ruleId"`
		RuleIndex int        `json:"ruleIndex"`
		Level     string     `json:"level"`
		Message   msg        `json:"message"`
		Locations []location `json:"locations"`
		Related   []related  `json:"relatedLocations,omitempty"`
		Fixes     []fix      `json:"fixes,omitempty"`
		// Properties carry where the code runs (SPEC §2), for filtering.
		Properties map[string]string `json:"properties,omitempty"`
	}
	type rule struct {
		ID                   string         `json:"id"`
		Name                 string         `json:"name"`
		ShortDescription     msg            `json:"shortDescription"`
		FullDescription      msg            `json:"fullDescription"`
		HelpURI              string         `json:"helpUri"`
		Help                 msg            `json:"help"`
		DefaultConfiguration map[string]any `json:"defaultConfiguration"`
	}
	var rules []rule
	index := map[string]int{}
	for i, a := range registry.All() {
		index[a.Code] = i
		rules = append(rules, rule{
			ID: a.Code, Name: a.Name,
			ShortDescription:     msg{a.Doc.Title},
			FullDescription:      msg{a.Doc.WhatItDoes},
			HelpURI:              DocsURL + a.Code + ".md",
			Help:                 msg{a.Doc.WhySlow},
			DefaultConfiguration: map[string]any{"level": sarifLevel[a.Severity]},
		})
	}
	lines := lineIndexes(files)
	results := []result{}
	for _, f := range sorted(files) {
		r := result{
			RuleID: f.Rule, RuleIndex: index[f.Rule], Level: sarifLevel[f.Severity], Message: msg{f.Message},
			Properties: map[string]string{"where": where(f.Where)},
			Locations: []location{{PhysicalLocation: physicalLocation{
				ArtifactLocation: artifactOf(f.Path),
				Region:           &region{f.Line, f.Column, f.EndLine, f.EndColumn},
			}}},
		}
		if _, ok := index[f.Rule]; !ok {
			r.RuleIndex = -1
		}
		for i, h := range f.Related {
			var rl related
			rl.ID = i + 1
			rl.PhysicalLocation.ArtifactLocation = artifactOf(h.Path)
			rl.PhysicalLocation.Region = point{h.Line, h.Column}
			rl.Message = msg{h.Message}
			r.Related = append(r.Related, rl)
		}
		for _, fx := range f.Fixes {
			byPath := map[string]*artifactChange{}
			var order []string
			for _, e := range fx.Edits {
				je := toJSONEdit(f.Path, e, lines[f.Path])
				ac := byPath[je.Path]
				if ac == nil {
					ac = &artifactChange{ArtifactLocation: artifactOf(je.Path)}
					byPath[je.Path] = ac
					order = append(order, je.Path)
				}
				ac.Replacements = append(ac.Replacements, replacement{
					DeletedRegion:   region{je.Line, je.Column, je.EndLine, je.EndColumn},
					InsertedContent: &msg{je.NewText},
				})
			}
			sf := fix{Description: msg{fx.Message + " (" + fx.Applicability.String() + ")"}}
			for _, p := range order {
				sf.ArtifactChanges = append(sf.ArtifactChanges, *byPath[p])
			}
			r.Fixes = append(r.Fixes, sf)
		}
		results = append(results, r)
	}
	run := map[string]any{
		"tool": map[string]any{"driver": map[string]any{
			"name": "rtlint", "version": Version, "informationUri": "https://github.com/rtlint/rtlint", "rules": rules,
		}},
		// Columns count code points (SPEC §6), not UTF-16 units.
		"columnKind": "unicodeCodePoints",
		"results":    results,
	}
	if opts.Root != "" {
		root := (&url.URL{Scheme: "file", Path: filepath.ToSlash(opts.Root)}).String()
		if !strings.HasSuffix(root, "/") {
			root += "/"
		}
		run["originalUriBaseIds"] = map[string]any{srcRoot: map[string]any{"uri": root}}
	}
	log := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs":    []any{run},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}

// srcRoot is the base relative paths are resolved against: the folder the
// run was started in (run.originalUriBaseIds gives it when known).
const srcRoot = "%SRCROOT%"

type sarifArtifact struct {
	URI       string `json:"uri"`
	URIBaseID string `json:"uriBaseId,omitempty"`
}

// artifactOf makes a SARIF location of a path: a percent-encoded URI
// reference relative to %SRCROOT%, or a file URI for an absolute path.
func artifactOf(path string) sarifArtifact {
	p := filepath.ToSlash(path)
	if filepath.IsAbs(path) {
		return sarifArtifact{URI: (&url.URL{Scheme: "file", Path: p}).String()}
	}
	// String, not EscapedPath: a first segment with a colon gets "./".
	return sarifArtifact{URI: (&url.URL{Path: p}).String(), URIBaseID: srcRoot}
}
