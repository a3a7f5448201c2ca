package project

import (
	"path/filepath"
	"testing"
)

// fakeFS is an exists func over a fixed set of slash paths.
func fakeFS(paths ...string) func(string) bool {
	set := map[string]bool{}
	for _, p := range paths {
		set[filepath.FromSlash(p)] = true
	}
	return func(p string) bool { return set[p] }
}

func TestResolveECMA(t *testing.T) {
	// tsconfig at /p with "@/*" → ./src/* and no baseUrl.
	pathsOnly := &TSConfig{
		Path:      "/p/tsconfig.json",
		Paths:     []TSPath{{"@/*", []string{"./src/*"}}},
		PathsBase: "/p",
	}
	// tsconfig at /p with baseUrl ./src, so paths are relative to it.
	withBase := &TSConfig{
		Path:    "/p/tsconfig.json",
		BaseURL: "/p/src",
		Paths: []TSPath{
			{"@/*", []string{"*"}},
			{"@/components/*", []string{"ui/*"}},
			{"@/exact", []string{"special/one"}},
			{"lib/*", []string{"missing/*", "vendor/*"}},
			{"dep/*", []string{"../node_modules/dep/*"}},
			{"#*.svc", []string{"services/*"}},
			{"a*b*", []string{"never"}}, // two stars: invalid
			{"cfg/*", []string{"${configDir}/config/*"}},
		},
		PathsBase: "/p/src",
	}

	files := fakeFS(
		"/p/src/a.ts",
		"/p/src/b.ts",
		"/p/src/b.js", // emitted beside b.ts: the source wins
		"/p/src/only.js",
		"/p/src/c.tsx",
		"/p/src/m.mts",
		"/p/src/n.cts",
		"/p/src/comp/index.tsx",
		"/p/src/index.ts",
		"/p/src.ts", // "." must not find this
		"/p/src/both.ts",
		"/p/src/both.js",
		"/p/lib/u.ts",
		"/p/src/utils/x.ts",
		"/p/src/ui/Button.tsx",
		"/p/src/components/Button.tsx",
		"/p/src/special/one.ts",
		"/p/src/vendor/v.js",
		"/p/src/services/auth.ts",
		"/p/config/db.ts",
		"/p/src/express/index.ts",
		"/p/node_modules/dep/index.js",
		"/p/node_modules/dep/x.ts",
		"/p/src/styles.css",
	)
	from := "/p/src/a.ts"

	tests := []struct {
		name, spec string
		ts         *TSConfig
		want       string
	}{
		{"relative with extension", "./b.ts", nil, "/p/src/b.ts"},
		{"relative without extension", "./b", nil, "/p/src/b.ts"},
		{"relative .tsx", "./c", nil, "/p/src/c.tsx"},
		{"relative js only", "./only", nil, "/p/src/only.js"},
		{"parent dir", "../lib/u", nil, "/p/lib/u.ts"},
		{"redundant segments cleaned", "./comp/../b", nil, "/p/src/b.ts"},
		{"index file", "./comp", nil, "/p/src/comp/index.tsx"},
		{"trailing slash is a directory", "./comp/", nil, "/p/src/comp/index.tsx"},
		{"dot is the directory's index", ".", nil, "/p/src/index.ts"},
		{"dotdot", "..", nil, ""},
		{".js means .ts", "./a.js", nil, "/p/src/a.ts"},
		{".js means .tsx", "./c.js", nil, "/p/src/c.tsx"},
		{".jsx means .tsx", "./c.jsx", nil, "/p/src/c.tsx"},
		{".mjs means .mts", "./m.mjs", nil, "/p/src/m.mts"},
		{".cjs means .cts", "./n.cjs", nil, "/p/src/n.cts"},
		{"existing .js is taken as written", "./both.js", nil, "/p/src/both.js"},
		{"absolute", "/p/lib/u", nil, "/p/lib/u.ts"},
		{"missing", "./nope", nil, ""},
		{"non-module file", "./styles.css", nil, ""},
		{"relative into node_modules", "../node_modules/dep", nil, ""},
		{"relative into node_modules file", "../node_modules/dep/x.ts", nil, ""},
		{"bare without tsconfig", "express", nil, ""},
		{"builtin", "node:fs", nil, ""},

		{"paths without baseUrl", "@/utils/x", pathsOnly, "/p/src/utils/x.ts"},
		{"paths index", "@/comp", pathsOnly, "/p/src/comp/index.tsx"},
		{"paths miss, no baseUrl", "@/nope", pathsOnly, ""},
		{"bare with paths only", "utils/x", pathsOnly, ""},
		{"bare package", "express", pathsOnly, ""},

		{"paths with baseUrl", "@/utils/x", withBase, "/p/src/utils/x.ts"},
		{"longest prefix wins", "@/components/Button", withBase, "/p/src/ui/Button.tsx"},
		{"exact pattern wins", "@/exact", withBase, "/p/src/special/one.ts"},
		{"targets tried in order", "lib/v", withBase, "/p/src/vendor/v.js"},
		{"suffix pattern", "#auth.svc", withBase, "/p/src/services/auth.ts"},
		{"two-star pattern never matches", "aXbY", withBase, ""},
		{"${configDir} target", "cfg/db", withBase, "/p/config/db.ts"},
		{"paths target in node_modules", "dep/x", withBase, ""},
		{"baseUrl fallback", "utils/x", withBase, "/p/src/utils/x.ts"},
		{"relative ignores paths", "./utils/x", withBase, "/p/src/utils/x.ts"},
		{"bare resolved under baseUrl", "express", withBase, "/p/src/express/index.ts"},
		{"bare package with baseUrl", "react", withBase, ""},
		{"builtin with baseUrl", "node:fs", withBase, ""},
		{"empty", "", withBase, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			want := filepath.FromSlash(tc.want)
			if got := ResolveECMA(tc.spec, filepath.FromSlash(from), tc.ts, files); got != want {
				t.Errorf("ResolveECMA(%q) = %q; want %q", tc.spec, got, want)
			}
		})
	}
}

// TestResolveECMADisk loads a real tsconfig and resolves against the
// filesystem (exists == nil).
func TestResolveECMADisk(t *testing.T) {
	tmp := t.TempDir()
	write(t, tmp, "tsconfig.base.json", `{
		"compilerOptions": {
			"baseUrl": ".", // relative to this file
			"paths": {"@app/*": ["packages/app/src/*"]},
		},
	}`)
	cfg := write(t, tmp, "packages/app/tsconfig.json", `{"extends": "../../tsconfig.base.json"}`)
	main := write(t, tmp, "packages/app/src/main.ts", "")
	util := write(t, tmp, "packages/app/src/util/index.ts", "")
	shared := write(t, tmp, "shared/log.js", "")
	mkdir(t, tmp, "packages/app/src/dir.ts") // a directory, not a file

	ts, err := LoadTSConfig(cfg)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ spec, want string }{
		{"@app/util", util},
		{"./util", util},
		{"shared/log", shared},
		{"./dir", ""},
		{"react", ""},
	}
	for _, tc := range tests {
		if got := ResolveECMA(tc.spec, main, ts, nil); got != tc.want {
			t.Errorf("ResolveECMA(%q) = %q; want %q", tc.spec, got, tc.want)
		}
	}
}
