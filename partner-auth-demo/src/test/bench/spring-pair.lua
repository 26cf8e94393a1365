-- wrk -s spring-pair.lua http://127.0.0.1:PORT      (the Spring peer's pair)
-- POST /ott/generate (200 with token), then POST /login/ott token=...: passes when it is Spring's
-- success redirect (302 whose Location has no "error"; a refusal is a 302 to /login?error).
local dir = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local c = dofile(dir .. "common.lua")
local reqs, user = {}, 0

function init(args)
  for i = 0, c.USERS - 1 do
    reqs[i] = c.post("/ott/generate", "application/x-www-form-urlencoded", "username=prm-user-" .. i)
  end
  user = c.first_user()
end

function request()
  local queued = c.next_queued()
  if queued then return queued end
  user = (user + 1) % c.USERS
  return reqs[user]
end

function response(status, headers, body)
  local token = status == 200 and c.field(body, "token")
  if token then
    c.follow(c.post("/login/ott", "application/x-www-form-urlencoded", "token=" .. token))
    return
  end
  local location = c.header(headers, "Location")
  if status == 302 and location and not string.find(location, "error", 1, true) then
    c.turn_done()
  else
    c.fail(status, "neither a token nor a redirect without error", body)
  end
end

done = c.done("spring-pair")
