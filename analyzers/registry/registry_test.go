package registry_test

import (
	"testing"

	"github.com/rtlint/rtlint/analyzers"
	"github.com/rtlint/rtlint/analyzers/registry"
	"github.com/rtlint/rtlint/internal/semantic"
)

func TestValidate(t *testing.T) {
	if err := analyzers.Validate(registry.All()); err != nil {
		t.Fatal(err)
	}
}

func TestQueriesCompile(t *testing.T) {
	if err := semantic.CheckQueries(); err != nil {
		t.Fatal(err)
	}
}

func TestByCode(t *testing.T) {
	if a := registry.ByCode("RT101"); a == nil || a.Name != "blocking-sleep" {
		t.Fatalf("ByCode(RT101) = %v", a)
	}
	if registry.ByCode("RT999") != nil {
		t.Fatal("ByCode(RT999) should be nil")
	}
}
