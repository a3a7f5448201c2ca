-- Headless end-to-end test of the rtlint language server in Neovim.
-- Written for Neovim 0.7.2 (vim.lsp.start_client + buf_attach_client), the
-- oldest Neovim the test machines have; it also runs on newer versions.
--
-- Run by nvim_test.go as
--   nvim --headless -u NONE -c 'luafile test/test.lua' <fixture.py>
-- with these environment variables:
--   RTLINT_BIN         the rtlint binary under test
--   RTLINT_NVIM_DIR    editors/nvim (holds lsp/rtlint.lua, rtlint-setup.lua)
--   RTLINT_EXPECT_ROOT the directory the root markers should select
--
-- It prints "ok: <step>" lines and, at the end, "RTLINT_NVIM_E2E_OK" on
-- stdout, then quits with status 0; on any failure it prints "FAIL: ..."
-- and quits with status 1. (An uncaught Lua error would exit 0, hence the
-- pcall around everything.)

local TIMEOUT = 20000
local FIX_TITLE = 'Use await asyncio.sleep()'

local function say(s)
  io.stdout:write(s .. '\n')
  io.stdout:flush()
end

local function env(name)
  local v = os.getenv(name)
  if v == nil or v == '' then
    error('environment variable ' .. name .. ' is not set')
  end
  return v
end

local function check(cond, msg)
  if not cond then
    error(msg, 2)
  end
end

local function rt101(bufnr)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if code == 'RT101' then
      table.insert(found, d)
    end
  end
  return found
end

local function buffer_text(bufnr)
  return table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
end

