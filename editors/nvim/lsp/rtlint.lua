-- rtlint language server configuration for Neovim 0.11+.
--
-- Put this file on your 'runtimepath' as lsp/rtlint.lua (for example
-- ~/.config/nvim/lsp/rtlint.lua), then enable it from init.lua:
--
--   vim.lsp.enable('rtlint')
--
-- Override any field with vim.lsp.config('rtlint', { ... }), e.g.
--
--   vim.lsp.config('rtlint', {
--     settings = { rtlint = { select = { 'RT1' }, ignore = { 'RT105' } } },
--   })
--
-- The settings table is sent to the server with
-- workspace/didChangeConfiguration once the server is initialized.

---@type vim.lsp.Config
return {
  cmd = { 'rtlint', 'server' },
  filetypes = {
    'python',
    'javascript',
    'javascriptreact',
    'typescript',
    'typescriptreact',
  },
  root_markers = { 'rtlint.toml', '.rtlint.toml', 'pyproject.toml', 'package.json', '.git' },
  settings = {
    rtlint = {},
  },
}
