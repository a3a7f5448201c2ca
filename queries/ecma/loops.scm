; for (let i = 0; i < 1e6; i++) {}
(for_statement) @loop

; for (const x of xs) {} / for await (const x of xs) {}
(for_in_statement
  left: (_) @loop.target
  right: (_) @loop.header) @loop

; while (Date.now() < end) {}
(while_statement
  condition: (_) @loop.header) @loop

; do {} while (busy)
(do_statement
  condition: (_) @loop.header) @loop
