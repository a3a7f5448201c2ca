; db = sqlite3.connect("app.db")
(assignment
  left: (identifier) @binding.name
  right: (_) @binding.value) @binding

; with httpx.Client() as client: ...
(as_pattern
  (_) @binding.value
  alias: (as_pattern_target
    (identifier) @binding.name)) @binding

; a, b = x(), y()
(assignment
  left: (pattern_list) @binding.name
  right: (_) @binding.value) @binding

; (p1, p2) = (Path("a"), Path("b"))
(assignment
  left: (tuple_pattern) @binding.name
  right: (_) @binding.value) @binding
