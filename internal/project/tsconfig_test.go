package project

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestLoadTSConfig(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		load  string // the config to load
		want  TSConfig
	}{
		{
			name: "jsonc with baseUrl, paths kept in order",
			files: map[string]string{"tsconfig.json": `{
				// comments are allowed
				"compilerOptions": {
					/* and block comments */
					"baseUrl": "./src",
					"paths": {
						"~/*": ["./lib/*",],
						"@/*": ["./*", "./gen/*"],
						"config": ["./config/index.ts"],
					},
				},
			}`},
			load: "tsconfig.json",
			want: TSConfig{
				BaseURL: "src",
				Paths: []TSPath{
					{"~/*", []string{"./lib/*"}},
					{"@/*", []string{"./*", "./gen/*"}},
					{"config", []string{"./config/index.ts"}},
				},
				PathsBase: "src",
			},
		},
		{
			name:  "paths without baseUrl are relative to the config",
			files: map[string]string{"web/jsconfig.json": `{"compilerOptions": {"paths": {"@/*": ["./src/*"]}}}`},
			load:  "web/jsconfig.json",
			want:  TSConfig{Paths: []TSPath{{"@/*", []string{"./src/*"}}}, PathsBase: "web"},
		},
		{
			name:  "no compilerOptions",
			files: map[string]string{"tsconfig.json": `{"include": ["src"]}`},
			load:  "tsconfig.json",
			want:  TSConfig{},
		},
		{
			name: "child overrides paths; parent's baseUrl is relative to the parent",
			files: map[string]string{
				"configs/base.json": `{"compilerOptions": {"baseUrl": "../shared", "paths": {"x/*": ["*"]}}}`,
				"app/tsconfig.json": `{"extends": "../configs/base", "compilerOptions": {"paths": {"@/*": ["./src/*"]}}}`,
			},
			load: "app/tsconfig.json",
			want: TSConfig{BaseURL: "shared", Paths: []TSPath{{"@/*", []string{"./src/*"}}}, PathsBase: "shared"},
		},
		{
			name: "inherited paths without baseUrl stay relative to the parent",
			files: map[string]string{
				"configs/base.json": `{"compilerOptions": {"paths": {"@/*": ["./src/*"]}}}`,
				"app/tsconfig.json": `{"extends": "../configs/base.json"}`,
			},
			load: "app/tsconfig.json",
			want: TSConfig{Paths: []TSPath{{"@/*", []string{"./src/*"}}}, PathsBase: "configs"},
		},
		{
			name: "the child's baseUrl overrides and anchors inherited paths",
			files: map[string]string{
				"base.json":         `{"compilerOptions": {"baseUrl": ".", "paths": {"@/*": ["./src/*"]}}}`,
				"app/tsconfig.json": `{"extends": "../base.json", "compilerOptions": {"baseUrl": "./lib"}}`,
			},
			load: "app/tsconfig.json",
			want: TSConfig{BaseURL: "app/lib", Paths: []TSPath{{"@/*", []string{"./src/*"}}}, PathsBase: "app/lib"},
		},
		{
			name: "three-level chain",
			files: map[string]string{
				"a.json":          `{"compilerOptions": {"baseUrl": "./from-a"}}`,
				"b/b.json":        `{"extends": "../a.json", "compilerOptions": {"paths": {"b/*": ["*"]}}}`,
				"c/tsconfig.json": `{"extends": "../b/b.json"}`,
			},
			load: "c/tsconfig.json",
			want: TSConfig{BaseURL: "from-a", Paths: []TSPath{{"b/*", []string{"*"}}}, PathsBase: "from-a"},
		},
		{
			name: "extends array: later entries override earlier",
			files: map[string]string{
				"a.json":        `{"compilerOptions": {"baseUrl": "./a", "paths": {"a/*": ["*"]}}}`,
				"b.json":        `{"compilerOptions": {"baseUrl": "./b"}}`,
				"tsconfig.json": `{"extends": ["./a.json", "./b"]}`,
			},
			load: "tsconfig.json",
			want: TSConfig{BaseURL: "b", Paths: []TSPath{{"a/*", []string{"*"}}}, PathsBase: "b"},
		},
		{
			name: "package extends are ignored",
			files: map[string]string{
				"base.json": `{"compilerOptions": {"baseUrl": "./b"}}`,
				// "base.json" without ./ is a package name to TypeScript too.
				"tsconfig.json": `{"extends": ["@tsconfig/node18/tsconfig.json", "base.json", "./base.json", "@tsconfig/strictest"]}`,
			},
			load: "tsconfig.json",
			want: TSConfig{BaseURL: "b", PathsBase: "b"},
		},
		{
			name:  "a lone package extends",
			files: map[string]string{"tsconfig.json": `{"extends": "@tsconfig/node18/tsconfig.json", "compilerOptions": {"paths": {"@/*": ["./src/*"]}}}`},
			load:  "tsconfig.json",
			want:  TSConfig{Paths: []TSPath{{"@/*", []string{"./src/*"}}}, PathsBase: "."},
		},
		{
			name: "diamond is not a cycle",
			files: map[string]string{
				"root.json":     `{"compilerOptions": {"baseUrl": "./r"}}`,
				"a.json":        `{"extends": "./root.json"}`,
				"b.json":        `{"extends": "./root.json"}`,
				"tsconfig.json": `{"extends": ["./a.json", "./b.json"]}`,
			},
			load: "tsconfig.json",
			want: TSConfig{BaseURL: "r", PathsBase: "r"},
		},
		{
			name: "${configDir} is the loaded config's directory",
			files: map[string]string{
				"shared/base.json":  `{"compilerOptions": {"baseUrl": "${configDir}/src"}}`,
				"app/tsconfig.json": `{"extends": "../shared/base.json"}`,
			},
			load: "app/tsconfig.json",
			want: TSConfig{BaseURL: "app/src", PathsBase: "app/src"},
		},
		{
			name: "empty paths in the child override the parent's",
			files: map[string]string{
				"base.json":     `{"compilerOptions": {"paths": {"@/*": ["./src/*"]}}}`,
				"tsconfig.json": `{"extends": "./base.json", "compilerOptions": {"paths": {}}}`,
			},
			load: "tsconfig.json",
			want: TSConfig{Paths: []TSPath{}, PathsBase: "."},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			for rel, text := range tc.files {
				write(t, tmp, rel, text)
			}
			abs := func(rel string) string {
				if rel == "" {
					return ""
				}
				return filepath.Join(tmp, filepath.FromSlash(rel))
			}
			got, err := LoadTSConfig(abs(tc.load))
			if err != nil {
				t.Fatal(err)
			}
			want := tc.want
			want.Path, want.BaseURL, want.PathsBase = abs(tc.load), abs(want.BaseURL), abs(want.PathsBase)
			if !reflect.DeepEqual(*got, want) {
				t.Errorf("got  %+v\nwant %+v", *got, want)
			}
		})
	}
}

