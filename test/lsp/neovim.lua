-- Attaches agent-risk's language server to one file in headless Neovim (its built-in LSP client) and writes the
-- diagnostics it receives as "line:column rule" lines. Run by neovim.test.ts; paths come from the environment.
vim.cmd('filetype on')
local root = os.getenv('AR_ROOT')
local file = os.getenv('AR_FILE')
local out = os.getenv('AR_OUT')
local client_id = vim.lsp.start_client({
  name = 'agent-risk',
  cmd = { os.getenv('AR_NODE'), os.getenv('AR_BIN'), 'lsp', '--stdio' },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'examples' } },
})
vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(bufnr, client_id)
vim.wait(60000, function() return #vim.diagnostic.get(bufnr) > 0 end, 100)
local lines = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or '?'
  table.insert(lines, string.format('%d:%d %s %s', d.lnum + 1, d.col, code, d.source or ''))
end
vim.fn.writefile(lines, out)
vim.lsp.stop_client(client_id)
vim.cmd('qa!')
