package lazyre

import "testing"

func TestCompiledOnFirstUse(t *testing.T) {
	bad := New(`(`) // not compiled yet: making it must not panic
	if bad.Check() == nil {
		t.Error("Check accepted a bad expression")
	}
	r := New(`^a(b+)$`)
	if !r.MatchString("abb") || r.MatchString("ac") || r.FindStringSubmatch("abbb")[1] != "bbb" {
		t.Error("lazy expression does not match as compiled")
	}
	if first := r.Re(); first != r.Re() {
		t.Error("compiled more than once")
	}
	if n, err := CheckAll(); err == nil || n < 2 {
		t.Errorf("CheckAll = %d, %v; want the bad expression's error", n, err)
	}
}
