package report

import (
	"encoding/json"
	"io"
	"path/filepath"

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
func SARIF(w io.Writer, files []File, _ Options) error {
	type msg struct {
		Text string `json:"text"`
	}
	type region struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine"`
		EndColumn   int `json:"endColumn"`
	}
	type artifactLocation struct {
		URI string `json:"uri"`
	}
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
				ArtifactLocation: artifactLocation{URI: filepath.ToSlash(f.Path)},
				Region:           &region{f.Line, f.Column, f.EndLine, f.EndColumn},
			}}},
		}
		if _, ok := index[f.Rule]; !ok {
			r.RuleIndex = -1
		}
		for i, h := range f.Related {
			var rl related
			rl.ID = i + 1
			rl.PhysicalLocation.ArtifactLocation.URI = filepath.ToSlash(h.Path)
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
					ac = &artifactChange{ArtifactLocation: artifactLocation{URI: filepath.ToSlash(je.Path)}}
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
	log := map[string]any{
		"$schema": "https://json.schemastore.org/sarif-2.1.0.json",
		"version": "2.1.0",
		"runs": []any{map[string]any{
			"tool": map[string]any{"driver": map[string]any{
				"name": "rtlint", "version": Version, "informationUri": "https://github.com/rtlint/rtlint", "rules": rules,
			}},
			"results": results,
		}},
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(log)
}