local function main()
  local bin = env('RTLINT_BIN')
  local dir = env('RTLINT_NVIM_DIR')
  local expect_root = env('RTLINT_EXPECT_ROOT')

  -- The shipped configurations are what is tested.
  local config = dofile(dir .. '/lsp/rtlint.lua')
  local setup = dofile(dir .. '/rtlint-setup.lua')
  check(type(config) == 'table', 'lsp/rtlint.lua did not return a table')
  check(vim.deep_equal(config.cmd, { 'rtlint', 'server' }), 'unexpected cmd ' .. vim.inspect(config.cmd))
  check(vim.deep_equal(config.filetypes, setup.defaults.filetypes), 'filetypes differ between lsp/rtlint.lua and rtlint-setup.lua')
  check(vim.deep_equal(config.root_markers, setup.defaults.root_markers), 'root_markers differ between lsp/rtlint.lua and rtlint-setup.lua')
  check(vim.deep_equal(config.settings, setup.defaults.settings), 'settings differ between lsp/rtlint.lua and rtlint-setup.lua')
  for _, marker in ipairs({ 'rtlint.toml', '.rtlint.toml', 'pyproject.toml' }) do
    check(vim.tbl_contains(config.root_markers, marker), marker .. ' is not a root marker')
  end
  say('ok: loaded lsp/rtlint.lua and rtlint-setup.lua')

  local bufnr = vim.api.nvim_get_current_buf()
  local fname = vim.api.nvim_buf_get_name(bufnr)
  check(fname:match('%.py$'), 'current buffer is not the Python fixture: ' .. fname)

  -- The 0.7-0.10 setup, for real: its FileType autocmd starts the server
  -- (vim.lsp.start_client on 0.7, vim.lsp.start on 0.8+) and attaches the
  -- buffer.
  local exited = nil
  local setup_ok, setup_err = pcall(function()
    setup.setup({
      cmd = { bin, 'server' },
      on_exit = function(code, signal)
        exited = { code = code, signal = signal }
      end,
    })
    -- -u NONE turns filetype detection off; setting it fires FileType, and
    -- the filetype becomes the LSP languageId.
    vim.bo[bufnr].filetype = 'python'
  end)
  check(setup_ok, 'rtlint-setup.lua: ' .. tostring(setup_err))
  check(vim.tbl_contains(config.filetypes, vim.bo[bufnr].filetype), 'python is not in the config filetypes')
  -- Neovim 0.7 lists a client once it is initialized.
  vim.wait(TIMEOUT, function() return next(vim.lsp.buf_get_clients(bufnr)) ~= nil or exited ~= nil end, 50)
  check(not exited, 'the server exited while starting: ' .. vim.inspect(exited))
  local attached = vim.lsp.buf_get_clients(bufnr)
  local client_id
  for id, c in pairs(attached) do
    check(c.name == 'rtlint', 'unexpected client ' .. tostring(c.name))
    check(client_id == nil, 'more than one client attached')
    client_id = id
  end
  check(client_id, 'rtlint-setup.lua attached no client to the Python buffer')
  local started = vim.lsp.get_client_by_id(client_id)
  check(vim.deep_equal(started.config.cmd, { bin, 'server' }), 'client cmd: ' .. vim.inspect(started.config.cmd))
  check(vim.deep_equal(started.config.settings, config.settings), 'client settings: ' .. vim.inspect(started.config.settings))

  local root = setup.find_root(fname, config.root_markers)
  check(vim.fn.resolve(root) == vim.fn.resolve(expect_root), string.format('root_dir %q, want %q', root, expect_root))
  check(started.config.root_dir == root, string.format('client root_dir %q, want %q', tostring(started.config.root_dir), root))
  say('ok: rtlint-setup.lua started rtlint for python with root_dir ' .. root)

  -- A second buffer of the same project joins the same server.
  local other = vim.api.nvim_create_buf(true, false)
  vim.api.nvim_buf_set_name(other, vim.fn.fnamemodify(fname, ':h') .. '/other.py')
  vim.bo[other].filetype = 'python'
  vim.wait(TIMEOUT, function() return next(vim.lsp.buf_get_clients(other)) ~= nil end, 50)
  local joined = vim.lsp.buf_get_clients(other)
  check(joined[client_id] ~= nil and vim.tbl_count(joined) == 1, 'second buffer clients: ' .. vim.inspect(vim.tbl_keys(joined)))
  say('ok: a second buffer of the project shares the server')

  local initialized = vim.wait(TIMEOUT, function()
    local c = vim.lsp.get_client_by_id(client_id)
    return (c and c.initialized) or exited ~= nil
  end, 50)
  check(initialized and not exited, 'server did not initialize' .. (exited and (' (exited with ' .. tostring(exited.code) .. ')') or ''))
  local client = vim.lsp.get_client_by_id(client_id)
  say('ok: server initialized')

  check(vim.wait(TIMEOUT, function() return #rt101(bufnr) > 0 or exited ~= nil end, 50),
    'no RT101 diagnostic; diagnostics: ' .. vim.inspect(vim.diagnostic.get(bufnr)))
  check(not exited, 'server exited')
  local diag = rt101(bufnr)[1]
  check(diag.source == 'rtlint', 'RT101 diagnostic source is ' .. tostring(diag.source))
  local lnum = diag.lnum
  local line = vim.api.nvim_buf_get_lines(bufnr, lnum, lnum + 1, false)[1]
  check(line:find('time.sleep(1)', 1, true), 'RT101 is not on the time.sleep line: ' .. line)
  say(string.format('ok: RT101 from rtlint on line %d: %s', lnum + 1, diag.message))

  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = {
      start = { line = lnum, character = 0 },
      ['end'] = { line = lnum, character = #line },
    },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, lnum) },
  }
  local responses, err = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, TIMEOUT)
  check(responses, 'codeAction request failed: ' .. tostring(err))
  local response = responses[client_id]
  check(response, 'no codeAction response from rtlint')
  check(not response.error, 'codeAction error: ' .. vim.inspect(response.error))
  local action
  local titles = {}
  for _, a in ipairs(response.result or {}) do
    table.insert(titles, a.title)
    if a.title == FIX_TITLE then
      action = a
    end
  end
  check(action, string.format('no %q code action; got %s', FIX_TITLE, vim.inspect(titles)))
  check(action.kind == 'quickfix', 'fix kind is ' .. tostring(action.kind))
  check(action.edit, 'the fix has no edit')
  say('ok: code actions ' .. table.concat(titles, ' | '))

  vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding or 'utf-16')
  local text = buffer_text(bufnr)
  check(text:find('await asyncio.sleep(1)', 1, true), 'fix not applied, buffer:\n' .. text)
  check(text:find('import asyncio', 1, true), 'import not added, buffer:\n' .. text)
  check(not text:find('time.sleep(1)', 1, true), 'time.sleep(1) still in buffer:\n' .. text)
  say('ok: fix applied')

  -- The edit was sent to the server with didChange; it re-lints.
  check(vim.wait(TIMEOUT, function() return #rt101(bufnr) == 0 or exited ~= nil end, 50),
    'RT101 still reported after the fix: ' .. vim.inspect(rt101(bufnr)))
  check(not exited, 'server exited after the edit')
  say('ok: RT101 gone after the fix')

  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return exited ~= nil end, 50)
  check(exited and exited.code == 0, 'server exit after shutdown: ' .. vim.inspect(exited))
  say('ok: server shut down with status 0')
end

local ok, err = pcall(main)
if ok then
  say('RTLINT_NVIM_E2E_OK')
  vim.cmd('qall!')
else
  say('FAIL: ' .. tostring(err))
  io.stderr:write('FAIL: ' .. tostring(err) .. '\n')
  vim.cmd('cquit 1')
end