func TestLoadTSConfigErrors(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		load  string
		named []string // files the message must name
		cycle bool
	}{
		{
			name:  "malformed",
			files: map[string]string{"tsconfig.json": `{"compilerOptions": {"baseUrl": }`},
			load:  "tsconfig.json",
			named: []string{"tsconfig.json"},
		},
		{
			name: "malformed base",
			files: map[string]string{
				"base.json":     `{"compilerOptions": [}`,
				"tsconfig.json": `{"extends": "./base"}`,
			},
			load:  "tsconfig.json",
			named: []string{"tsconfig.json", "base.json"},
		},
		{
			name:  "wrong type",
			files: map[string]string{"tsconfig.json": `{"compilerOptions": {"baseUrl": 3}}`},
			load:  "tsconfig.json",
			named: []string{"tsconfig.json"},
		},
		{
			name:  "paths not an object",
			files: map[string]string{"tsconfig.json": `{"compilerOptions": {"paths": ["@/*"]}}`},
			load:  "tsconfig.json",
			named: []string{"tsconfig.json"},
		},
		{
			name:  "extends not a string",
			files: map[string]string{"tsconfig.json": `{"extends": 1}`},
			load:  "tsconfig.json",
			named: []string{"tsconfig.json"},
		},
		{
			name:  "missing base",
			files: map[string]string{"tsconfig.json": `{"extends": "./nope.json"}`},
			load:  "tsconfig.json",
			named: []string{"tsconfig.json", "nope.json"},
		},
		{
			name:  "missing file",
			files: map[string]string{},
			load:  "tsconfig.json",
			named: []string{"tsconfig.json"},
		},
		{
			name: "cycle",
			files: map[string]string{
				"a.json": `{"extends": "./b.json"}`,
				"b.json": `{"extends": "./a"}`,
			},
			load:  "a.json",
			named: []string{"a.json", "b.json"},
			cycle: true,
		},
		{
			name:  "extends itself",
			files: map[string]string{"tsconfig.json": `{"extends": "./tsconfig.json"}`},
			load:  "tsconfig.json",
			named: []string{"tsconfig.json"},
			cycle: true,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			for rel, text := range tc.files {
				write(t, tmp, rel, text)
			}
			_, err := LoadTSConfig(filepath.Join(tmp, tc.load))
			if err == nil {
				t.Fatal("no error")
			}
			for _, n := range tc.named {
				if p := filepath.Join(tmp, n); !strings.Contains(err.Error(), p) {
					t.Errorf("error %q does not name %s", err, p)
				}
			}
			if got := errors.Is(err, errExtendsCycle); got != tc.cycle {
				t.Errorf("errors.Is(err, errExtendsCycle) = %v; want %v (err %v)", got, tc.cycle, err)
			}
		})
	}
}

func TestFindTSConfig(t *testing.T) {
	tmp := t.TempDir()
	write(t, tmp, "outer/tsconfig.json", "{}")
	mkdir(t, tmp, "outer/proj/src/deep")
	write(t, tmp, "outer/proj/web/jsconfig.json", "{}")
	mkdir(t, tmp, "outer/proj/web/src")
	write(t, tmp, "outer/proj/both/tsconfig.json", "{}")
	write(t, tmp, "outer/proj/both/jsconfig.json", "{}")
	write(t, tmp, "outer/proj/pkg/tsconfig.json", "{}")
	mkdir(t, tmp, "outer/proj/pkg/a/jsconfig.json") // a directory, not a config
	root := filepath.Join(tmp, "outer/proj")

	tests := []struct{ dir, root, want string }{
		{"outer/proj/src/deep", root, ""}, // outer/tsconfig.json is above the root
		{"outer/proj/src/deep", "", "outer/tsconfig.json"},
		{"outer/proj/web/src", root, "outer/proj/web/jsconfig.json"},
		{"outer/proj/both", root, "outer/proj/both/tsconfig.json"},
		{"outer/proj/pkg/a", root, "outer/proj/pkg/tsconfig.json"},
		{"outer/proj", root, ""},
		{"outer", filepath.Join(tmp, "outer"), "outer/tsconfig.json"},
	}
	for _, tc := range tests {
		want := ""
		if tc.want != "" {
			want = filepath.Join(tmp, tc.want)
		}
		if got := FindTSConfig(filepath.Join(tmp, tc.dir), tc.root); got != want {
			t.Errorf("FindTSConfig(%s, %q) = %q; want %q", tc.dir, tc.root, got, want)
		}
	}
}
