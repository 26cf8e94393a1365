-- Shared by the wrk scripts beside it (bare.lua, auth.lua, pair.lua, landing.lua,
-- spring-generate.lua, spring-pair.lua): a turn is one or more chained requests, every reply is
-- checked (status and the field that proves success), and done() prints one parseable line:
--
--   wrk-turns LABEL turns N turns/s X requests N non-2xx/3xx N failed-checks N socket-errors N errors N
--     req-p50-ms X req-p90-ms X req-p99-ms X req-max-ms X
--
-- errors = failed checks (every non-2xx/3xx reply is one) + socket errors (connect, read, write,
-- timeout); peer-run.sh refuses a round whose errors are not 0. A failed turn is abandoned and
-- the connection starts a new one; only turns whose every reply passed are counted in turns/s.
--
-- Chaining: wrk's response() is per thread and does not say which of the thread's connections a
-- reply came on (replies of several connections arrive in one event-loop pass before any of them
-- is asked for its next request). So a step's follow-up (open/quote with the token just minted,
-- the landing GET of the URL just answered, /login/ott with the token just generated) goes into a
-- queue of the thread, and request() sends the oldest queued follow-up before it starts a new
-- turn. Each reply is recognised by what it carries (a token, a launch URL, a redirect), which
-- is unambiguous for these endpoints; every follow-up is sent exactly once, on the next
-- connection of the thread that is free, from the same client address. With as many threads as
-- connections (peer-run.sh's WRK_THREADS=CONNS), that is the reply's own connection.
--
-- Loopback only: peer-run.sh passes 127.0.0.1 URLs; the scripts add no host of their own.

local M = {}

M.USERS = 1000
-- well-formed but issued by nobody: what bare.lua sends, the size of a real authenticate body
M.UNISSUED_KEY = "pak_AbCdEfGh1234_0123456789012345678901abcdef"

function M.authenticate_body(key, i)
  return '{"authentication":"' .. key .. '","user_information":{"type":"partner",'
    .. '"user_id":"prm-user-' .. i .. '","login":"user' .. i .. '@partner.example",'
    .. '"email":"user' .. i .. '@partner.example","name":"Partner User ' .. i .. '",'
    .. '"company":"Partner Co"}}'
end

-- the key list of the command line: one key, or several separated by commas (one per partner:
-- since issue 22 a partner may have at most maxOutstandingTokensPerPartner, 10 000 by default,
-- tokens minted in two token lifetimes, so a load of thousands of mints a second needs many
-- partners, as a host with many partners sees it); user i signs in with key i mod n
function M.keys(arg)
  local keys = {}
  for k in string.gmatch(assert(arg, "needs the partner key(s): wrk ... -- KEY[,KEY...]"), "[^,]+") do
    keys[#keys + 1] = k
  end
  assert(#keys > 0, "no partner key given")
  return keys
end

function M.key_for(keys, i)
  return keys[i % #keys + 1]
end

local B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
local B64_VALUE = {}
for i = 1, 64 do B64_VALUE[string.byte(B64, i)] = i - 1 end

-- base64url without padding to a string (nil for a character outside the alphabet)
function M.base64url_decode(text)
  local out, bits, count = {}, 0, 0
  for i = 1, #text do
    local v = B64_VALUE[string.byte(text, i)]
    if v == nil then return nil end
    bits = bits * 64 + v
    count = count + 6
    if count >= 8 then
      count = count - 8
      local byte = math.floor(bits / 2 ^ count)
      out[#out + 1] = string.char(byte)
      bits = bits - byte * 2 ^ count
    end
  end
  return table.concat(out)
end

-- a string claim of an access token (nil when absent), read without checking anything: the server
-- checks; this only picks opportunities that the token's partner ("prt") and user ("sub") own
function M.token_claim(token, name)
  local payload = string.match(token, "^[^.]+%.([^.]+)%.")
  local json = payload and M.base64url_decode(payload)
  return json and string.match(json, '"' .. name .. '":"([^"]+)"')
end

function M.host()
  return wrk.headers["Host"]
end

function M.post(path, content_type, body, extra)
  local h = { ["Host"] = M.host(), ["Content-Type"] = content_type }
  if extra then
    for k, v in pairs(extra) do h[k] = v end
  end
  return wrk.format("POST", path, h, body)
end

-- a browser's top-level navigation from the partner's portal, on a first visit (no cookie)
function M.navigate(path_and_query)
  return wrk.format("GET", path_and_query, {
    ["Host"] = M.host(),
    ["Accept"] = "text/html",
    ["Sec-Fetch-Mode"] = "navigate",
    ["Sec-Fetch-Dest"] = "document",
    ["Sec-Fetch-Site"] = "cross-site",
  }, nil)
end

function M.header(headers, name)
  local lower = string.lower(name)
  for k, v in pairs(headers) do
    if string.lower(k) == lower then return v end
  end
  return nil
end

-- a JSON string field's value (the bodies checked here are flat and never escape a quote in it)
function M.field(body, name)
  if body == nil then return nil end
  return string.match(body, '"' .. name .. '":"([^"]+)"')
end

-- per-thread state; the thread's globals, so that done() reads them with thread:get()
turns = 0
failed = 0
first_failure = ""
local queue, head, tail = {}, 1, 0

function M.follow(req)
  tail = tail + 1
  queue[tail] = req
end

function M.next_queued()
  if head > tail then return nil end
  local req = queue[head]
  queue[head] = nil
  head = head + 1
  return req
end

function M.turn_done()
  turns = turns + 1
end

-- a reply that proves no step: never the content of a successful reply (it may hold a token)
function M.fail(status, why, body)
  failed = failed + 1
  if first_failure == "" then
    local shown = ""
    if status >= 400 and body then shown = " " .. string.sub(body, 1, 200) end
    first_failure = "HTTP " .. status .. " " .. why .. shown
  end
end

local threads = {}
local next_id = 0

function setup(thread)
  thread:set("thread_id", next_id)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function M.first_user()
  -- each thread starts at its own place among the users
  return (thread_id or 0) * 97 % M.USERS
end

function M.done(label)
  return function(summary, latency, requests)
    local t, f, why = 0, 0, ""
    for _, thread in ipairs(threads) do
      t = t + (thread:get("turns") or 0)
      f = f + (thread:get("failed") or 0)
      local w = thread:get("first_failure") or ""
      if why == "" then why = w end
    end
    local e = summary.errors
    local socket = e.connect + e.read + e.write + e.timeout
    local secs = summary.duration / 1e6
    io.write(string.format(
      "wrk-turns %s turns %d turns/s %.1f requests %d non-2xx/3xx %d failed-checks %d socket-errors %d errors %d"
        .. " req-p50-ms %.2f req-p90-ms %.2f req-p99-ms %.2f req-max-ms %.2f\n",
      label, t, t / secs, summary.requests, e.status, f, socket, f + socket,
      latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000))
    if why ~= "" then io.write("wrk-first-failure " .. label .. ": " .. why .. "\n") end
  end
end

return M
