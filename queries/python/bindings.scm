; db = sqlite3.connect("app.db")
(assignment
  left: (identifier) @binding.name
  right: (_) @binding.value) @binding

; with httpx.Client() as client: ...
(as_pattern
  (_) @binding.value
  alias: (as_pattern_target
    (identifier) @binding.name)) @binding
