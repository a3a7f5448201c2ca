package server

import (
	"encoding/json"

	"go.lsp.dev/protocol"
)

// Types go.lsp.dev/protocol v0.12.0 lacks or models too loosely for us.

// contentChange is a didChange content change. Range is a pointer: a
// change without one replaces the whole text (v0.12.0's value type cannot
// tell a full replacement from an insertion at 0:0).
type contentChange struct {
	Range *protocol.Range `json:"range,omitempty"`
	Text  string          `json:"text"`
}

type didChangeParams struct {
	TextDocument   protocol.VersionedTextDocumentIdentifier `json:"textDocument"`
	ContentChanges []contentChange                          `json:"contentChanges"`
}

// workspaceEdit carries documentChanges that mix text edits with file
// creation (v0.12.0 types documentChanges as text edits only).
type workspaceEdit struct {
	Changes         map[protocol.DocumentURI][]protocol.TextEdit `json:"changes,omitempty"`
	DocumentChanges []any                                        `json:"documentChanges,omitempty"`
}

type codeAction struct {
	Title       string                  `json:"title"`
	Kind        protocol.CodeActionKind `json:"kind,omitempty"`
	Diagnostics []protocol.Diagnostic   `json:"diagnostics,omitempty"`
	IsPreferred bool                    `json:"isPreferred,omitempty"`
	Edit        *workspaceEdit          `json:"edit,omitempty"`
	Command     *protocol.Command       `json:"command,omitempty"`
}

// codeActionParams adds LSP 3.17's triggerKind to the context.
type codeActionParams struct {
	TextDocument protocol.TextDocumentIdentifier `json:"textDocument"`
	Range        protocol.Range                  `json:"range"`
	Context      struct {
		Diagnostics []protocol.Diagnostic     `json:"diagnostics"`
		Only        []protocol.CodeActionKind `json:"only,omitempty"`
		TriggerKind int                       `json:"triggerKind,omitempty"` // 1 invoked, 2 automatic
	} `json:"context"`
}

// fixAllKind is the source action that applies every safe fix.
const fixAllKind protocol.CodeActionKind = "source.fixAll.rtlint"

// documentDiagnosticParams / fullReport: LSP 3.17 pull diagnostics.
type documentDiagnosticParams struct {
	TextDocument     protocol.TextDocumentIdentifier `json:"textDocument"`
	PreviousResultID string                          `json:"previousResultId,omitempty"`
}

type fullDocumentDiagnosticReport struct {
	Kind     string                `json:"kind"` // "full"
	ResultID string                `json:"resultId,omitempty"`
	Items    []protocol.Diagnostic `json:"items"`
}

// unchangedDocumentDiagnosticReport tells a client that pulled with a
// previousResultId that its diagnostics still hold.
type unchangedDocumentDiagnosticReport struct {
	Kind     string `json:"kind"` // "unchanged"
	ResultID string `json:"resultId"`
}

// initializeParams is the part of initialize the server reads.
type initializeParams struct {
	RootURI          protocol.DocumentURI `json:"rootUri,omitempty"`
	WorkspaceFolders []struct {
		URI protocol.DocumentURI `json:"uri"`
	} `json:"workspaceFolders,omitempty"`
	InitializationOptions json.RawMessage `json:"initializationOptions,omitempty"`
	Capabilities          struct {
		Workspace struct {
			WorkspaceEdit struct {
				DocumentChanges    bool     `json:"documentChanges"`
				ResourceOperations []string `json:"resourceOperations"`
			} `json:"workspaceEdit"`
			DidChangeWatchedFiles struct {
				DynamicRegistration bool `json:"dynamicRegistration"`
			} `json:"didChangeWatchedFiles"`
			Diagnostics struct {
				RefreshSupport bool `json:"refreshSupport"`
			} `json:"diagnostics"`
		} `json:"workspace"`
		Window struct {
			WorkDoneProgress bool `json:"workDoneProgress"`
			ShowDocument     struct {
				Support bool `json:"support"`
			} `json:"showDocument"`
		} `json:"window"`
		TextDocument struct {
			// Diagnostic is present when the client pulls diagnostics
			// (LSP 3.17: VS Code, Neovim ≥ 0.10).
			Diagnostic *json.RawMessage `json:"diagnostic"`
		} `json:"textDocument"`
	} `json:"capabilities"`
}

// diagnosticData rides along each published diagnostic so code actions
// find the finding (and its fixes) that produced it.
type diagnosticData struct {
	Version int32 `json:"version"`
	Index   int   `json:"index"`
}
