// Package jsonlib holds the RT3xx rules: JSON serialised the slow way —
// stdlib json in server code (RT301), FastAPI replies built by hand
// (RT302), Pydantic models round-tripped through dicts (RT303) and Fastify
// routes without a response schema (RT304).
package jsonlib

import (
	"github.com/rtlint/rtlint/internal/semantic"
)

// webFrameworks are the imports that make a Python module server code
// (SPEC §2 "server code").
var webFrameworks = []string{"fastapi", "starlette", "flask", "quart", "django", "aiohttp.web", "sanic", "litestar", "tornado", "falcon"}

// isServerCode reports whether a Python module imports a web framework.
func isServerCode(m *semantic.Model) bool { return m.ImportsModule(webFrameworks...) }

// pydanticModule reports whether the module works with Pydantic models,
// which makes `.dict()` and `Model(**data)` Pydantic calls.
func pydanticModule(m *semantic.Model) bool {
	return m.ImportsModule("pydantic", "fastapi", "sqlmodel")
}
