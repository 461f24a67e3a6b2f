-- wrk script for wijkhub's canonical operations (bench/queries/*.graphql).
--
-- Every request is a POST /graphql with {"query": ..., "variables": ...} and
-- a bearer token. Settings come from the environment (bench/run.sh sets them):
--
--   BENCH_OP          q1 | q2 | q3 | m1
--   BENCH_QUERY_FILE  the operation (# comment lines are dropped)
--   BENCH_THREADS     wrk's -t (m1 gives each thread its own share of projects)
--   BENCH_TOKEN       q1, q2, q3: the reader's token (a partner EDITOR)
--   BENCH_WIJKEN      q1: number of wijken; codes W001..W<n> (at most 120 are used)
--   BENCH_CURSORS     q2: one start cursor per line ("null" = the first page),
--                     from a full walk of the sync order made just before
--   BENCH_IDS         q3: one project id (UUID) per line, all readable by the reader
--   BENCH_M1_LIST     m1: "id<TAB>version<TAB>org code" per line, read from the
--                     database just before the run
--   BENCH_M1_TOKENS   m1: "org code<TAB>token" per line (EDITOR of that LEAD organisation)
--   BENCH_RESULT      file that done() writes its one-line JSON result to
--
-- m1: thread t of T updates lines t+1, t+1+T, ... of the list, each once with
-- the version read, in the name of the project's own LEAD organisation. If a
-- thread runs out of lines it starts its share again expecting version + 1
-- (every earlier update succeeded, or the error count says otherwise).
--
-- Counted as an error: HTTP status other than 200, socket errors and
-- timeouts, a body without "data", a body with "errors", and a null root
-- field ({"data":{"wijk":null}}). M1 CONFLICTs are counted separately too.

local thread_list = {}
local thread_count = 0

function setup(thread)
  thread:set("tid", thread_count)
  thread_count = thread_count + 1
  table.insert(thread_list, thread)
end

local function slurp(path)
  local f = assert(io.open(path, "r"), "cannot open " .. tostring(path))
  local text = f:read("*a")
  f:close()
  return text
end

local function quote(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    if c == '"' then return '\\"' end
    if c == "\\" then return "\\\\" end
    if c == "\n" then return "\\n" end
    return string.format("\\u%04x", c:byte())
  end) .. '"'
end

local function operation_text(path)
  local kept = {}
  for line in slurp(path):gmatch("[^\n]+") do
    if not line:match("^%s*#") then kept[#kept + 1] = line end
  end
  -- the operations hold no string literals, so whitespace can be collapsed
  return (table.concat(kept, " "):gsub("%s+", " "):gsub("^ ", ""):gsub(" $", ""))
end

local function lines(path)
  local out = {}
  for line in slurp(path):gmatch("[^\n]+") do out[#out + 1] = line end
  return out
end

local op, head, wijken, cursors, ids
local m1_items, m1_tokens, m1_next, m1_lap
local sent = 0
errors = 0
conflicts = 0
error_sample = ""

function init(args)
  op = os.getenv("BENCH_OP") or error("BENCH_OP not set")
  head = '{"query":' .. quote(operation_text(os.getenv("BENCH_QUERY_FILE"))) .. ',"variables":'
  math.randomseed(4242 + 7919 * tid)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Accept"] = "application/json"
  if op ~= "m1" then
    wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_TOKEN") or error("BENCH_TOKEN not set"))
  end
  if op == "q1" then
    wijken = math.min(tonumber(os.getenv("BENCH_WIJKEN") or "120"), 120)
  elseif op == "q2" then
    cursors = {}
    for _, c in ipairs(lines(os.getenv("BENCH_CURSORS"))) do
      cursors[#cursors + 1] = (c == "null") and '{"after":null}' or ('{"after":' .. quote(c) .. '}')
    end
    assert(#cursors > 0, "no cursors")
  elseif op == "q3" then
    ids = {}
    for _, id in ipairs(lines(os.getenv("BENCH_IDS"))) do ids[#ids + 1] = '{"id":"' .. id .. '"}' end
    assert(#ids > 0, "no ids")
  elseif op == "m1" then
    m1_tokens = {}
    for _, l in ipairs(lines(os.getenv("BENCH_M1_TOKENS"))) do
      local code, token = l:match("^([^\t]+)\t(.+)$")
      m1_tokens[code] = "Bearer " .. token
    end
    local threads = tonumber(os.getenv("BENCH_THREADS") or "1")
    m1_items = {}
    for i, l in ipairs(lines(os.getenv("BENCH_M1_LIST"))) do
      if (i - 1) % threads == tid then
        local id, version, code = l:match("^([^\t]+)\t(%d+)\t(.+)$")
        assert(m1_tokens[code], "no token for " .. tostring(code))
        m1_items[#m1_items + 1] = { id = id, version = tonumber(version), auth = m1_tokens[code] }
      end
    end
    assert(#m1_items > 0, "no projects to update")
    m1_next, m1_lap = 0, 0
  else
    error("unknown BENCH_OP " .. op)
  end
end

function request()
  sent = sent + 1
  if op == "q1" then
    return wrk.format(nil, nil, nil, head .. string.format('{"code":"W%03d"}}', math.random(1, wijken)))
  elseif op == "q2" then
    return wrk.format(nil, nil, nil, head .. cursors[math.random(1, #cursors)] .. "}")
  elseif op == "q3" then
    return wrk.format(nil, nil, nil, head .. ids[math.random(1, #ids)] .. "}")
  end
  m1_next = m1_next + 1
  if m1_next > #m1_items then m1_next, m1_lap = 1, m1_lap + 1 end
  local item = m1_items[m1_next]
  local body = head .. string.format('{"id":"%s","version":%d,"summary":"bench update %d-%d"}}',
    item.id, item.version + m1_lap, tid, sent)
  return wrk.format(nil, nil, {
    ["Host"] = wrk.headers["Host"],
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json",
    ["Authorization"] = item.auth,
  }, body)
end

function response(status, headers, body)
  local bad = status ~= 200
    or not body:find('"data"', 1, true)
    or body:find('"errors"', 1, true)
    or body:find('^%s*{%s*"data"%s*:%s*{%s*"[^"]+"%s*:%s*null')
  if bad then
    errors = errors + 1
    if body:find('"CONFLICT"', 1, true) then conflicts = conflicts + 1 end
    if error_sample == "" then
      error_sample = string.format("HTTP %d: %s", status, body:sub(1, 300))
    end
  end
end

function done(summary, latency, requests)
  local app_errors, app_conflicts, sample = 0, 0, ""
  for _, t in ipairs(thread_list) do
    app_errors = app_errors + (t:get("errors") or 0)
    app_conflicts = app_conflicts + (t:get("conflicts") or 0)
    if sample == "" then sample = t:get("error_sample") or "" end
  end
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  -- wrk counts non-2xx/3xx statuses in e.status; response() already counted them
  local secs = summary.duration / 1e6
  local out = string.format(
    '{"requests":%d,"duration_s":%.3f,"rps":%.1f,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,' ..
    '"max_ms":%.3f,"mean_ms":%.3f,"errors":%d,"app_errors":%d,"conflicts":%d,"socket_errors":%d,' ..
    '"bytes":%d,"error_sample":%s}',
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, latency.mean / 1000,
    app_errors + socket, app_errors, app_conflicts, socket, summary.bytes, quote(sample))
  local path = os.getenv("BENCH_RESULT")
  if path and path ~= "" then
    local f = assert(io.open(path, "w"))
    f:write(out, "\n")
    f:close()
  end
  io.write(out, "\n")
end
