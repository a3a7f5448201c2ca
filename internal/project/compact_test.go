package project

import (
	"reflect"
	"testing"
	"unsafe"

	"github.com/rtlint/rtlint/internal/semantic"
)

func TestCompactKeepsTheSummary(t *testing.T) {
	s := &Summary{
		Path: "app.py",
		Funcs: []Func{
			{Key: "", Name: "app.py", Sites: []Site{{Target: semantic.Target{Module: "helpers", Name: "load"}, Text: "helpers.load()"}}},
			{Key: "f", Name: "f()", Desc: "async def f()", Handler: "route handler f()",
				Sites:  []Site{{Target: semantic.Target{Module: "helpers", Name: "load"}, Text: "helpers.load()", Callback: "loop.call_soon() callback"}},
				Blocks: []Block{{Rule: "RT101", Call: "time.sleep()"}, {Rule: "RT101", Call: "time.sleep()"}}},
		},
		Classes:       []Class{{Key: "C", Bases: []semantic.Target{{Module: "helpers", Name: "Base"}}}},
		Aliases:       map[string]semantic.Target{"load": {Module: "helpers", Name: "load"}},
		Star:          []string{"./x"},
		Routers:       []string{"router"},
		RouterImports: []semantic.Target{{Module: "routes", Name: "router"}},
	}
	want := &Summary{}
	*want = *s
	want.Funcs = append([]Func{}, s.Funcs...)
	s.Compact()
	if !reflect.DeepEqual(s.Path, want.Path) || !reflect.DeepEqual(s.Funcs, want.Funcs) || !reflect.DeepEqual(s.Aliases, want.Aliases) ||
		!reflect.DeepEqual(s.Classes, want.Classes) || !reflect.DeepEqual(s.RouterImports, want.RouterImports) {
		t.Fatalf("compacted summary differs:\n%+v\nwant\n%+v", s, want)
	}
	a, b := s.Funcs[0].Sites[0].Text, s.Funcs[1].Sites[0].Text
	if unsafe.StringData(a) != unsafe.StringData(b) {
		t.Error("equal strings are not shared")
	}
	if unsafe.StringData(s.Funcs[1].Blocks[0].Call) != unsafe.StringData(s.Funcs[1].Blocks[1].Call) {
		t.Error("equal block calls are not shared")
	}
}
