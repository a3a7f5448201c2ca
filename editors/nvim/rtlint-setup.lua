-- rtlint language server setup for Neovim 0.8 - 0.10 (vim.lsp.start).
-- On Neovim 0.11+ use lsp/rtlint.lua with vim.lsp.enable('rtlint') instead.
--
-- Use: copy this file to ~/.config/nvim/lua/rtlint_setup.lua and put
--
--   require('rtlint_setup').setup()
--
-- in init.lua. Every field of the argument is optional:
--
--   require('rtlint_setup').setup({
--     cmd = { '/path/to/rtlint', 'server', '--log-file', 'auto' },
--     settings = { rtlint = { select = { 'RT1' }, ignore = { 'RT105' } } },
--   })
--
-- (Or paste the body into init.lua and call M.setup() at the end.)

local M = {}

M.defaults = {
  name = 'rtlint',
  cmd = { 'rtlint', 'server' },
  filetypes = {
    'python',
    'javascript',
    'javascriptreact',
    'typescript',
    'typescriptreact',
  },
  root_markers = { 'rtlint.toml', 'pyproject.toml', 'package.json', '.git' },
  settings = { rtlint = {} },
}

local uv = vim.uv or vim.loop

-- find_root returns the nearest directory at or above the file `fname`
-- that holds one of `markers`, or the file's own directory when none does.
function M.find_root(fname, markers)
  markers = markers or M.defaults.root_markers
  local dir = vim.fn.fnamemodify(fname, ':p:h')
  local start = dir
  while dir and dir ~= '' do
    for _, marker in ipairs(markers) do
      if uv.fs_stat(dir .. '/' .. marker) then
        return dir
      end
    end
    local parent = vim.fn.fnamemodify(dir, ':h')
    if parent == dir then
      break
    end
    dir = parent
  end
  return start
end

function M.setup(opts)
  local config = vim.tbl_deep_extend('force', M.defaults, opts or {})
  local group = vim.api.nvim_create_augroup('rtlint_lsp', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = config.filetypes,
    desc = 'Start or attach the rtlint language server',
    callback = function(args)
      local fname = vim.api.nvim_buf_get_name(args.buf)
      if fname == '' or vim.bo[args.buf].buftype ~= '' then
        return
      end
      -- vim.lsp.start reuses a running client with the same name and
      -- root_dir, so one server runs per project.
      vim.lsp.start({
        name = config.name,
        cmd = config.cmd,
        root_dir = M.find_root(fname, config.root_markers),
        settings = config.settings,
      }, { bufnr = args.buf })
    end,
  })
end

return M
