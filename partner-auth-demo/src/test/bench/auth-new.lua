-- wrk -s auth-new.lua http://127.0.0.1:PORT -- KEY[,KEY...]  (first sign-ins only)
-- POST /api/v1/authenticate/user, each request for a user the demo has never seen
-- (prm-new-<run>-<thread>-<n>), so every call takes the user store's insert path; a reply passes when it
-- is 200 with an access_token. For profiling the first sign-in (cost-run.sh MODES=auth-new); it
-- grows the user table by one row per request, so keep its runs short.
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local c = dofile(dir .. "common.lua")
local keys, n, run = nil, 0, ""

function init(args)
  keys = c.keys(args[1])
  -- a new set of users for every run of the script (runs start seconds apart)
  run = tostring(os.time())
end

function request()
  n = n + 1
  local id = "new-" .. run .. "-" .. (thread_id or 0) .. "-" .. n
  local body = '{"authentication":"' .. c.key_for(keys, n) .. '","user_information":{"type":"partner",'
    .. '"user_id":"prm-' .. id .. '","login":"' .. id .. '@partner.example",'
    .. '"email":"' .. id .. '@partner.example","name":"Partner User ' .. id .. '",'
    .. '"company":"Partner Co"}}'
  return c.post("/api/v1/authenticate/user", "application/json", body)
end

function response(status, headers, body)
  if status == 200 and c.field(body, "access_token") then
    c.turn_done()
  else
    c.fail(status, "without access_token", body)
  end
end

done = c.done("auth-new")
