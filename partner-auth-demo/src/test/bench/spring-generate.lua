-- wrk -s spring-generate.lua http://127.0.0.1:PORT  (the Spring peer's mint)
-- POST /ott/generate, username=prm-user-N; passes when it is 200 with a token field.
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
  user = (user + 1) % c.USERS
  return reqs[user]
end

function response(status, headers, body)
  if status == 200 and c.field(body, "token") then
    c.turn_done()
  else
    c.fail(status, "without token", body)
  end
end

done = c.done("spring-generate")
