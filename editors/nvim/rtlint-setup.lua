-- rtlint language server setup for Neovim 0.7 - 0.10 (vim.lsp.start on
-- 0.8+, vim.lsp.start_client on 0.7). On Neovim 0.11+ use lsp/rtlint.lua
-- with vim.lsp.enable('rtlint') instead.
--
-- Use: copy this file to ~/.config/nvim/lua/rtlint_setup.lua and put
--
--   require('rtlint_setup').setup()
--
-- in init.lua. Every field of the argument is optional; fields other than
-- filetypes and root_markers (on_attach, capabilities, ...) go to the
-- client as given:
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
  root_markers = { 'rtlint.toml', '.rtlint.toml', 'pyproject.toml', 'package.json', '.git' },
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

-- clients maps a root directory to its client on Neovim 0.7, which has no
-- vim.lsp.start to find a running client for a project.
local clients = {}

-- start attaches buffer `bufnr` to the project's server, starting it when
-- none runs for root_dir: one server per project.
function M.start(config, bufnr)
  if vim.lsp.start then
    return vim.lsp.start(config, { bufnr = bufnr })
  end
  local id = clients[config.root_dir]
  local client = id and vim.lsp.get_client_by_id(id)
  if not client or client.is_stopped() then
    id = vim.lsp.start_client(config)
    if not id then
      return nil
    end
    clients[config.root_dir] = id
  end
  vim.lsp.buf_attach_client(bufnr, id)
  return id
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
      -- Everything else in the config (on_attach, capabilities, ...) goes
      -- to the client as given.
      local client_config = vim.tbl_extend('force', {}, config)
      client_config.filetypes, client_config.root_markers = nil, nil
      client_config.root_dir = M.find_root(fname, config.root_markers)
      M.start(client_config, args.buf)
    end,
  })
end

return M
